//! The timetable in words: the transition finding (过渡期) and a step's timing as the 变更
//! list and the exports show it (「2025-03-01 起 · 市编委〔2025〕3号」).

use super::Lang;
use super::names::Names;
use crate::analysis::finding::message::{RuleMessage, StepRef};
use crate::plan::Timing;

/// A transition finding's message (after the rule's name).
pub fn phrase(message: &RuleMessage, names: &Names<'_>, lang: Lang) -> String {
    let RuleMessage::Transition {
        power,
        place,
        doubled,
        bodies,
        from,
        to,
        opened,
        closed,
    } = message
    else {
        return String::new();
    };
    let (p, place) = (names.power_coded(power), names.place(place, Lang::Zh));
    let (a, b) = (step(opened, lang), step(closed, lang));
    match (lang, doubled) {
        (Lang::Zh, false) => format!(
            "{place}：{p} 自 {from} 起至 {to} 前无主办单位——{a}生效后停止行使，{b}生效才接手；过渡期本身不违反某一法条，但其间该事项无人依法实施，为管理盲区（处罚事项即无人可罚）"
        ),
        (Lang::Zh, true) => format!(
            "{place}：{p} 自 {from} 起至 {to} 前由 {} 同时主办——{a}生效后即有新的主办单位，{b}生效才停止原主办；过渡期本身不违反某一法条，但其间为多头执法（处罚事项可能一事两罚）",
            names.bodies(bodies, lang)
        ),
        (Lang::En, false) => format!(
            "{place}: {p} has no lead body from {from} until {to}: {a} stops it, {b} takes it up; the transition breaks no article by itself, but for that time nobody exercises the power, a gap in management (管理盲区: a penalty nobody may impose)"
        ),
        (Lang::En, true) => format!(
            "{place}: {p} is led by both {} from {from} until {to}: {a} gives it a new lead, {b} ends the old one; the transition breaks no article by itself, but for that time enforcement is doubled (多头执法: one act may be penalised twice)",
            names.bodies(bodies, lang)
        ),
    }
}

/// A step as a finding names it: 「第 3 步（市编委〔2025〕3号，2025-03-01 生效）」.
fn step(step: &StepRef, lang: Lang) -> String {
    let n = step.step;
    let (date, doc) = (step.date, &step.document);
    match (lang, doc.is_empty()) {
        (Lang::Zh, true) => format!("第 {n} 步（{date} 生效）"),
        (Lang::Zh, false) => format!("第 {n} 步（{doc}，{date} 生效）"),
        (Lang::En, true) => format!("step {n} (effective {date})"),
        (Lang::En, false) => format!("step {n} ({doc}, effective {date})"),
    }
}

/// A step's timing in a line: 「2025-03-01 起 · 市编委〔2025〕3号」, 「2025-03-01 起」, the
/// document alone, or empty for an undated step without a document.
pub fn timing(timing: &Timing, lang: Lang) -> String {
    let date = timing.effective.map(|d| match lang {
        Lang::Zh => format!("{d} 起"),
        Lang::En => format!("from {d}"),
    });
    date.into_iter()
        .chain((!timing.document.is_empty()).then(|| timing.document.clone()))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The heading of the effective date's column: 生效日期 / Effective.
pub fn effective_heading(lang: Lang) -> &'static str {
    lang.pick("生效日期", "Effective")
}

/// The heading of the document's column: 文号 / Document.
pub fn document_heading(lang: Lang) -> &'static str {
    lang.pick("文号", "Document")
}
