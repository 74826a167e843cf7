//! The window's texts about review opinions (审核意见): the tab, its filters and columns, the
//! badge of open opinions, the dialog that adds one and the reply written in place. Chinese
//! first, English for each. An opinion's row (its object named, its status, its answer) is the
//! core's ([`crate::text::review`]), shared with the exports and `shiquan review`.

use crate::text::Lang;

/// The tab's heading with its counts: 「审核意见 5 条，待处理 3 条」.
pub fn heading(lang: Lang, total: usize, open: usize) -> String {
    match lang {
        Lang::Zh => format!("审核意见 {total} 条，待处理 {open} 条"),
        Lang::En => format!("{total} review opinions, {open} pending"),
    }
}

/// How many rows the filters leave: 「显示 2 条」.
pub fn shown(lang: Lang, shown: usize) -> String {
    match lang {
        Lang::Zh => format!("显示 {shown} 条"),
        Lang::En => format!("{shown} shown"),
    }
}

/// The badge of open opinions on a finding, a body, a power or a step: 「意见 2」.
pub fn badge(lang: Lang, open: usize) -> String {
    match lang {
        Lang::Zh => format!("意见 {open}"),
        Lang::En => format!("opinions {open}"),
    }
}

/// The badge's tooltip.
pub fn badge_tip(lang: Lang, open: usize) -> String {
    match lang {
        Lang::Zh => format!("{open} 条审核意见待处理；点击打开「审核意见」"),
        Lang::En => format!("{open} review opinions pending; click to open the Opinions tab"),
    }
}

/// The filter of the findings list and the 分配表.
pub fn only_open(lang: Lang) -> &'static str {
    lang.pick("只看有待处理意见的", "Only with open opinions")
}

/// The filter's tooltip.
pub fn only_open_tip(lang: Lang) -> &'static str {
    lang.pick(
        "问题清单和分配表只显示有待处理审核意见的问题和事项",
        "The findings list and the allocation table show only what has pending review opinions",
    )
}

/// The choice of every status, or every office.
pub fn all(lang: Lang) -> &'static str {
    lang.pick("全部", "All")
}

/// The status filter's label.
pub fn status_label(lang: Lang) -> &'static str {
    lang.pick("状态", "Status")
}

/// The office filter's label.
pub fn office_label(lang: Lang) -> &'static str {
    lang.pick("提出单位", "Office")
}

/// When the plan has no opinion.
pub fn none_yet(lang: Lang) -> &'static str {
    lang.pick(
        "尚无审核意见。在问题、机构、事项或变更步骤上右键（或在属性面板中）选择「添加审核意见…」。",
        "No review opinions yet. Right-click a finding, a body, a power or a step (or use the inspector) and choose “Add review opinion…”.",
    )
}

/// When the filters leave none.
pub fn none_shown(lang: Lang) -> &'static str {
    lang.pick("没有符合筛选条件的意见", "No opinion matches the filters")
}

/// The menu item and button that add an opinion.
pub fn add(lang: Lang) -> &'static str {
    lang.pick("添加审核意见…", "Add review opinion…")
}

/// The button that starts a reply.
pub fn reply(lang: Lang) -> &'static str {
    lang.pick("答复…", "Reply…")
}

/// The button that saves a reply.
pub fn save_reply(lang: Lang) -> &'static str {
    lang.pick("保存答复", "Save reply")
}

/// The label of who replies.
pub fn reply_by(lang: Lang) -> &'static str {
    lang.pick("答复单位", "Replied by")
}

/// The button that deletes an opinion.
pub fn delete(lang: Lang) -> &'static str {
    lang.pick("删除", "Delete")
}

/// The delete button's tooltip.
pub fn delete_tip(lang: Lang) -> &'static str {
    lang.pick("删除此意见（可撤销）", "Delete this opinion (undoable)")
}

/// The tooltip of an object that can be shown.
pub fn show_target_tip(lang: Lang) -> &'static str {
    lang.pick("点击定位到此对象", "Click to show it")
}

/// The dialog's title.
pub fn dialog_title(lang: Lang) -> &'static str {
    lang.pick("添加审核意见", "Add review opinion")
}

/// The dialog's labels: object, office, date, text.
pub fn object_label(lang: Lang) -> &'static str {
    lang.pick("对象", "Object")
}

/// The date's label and its format.
pub fn date_label(lang: Lang) -> &'static str {
    lang.pick("日期（YYYY-MM-DD）", "Date (YYYY-MM-DD)")
}

/// The text's label.
pub fn text_label(lang: Lang) -> &'static str {
    lang.pick("意见", "Opinion")
}

/// The hint in the empty text field.
pub fn text_hint(lang: Lang) -> &'static str {
    lang.pick(
        "如：此项委托不合法，建议改为相对集中",
        "e.g. this entrustment is not lawful; concentrate it instead",
    )
}

/// The dialog's confirm button.
pub fn confirm(lang: Lang) -> &'static str {
    lang.pick("添加", "Add")
}

/// The status line after an opinion was added.
pub fn added(lang: Lang, id: &str) -> String {
    match lang {
        Lang::Zh => format!("已添加审核意见 {id}"),
        Lang::En => format!("Review opinion {id} added"),
    }
}

/// The inspector's line of a body's or power's open opinions.
pub fn open_here(lang: Lang, open: usize) -> String {
    match lang {
        Lang::Zh => format!("待处理审核意见 {open} 条"),
        Lang::En => format!("{open} pending review opinions"),
    }
}

/// The button that edits an opinion.
pub fn edit(lang: Lang) -> &'static str {
    lang.pick("编辑…", "Edit…")
}

/// The dialog's title when it edits an opinion.
pub fn edit_title(lang: Lang) -> &'static str {
    lang.pick("编辑审核意见", "Edit review opinion")
}

/// The dialog's confirm button when it edits an opinion.
pub fn save(lang: Lang) -> &'static str {
    lang.pick("保存", "Save")
}
