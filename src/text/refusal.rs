//! A refused operation's reason in words ([`Refusal`]'s `Display`), where the words name a mode
//! or a kind of slot: in both languages in one line, as every refusal of the plan reads.

use std::fmt;

use super::{Label, Lang};
use crate::plan::{Amount, Refusal};

/// What an amount is called in a merge's and in a split's refusal (Chinese, English).
fn amount(what: Amount, split: bool) -> (String, &'static str) {
    match (what, split) {
        (Amount::Slots(kind), false) => (kind.label(Lang::Zh).to_owned(), kind.label(Lang::En)),
        (Amount::Slots(kind), true) => {
            (format!("名{}", kind.label(Lang::Zh)), kind.label(Lang::En))
        }
        (Amount::People, false) => ("实有人数".to_owned(), "people"),
        (Amount::People, true) => ("人".to_owned(), "people"),
        (Amount::Budget, false) => ("经费".to_owned(), "budget"),
        (Amount::Budget, true) => ("万元经费".to_owned(), "万元 of budget"),
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Words(words) => f.write_str(words),
            Refusal::NotLead { from, power, mode } => write!(
                f,
                "{from} 不主办 {power}，无从{} ({from} does not lead {power}: nothing to {})",
                mode.label(Lang::Zh),
                mode.label(Lang::En)
            ),
            Refusal::MergeTooMany {
                merged,
                absorbing,
                what,
            } => {
                let (zh, en) = amount(*what, false);
                write!(
                    f,
                    "{merged} 并入 {absorbing} 后{zh}超出所能记录的数目 ({merged} merged into {absorbing} would have more {en} than a plan records)"
                )
            }
            Refusal::SplitTooMany {
                source,
                new,
                have,
                given,
                what,
            } => {
                let (zh, en) = amount(*what, true);
                write!(
                    f,
                    "{source} 只有 {have} {zh}，不能拆给 {new} {given} {zh} ({source} has {have} {en} and cannot give {new} {given})"
                )
            }
            Refusal::TooFewSlots {
                from,
                have,
                kind,
                count,
            } => write!(
                f,
                "{from} has {have} {} and cannot give {count}",
                kind.label(Lang::En)
            ),
        }
    }
}
