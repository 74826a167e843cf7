//! What an edit of a body or a power sets, as the window's 变更 list says it after 「修改 X：」:
//! 「名称改为 …」, 「核定编制 12」, 「主管部门改为 上级机构」. The exports say only that a record was
//! edited (「修改 X 的信息」), so these are the window's alone.

use super::style::Say;
use super::{Label, Lang};
use crate::plan::{BodyEdit, PowerEdit};

/// What an edit of a body sets.
pub(super) fn body_edit(edit: &BodyEdit, say: &Say<'_, '_>) -> String {
    let lang = say.lang();
    let set = |zh: &str, en: &str, value: &str| lang.pick(zh, en).to_owned() + value;
    match edit {
        BodyEdit::Name(n) => set("名称改为 ", "name → ", n),
        BodyEdit::Kind(k) => set("类型改为 ", "kind → ", k.label(lang)),
        BodyEdit::Parent(_) => lang.pick("调整隶属关系", "parent changed").to_owned(),
        BodyEdit::Tags(_) => lang.pick("调整标签", "tags changed").to_owned(),
        BodyEdit::Staffing(s) => set("核定编制 ", "staffing → ", &s.slots().to_string()),
        BodyEdit::BudgetWan(w) => format!(
            "{}{w}{}",
            lang.pick("预算改为 ", "budget → "),
            lang.pick(" 万元", "0k yuan")
        ),
        BodyEdit::Standing(s) => set(
            "主体资格改为 ",
            "standing → ",
            s.map_or_else(
                || lang.pick("按类型默认", "the kind's default"),
                |s| s.label(lang),
            ),
        ),
        BodyEdit::Supervisor(s) => set(
            "主管部门改为 ",
            "supervisor → ",
            &s.as_ref().map_or_else(
                || lang.pick("上级机构", "its parent").to_owned(),
                |s| say.body(s),
            ),
        ),
    }
}

/// What an edit of a power sets.
pub(super) fn power_edit(edit: &PowerEdit, lang: Lang) -> String {
    let set = |zh: &str, en: &str, value: &str| lang.pick(zh, en).to_owned() + value;
    match edit {
        PowerEdit::Name(n) => set("名称改为 ", "name → ", n),
        PowerEdit::Kind(k) => set("类型改为 ", "kind → ", k.label(lang)),
        PowerEdit::Field(f) => set("领域改为 ", "field → ", f),
        PowerEdit::Basis(_) => lang.pick("修改实施依据", "legal basis changed").to_owned(),
        PowerEdit::Matter(_) => lang.pick("修改事项归类", "matter changed").to_owned(),
    }
}
