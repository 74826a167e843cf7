//! The window's texts about the timetable (分步实施): the date bar over the views of a dated
//! scenario, the transition findings it lists, and the 变更 list's editor of a step's
//! effective date and document. Chinese first, English for each.

use crate::text::Lang;

/// The date bar's label.
pub fn label(lang: Lang) -> &'static str {
    lang.pick("生效日期", "Effective on")
}

/// The button that shows every step again, whatever its date.
pub fn all_steps(lang: Lang) -> &'static str {
    lang.pick("全部步骤", "All steps")
}

/// The tooltip of the date bar.
pub fn hint(lang: Lang) -> &'static str {
    lang.pick(
        "拖动查看方案在某一天的状态：未注明日期的步骤和当天及以前生效的步骤。只是查看，不是修改，不进撤销记录。",
        "Drag to see the scenario as it stands on a day: its undated steps and those in effect by then. Looking, not editing: nothing to undo.",
    )
}

/// What the views show while a date is looked at.
pub fn showing(lang: Lang, date: &str, steps: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("显示 {date} 的状态（{steps}/{total} 步已生效）"),
        Lang::En => format!("Showing {date} ({steps} of {total} steps in effect)"),
    }
}

/// The tooltip of a step date's tick.
pub fn tick(lang: Lang, steps: usize) -> String {
    match lang {
        Lang::Zh => format!("{steps} 步于此日生效"),
        Lang::En => format!("{steps} steps take effect on this day"),
    }
}

/// The heading of the transition findings.
pub fn transitions(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("过渡期问题 {n} 处"),
        Lang::En => format!("{n} transition findings"),
    }
}

/// The tooltip of a transition finding: a click shows its first day.
pub fn go_to_transition(lang: Lang) -> &'static str {
    lang.pick("点击查看其第一天的状态", "Click to see its first day")
}

/// What the 变更 list adds to a step not yet in effect on the date looked at.
pub fn not_yet(lang: Lang, date: &str) -> String {
    match lang {
        Lang::Zh => format!("（{date} 尚未生效）"),
        Lang::En => format!(" (not yet in effect on {date})"),
    }
}

/// The 变更 list's button that edits a step's timing.
pub fn edit_button(lang: Lang) -> &'static str {
    lang.pick("日期/文号…", "Date/document…")
}

/// The editor's title.
pub fn editor_title(lang: Lang, step: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {step} 步的生效日期与文号"),
        Lang::En => format!("Step {step}: effective date and document"),
    }
}

/// The date field's hint.
pub fn date_hint(lang: Lang) -> &'static str {
    lang.pick(
        "YYYY-MM-DD，空为自方案开始",
        "YYYY-MM-DD; empty: from the start",
    )
}

/// The document field's hint.
pub fn document_hint(lang: Lang) -> &'static str {
    lang.pick(
        "文号，如 市编委〔2025〕3号",
        "document, e.g. 市编委〔2025〕3号",
    )
}

/// The editor's buttons.
pub fn set(lang: Lang) -> &'static str {
    lang.pick("确定", "Set")
}

/// Cancel.
pub fn cancel(lang: Lang) -> &'static str {
    lang.pick("取消", "Cancel")
}
