//! Review opinions phrased: each opinion as a row of the 审核意见 table (编号, 提出单位, 对象,
//! 意见, 状态, 日期, 答复), in the language asked, for the window's panel, the exports and
//! `shiquan review`. The object names the finding, step, body or power by its name in the state
//! the opinion was written on (then the baseline), and says when it no longer exists
//! (「对象已不存在」).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Label, Lang, Names, Style, operation};
use crate::model::{ScenarioId, State};
use crate::plan::rules::Rule;
use crate::plan::{FindingKey, Opinion, OpinionStatus, Plan, Target};
use crate::session::review::{Current, Whereabouts, steps_of, whereabouts};

/// One opinion as a row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpinionRow {
    /// 编号: the opinion's id.
    pub id: String,
    /// 提出单位.
    pub office: String,
    /// 方案: the state it was written on (现状 or the scenario's name).
    pub state: String,
    /// 对象: what it is about, named.
    pub target: String,
    /// The kind of target: `finding`, `operation`, `body` or `power`.
    pub target_kind: &'static str,
    /// Whether the target still exists.
    pub target_exists: bool,
    /// 意见.
    pub text: String,
    /// 状态, in the language asked.
    pub status: String,
    /// The status's id (`pending` …).
    pub status_id: &'static str,
    /// 日期.
    pub date: String,
    /// 答复: the reply with who gave it and when, empty when none.
    pub answer: String,
}

/// The column titles of the 审核意见 table, in the language asked.
pub fn opinion_headers(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Zh => ["编号", "提出单位", "对象", "意见", "状态", "日期", "答复"],
        Lang::En => [
            "No.", "Office", "Object", "Opinion", "Status", "Date", "Answer",
        ],
    }
}

/// What 「对象已不存在」 says.
pub fn gone_note(lang: Lang) -> &'static str {
    lang.pick("对象已不存在", "no longer exists")
}

/// Every opinion of the plan as a row, in the plan's order; `current` lends the state being
/// edited (see [`whereabouts`]).
pub fn opinion_rows(plan: &Plan, current: Option<Current<'_>>, lang: Lang) -> Vec<OpinionRow> {
    let found = whereabouts(plan, current);
    let mut states: BTreeMap<Option<ScenarioId>, Option<State>> = BTreeMap::new();
    plan.review
        .opinions
        .iter()
        .zip(found)
        .map(|(opinion, place)| {
            let lent = current
                .filter(|c| c.scenario == opinion.scenario.as_ref())
                .map(|c| c.state);
            let state = match lent {
                Some(state) => state,
                None => states
                    .entry(opinion.scenario.clone())
                    .or_insert_with(|| plan.state_of(opinion.scenario.as_ref()).ok())
                    .as_ref()
                    .unwrap_or(&plan.baseline),
            };
            let names = Names::new(state, &plan.baseline);
            row(plan, current, opinion, place, &names, lang)
        })
        .collect()
}

fn row(
    plan: &Plan,
    current: Option<Current<'_>>,
    opinion: &Opinion,
    place: Whereabouts,
    names: &Names<'_>,
    lang: Lang,
) -> OpinionRow {
    let mut target = target_text(plan, current, opinion, place, names, lang);
    if !place.is_present() {
        target = match lang {
            Lang::Zh => format!("{target}（{}）", gone_note(lang)),
            Lang::En => format!("{target} ({})", gone_note(lang)),
        };
    }
    OpinionRow {
        id: opinion.id.to_string(),
        office: opinion.office.clone(),
        state: state_name(plan, opinion.scenario.as_ref(), lang),
        target,
        target_kind: match opinion.target {
            Target::Finding(_) => "finding",
            Target::Operation { .. } => "operation",
            Target::Body(_) => "body",
            Target::Power(_) => "power",
        },
        target_exists: place.is_present(),
        text: opinion.text.clone(),
        status: status_label(opinion.status, lang).to_owned(),
        status_id: opinion.status.id(),
        date: opinion.date.to_string(),
        answer: opinion.answer.as_ref().map_or_else(String::new, |a| {
            let by = match lang {
                Lang::Zh => format!("{}（{}）", a.by, a.date),
                Lang::En => format!("{} ({})", a.by, a.date),
            };
            format!("{by}{}{}", lang.pick("：", ": "), a.text)
        }),
    }
}

/// A status's name in a language.
pub fn status_label(status: OpinionStatus, lang: Lang) -> &'static str {
    lang.pick(status.zh(), status.en())
}

/// The name of a state: 现状 (baseline), or the scenario's name (its id when it is gone).
pub fn state_name(plan: &Plan, scenario: Option<&ScenarioId>, lang: Lang) -> String {
    match scenario {
        None => lang.pick("现状", "baseline").to_owned(),
        Some(id) => plan
            .scenario(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone()),
    }
}

/// What an opinion is about, named.
fn target_text(
    plan: &Plan,
    current: Option<Current<'_>>,
    opinion: &Opinion,
    place: Whereabouts,
    names: &Names<'_>,
    lang: Lang,
) -> String {
    match &opinion.target {
        Target::Finding(key) => finding_text(key, names, lang),
        Target::Body(body) => format!("{}{}", lang.pick("机构：", "body: "), names.body(body)),
        Target::Power(power) => format!(
            "{}{}",
            lang.pick("事项：", "power: "),
            names.power_coded(power)
        ),
        Target::Operation { scenario, step, .. } => {
            let name = state_name(plan, Some(scenario), lang);
            let found = match place {
                Whereabouts::Present { step: Some(now) } => steps_of(plan, current, scenario)
                    .and_then(|steps| steps.get(now - 1))
                    .map(|step| (now, &step.operation)),
                _ => None,
            };
            match (found, lang) {
                (Some((now, op)), Lang::Zh) => format!(
                    "{name} 第{now}步：{}",
                    operation(op, None, names, Style::Window(lang))
                ),
                (Some((now, op)), Lang::En) => format!(
                    "{name}, step {now}: {}",
                    operation(op, None, names, Style::Window(lang))
                ),
                (None, Lang::Zh) => format!("{name} 原第{step}步"),
                (None, Lang::En) => format!("{name}, formerly step {step}"),
            }
        }
    }
}

/// A finding named by its key: its kind (or rule), its power and its place, and the bodies a
/// rule finding names.
pub fn finding_text(key: &FindingKey, names: &Names<'_>, lang: Lang) -> String {
    let kind = match (key.kind.as_str(), key.rule.as_deref()) {
        (_, Some(id)) => Rule::ALL
            .into_iter()
            .find(|r| r.id() == id)
            .map_or_else(|| id.to_owned(), |r| r.label(lang).to_owned()),
        ("overlap", None) => lang.pick("多头执法", "overlap").to_owned(),
        ("gap", None) => lang.pick("管理盲区", "gap").to_owned(),
        (other, None) => other.to_owned(),
    };
    let mut parts = vec![kind];
    parts.extend(key.power.as_ref().map(|p| names.power(p)));
    parts.extend(key.jurisdiction.as_ref().map(|j| names.place(j, lang)));
    if !key.bodies.is_empty() {
        parts.push(names.bodies(&key.bodies, lang));
    }
    parts.join(" · ")
}
