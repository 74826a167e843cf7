//! 问题清单's texts: a row's sentence and explanation, built once per document revision and
//! language when the row first scrolls into view, and its suggested fixes with their previews
//! once its 修复 menu has been opened; and the explanations the inspector asked for.

use std::collections::HashMap;

use super::{Refresh, Sources};
use crate::analysis::fixes::Fix;
use crate::analysis::{Finding, FindingKind};
use crate::model::{JurisdictionId, PowerId};
use crate::session::Document;
use crate::session::explain;
use crate::session::fix_preview::FixPreview;
use crate::text::Lang;
use crate::text::{ExplanationText, FindingText};

/// What a row shows that is costly to build: the finding's sentence, its explanation (an
/// overlap's or a gap's), and its suggested fixes with their previews once its 修复 menu has
/// been opened.
#[derive(Clone, Debug)]
pub struct RowText {
    /// The finding's sentence.
    pub message: String,
    /// Why it is there (an overlap or a gap).
    pub why: Option<Explained>,
    /// Its suggested fixes, once its 修复 menu has been opened.
    pub fixes: Option<Vec<FixRow>>,
}

/// A suggested fix with its preview, as the 修复 menu shows it.
#[derive(Clone, Debug)]
pub struct FixRow {
    /// The fix.
    pub fix: Fix,
    /// What it would leave.
    pub preview: FixPreview,
    /// 「多头执法 3 → 2 · 管理盲区 5 → 5 · 原则 27 → 29」
    pub counts: String,
    /// What it changes, one line per holding (the tooltip of its button).
    pub details: Vec<String>,
}

/// The explanation of an overlap or a gap, as the window shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    /// Since when, short: 「自第 12 步起」.
    pub headline: String,
    /// Every line: since when (with the step's operation), who led before, who only assists …
    pub lines: Vec<String>,
}

/// Which finding an explanation is of: coverage has one finding per (power, territory).
type FindingKey = (FindingKind, PowerId, JurisdictionId);

/// The rows' texts built so far, for one document revision and language (rows are keyed by
/// their position among every finding, which the filters do not change), and the
/// explanations the inspector asked for.
#[derive(Clone, Debug, Default)]
pub struct FindingTexts {
    key: Option<(u64, Lang)>,
    rows: HashMap<usize, RowText>,
    explanations: HashMap<FindingKey, Option<Explained>>,
}

impl FindingTexts {
    /// Forgets the texts of another revision or language.
    fn keep_for(&mut self, revision: u64, lang: Lang) {
        if self.key != Some((revision, lang)) {
            self.key = Some((revision, lang));
            self.rows.clear();
            self.explanations.clear();
        }
    }

    /// The explanation of an overlap or a gap of the document's current state (`None` for a
    /// rule finding), built the first time it is asked for in a revision and language.
    pub fn explanation(&mut self, doc: &Document, f: &Finding, lang: Lang) -> Option<&Explained> {
        self.keep_for(doc.revision(), lang);
        let key = (f.kind, f.power.clone()?, f.jurisdiction.clone()?);
        self.explanations
            .entry(key)
            .or_insert_with(|| explained(doc, f, lang))
            .as_ref()
    }

    /// The texts of the finding at `row` among every finding, built the first time the row is
    /// shown in a revision and language.
    pub fn row(&mut self, row: usize, doc: &Document, f: &Finding, lang: Lang) -> &mut RowText {
        self.keep_for(doc.revision(), lang);
        self.rows.entry(row).or_insert_with(|| RowText {
            message: f.message(doc.state(), lang),
            why: matches!(f.kind, FindingKind::Overlap | FindingKind::Gap)
                .then(|| explained(doc, f, lang))
                .flatten(),
            fixes: None,
        })
    }
}

impl Refresh for FindingTexts {
    fn refresh(&mut self, from: &mut Sources<'_>) {
        self.keep_for(from.doc.revision(), from.view.lang);
    }
}

/// Builds the explanation of a finding: the core's, with each step named by its 变更 sentence.
fn explained(doc: &Document, f: &Finding, lang: Lang) -> Option<Explained> {
    // On a date the state is not the history's: its steps do not explain it.
    if doc.date().is_some() {
        return None;
    }
    let explanation = explain::explain_in(f, doc.state(), &doc.analysis().coverage, doc.history())?;
    let names = crate::text::Names::new(doc.state(), doc.baseline());
    let entries = doc.history().entries();
    let step = |i: usize| {
        entries
            .get(i)
            .map(|e| crate::text::entry_sentence(e, &names, lang))
            .unwrap_or_default()
    };
    Some(Explained {
        headline: explanation.headline(lang),
        lines: explanation.lines(lang, &step),
    })
}
