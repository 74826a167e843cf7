//! Findings phrased: the one-line message of an overlap, a gap or a broken rule, in the language
//! asked, naming every id by its name in the state shown ([`FindingText`]); and the short form of
//! the exports' 问题 column ([`short_problem`]). The rules' own messages are in `rules.rs` and
//! `grants.rs`.

use super::names::Names;
use super::{Label, Lang, rules};
use crate::analysis::fixes::Fix;
use crate::analysis::{Finding, Reason};
use crate::model::State;

/// A finding's message.
pub trait FindingText {
    /// The one-line message, naming things by their names in `state`.
    fn message(&self, state: &State, lang: Lang) -> String;
}

impl FindingText for Finding {
    fn message(&self, state: &State, lang: Lang) -> String {
        let names = Names::of(state);
        let power = self
            .power
            .as_ref()
            .map(|p| names.power_coded(p))
            .unwrap_or_default();
        let place = self
            .jurisdiction
            .as_ref()
            .map(|j| names.place(j, lang))
            .unwrap_or_default();
        let bodies = names.bodies(&self.bodies, lang);
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
                missing.other().label(lang),
                missing.label(lang)
            ),
            (Reason::TierGap { missing }, Lang::En) => format!(
                "{place}: {power} is split by tier; {bodies} take only the {}, and nobody leads the {}",
                missing.other().label(lang),
                missing.label(lang)
            ),
            (Reason::ConcentratedSource { sources }, Lang::Zh) => format!(
                "【集中后回流】{place}：{power} 已相对集中行使，原部门 {} 仍在行使，其作出的处罚无效（《行政处罚法》第十八条第二款、第三十八条）",
                names.bodies(sources, lang)
            ),
            (Reason::ConcentratedSource { sources }, Lang::En) => format!(
                "[concentration relapse] {place}: {power} was concentrated, yet its former holder {} still exercises it; its penalties would be invalid (Administrative Penalty Law arts. 18(2), 38)",
                names.bodies(sources, lang)
            ),
            (Reason::Rule(message), _) => rules::phrase(message, &names, lang),
        }
    }
}

/// A finding in a few words, in Chinese, for an export's 问题 column (the place and the power are
/// the row's). `names` names the bodies as the export does.
pub fn short_problem(finding: &Finding, names: &Names<'_>) -> String {
    let lang = Lang::Zh;
    match &finding.reason {
        Reason::Overlap => format!("多头执法：{} 同时主办", names.bodies(&finding.bodies, lang)),
        Reason::Gap => "管理盲区：无主办单位".to_owned(),
        Reason::TierGap { missing } => format!("管理盲区：{}无主办单位", missing.label(lang)),
        Reason::ConcentratedSource { sources } => {
            format!(
                "已相对集中，原部门 {} 仍在行使",
                names.bodies(sources, lang)
            )
        }
        // A rule's message names things in the state it was raised in.
        Reason::Rule(message) => rules::phrase(message, &Names::of(names.now), lang),
    }
}

/// A suggested fix's description.
pub trait FixText {
    /// The description in a language.
    fn label(&self, lang: Lang) -> &str;
}

impl FixText for Fix {
    fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}
