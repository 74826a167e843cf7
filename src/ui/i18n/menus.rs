//! The texts of the lanes' right-click menus. Chinese first, English for each.

use crate::model::{Level, Role};
use crate::text::{Label, Lang};

/// Show the body in the inspector.
pub fn details(lang: Lang) -> &'static str {
    lang.pick("查看属性", "Details")
}

/// Show or hide the body's powers.
pub fn powers_shown(lang: Lang, shown: bool) -> &'static str {
    if shown {
        lang.pick("收起事项", "Hide its powers")
    } else {
        lang.pick("展开事项", "Show its powers")
    }
}

/// The submenu of places a body can move to.
pub fn move_to(lang: Lang) -> &'static str {
    lang.pick("下划 / 上收到", "Move to")
}

/// A place in a menu: its name and its level.
pub fn place_label(lang: Lang, name: &str, level: Level) -> String {
    format!("{name}（{}）", level.label(lang))
}

/// Abolish the body.
pub fn abolish(lang: Lang) -> &'static str {
    lang.pick("撤销该单位", "Abolish this body")
}

/// What abolishing does.
pub fn abolish_tip(lang: Lang) -> &'static str {
    lang.pick(
        "单位连同它的事项一起撤销，可能产生管理盲区；可撤销此操作",
        "The body ends with its holdings, which may open gaps; undoable",
    )
}

/// Show the power in the inspector.
pub fn power_details(lang: Lang) -> &'static str {
    lang.pick("查看事项", "Power details")
}

/// The submenu of bodies a power can be transferred to.
pub fn transfer_to(lang: Lang) -> &'static str {
    lang.pick("移交给", "Transfer to")
}

/// Change the holding's role.
pub fn role_to(lang: Lang, role: &Role) -> &'static str {
    match role {
        Role::Assist => lang.pick("改为协办", "Make it assisting"),
        _ => lang.pick("改为主办", "Make it the lead"),
    }
}

/// End the holding.
pub fn give_up(lang: Lang) -> &'static str {
    lang.pick("退出该事项", "Give up this power")
}

/// What ending the holding does.
pub fn give_up_tip(lang: Lang) -> &'static str {
    lang.pick(
        "该单位不再持有此事项，可能产生管理盲区；可撤销此操作",
        "The body no longer holds the power, which may open a gap; undoable",
    )
}

/// Where a sub-body sits: "隶属 市城市管理局" / "under 市城市管理局".
pub fn under(lang: Lang, parent: &str) -> String {
    match lang {
        Lang::Zh => format!("隶属 {parent}"),
        Lang::En => format!("under {parent}"),
    }
}

/// Bring a finding into view in the lanes.
pub fn focus_finding(lang: Lang) -> &'static str {
    lang.pick("在关系图中定位", "Show in the lanes")
}

/// Show a finding's place in the inspector.
pub fn place_details(lang: Lang) -> &'static str {
    lang.pick("查看辖区", "Place details")
}

/// Copy a finding's sentence.
pub fn copy_text(lang: Lang) -> &'static str {
    lang.pick("复制文字", "Copy the text")
}

/// What a box's badges mean, for its tooltip: one line per badge it shows.
pub fn badge_lines(lang: Lang, overlaps: usize, rules: usize) -> Vec<String> {
    let mut lines = Vec::new();
    if overlaps > 0 {
        lines.push(match lang {
            Lang::Zh => format!("多头 {overlaps}：该单位在 {overlaps} 处与其他单位同时主办同一事项"),
            Lang::En => format!("Overlaps {overlaps}: it leads a power another body also leads, in {overlaps} places"),
        });
    }
    if rules > 0 {
        lines.push(match lang {
            Lang::Zh => format!("原则 {rules}：{rules} 条原则或法律问题涉及该单位（见问题清单）"),
            Lang::En => format!(
                "Rules {rules}: {rules} principle or legal findings name it (see the findings)"
            ),
        });
    }
    lines
}

/// A lane title's tooltip: its whole name, and what a click shows.
pub fn lane_tip(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("{name}\n点击：在属性中列出该辖区的管理盲区和多头执法"),
        Lang::En => format!("{name}\nClick: list its gaps and overlaps in the inspector"),
    }
}
