//! Operations as sentences: one set for the window and the exports. The window writes a step as
//! a reform plan does, in either language: 「将 市园林绿化管理所 下划至 甲区，随带编制 23 名」. The
//! exports' 变更清单 writes it tersely in Chinese beside its 操作 word ([`operation_kind`]):
//! 「市园林绿化管理所 划至 甲区」, each power as 「名称（编码）」 so that a reader finds it in the
//! list. The two wordings sit side by side in each operation's function ([`Style`]); what they
//! share is written once: the names ([`Names`]), a list of a few names, an approval, the
//! direction of a move, the slots moved, the holdings (`holding.rs`) and the edits (`edits.rs`).

use std::cmp::Ordering;

use super::names::{Names, list_separator};
use super::style::{Say, Style};
use super::{Label, Lang, edits, holding};
use crate::model::{Approval, Body, BodyId, JurisdictionId, Power, PowerId, SlotKind};
use crate::plan::{Operation, TransferMode};
use crate::session::history::Entry;

/// The sentence of one history entry, as the window shows it.
pub fn entry_sentence(entry: &Entry, names: &Names<'_>, lang: Lang) -> String {
    operation(&entry.operation, Some(entry), names, Style::Window(lang))
}

/// The sentence of one operation; `entry` supplies what the operation changed, when known (the
/// body it moved or removed, the holding it changed).
pub fn operation(op: &Operation, entry: Option<&Entry>, names: &Names<'_>, style: Style) -> String {
    let say = Say {
        names,
        entry,
        style,
    };
    match op {
        Operation::MoveBody { body, to } => say.move_body(body, to),
        Operation::TransferPower {
            power,
            from,
            to,
            mode,
            approval,
        } => say.transfer_power(power, (from, to), *mode, approval.as_ref()),
        Operation::CreateBody { body } => say.create_body(body),
        Operation::MergeBodies { from, into } => say.merge(from, into),
        Operation::SplitBody {
            body,
            new_body,
            powers,
        } => say.split(body, new_body, powers.len()),
        Operation::AbolishBody { body } => say.abolish(body),
        Operation::MoveStaffing {
            from,
            to,
            kind,
            count,
            people,
        } => say.move_staffing((from, to), *kind, *count, *people),
        Operation::EditBody { body, edit } => {
            say.edited(&say.body(body), || edits::body_edit(edit, &say))
        }
        Operation::EditPower { power, edit } => {
            say.edited(&say.power(power), || edits::power_edit(edit, say.lang()))
        }
        Operation::SetHolding { holding } => holding::set_holding(&say, holding),
        Operation::RemoveHolding { power, body } => holding::remove_holding(&say, power, body),
        Operation::CreatePower { power } => say.create_power(power),
        Operation::RemovePower { power } => say.remove_power(power),
        Operation::GrantToStreets {
            powers,
            receivers,
            decision,
            evaluate_by,
        } => say.grant(powers, receivers, decision.as_ref(), evaluate_by),
        Operation::TakeBack { powers, receivers } => say.take_back(powers, receivers),
        Operation::RecordApproval {
            power,
            body,
            approval,
        } => say.record_approval(power, body, approval.as_ref()),
    }
}

