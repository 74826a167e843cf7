//! The window's texts about streets and 赋权 that have numbers or names in them: the folded
//! district lane, the grant dialog's counts and what stands in a grant's way, the matrix's
//! district column, and a grant's record in the inspector. Chinese first, English for each.

use crate::model::{Grant, State};
use crate::text::Lang;
use crate::text::place_name;
use crate::ui::streets::Problem;

/// A district lane's fold control, two lines: "3 个街道" and "5 个单位" (in them) / "3 streets" and
/// "5 bodies there".
pub fn streets_folded(lang: Lang, streets: usize, bodies: usize) -> (String, String) {
    match lang {
        Lang::Zh => (format!("{streets} 个街道"), format!("{bodies} 个单位")),
        Lang::En => (
            format!("{streets} streets"),
            format!("{bodies} bodies there"),
        ),
    }
}

/// A matrix header of a district with streets, short enough for its column: "甲区（3）".
pub fn district_with_streets(district: &str, streets: usize) -> String {
    format!("{district}（{streets}）")
}

/// What a click on that header does: "展开 3 个街道" / "Show its 3 streets".
pub fn streets_toggle(lang: Lang, open: bool, streets: usize) -> String {
    match (lang, open) {
        (Lang::Zh, false) => format!("展开 {streets} 个街道"),
        (Lang::Zh, true) => format!("收起 {streets} 个街道"),
        (Lang::En, false) => format!("Show its {streets} streets"),
        (Lang::En, true) => format!("Hide its {streets} streets"),
    }
}

/// The tooltip of a district's aggregated matrix cell.
pub fn matrix_district_tip(
    lang: Lang,
    field: &str,
    district: &str,
    streets: usize,
    pairs: (usize, usize, usize),
) -> String {
    let (once, many, none) = pairs;
    match lang {
        Lang::Zh => format!(
            "{district} · {field}：每项事项按其 {streets} 个街道中最差的状态计（有盲区计盲区，否则有多头计多头）。\n按街道逐一合计：单一主办 {once}，多头 {many}，盲区 {none}。\n点击：展开该区各街道的列，再点街道的格子在分配表中查看。"
        ),
        Lang::En => format!(
            "{district} · {field}: each power counts by the worst of its {streets} streets (a gap if any street has one, else an overlap if any has one).\nStreet by street: one lead {once}, overlaps {many}, gaps {none}.\nClick: show the district's streets' columns, then click a street's cell for the allocation table."
        ),
    }
}

/// How many powers are chosen: "已选 12 项" / "12 chosen".
pub fn chosen(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("已选 {n} 项"),
        Lang::En => format!("{n} chosen"),
    }
}

/// How many candidates are listed of how many: "列出 40 / 120 项".
pub fn listed(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("列出 {shown} / {total} 项"),
        Lang::En => format!("{shown} of {total} listed"),
    }
}

/// Where a candidate power stands in the chosen streets: "可赋 2/3 街道 · 已赋权 1".
pub fn candidate_streets(lang: Lang, grantable: usize, chosen: usize, granted: usize) -> String {
    match (lang, granted) {
        (Lang::Zh, 0) => format!("可赋 {grantable}/{chosen} 街道"),
        (Lang::Zh, _) => format!("可赋 {grantable}/{chosen} 街道 · 已赋权 {granted} 个街道"),
        (Lang::En, 0) => format!("grantable in {grantable}/{chosen} streets"),
        (Lang::En, _) => {
            format!("grantable in {grantable}/{chosen} streets · granted in {granted}")
        }
    }
}

/// What the grant button will do: "将 12 项事项赋予 3 个街道机构".
pub fn grant_summary(lang: Lang, powers: usize, receivers: usize) -> String {
    match lang {
        Lang::Zh => format!("将 {powers} 项事项赋予 {receivers} 个街道机构（一步，可撤销）"),
        Lang::En => {
            format!("Grants {powers} powers to {receivers} street bodies (one step, undoable)")
        }
    }
}

