//! The report as Markdown: headline figures, the findings, the allocation table, the bodies and
//! the changes.
//!
//! Every text from the plan (the title, the scenario's name and description, every cell) goes
//! through [`text`], so that it reads as the words it is and never as Markdown or HTML: `<`, `>`
//! and `&` become entities (no `<script>`, no `<img onerror>`), the characters of inline
//! Markdown are escaped with a backslash (emphasis, code, links, table pipes), whatever would
//! open a block at the start (a heading's `#`, a list's `-` or `1.`, a quote's `>`, indentation)
//! is neutralised, and line breaks become `<br>`, so every heading, item and row stays one line.

use std::fmt::Write as _;

use super::is_replaced_in_documents;
use super::table::{self, ExportContext, Table};

/// A text as Markdown inline content that renders as exactly this text.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut at_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if at_start {
            match c {
                // Indentation would make a code block: written as entities, it is plain text.
                ' ' => {
                    out.push_str("&#32;");
                    continue;
                }
                '\t' => {
                    out.push_str("&#9;");
                    continue;
                }
                // A heading, a list item, a setext underline.
                '-' | '+' | '=' => {
                    out.push('\\');
                    out.push(c);
                    at_start = false;
                    continue;
                }
                // An ordered list item: 「1. 」 or 「1) 」.
                '0'..='9' => {
                    out.push(c);
                    while let Some(d) = chars.next_if(char::is_ascii_digit) {
                        out.push(d);
                    }
                    if let Some(mark) = chars.next_if(|m| matches!(m, '.' | ')')) {
                        out.push('\\');
                        out.push(mark);
                    }
                    at_start = false;
                    continue;
                }
                _ => at_start = false,
            }
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            c if is_replaced_in_documents(c) => out.push(char::REPLACEMENT_CHARACTER),
            c => out.push(c),
        }
    }
    out
}

/// A table in Markdown.
pub fn table_md(table: &Table) -> String {
    let mut out = String::new();
    let headers: Vec<String> = table.headers.iter().map(|h| text(h)).collect();
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(
        out,
        "|{}",
        table.headers.iter().map(|_| " --- |").collect::<String>()
    );
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| text(&c.text())).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

/// The whole report.
pub fn report(ctx: &ExportContext) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}（{}）\n",
        text(&ctx.title),
        text(&ctx.state_name())
    );
    if let Some(s) = &ctx.scenario
        && !s.description.is_empty()
    {
        let _ = writeln!(out, "{}\n", text(&s.description));
    }
    let _ = writeln!(out, "## 概况\n");
    for (label, value) in table::headline(ctx) {
        let _ = writeln!(out, "- {}：{}", text(label), text(&value));
    }
    out.push('\n');
    for t in [
        table::findings_table(ctx),
        table::allocation_table(ctx),
        table::bodies_table(ctx),
        table::changes_table(ctx),
    ] {
        let _ = writeln!(out, "## {}（{} 行）\n", text(t.name), t.rows.len());
        if t.rows.is_empty() {
            out.push_str("（无）\n\n");
        } else {
            out.push_str(&table_md(&t));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn html_and_markdown_in_a_text_are_escaped() {
        assert_eq!(
            text("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            text("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(text("# 假标题"), "\\# 假标题");
        assert_eq!(text("甲\n# 假标题"), "甲<br>\\# 假标题");
        assert_eq!(text("a|b"), "a\\|b");
        assert_eq!(text("`code` *em* [x](y)"), "\\`code\\` \\*em\\* \\[x\\](y)");
        assert_eq!(text("- item"), "\\- item");
        assert_eq!(text("12. item"), "12\\. item");
        assert_eq!(text("> quote"), "&gt; quote");
        assert_eq!(text("    code"), "&#32;&#32;&#32;&#32;code");
        assert_eq!(text("a\r\nb\rc"), "a<br>b<br>c");
        assert_eq!(text("A&amp;"), "A&amp;amp;");
        assert_eq!(text("城管局 2024-01"), "城管局 2024-01");
    }
}
