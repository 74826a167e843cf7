//! A fast path through the bulk of a plan file: the baseline's holdings, one record per line as
//! Shiquan writes them (`(power: "P1", body: "b", role: assist)`). A province has hundreds of
//! thousands of them, and `ron`'s general parser took most of a load's time on them.
//!
//! The format does not change, and `ron` stays the truth: this path gives the records `ron`
//! gives, or gives up. The holdings list is found the way `ron` reads the text ([`scan`]:
//! strings, raw strings and comments are skipped as `ron` skips them, so no `holdings: [` inside
//! a description or a comment is taken for it), and its records are told apart at the commas
//! `ron` sees. A record written in exactly a shape Shiquan writes is read by a small parser; any
//! other goes to `ron` on its own. The rest of the file, the list's records left blank so that
//! line numbers stay true, goes through `ron` as before. The ids of the holdings are shared with
//! the records they name (one allocation per power and body, not one per holding). Whenever
//! anything is not as expected — no such list, a record neither parser reads, anything the
//! scanner does not read before the list, a fault elsewhere — this path gives up and the whole
//! text goes through `ron`, so faults are reported exactly as before. The fuzz target
//! `fuzz/fuzz_targets/fast_vs_ron.rs` holds the two to that.

mod scan;

use rustc_hash::FxHashMap;

use super::{PlanFile, parse_ron, ron_options};
use crate::model::{Approval, BodyId, Grant, Holding, JurisdictionId, PowerId, Role};

/// The plan file's records, if the fast path can read them: then they are the records
/// [`parse_ron`] reads from the same text.
pub fn parse(text: &str) -> Option<PlanFile> {
    let start = scan::holdings_list(text)?;
    let (raw, end) = records_of_list(text, start)?;
    let newlines = memchr::memchr_iter(b'\n', &text.as_bytes()[start..end]).count();
    let mut rest = String::with_capacity(text.len() - (end - start) + newlines);
    rest.push_str(&text[..start]);
    rest.extend(std::iter::repeat_n('\n', newlines));
    rest.push_str(&text[end..]);
    let mut file = parse_ron(&rest, "").ok()?;
    if !file.baseline.holdings.is_empty() {
        return None;
    }
    let powers: FxHashMap<&str, &PowerId> = file
        .baseline
        .powers
        .iter()
        .map(|p| (p.code.as_str(), &p.code))
        .collect();
    let bodies: FxHashMap<&str, &BodyId> = file
        .baseline
        .bodies
        .iter()
        .map(|b| (b.id.as_str(), &b.id))
        .collect();
    let power_id = |code: &str| {
        powers
            .get(code)
            .map_or_else(|| PowerId::new(code), |p| (*p).clone())
    };
    let body_id = |id: &str| {
        bodies
            .get(id)
            .map_or_else(|| BodyId::new(id), |b| (*b).clone())
    };
    // Excluded districts and streets share their ids with the jurisdictions (a province's
    // district holdings exclude hundreds of thousands of streets between them).
    let jurisdictions: FxHashMap<&str, &JurisdictionId> = file
        .baseline
        .jurisdictions
        .iter()
        .map(|j| (j.id.as_str(), &j.id))
        .collect();
    let jurisdiction_id = |id: &str| {
        jurisdictions
            .get(id)
            .map_or_else(|| JurisdictionId::new(id), |j| (*j).clone())
    };
    let mut grants: GrantValues<'_> = FxHashMap::default();
    let holdings: Vec<Holding> = raw
        .into_iter()
        .map(|line| match line {
            Line::Fast {
                power,
                body,
                role,
                excludes,
                grant,
            } => Holding {
                listing: None,
                power: power_id(power),
                body: body_id(body),
                role: match role {
                    FastRole::Lead => Role::Lead,
                    FastRole::Assist => Role::Assist,
                    FastRole::Entrusted(by) => Role::Entrusted { by: body_id(by) },
                },
                excludes: excludes.into_iter().map(jurisdiction_id).collect(),
                cases: None,
                grant: grant.map(|g| {
                    // The same grant (granting body, decision, date) is one shared value.
                    let key = (g.from, g.decision, g.evaluate_by);
                    std::sync::Arc::clone(grants.entry(key).or_insert_with(|| {
                        std::sync::Arc::new(Grant {
                            from: body_id(g.from),
                            decision: g.decision.map(|(authority, document)| Approval {
                                authority: authority.to_owned(),
                                document: document.to_owned(),
                            }),
                            evaluate_by: g.evaluate_by.to_owned(),
                        })
                    }))
                }),
            },
            Line::Other(holding) => holding,
        })
        .collect();
    file.baseline.holdings = holdings;
    Some(file)
}

