//! The one trait that names a domain value in a language ([`Label`]), implemented here for the
//! kinds, roles, levels, modes, rules and finding kinds of the layers below, so that none of
//! them knows a language; and the way back from a word of a list to the value
//! ([`from_label`], [`parse_power_kind`]).

use super::Lang;
use crate::analysis::{FindingKind, Severity};
use crate::model::{BodyKind, Cases, Level, PowerKind, Role, SlotKind, Standing};
use crate::plan::TransferMode;
use crate::plan::rules::Rule;

/// A value's name in a language.
pub trait Label {
    /// The name in `lang`: the Chinese one as a 权责清单 or a plan writes it.
    fn label(&self, lang: Lang) -> &'static str;
}

/// The value of `all` whose name in `lang` is exactly `text`.
pub fn from_label<T: Label + Copy>(all: &[T], text: &str, lang: Lang) -> Option<T> {
    all.iter().copied().find(|v| v.label(lang) == text)
}

/// Reads a kind of power from its own names: the Chinese name (with or without 行政, 许可, 处罚),
/// the English id or label. The other spellings of published lists are in the importer's one
/// table (`io::import::spelling::KIND_SPELLINGS`).
pub fn parse_power_kind(text: &str) -> Option<PowerKind> {
    // A list writes the Chinese label as it is, row after row: that first.
    if let Some(kind) = from_label(&PowerKind::ALL, text, Lang::Zh) {
        return Some(kind);
    }
    let text = text.trim();
    let short = text.strip_prefix("行政").unwrap_or(text);
    PowerKind::ALL.into_iter().find(|kind| {
        let zh = kind.label(Lang::Zh);
        text == zh
            || short == zh.strip_prefix("行政").unwrap_or(zh)
            || text.eq_ignore_ascii_case(kind.id())
            || text.eq_ignore_ascii_case(kind.label(Lang::En))
    })
}

impl Label for FindingKind {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            FindingKind::Overlap => lang.pick("多头执法", "overlap"),
            FindingKind::Gap => lang.pick("管理盲区", "gap"),
            FindingKind::Rule => lang.pick("原则", "rule"),
        }
    }
}

impl Label for Severity {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.pick("错误", "error"),
            Severity::Warning => lang.pick("警告", "warning"),
            Severity::Info => lang.pick("提示", "info"),
        }
    }
}

impl Label for Role {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Role::Lead => lang.pick("主办", "lead"),
            Role::Assist => lang.pick("协办", "assist"),
            Role::Entrusted { .. } => lang.pick("受委托", "entrusted"),
        }
    }
}

impl Label for Cases {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Cases::Major => lang.pick("重大、跨区域案件", "major and cross-district cases"),
            Cases::Ordinary => lang.pick("一般案件", "ordinary cases"),
        }
    }
}

impl Label for BodyKind {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            BodyKind::Admin => lang.pick("行政机关", "government department"),
            BodyKind::Institution => lang.pick("事业单位", "public institution"),
            BodyKind::Enforcement => lang.pick("执法机构", "enforcement bureau"),
            BodyKind::Enterprise => lang.pick("企业", "contracted company"),
        }
    }
}

impl Label for Standing {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Standing::Organ => lang.pick("行政机关", "administrative organ"),
            Standing::Authorised => {
                lang.pick("法律法规授权的组织", "organisation authorised by law")
            }
            Standing::Institution => lang.pick(
                "事业单位（可受委托）",
                "public institution (may be entrusted)",
            ),
            Standing::Enterprise => lang.pick(
                "企业（仅购买服务）",
                "enterprise (contracted services only)",
            ),
        }
    }
}

impl Label for SlotKind {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            SlotKind::Admin => lang.pick("行政编制", "civil-service slots"),
            SlotKind::Institution => lang.pick("事业编制", "institution slots"),
        }
    }
}

impl Label for Level {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Level::City => lang.pick("市级", "city"),
            Level::District => lang.pick("区级", "district"),
            Level::Street => lang.pick("街道", "street"),
        }
    }
}

impl Label for PowerKind {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            PowerKind::Licence => lang.pick("行政许可", "licence"),
            PowerKind::Penalty => lang.pick("行政处罚", "penalty"),
            PowerKind::Coercion => lang.pick("行政强制", "coercive measure"),
            PowerKind::Levy => lang.pick("行政征收", "levy"),
            PowerKind::Benefit => lang.pick("行政给付", "benefit"),
            PowerKind::Inspection => lang.pick("行政检查", "inspection"),
            PowerKind::Confirmation => lang.pick("行政确认", "confirmation"),
            PowerKind::Reward => lang.pick("行政奖励", "reward"),
            PowerKind::Adjudication => lang.pick("行政裁决", "adjudication"),
            PowerKind::Other => lang.pick("其他行政权力", "other power"),
            PowerKind::Service => lang.pick("公共服务", "public service"),
        }
    }
}

impl Label for TransferMode {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            TransferMode::Transfer => lang.pick("划转", "transfer"),
            TransferMode::Entrust => lang.pick("委托", "entrust"),
            TransferMode::Authorise => lang.pick("授权", "authorise"),
            TransferMode::Concentrate => lang.pick("相对集中", "concentrate"),
            TransferMode::Grant => lang.pick("赋权", "grant to street"),
        }
    }
}

impl Label for Rule {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Rule::PlanningCentral => lang.pick("规划权集中", "planning stays central"),
            Rule::EnforcementConcentrated => lang.pick("执法集中", "enforcement concentrated"),
            Rule::StaffingFollowsDuties => {
                lang.pick("编随事走、人随编走", "staffing follows duties")
            }
            Rule::DutiesPowersPeopleMoney => {
                lang.pick("事权人财相统一", "duties, powers, people and money unified")
            }
            Rule::ApprovalEnforcementApart => {
                lang.pick("审管分离", "approval and enforcement apart")
            }
            Rule::SeenNotHandled => lang.pick("看得见管不着", "seen but not handled"),
            Rule::NoIdleBody => lang.pick("机构有事可干", "no body without duties"),
            Rule::LeadStanding => lang.pick("主体资格", "lead standing"),
            Rule::EntrustLimits => lang.pick("委托合法", "entrustment limits"),
            Rule::ConcentrationReceiver => lang.pick("集中主体", "concentration receiver"),
            Rule::ConcentrationRelapse => lang.pick("集中后回流", "concentration relapse"),
            Rule::PeopleFollowSlots => lang.pick("人随编走", "people follow slots"),
            Rule::GrantLimits => lang.pick("赋权合法", "grant limits"),
            Rule::GrantCapacity => lang.pick("赋权承接能力", "grant capacity"),
            Rule::GrantBundle => lang.pick("赋权配套", "grant bundle"),
            Rule::Transition => lang.pick("过渡期", "transition"),
        }
    }
}