/// More lines than are shown: "另有 3 条" / "and 3 more".
pub fn more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("……另有 {n} 条"),
        Lang::En => format!("… and {n} more"),
    }
}

/// The status bar after a grant.
pub fn granted_done(lang: Lang, powers: usize, receivers: usize) -> String {
    match lang {
        Lang::Zh => format!("已将 {powers} 项事项赋予 {receivers} 个街道机构"),
        Lang::En => format!("Granted {powers} powers to {receivers} street bodies"),
    }
}

/// What stands in a grant's way, by name.
pub fn problem(lang: Lang, state: &State, problem: &Problem) -> String {
    let power = |p: &crate::model::PowerId| {
        state
            .power(p)
            .map_or_else(|| p.to_string(), |x| format!("{}（{}）", x.name, x.code))
    };
    let body = |b: &crate::model::BodyId| {
        state
            .body(b)
            .map_or_else(|| b.to_string(), |x| x.name.clone())
    };
    let place = |j: &crate::model::JurisdictionId| place_name(state, j, lang);
    match (lang, problem) {
        (Lang::Zh, Problem::NoPowers) => "请选择要赋权的事项。".into(),
        (Lang::En, Problem::NoPowers) => "Choose the powers to grant.".into(),
        (Lang::Zh, Problem::NoReceivers) => "请选择承接的街道机构。".into(),
        (Lang::En, Problem::NoReceivers) => "Choose the street bodies that receive.".into(),
        (Lang::Zh, Problem::NotStreetBody(b)) => {
            format!("{} 不是街道（乡镇）的机构，不能承接赋权。", body(b))
        }
        (Lang::En, Problem::NotStreetBody(b)) => {
            format!(
                "{} is not a street (township) body and cannot receive a grant.",
                body(b)
            )
        }
        (Lang::Zh, Problem::TwoInOneStreet(s)) => {
            format!("{} 只能由一个机构承接同一事项。", place(s))
        }
        (Lang::En, Problem::TwoInOneStreet(s)) => {
            format!("In {} one body receives a power, not two.", place(s))
        }
        (Lang::Zh, Problem::TwoDistricts) => "一次赋权只由一个区赋予本区的街道。".into(),
        (Lang::En, Problem::TwoDistricts) => {
            "One grant is one district's, to its own streets.".into()
        }
        (Lang::Zh, Problem::NotLed { power: p, street }) => {
            format!(
                "区里在 {} 没有主办 {} 的机构（已赋权或从未主办），无从赋权。",
                place(street),
                power(p)
            )
        }
        (Lang::En, Problem::NotLed { power: p, street }) => format!(
            "No district body leads {} in {} (granted already, or never led): nothing to grant.",
            power(p),
            place(street)
        ),
        (Lang::Zh, Problem::AlreadyLeads { power: p, body: b }) => {
            format!("{} 已主办 {}。", body(b), power(p))
        }
        (Lang::En, Problem::AlreadyLeads { power: p, body: b }) => {
            format!("{} leads {} already.", body(b), power(p))
        }
    }
}

/// A granted holding's record in the inspector: from which body, under which decision, to be
/// evaluated when.
pub fn grant_record(lang: Lang, state: &State, grant: &Grant) -> String {
    let from = state
        .body(&grant.from)
        .map_or_else(|| grant.from.to_string(), |b| b.name.clone());
    let decision = grant.decision.as_ref().map_or_else(
        || {
            lang.pick("未记录省级决定", "no decision recorded")
                .to_owned()
        },
        |d| format!("{} {}", d.authority, d.document),
    );
    let when = if grant.evaluate_by.is_empty() {
        lang.pick("未定评估日期", "no evaluation date").to_owned()
    } else {
        match lang {
            Lang::Zh => format!("{} 前评估", grant.evaluate_by),
            Lang::En => format!("evaluate by {}", grant.evaluate_by),
        }
    };
    match lang {
        Lang::Zh => format!("由 {from} 赋权 · {decision} · {when}"),
        Lang::En => format!("granted by {from} · {decision} · {when}"),
    }
}
