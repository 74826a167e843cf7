//! The texts of the tabular tabs (分配表, 覆盖矩阵, 统计) that issue 17 added: the 本市 and 合计
//! columns of the matrix, its heat-map legend, the drill-down under it (a cell's powers and
//! their lead bodies), the 分配表's 全市 and its column help, and the charts' counts. Chinese
//! first, English for each; fixed texts are [`Tt`], texts with names or numbers in them are the
//! functions below it. Kept apart from `i18n/mod.rs`, which many hands edit.

use crate::model::{JurisdictionId, Level, State};
use crate::text::Lang;
use crate::text::place_name;

macro_rules! table_texts {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A fixed text of the tabular tabs.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Tt {
            $(
                #[doc = $zh]
                $key,
            )*
        }

        impl Tt {
            /// Every text, for tests that check the table.
            pub const ALL: &'static [Tt] = &[$(Tt::$key),*];

            /// The text in a language.
            pub fn get(self, lang: Lang) -> &'static str {
                match self {
                    $(Tt::$key => lang.pick($zh, $en),)*
                }
            }
        }
    };
}

table_texts! {
    WholeCity => "全市", "Whole city";
    ColumnsHelp => "拖动表头之间的分隔线可调整列宽，双击分隔线恢复；被截断的文字悬停可看全文。", "Drag the line between two headers to resize a column, double-click it to reset; hover over cut text to read all of it.";
    MatrixCity => "本市", "City";
    MatrixTotal => "合计", "Total";
    HeatLegend => "底色：绿＝全部单一主办，橙＝有多头，红＝有盲区；颜色越深，该格有问题的事项越多。点击格子查看事项及其主办单位。", "Shading: green = each power led once, orange = some led twice or more, red = some led by nobody; the deeper, the more powers with a problem. Click a cell for its powers and their lead bodies.";
    DrillCode => "事项编码", "Code";
    DrillName => "事项名称", "Power";
    DrillStatus => "状态", "Status";
    DrillHolders => "主办单位", "Lead bodies";
    DrillWhere => "问题所在", "Where the problem is";
    DrillShowTable => "在分配表中查看", "Show in the allocation table";
    DrillClose => "关闭", "Close";
    DrillNone => "（无）", "(none)";
    NobodyLeads => "（无主办单位）", "(no lead body)";
    ChartNoBodies => "（没有机构）", "(no bodies)";
}

/// The tooltip of a 本市 cell: how a power counts there.
pub fn city_cell_tip(lang: Lang, field: &str, territories: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "本市 · {field}：每项事项按其在全市 {territories} 个辖区中最差的状态计（任一辖区有盲区计盲区，否则任一有多头计多头），三数之和即该领域的事项数。\n点击：列出这些事项及其主办单位。"
        ),
        Lang::En => format!(
            "City · {field}: each power counts by the worst of its {territories} territories (a gap if any has one, else an overlap if any has one); the three numbers add up to the field's powers.\nClick: list these powers and their lead bodies."
        ),
    }
}

/// The tooltip of a field's 合计 cell.
pub fn row_total_tip(lang: Lang, field: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "{field} · 合计：各区之和（有街道的区按其最差的街道计一次），即「事项 × 区」的个数：单一主办 / 多头 / 盲区。"
        ),
        Lang::En => format!(
            "{field} · total: the sum over the districts (a district with streets counted once, by its worst street), in power × district pairs: one lead / two or more / nobody."
        ),
    }
}

/// The tooltip of a column's 合计 cell (the row under the fields).
pub fn column_total_tip(lang: Lang, place: &str) -> String {
    match lang {
        Lang::Zh => format!("{place} · 合计：各领域之和：单一主办 / 多头 / 盲区。"),
        Lang::En => {
            format!("{place} · total: the sum over the fields: one lead / two or more / nobody.")
        }
    }
}

/// The heading of the drill-down: "乙区 · 占道经营：5 项事项（多头 2，盲区 0）".
pub fn drill_heading(
    lang: Lang,
    place: &str,
    field: &str,
    powers: usize,
    many: usize,
    none: usize,
) -> String {
    match lang {
        Lang::Zh => format!("{place} · {field}：{powers} 项事项（多头 {many}，盲区 {none}）"),
        Lang::En => format!(
            "{place} · {field}: {powers} powers ({many} led twice or more, {none} led by nobody)"
        ),
    }
}

/// Several places of a drill-down row, the first few named: "甲区东城街道、乙区 等 5 处".
pub fn places(lang: Lang, named: &[String], total: usize) -> String {
    let joined = named.join(lang.pick("、", ", "));
    if total <= named.len() {
        return joined;
    }
    match lang {
        Lang::Zh => format!("{joined} 等 {total} 处"),
        Lang::En => format!("{joined} and {} more", total - named.len()),
    }
}

/// A pair chart's figures beside its bars: "12 → 14".
pub fn before_after(before: f64, after: f64) -> String {
    format!("{before} → {after}")
}

/// The name of a territory as the 辖区 column shows it: a street with its district, a district,
/// or 全市 for the city (a plan without districts is checked on the city).
pub fn territory_text(state: &State, id: &JurisdictionId, lang: Lang) -> String {
    match state.jurisdiction(id) {
        Some(j) if j.level == Level::City => Tt::WholeCity.get(lang).to_owned(),
        _ => place_name(state, id, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages() {
        for t in Tt::ALL {
            assert!(!t.get(Lang::Zh).is_empty(), "{t:?}");
            assert!(!t.get(Lang::En).is_empty(), "{t:?}");
        }
    }

    #[test]
    fn places_name_the_first_few_and_count_the_rest() {
        let named = ["甲区".to_owned(), "乙区".to_owned()];
        assert_eq!(places(Lang::Zh, &named, 2), "甲区、乙区");
        assert_eq!(places(Lang::Zh, &named, 5), "甲区、乙区 等 5 处");
        assert_eq!(places(Lang::En, &named, 5), "甲区, 乙区 and 3 more");
    }
}
