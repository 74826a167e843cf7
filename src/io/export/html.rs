//! The report as one self-contained, printable HTML page: headline figures, the findings, the
//! review opinions (审核意见, when the plan has any), the lanes graph as inline SVG, the
//! allocation table, the bodies and the changes. No script, no external file: it opens offline
//! and prints with each table's header repeated on every page.

use std::fmt::Write as _;

use super::display_width;
use super::svg::{FONT_FAMILY, lanes_svg, xml_escape};
use super::table::{self, Cell, ExportContext, Table};

const STYLE: &str = r"
body { margin: 24px; color: #1f2d3d; font-size: 13px; line-height: 1.5; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid #2b4a6f; padding-bottom: 2px; }
.sub { color: #5b6b7f; margin-bottom: 16px; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.figure { border: 1px solid #c5cfdc; border-radius: 6px; padding: 8px 14px; min-width: 84px; background: #f6f8fb; }
.figure b { display: block; font-size: 22px; }
.figure.bad b { color: #c62828; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid #b8c4d4; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #d9e1f2; font-weight: bold; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
td.num { text-align: right; }
th, td.nw { white-space: nowrap; }
tr.error td { background: #fdecea; }
tr.warning td { background: #fff8e1; }
.graph { overflow-x: auto; border: 1px solid #c5cfdc; }
.graph svg { max-width: 100%; height: auto; }
@media print {
  body { margin: 0; font-size: 10.5px; }
  .graph { overflow: visible; border: none; }
  h2 { page-break-after: avoid; }
  @page { size: A4 landscape; margin: 12mm; }
}
";

/// A table as HTML; rows of a findings table are shaded by severity, open opinions (待处理) as
/// warnings.
fn table_html(t: &Table, severity_column: Option<usize>) -> String {
    let mut out = String::from("<table><thead><tr>");
    for h in &t.headers {
        let _ = write!(out, "<th>{}</th>", xml_escape(h));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in &t.rows {
        let class =
            severity_column
                .and_then(|i| row.get(i))
                .map_or("", |c| match c.text().as_str() {
                    "错误" => " class=\"error\"",
                    "警告" | "待处理" => " class=\"warning\"",
                    _ => "",
                });
        let _ = write!(out, "<tr{class}>");
        for c in row {
            match c {
                Cell::Int(n) => {
                    let _ = write!(out, "<td class=\"num\">{n}</td>");
                }
                Cell::Text(text) => {
                    // Short cells (codes, places, kinds) never wrap; long ones do.
                    let class = if display_width(text) <= 12 {
                        " class=\"nw\""
                    } else {
                        ""
                    };
                    let _ = write!(
                        out,
                        "<td{class}>{}</td>",
                        xml_escape(text).replace('\n', "<br>")
                    );
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
    out
}

/// The whole report as an HTML page.
pub fn report(ctx: &ExportContext) -> String {
    let title = format!("{}（{}）", ctx.title, ctx.state_name());
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title><style>body {{ font-family: {}; }}{STYLE}</style></head><body>\n",
        xml_escape(&title),
        FONT_FAMILY
    );
    let _ = writeln!(out, "<h1>{}</h1>", xml_escape(&title));
    if let Some(s) = &ctx.scenario
        && !s.description.is_empty()
    {
        let _ = writeln!(
            out,
            "<div class=\"sub\">{}</div>",
            xml_escape(&s.description)
        );
    }
    out.push_str("<h2>概况</h2><div class=\"figures\">");
    for (label, value) in table::headline(ctx) {
        let bad = matches!(label, "多头执法" | "管理盲区" | "错误") && value != "0";
        let _ = write!(
            out,
            "<div class=\"figure{}\">{}<b>{}</b></div>",
            if bad { " bad" } else { "" },
            xml_escape(label),
            xml_escape(&value)
        );
    }
    out.push_str("</div>\n");
    let findings = table::findings_table(ctx);
    let _ = writeln!(out, "<h2>问题清单（{} 条）</h2>", findings.rows.len());
    if findings.rows.is_empty() {
        out.push_str("<p>未发现多头执法、管理盲区或违反原则的情况。</p>\n");
    } else {
        out.push_str(&table_html(&findings, Some(1)));
    }
    // A plan with no review opinions reports as it did before they existed.
    if !ctx.opinions.is_empty() {
        let opinions = table::opinions_table(ctx);
        let open = ctx
            .opinions
            .iter()
            .filter(|o| o.status_id == "pending")
            .count();
        let _ = writeln!(
            out,
            "<h2>审核意见（{} 条，待处理 {open} 条）</h2>",
            opinions.rows.len()
        );
        out.push_str(&table_html(&opinions, Some(5)));
    }
    out.push_str("<h2>机构分布图</h2><div class=\"graph\">\n");
    let svg = lanes_svg(ctx);
    // The SVG's own XML is valid inside HTML; drop nothing but keep it inline.
    out.push_str(&svg);
    out.push_str("</div>\n");
    for t in [
        table::allocation_table(ctx),
        table::bodies_table(ctx),
        table::changes_table(ctx),
    ] {
        let _ = writeln!(out, "<h2>{}（{} 行）</h2>", t.name, t.rows.len());
        if t.rows.is_empty() {
            out.push_str("<p>（无）</p>\n");
        } else {
            out.push_str(&table_html(&t, None));
        }
    }
    out.push_str("</body></html>\n");
    out
}