/// The exports' 操作 word of an operation (下划, 划转, 新设机构 …), in Chinese; a move is 下划
/// unless its body left a lower level for a level as high or higher (上收).
pub fn operation_kind(op: &Operation, names: &Names<'_>) -> &'static str {
    match op {
        Operation::MoveBody { body, to } => match direction(names, None, body, to) {
            Some(Ordering::Less) | None => "下划",
            Some(Ordering::Equal | Ordering::Greater) => "上收",
        },
        Operation::TransferPower { mode, .. } => mode.label(Lang::Zh),
        Operation::CreateBody { .. } => "新设机构",
        Operation::MergeBodies { .. } => "合并",
        Operation::SplitBody { .. } => "拆分",
        Operation::AbolishBody { .. } => "撤销",
        Operation::MoveStaffing { .. } => "调剂编制",
        Operation::EditBody { .. } => "修改机构",
        Operation::EditPower { .. } => "修改事项",
        Operation::SetHolding { .. } => "设定职权",
        Operation::RemoveHolding { .. } => "取消职权",
        Operation::CreatePower { .. } => "新增事项",
        Operation::RemovePower { .. } => "取消事项",
        Operation::GrantToStreets { .. } => "赋权",
        Operation::TakeBack { .. } => "收回",
        Operation::RecordApproval { .. } => "批准决定",
    }
}

/// The level a body left compared with the level it goes to (`Less`: down, to a district or a
/// street), from where it was before the operation ([`Names::body_as_found`]); `None` when
/// either is unknown.
fn direction(
    names: &Names<'_>,
    entry: Option<&Entry>,
    body: &BodyId,
    to: &JurisdictionId,
) -> Option<Ordering> {
    let from = names.body_as_found(body, entry)?;
    Some(names.level(&from.jurisdiction)?.cmp(&names.level(to)?))
}

/// Up to three names of a list, and how many there are in all when more: 「甲、乙、丙等 5 项」 /
/// "A, B, C and 2 more".
fn few<T>(items: &[T], name: impl Fn(&T) -> String, lang: Lang) -> String {
    const SHOWN: usize = 3;
    let names = items
        .iter()
        .take(SHOWN)
        .map(name)
        .collect::<Vec<_>>()
        .join(list_separator(lang));
    match (lang, items.len() > SHOWN) {
        (_, false) => names,
        (Lang::Zh, true) => format!("{names}等 {} 项", items.len()),
        (Lang::En, true) => format!("{names} and {} more", items.len() - SHOWN),
    }
}

/// A decision as written: 「省人民政府 浙政函〔2024〕12号」.
fn decision(approval: &Approval) -> String {
    format!("{} {}", approval.authority, approval.document)
}

/// An approval noted after a transfer, in either language: 「（省人民政府 浙政函〔2024〕12号）」.
fn approval_note(approval: Option<&Approval>) -> String {
    approval.map_or_else(String::new, |x| format!("（{}）", decision(x)))
}

impl Say<'_, '_> {
    fn move_body(&self, body: &BodyId, to: &JurisdictionId) -> String {
        let (name, place) = (self.body(body), self.names.jurisdiction(to));
        let Style::Window(lang) = self.style else {
            return format!("{name} 划至 {place}");
        };
        let slots = self
            .names
            .body_as_found(body, self.entry)
            .map_or(0, |b| b.staffing.slots());
        let verb = match direction(self.names, self.entry, body, to) {
            Some(Ordering::Less) => lang.pick("下划至", "devolve to"),
            Some(Ordering::Greater) => lang.pick("上收至", "centralise to"),
            _ => lang.pick("调整至", "move to"),
        };
        match lang {
            Lang::Zh => format!("将 {name} {verb} {place}，随带编制 {slots} 名"),
            Lang::En => format!("{verb} {place}: {name}, with {slots} staffing slots"),
        }
    }

    fn transfer_power(
        &self,
        power: &PowerId,
        (from, to): (&BodyId, &BodyId),
        mode: TransferMode,
        approval: Option<&Approval>,
    ) -> String {
        let (p, a, b) = (self.power(power), self.body(from), self.body(to));
        let approved = approval_note(approval);
        let how = mode.label(self.lang());
        match self.style {
            Style::Window(Lang::Zh) => format!("将 {p} 由 {a} {how} 至 {b}{approved}"),
            Style::Window(Lang::En) => format!("{how} {p} from {a} to {b}{approved}"),
            Style::Export => format!("{p} 由 {a} {how}给 {b}{approved}"),
        }
    }

    fn create_body(&self, body: &Body) -> String {
        let (name, place) = (&body.name, self.names.jurisdiction(&body.jurisdiction));
        match self.style {
            Style::Window(Lang::Zh) => format!("在 {place} 新设 {name}"),
            Style::Window(Lang::En) => format!("create {name} in {place}"),
            Style::Export => format!("新设 {name}（{place}）"),
        }
    }

    fn merge(&self, from: &BodyId, into: &BodyId) -> String {
        let (a, b) = (self.body(from), self.body(into));
        match self.style {
            Style::Window(Lang::Zh) => format!("将 {a} 并入 {b}"),
            Style::Window(Lang::En) => format!("merge {a} into {b}"),
            Style::Export => format!("{a} 并入 {b}"),
        }
    }

    fn split(&self, body: &BodyId, new_body: &Body, powers: usize) -> String {
        let (a, new) = (self.body(body), &new_body.name);
        match self.style {
            Style::Window(Lang::Zh) => format!("从 {a} 分设 {new}，划出事项 {powers} 项"),
            Style::Window(Lang::En) => format!("split {new} off {a} with {powers} powers"),
            Style::Export => format!("自 {a} 分设 {new}，带走事项 {powers} 项"),
        }
    }

    fn abolish(&self, body: &BodyId) -> String {
        let a = self.body(body);
        match self.lang() {
            Lang::Zh => format!("撤销 {a}"),
            Lang::En => format!("abolish {a}"),
        }
    }

    fn move_staffing(
        &self,
        (from, to): (&BodyId, &BodyId),
        kind: SlotKind,
        count: u32,
        people: u32,
    ) -> String {
        let (a, b, lang) = (self.body(from), self.body(to), self.lang());
        let slots = kind.label(lang);
        let people = match (lang, people) {
            (_, 0) => String::new(),
            (Lang::Zh, n) => format!("，人员 {n} 名随编划转"),
            (Lang::En, n) => format!(", with {n} people"),
        };
        match self.style {
            Style::Window(Lang::Zh) => format!("从 {a} 调剂{slots} {count} 名给 {b}{people}"),
            Style::Window(Lang::En) => format!("move {count} {slots} from {a} to {b}{people}"),
            Style::Export => format!("{a} 调剂{slots} {count} 名给 {b}{people}"),
        }
    }

    /// An edit of a body or a power: the window says what changed, the exports only that it did.
    fn edited(&self, name: &str, what: impl FnOnce() -> String) -> String {
        match self.style {
            Style::Window(Lang::Zh) => format!("修改 {name}：{}", what()),
            Style::Window(Lang::En) => format!("edit {name}: {}", what()),
            Style::Export => format!("修改 {name} 的信息"),
        }
    }

    fn create_power(&self, power: &Power) -> String {
        let name = &power.name;
        match self.style {
            Style::Window(Lang::Zh) => format!("新增事项 {name}"),
            Style::Window(Lang::En) => format!("add power {name}"),
            Style::Export => format!("新增 {name}（{}）", power.code),
        }
    }

    fn remove_power(&self, power: &PowerId) -> String {
        let p = self.power(power);
        match self.style {
            Style::Window(Lang::Zh) => format!("取消事项 {p}"),
            Style::Window(Lang::En) => format!("remove power {p}"),
            Style::Export => format!("取消 {p}"),
        }
    }

    /// Up to three powers' names, and how many in all.
    fn few_powers(&self, powers: &[PowerId]) -> String {
        few(powers, |p| self.power(p), self.lang())
    }

    /// Up to three bodies' names, and how many in all.
    fn few_bodies(&self, bodies: &[BodyId]) -> String {
        few(bodies, |b| self.body(b), self.lang())
    }

    fn grant(
        &self,
        powers: &[PowerId],
        receivers: &[BodyId],
        decided: Option<&Approval>,
        evaluate_by: &str,
    ) -> String {
        let (p, r) = (self.few_powers(powers), self.few_bodies(receivers));
        let evaluate = match (self.lang(), evaluate_by.is_empty()) {
            (_, true) => String::new(),
            (Lang::Zh, false) => format!("，{evaluate_by} 前评估"),
            (Lang::En, false) => format!(", to be evaluated by {evaluate_by}"),
        };
        match self.style {
            Style::Window(Lang::Zh) => {
                format!("赋权 {p} 给 {r}{}{evaluate}", approval_note(decided))
            }
            Style::Window(Lang::En) => {
                let decided = decided.map_or_else(String::new, |x| format!(" ({})", decision(x)));
                format!("grant {p} to {r}{decided}{evaluate}")
            }
            Style::Export => {
                let decided =
                    decided.map_or_else(String::new, |x| format!("，依据：{}", decision(x)));
                format!("{p} 赋权给 {r}{decided}{evaluate}")
            }
        }
    }

    fn take_back(&self, powers: &[PowerId], receivers: &[BodyId]) -> String {
        let (p, r) = (self.few_powers(powers), self.few_bodies(receivers));
        match self.lang() {
            Lang::Zh => format!("从 {r} 收回 {p}"),
            Lang::En => format!("take {p} back from {r}"),
        }
    }

    fn record_approval(
        &self,
        power: &PowerId,
        body: &BodyId,
        approval: Option<&Approval>,
    ) -> String {
        let (p, a) = (self.power(power), self.body(body));
        let decided = approval.map(decision);
        match (self.style, decided) {
            (Style::Window(Lang::Zh), Some(x)) => {
                format!("记录 {p} 相对集中至 {a} 的批准决定：{x}")
            }
            (Style::Window(Lang::Zh), None) => format!("撤回 {p} 相对集中至 {a} 的批准记录"),
            (Style::Window(Lang::En), Some(x)) => {
                format!("record the approval of concentrating {p} into {a}: {x}")
            }
            (Style::Window(Lang::En), None) => {
                format!("clear the approval of concentrating {p} into {a}")
            }
            (Style::Export, Some(x)) => format!("{p} 相对集中至 {a}，批准：{x}"),
            (Style::Export, None) => format!("{p} 相对集中至 {a}，撤回批准记录"),
        }
    }
}
