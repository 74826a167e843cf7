//! The window's texts with counts in them: bodies, powers and holdings, staffing and slots,
//! findings, search hits, rows and history steps, Chinese and English for each.

use crate::model::Staffing;
use crate::text::Lang;

/// "17 个单位" / "17 bodies".
pub fn bodies_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n} 个单位"),
        Lang::En => format!("{n} bodies"),
    }
}

/// "3 项事项" / "3 powers".
pub fn powers_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n} 项事项"),
        Lang::En => format!("{n} powers"),
    }
}

/// A compare-mode flow: "17 个单位 → 甲区".
pub fn flow_label(lang: Lang, n: usize, to: &str) -> String {
    format!("{} → {to}", bodies_count(lang, n))
}

/// The second line of a body box: "主办 12 · 协办 2".
pub fn holdings_line(lang: Lang, leads: usize, others: usize) -> String {
    match (lang, others) {
        (Lang::Zh, 0) => format!("主办 {leads} 项"),
        (Lang::Zh, _) => format!("主办 {leads} · 协办 {others}"),
        (Lang::En, 0) => format!("leads {leads}"),
        (Lang::En, _) => format!("leads {leads} · other {others}"),
    }
}

/// One body's slots and people before → after, as the comparison lists them (人随编走).
pub fn staffing_delta(lang: Lang, slots: (u32, u32), people: (u32, u32), delta: i64) -> String {
    let (before, after) = slots;
    let (was, now) = people;
    match lang {
        Lang::Zh => format!("编制 {before} → {after}（{delta:+}），实有 {was} → {now} 人"),
        Lang::En => format!("slots {before} → {after} ({delta:+}), people {was} → {now}"),
    }
}

/// Staffing and budget in a tooltip.
pub fn staffing_line(lang: Lang, s: &Staffing, budget_wan: u64) -> String {
    match lang {
        Lang::Zh => format!(
            "行政编制 {}，事业编制 {}，实有 {} 人，预算 {budget_wan} 万元",
            s.admin, s.institution, s.headcount
        ),
        Lang::En => format!(
            "{} civil-service and {} institution slots, {} staff, budget {budget_wan}0k yuan",
            s.admin, s.institution, s.headcount
        ),
    }
}

/// "编制 320 名".
pub fn slots(lang: Lang, n: u64) -> String {
    match lang {
        Lang::Zh => format!("编制 {n} 名"),
        Lang::En => format!("{n} staffing slots"),
    }
}

/// Finding counts in a line.
pub fn finding_summary(lang: Lang, overlaps: usize, gaps: usize, rules: usize) -> String {
    match lang {
        Lang::Zh => format!("多头执法 {overlaps} 处，管理盲区 {gaps} 处，违反原则 {rules} 条"),
        Lang::En => format!("{overlaps} overlaps, {gaps} gaps, {rules} rule findings"),
    }
}

/// Counts of a state for the status bar.
pub fn state_counts(lang: Lang, bodies: usize, powers: usize, holdings: usize) -> String {
    match lang {
        Lang::Zh => format!("机构 {bodies} 个 · 事项 {powers} 项 · 配置 {holdings} 条"),
        Lang::En => format!("{bodies} bodies · {powers} powers · {holdings} holdings"),
    }
}

/// "找到 4 个" / "4 hits".
pub fn hits(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("找到 {n} 个"),
        Lang::En => format!("{n} hits"),
    }
}

/// "共 387 行".
pub fn rows_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("共 {n} 行"),
        Lang::En => format!("{n} rows"),
    }
}

/// "第 3 / 40 步".
pub fn steps(lang: Lang, cursor: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("已应用 {cursor} / {total} 步"),
        Lang::En => format!("{cursor} of {total} steps applied"),
    }
}
