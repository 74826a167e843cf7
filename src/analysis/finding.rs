//! Findings: an overlap, a gap or a broken rule, located at a power, a jurisdiction and bodies,
//! with a one-line message in either language.

use serde::Serialize;

use crate::lang::Lang;
use crate::model::{BodyId, JurisdictionId, PowerId, State};

/// What sort of finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// 多头执法: two or more lead bodies for one (power, district).
    Overlap,
    /// 管理盲区: no lead body for one (power, district).
    Gap,
    /// A reform principle broken.
    Rule,
}

impl FindingKind {
    /// The name in a language.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FindingKind::Overlap => lang.pick("多头执法", "overlap"),
            FindingKind::Gap => lang.pick("管理盲区", "gap"),
            FindingKind::Rule => lang.pick("原则", "rule"),
        }
    }
}

/// How serious a finding is. `check` exits 1 when any finding is an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Must be fixed before the plan is adopted.
    Error,
    /// Should be looked at.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// The name in a language.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.pick("错误", "error"),
            Severity::Warning => lang.pick("警告", "warning"),
            Severity::Info => lang.pick("提示", "info"),
        }
    }
}

/// Why a finding was raised, with what its message needs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Several lead bodies.
    Overlap,
    /// No lead body.
    Gap,
    /// Under a level split (分级管辖), nobody leads one tier of cases.
    TierGap {
        /// The tier nobody leads.
        missing: crate::model::Cases,
    },
    /// A source body of a concentration still leads the power.
    ConcentratedSource {
        /// The barred source bodies that still lead it, sorted.
        sources: Vec<BodyId>,
    },
    /// A reform rule, with its message in both languages.
    Rule {
        /// 中文
        zh: String,
        /// English
        en: String,
    },
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    /// Overlap, gap or rule.
    pub kind: FindingKind,
    /// How serious.
    pub severity: Severity,
    /// The power concerned, if one.
    pub power: Option<PowerId>,
    /// The jurisdiction concerned, if one.
    pub jurisdiction: Option<JurisdictionId>,
    /// The bodies concerned, sorted.
    pub bodies: Vec<BodyId>,
    /// The rule id, where a rule raised it.
    pub rule: Option<String>,
    /// Why.
    pub reason: Reason,
}

impl Finding {
    /// Where the finding is, as text: its kind, its power's code and its jurisdiction's id
    /// (empty when it has none), owned so that findings of two states compare as values.
    pub fn located(&self) -> (FindingKind, String, String) {
        let text = |id: Option<&str>| id.unwrap_or_default().to_owned();
        (
            self.kind,
            text(self.power.as_ref().map(PowerId::as_str)),
            text(self.jurisdiction.as_ref().map(JurisdictionId::as_str)),
        )
    }

    /// The one-line message, naming things by their names in `state`.
    pub fn message(&self, state: &State, lang: Lang) -> String {
        let power = self
            .power
            .as_ref()
            .map(|p| {
                state
                    .power(p)
                    .map_or_else(|| p.to_string(), |p| format!("{}（{}）", p.name, p.code))
            })
            .unwrap_or_default();
        let place = self
            .jurisdiction
            .as_ref()
            .map(|j| place_name(state, j, lang))
            .unwrap_or_default();
        let names = |ids: &[BodyId]| {
            ids.iter()
                .map(|b| {
                    state
                        .body(b)
                        .map_or_else(|| b.to_string(), |b| b.name.clone())
                })
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", "))
        };
        let bodies = names(&self.bodies);
        match (&self.reason, lang) {
            (Reason::Overlap, Lang::Zh) => format!("{place}：{power} 由 {bodies} 同时主办"),
            (Reason::Overlap, Lang::En) => {
                format!(
                    "{place}: {power} is led by {} bodies at once: {bodies}",
                    self.bodies.len()
                )
            }
            (Reason::Gap, Lang::Zh) => format!("{place}：{power} 无主办单位"),
            (Reason::Gap, Lang::En) => format!("{place}: nobody leads {power}"),
            (Reason::TierGap { missing }, Lang::Zh) => format!(
                "{place}：{power} 实行分级管辖，{bodies} 只办理{}，{}无主办单位",
                missing.other().label_zh(),
                missing.label_zh()
            ),
            (Reason::TierGap { missing }, Lang::En) => format!(
                "{place}: {power} is split by tier; {bodies} take only the {}, and nobody leads the {}",
                missing.other().label_en(),
                missing.label_en()
            ),
            (Reason::ConcentratedSource { sources }, Lang::Zh) => format!(
                "【集中后回流】{place}：{power} 已相对集中行使，原部门 {} 仍在行使，其作出的处罚无效（《行政处罚法》第十八条第二款、第三十八条）",
                names(sources)
            ),
            (Reason::ConcentratedSource { sources }, Lang::En) => format!(
                "[concentration relapse] {place}: {power} was concentrated, yet its former holder {} still exercises it; its penalties would be invalid (Administrative Penalty Law arts. 18(2), 38)",
                names(sources)
            ),
            (Reason::Rule { zh, .. }, Lang::Zh) => zh.clone(),
            (Reason::Rule { en, .. }, Lang::En) => en.clone(),
        }
    }
}

/// A jurisdiction's name; a street's with its district's (「甲区东街道」), since two districts may
/// each have a street of one name.
pub fn place_name(state: &State, id: &JurisdictionId, lang: Lang) -> String {
    let Some(j) = state.jurisdiction(id) else {
        return id.to_string();
    };
    match state
        .district_of(id)
        .filter(|d| *d != id)
        .and_then(|d| state.jurisdiction(d))
    {
        Some(district) => match lang {
            Lang::Zh => format!("{}{}", district.name, j.name),
            Lang::En => format!("{}, {}", j.name, district.name),
        },
        None => j.name.clone(),
    }
}