/// The grants read, by granting body, decision and evaluation date as written.
type GrantValues<'a> =
    FxHashMap<(&'a str, Option<(&'a str, &'a str)>, &'a str), std::sync::Arc<Grant>>;

/// The records of the list that opens at `start` (just after its `[`), and where its closing `]`
/// is. Each record is read in a shape Shiquan writes ([`Line::fast`]), or else by `ron` alone,
/// up to the `,` or `]` that ends it; `None` when one of them is neither.
fn records_of_list(text: &str, start: usize) -> Option<(Vec<Line<'_>>, usize)> {
    let mut records = Vec::with_capacity(text.len().saturating_sub(start) / 48);
    let mut scanner = scan::Scanner::new(text, start);
    loop {
        scanner.skip_trivia()?;
        if scanner.peek()? == b']' {
            return Some((records, scanner.at));
        }
        let record_start = scanner.at;
        if let Some((line, rest)) = Line::fast(&text[record_start..]) {
            records.push(line);
            scanner.at = text.len() - rest.len();
        } else {
            scanner.skip_to_separator()?;
            let record = &text[record_start..scanner.at];
            let holding = ron_options().from_str::<Holding>(record).ok()?;
            records.push(Line::Other(holding));
        }
        scanner.skip_trivia()?;
        match scanner.peek()? {
            b',' => scanner.at += 1,
            b']' => return Some((records, scanner.at)),
            _ => return None,
        }
    }
}

/// A role as the fast parser reads it.
enum FastRole<'a> {
    Lead,
    Assist,
    Entrusted(&'a str),
}

/// A grant (赋权) as the fast parser reads it: the granting body, the decision (批准机关, 文号)
/// and the evaluation date, as they stand in the text.
struct FastGrant<'a> {
    from: &'a str,
    decision: Option<(&'a str, &'a str)>,
    evaluate_by: &'a str,
}

/// One line of the holdings block.
enum Line<'a> {
    /// Read by the fast parser: the ids as they stand in the text.
    Fast {
        power: &'a str,
        body: &'a str,
        role: FastRole<'a>,
        /// As written (the holding's set sorts them and drops repeats).
        excludes: Vec<&'a str>,
        grant: Option<FastGrant<'a>>,
    },
    /// Written some other way, read by `ron`.
    Other(Holding),
}

impl<'a> Line<'a> {
    /// `(power: "…", body: "…"[, role: assist|lead|entrusted(by: "…")][, excludes: ["…", …]]
    /// [, grant: …])` at the start of `record`, with the text after it.
    fn fast(record: &'a str) -> Option<(Self, &'a str)> {
        let mut c = Cursor(record);
        c.tag("(power: ")?;
        let power = c.string()?;
        c.tag(", body: ")?;
        let body = c.string()?;
        let mut role = FastRole::Lead;
        if c.tag(", role: ").is_some() {
            role = if c.tag("assist").is_some() {
                FastRole::Assist
            } else if c.tag("lead").is_some() {
                FastRole::Lead
            } else {
                c.tag("entrusted(by: ")?;
                let by = c.string()?;
                c.tag(")")?;
                FastRole::Entrusted(by)
            };
        }
        let mut excludes = Vec::new();
        if c.tag(", excludes: [").is_some() {
            loop {
                excludes.push(c.string()?);
                if c.tag(", ").is_none() {
                    break;
                }
            }
            c.tag("]")?;
        }
        // `grant: Some((from: "…"[, decision: Some((authority: "…", document: "…"))][,
        // evaluate_by: "…"]))`: a street body's holdings at province scale are mostly grants.
        let mut grant = None;
        if c.tag(", grant: Some((from: ").is_some() {
            let from = c.string()?;
            let mut decision = None;
            if c.tag(", decision: Some((authority: ").is_some() {
                let authority = c.string()?;
                c.tag(", document: ")?;
                let document = c.string()?;
                c.tag("))")?;
                decision = Some((authority, document));
            }
            let mut evaluate_by = "";
            if c.tag(", evaluate_by: ").is_some() {
                evaluate_by = c.string()?;
            }
            c.tag("))")?;
            grant = Some(FastGrant {
                from,
                decision,
                evaluate_by,
            });
        }
        c.tag(")")?;
        let line = Line::Fast {
            power,
            body,
            role,
            excludes,
            grant,
        };
        Some((line, c.0))
    }
}

