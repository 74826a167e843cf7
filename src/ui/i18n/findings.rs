//! The window's texts about findings that have numbers or names in them: a fix's preview (what it
//! changes, the counts before → after), the findings list's filter line, the status bar's
//! clickable counts and a district's gaps and overlaps in the inspector. Chinese first, English
//! for each. The explanation of a finding is the core's (`analysis::explain`), the sentence of a
//! holding change the operation sentences' ([`crate::text::holding_change`]).

use crate::analysis::{FindingCounts, FindingKind};
use crate::session::fix_preview::FixPreview;
use crate::text::{Label, Lang};

/// A count before → after, marked when it grows: "27 → 29 ▲".
fn change(before: usize, after: usize) -> String {
    let mark = match after.cmp(&before) {
        std::cmp::Ordering::Greater => " ▲",
        std::cmp::Ordering::Less => " ▼",
        std::cmp::Ordering::Equal => "",
    };
    format!("{before} → {after}{mark}")
}

/// A fix's counts before → after, one line: 「多头执法 3 → 2 ▼ · 管理盲区 5 → 5 · 原则 27 → 29 ▲」.
pub fn preview_counts(lang: Lang, before: FindingCounts, after: FindingCounts) -> String {
    let (o, g, r) = (
        change(before.overlaps, after.overlaps),
        change(before.gaps, after.gaps),
        change(before.rules, after.rules),
    );
    match lang {
        Lang::Zh => format!("多头执法 {o} · 管理盲区 {g} · 原则 {r}"),
        Lang::En => format!("overlaps {o} · gaps {g} · rule findings {r}"),
    }
}

/// Whether a fix makes any count grow (it raises other findings).
pub fn raises_findings(preview: &FixPreview) -> bool {
    let (b, a) = (preview.before, preview.after);
    a.overlaps > b.overlaps || a.gaps > b.gaps || a.rules > b.rules
}

/// The heading of a fix's preview.
pub fn preview_heading(lang: Lang) -> &'static str {
    lang.pick("预览：此修复将", "Preview: this fix")
}

/// The warning under a fix that raises other findings.
pub fn preview_raises(lang: Lang) -> &'static str {
    lang.pick(
        "注意：此修复会新增其他问题",
        "Note: this fix raises other findings",
    )
}

/// How many more holding changes a preview leaves unlisted.
pub fn more_changes(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("…另有 {n} 项职权变化"),
        Lang::En => format!("… and {n} more holding changes"),
    }
}

/// The other records a fix changes (bodies created or ended, concentration records).
pub fn other_changes(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("另改动 {n} 项机构或相对集中记录"),
        Lang::En => format!("and {n} changes of bodies or concentration records"),
    }
}

/// A fix that would be refused, and why.
pub fn preview_refused(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Zh => format!("此修复无法应用：{why}"),
        Lang::En => format!("This fix cannot be applied: {why}"),
    }
}

/// The findings list's line when filters hide some: 「显示 12 / 97 条」 / "12 of 97 shown".
pub fn shown_of(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("显示 {shown} / {total} 条"),
        Lang::En => format!("{shown} of {total} shown"),
    }
}

/// The findings list's control that drops the finding-kind filter: 「只看：管理盲区 ✕」.
pub fn only_kind(lang: Lang, kind: FindingKind) -> String {
    match lang {
        Lang::Zh => format!("只看：{} ✕", kind.label(lang)),
        Lang::En => format!("only: {} ✕", kind.label(lang)),
    }
}

/// Its tooltip.
pub fn only_kind_tip(lang: Lang) -> &'static str {
    lang.pick(
        "点击：显示所有类型的问题",
        "Click: show findings of every kind",
    )
}

/// The findings list when the filters leave nothing.
pub fn none_shown(lang: Lang) -> &'static str {
    lang.pick("没有符合筛选条件的问题", "No finding matches the filters")
}

/// The tooltip of a status-bar count.
pub fn count_tip(lang: Lang, kind: FindingKind, active: bool) -> String {
    match (lang, active) {
        (Lang::Zh, false) => format!("点击：问题清单只显示{}", kind.label(lang)),
        (Lang::Zh, true) => "再次点击：显示所有问题".to_owned(),
        (Lang::En, false) => format!(
            "Click: show only the {}s in the findings list",
            kind.label(lang)
        ),
        (Lang::En, true) => "Click again: show every finding".to_owned(),
    }
}

/// The heading of a district's gaps and overlaps in the inspector.
pub fn place_findings_heading(lang: Lang) -> &'static str {
    lang.pick("本辖区的管理盲区与多头执法", "Gaps and overlaps here")
}

/// A district with neither.
pub fn place_findings_none(lang: Lang) -> &'static str {
    lang.pick("无管理盲区或多头执法", "No gap and no overlap")
}

/// The button under a district's list that shows them all in the findings list.
pub fn place_findings_more(lang: Lang, more: usize) -> String {
    match lang {
        Lang::Zh => format!("另有 {more} 项：在问题清单中查看"),
        Lang::En => format!("{more} more: show them in the findings list"),
    }
}

/// The button that shows every finding of the place in the findings list.
pub fn place_findings_all(lang: Lang) -> &'static str {
    lang.pick(
        "在问题清单中只看本辖区",
        "Show only this place's findings in the list",
    )
}

/// One row of a district's list: 「管理盲区 · 城市道路清扫保洁（东城街道）」.
pub fn place_finding_row(
    lang: Lang,
    kind: FindingKind,
    power: &str,
    place: Option<&str>,
) -> String {
    match (lang, place) {
        (Lang::Zh, Some(place)) => format!("{} · {power}（{place}）", kind.label(lang)),
        (Lang::En, Some(place)) => format!("{} · {power} ({place})", kind.label(lang)),
        (_, None) => format!("{} · {power}", kind.label(lang)),
    }
}

/// The hint under an explanation: a click focuses the finding.
pub fn click_to_focus(lang: Lang) -> &'static str {
    lang.pick("点击：在关系图中定位", "Click: focus it in the lanes")
}

/// The short "why" beside a row: 「（自第 12 步起）」.
pub fn why_short(lang: Lang, headline: &str) -> String {
    match lang {
        Lang::Zh => format!("（{headline}）"),
        Lang::En => format!("({headline})"),
    }
}
