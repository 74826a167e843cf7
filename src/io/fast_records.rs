//! A fast path through the bulk of a plan file: the baseline's holdings, one record per line as
//! Shiquan writes them (`(power: "P1", body: "b", role: assist)`). A province has hundreds of
//! thousands of them, and `ron`'s general parser took most of a load's time on them.
//!
//! The format does not change. The holdings block is read line by line by a small parser that
//! knows exactly the shapes Shiquan writes, with `ron` for any line written otherwise; the rest of
//! the file, with the block's lines left blank so that line numbers stay true, goes through
//! `ron` as before. The ids of the holdings are shared with the records they name (one
//! allocation per power and body, not one per holding). Whenever anything is not as expected —
//! no such block, a line neither parser reads, a fault elsewhere — this path gives up and the
//! whole text goes through `ron`, so faults are reported exactly as before.

use std::collections::{BTreeSet, HashMap};

use super::plan_file::{PlanFile, parse_ron};
use crate::model::{Approval, BodyId, Grant, Holding, JurisdictionId, PowerId, Role};

/// The plan file's records, if the fast path can read them.
pub(super) fn parse(text: &str) -> Option<PlanFile> {
    let (start, end) = holdings_block(text)?;
    let mut raw = Vec::with_capacity((end - start) / 40);
    for line in text[start..end].lines() {
        let record = line.trim();
        if record.is_empty() {
            continue;
        }
        raw.push(Line::parse(record.strip_suffix(',').unwrap_or(record))?);
    }
    let newlines = text[start..end].bytes().filter(|b| *b == b'\n').count();
    let mut rest = String::with_capacity(text.len() - (end - start) + newlines);
    rest.push_str(&text[..start]);
    rest.extend(std::iter::repeat_n('\n', newlines));
    rest.push_str(&text[end..]);
    let mut file = parse_ron(&rest, "").ok()?;
    if !file.baseline.holdings.is_empty() {
        return None;
    }
    let powers: HashMap<&str, &PowerId> = file
        .baseline
        .powers
        .iter()
        .map(|p| (p.code.as_str(), &p.code))
        .collect();
    let bodies: HashMap<&str, &BodyId> = file
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
    let jurisdictions: HashMap<&str, &JurisdictionId> = file
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
                    Box::new(Grant {
                        from: body_id(g.from),
                        decision: g.decision.map(|(authority, document)| Approval {
                            authority: authority.to_owned(),
                            document: document.to_owned(),
                        }),
                        evaluate_by: g.evaluate_by.to_owned(),
                    })
                }),
            },
            Line::Other(holding) => holding,
        })
        .collect();
    file.baseline.holdings = holdings;
    Some(file)
}

/// The byte range of the lines inside the baseline's `holdings: [` … `],` block.
fn holdings_block(text: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    let mut start = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        match start {
            None if trimmed == "holdings: [" => start = Some(offset + line.len()),
            None if trimmed.starts_with("scenarios:") => return None,
            Some(start) if trimmed == "]," || trimmed == "]" => return Some((start, offset)),
            _ => {}
        }
        offset += line.len();
    }
    None
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
        excludes: BTreeSet<&'a str>,
        grant: Option<FastGrant<'a>>,
    },
    /// Written some other way, read by `ron`.
    Other(Holding),
}

impl<'a> Line<'a> {
    fn parse(record: &'a str) -> Option<Self> {
        Self::fast(record).or_else(|| {
            ron::Options::default()
                .from_str::<Holding>(record)
                .ok()
                .map(Line::Other)
        })
    }

    /// `(power: "…", body: "…"[, role: assist|lead|entrusted(by: "…")][, excludes: ["…", …]])`
    fn fast(record: &'a str) -> Option<Self> {
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
        let mut excludes = BTreeSet::new();
        if c.tag(", excludes: [").is_some() {
            loop {
                excludes.insert(c.string()?);
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
        c.0.is_empty().then_some(Line::Fast {
            power,
            body,
            role,
            excludes,
            grant,
        })
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
        let end = rest.find(['"', '\\'])?;
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
            let Some(Line::Fast {
                power,
                body,
                role: r,
                ..
            }) = Line::fast(line)
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
            grant: Some(Box::new(Grant {
                from: "district-b1".into(),
                decision: decision.then(|| Approval {
                    authority: "省人民政府".into(),
                    document: "府函〔2026〕7号".into(),
                }),
                evaluate_by: evaluate_by.into(),
            })),
            excludes: ["d1".into()].into(),
            ..Holding::lead("P1".into(), "street-b1".into())
        };
        for holding in [
            model("2027-12-31", true),
            model("", true),
            model("2027-12-31", false),
            model("", false),
        ] {
            // As the plan writer writes a holding's line.
            let text = super::super::plan_file::ron_value(&holding).expect("writes");
            let text = text.as_str();
            {
                let Some(Line::Fast {
                    grant: Some(grant),
                    excludes,
                    ..
                }) = Line::fast(text)
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
            r#"(power: "P1", body: "b1") // note"#,
        ] {
            assert!(Line::fast(line).is_none(), "{line}");
        }
        assert!(matches!(
            Line::parse(r#"(body: "b1", power: "P1")"#),
            Some(Line::Other(_))
        ));
    }
}