/// What is left of a record.
struct Cursor<'a>(&'a str);

impl<'a> Cursor<'a> {
    fn tag(&mut self, tag: &str) -> Option<()> {
        self.0 = self.0.strip_prefix(tag)?;
        Some(())
    }

    /// A string without escapes (one with a backslash is left to `ron`).
    fn string(&mut self) -> Option<&'a str> {
        let rest = self.0.strip_prefix('"')?;
        // Both are ASCII, so the byte found is a character boundary; memchr, not a search
        // that decodes each character (a province's file has millions of ids).
        let end = memchr::memchr2(b'"', b'\\', rest.as_bytes())?;
        if rest.as_bytes()[end] != b'"' {
            return None;
        }
        self.0 = &rest[end + 1..];
        Some(&rest[..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shapes_shiquan_writes() {
        for (line, role) in [
            (r#"(power: "P1", body: "b1")"#, "lead"),
            (r#"(power: "P1", body: "b1", role: assist)"#, "assist"),
            (
                r#"(power: "P1", body: "b1", role: entrusted(by: "b2"))"#,
                "entrusted",
            ),
            (
                r#"(power: "P1", body: "b1", excludes: ["d1", "d2"])"#,
                "lead",
            ),
            (
                r#"(power: "P1", body: "b1", grant: Some((from: "b2", decision: Some((authority: "省人民政府", document: "府函〔2026〕7号")), evaluate_by: "2027-12-31")))"#,
                "lead",
            ),
            (
                r#"(power: "P1", body: "b1", grant: Some((from: "b2")))"#,
                "lead",
            ),
        ] {
            let Some((
                Line::Fast {
                    power,
                    body,
                    role: r,
                    ..
                },
                "",
            )) = Line::fast(line)
            else {
                panic!("not read fast: {line}");
            };
            assert_eq!((power, body), ("P1", "b1"));
            let name = match r {
                FastRole::Lead => "lead",
                FastRole::Assist => "assist",
                FastRole::Entrusted(by) => {
                    assert_eq!(by, "b2");
                    "entrusted"
                }
            };
            assert_eq!(name, role);
        }
    }

    #[test]
    fn reads_a_grant_as_ron_does() {
        let model = |evaluate_by: &str, decision: bool| Holding {
            grant: Some(std::sync::Arc::new(Grant {
                from: "district-b1".into(),
                decision: decision.then(|| Approval {
                    authority: "省人民政府".into(),
                    document: "府函〔2026〕7号".into(),
                }),
                evaluate_by: evaluate_by.into(),
            })),
            excludes: ["d1".into()].into_iter().collect(),
            ..Holding::lead("P1".into(), "street-b1".into())
        };
        for holding in [
            model("2027-12-31", true),
            model("", true),
            model("2027-12-31", false),
            model("", false),
        ] {
            // As the plan writer writes a holding's line.
            let text = super::super::ron_value(&holding).expect("writes");
            let text = text.as_str();
            {
                let Some((
                    Line::Fast {
                        grant: Some(grant),
                        excludes,
                        ..
                    },
                    "",
                )) = Line::fast(text)
                else {
                    panic!("not read fast: {text}");
                };
                let expected = holding.grant.as_deref().expect("granted");
                assert_eq!(grant.from, expected.from.as_str());
                assert_eq!(grant.evaluate_by, expected.evaluate_by);
                assert_eq!(
                    grant.decision,
                    expected
                        .decision
                        .as_ref()
                        .map(|a| (a.authority.as_str(), a.document.as_str()))
                );
                assert_eq!(excludes.len(), 1);
            }
        }
    }

    #[test]
    fn leaves_other_shapes_to_ron() {
        for line in [
            r#"(body: "b1", power: "P1")"#,
            r#"(power: "P\"1", body: "b1")"#,
            r#"(power: "P1",body: "b1")"#,
        ] {
            assert!(Line::fast(line).is_none(), "{line}");
        }
        let text = r#"[(body: "b1", power: "P1"), (power: "P1", body: "b2") // note, not a comma
        , (power: "P2", body: "b1"),]"#;
        let (records, end) = records_of_list(text, 1).expect("a list of records");
        assert_eq!(end, text.len() - 1);
        let read: Vec<(&str, &str, bool)> = records
            .iter()
            .map(|line| match line {
                Line::Fast { power, body, .. } => (*power, *body, true),
                Line::Other(h) => (h.power.as_str(), h.body.as_str(), false),
            })
            .collect();
        assert_eq!(
            read,
            [("P1", "b1", false), ("P1", "b2", true), ("P2", "b1", true)]
        );
    }

    /// Shiquan's own text takes the fast path (else a province's plan loads at `ron`'s pace), and
    /// reads as `ron` reads it.
    #[test]
    fn reads_what_shiquan_writes_fast() {
        let plan = crate::io::seed::seed_plan().expect("the seed plan loads");
        let text = super::super::to_text(&plan).expect("the plan writes");
        let fast = parse(&text).expect("read fast");
        assert!(!fast.baseline.holdings.is_empty());
        assert_eq!(Some(fast), parse_ron(&text, "seed.ron").ok());
    }

    /// The fast reader gives ron's records or none, however the text is written.
    fn agrees_with_ron(text: &str) -> bool {
        match parse(text) {
            Some(fast) => parse_ron(text, "t.ron").is_ok_and(|full| full == fast),
            None => true,
        }
    }

    const HEAD: &str = "(\n    version: 2,\n    title: \"t\",\n";
    const BASELINE: &str = "    baseline: (\n        jurisdictions: [(id: \"city\", name: \"本市\", level: city)],\n        bodies: [(id: \"b1\", name: \"局\", kind: admin, jurisdiction: \"city\")],\n        powers: [(code: \"P1\", name: \"事项\", kind: penalty, field: \"市容环卫\")],\n";

    #[test]
    fn a_holdings_line_inside_a_raw_string_stays_in_the_description() {
        // Issue 16: a raw-string description with a `holdings: [` line; the baseline has none.
        let text = format!(
            "{HEAD}    description: r#\"\n        holdings: [\n            (power: \"P1\", body: \"b1\"),\n        ],\n\"#,\n{BASELINE}    ),\n)\n"
        );
        let full = parse_ron(&text, "t.ron").expect("ron reads it");
        assert!(full.baseline.holdings.is_empty());
        assert!(full.description.contains("holdings: ["));
        assert!(agrees_with_ron(&text));
    }

    #[test]
    fn reads_the_holdings_after_strings_and_comments_that_mimic_them() {
        let text = format!(
            "{HEAD}    description: \"holdings: [\\\" /*\",\n    // holdings: [\n{BASELINE}        /* holdings: [ */ holdings: [\n            (power: \"P1\", body: \"b1\"), // ]\n        ],\n    ),\n)\n"
        );
        let fast = parse(&text).expect("read fast");
        assert_eq!(fast.baseline.holdings.len(), 1);
        assert!(agrees_with_ron(&text));
    }

    #[test]
    fn a_misspelt_field_in_a_record_is_refused_by_both() {
        for record in [
            r#"(power: "P1", body: "b1", exclude: ["d1"])"#,
            r#"(power: "P1", body: "b1", rol: assist)"#,
        ] {
            let text = format!(
                "{HEAD}{BASELINE}        holdings: [\n            {record},\n        ],\n    ),\n)\n"
            );
            assert!(parse(&text).is_none(), "{record}");
            assert!(parse_ron(&text, "t.ron").is_err(), "{record}");
        }
    }
}
