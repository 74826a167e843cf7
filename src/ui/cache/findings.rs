//! 问题清单's texts: a row's sentence and explanation, built once per document revision and
//! language when the row first scrolls into view, and its suggested fixes with their previews
//! once its 修复 menu has been opened; and the explanations the inspector asked for.
//!
//! An overlap's or a gap's sentence and explanation read only its power's holdings, the steps
//! that changed them and the names of what they mention: after an edit that touched neither
//! that power nor any name (`Document::changes_since`), they are kept, not explained again (an
//! explanation replays the power's steps; a row in view of every edit frame costs a tenth of
//! it at province scale). Their fixes' previews count the whole plan's findings, and go.

use std::collections::HashMap;

use super::{Refresh, Sources};
use crate::analysis::fixes::Fix;
use crate::analysis::{Finding, FindingKind};
use crate::model::{JurisdictionId, PowerId, Touched};
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
    rows: HashMap<usize, (Option<FindingKey>, RowText)>,
    /// Overlaps' and gaps' row texts of earlier revisions that still hold (see the module's
    /// doc), for the rows that show those findings again.
    kept: HashMap<FindingKey, RowText>,
    explanations: HashMap<FindingKey, Option<Explained>>,
}

impl FindingTexts {
    /// Brings the texts to the document's revision in `lang`: those of overlaps and gaps whose
    /// power the changes since did not touch are kept (without their fixes), when the changes
    /// are known and renamed nothing; all others are forgotten.
    fn keep_for(&mut self, doc: &Document, lang: Lang) {
        let revision = doc.revision();
        if self.key == Some((revision, lang)) {
            return;
        }
        let still = match self.key {
            Some((was, same_lang)) if same_lang == lang => {
                match doc.changes_since(was).map(|c| c.touched) {
                    Some(Touched::Records(r))
                        if r.renamed.is_empty() && r.power_records.is_empty() =>
                    {
                        Some(r.powers)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        self.key = Some((revision, lang));
        let rows = std::mem::take(&mut self.rows);
        let Some(touched) = still else {
            self.kept.clear();
            self.explanations.clear();
            return;
        };
        self.kept
            .retain(|(_, power, _), _| !touched.contains(power));
        self.explanations
            .retain(|(_, power, _), _| !touched.contains(power));
        for (key, mut text) in rows.into_values() {
            if let Some(key) = key.filter(|(_, power, _)| !touched.contains(power)) {
                text.fixes = None;
                self.kept.insert(key, text);
            }
        }
    }

    /// The explanation of an overlap or a gap of the document's current state (`None` for a
    /// rule finding), built the first time it is asked for in a revision and language.
    pub fn explanation(&mut self, doc: &Document, f: &Finding, lang: Lang) -> Option<&Explained> {
        self.keep_for(doc, lang);
        let key = (f.kind, f.power.clone()?, f.jurisdiction.clone()?);
        self.explanations
            .entry(key)
            .or_insert_with(|| explained(doc, f, lang))
            .as_ref()
    }

    /// The texts of the finding at `row` among every finding, built the first time the row is
    /// shown in a revision and language.
    pub fn row(&mut self, row: usize, doc: &Document, f: &Finding, lang: Lang) -> &mut RowText {
        self.keep_for(doc, lang);
        let kept = &mut self.kept;
        &mut self
            .rows
            .entry(row)
            .or_insert_with(|| {
                let coverage = matches!(f.kind, FindingKind::Overlap | FindingKind::Gap);
                let key = coverage
                    .then(|| Some((f.kind, f.power.clone()?, f.jurisdiction.clone()?)))
                    .flatten();
                let text = key.as_ref().and_then(|key| kept.remove(key));
                let text = text.unwrap_or_else(|| RowText {
                    message: f.message(doc.state(), lang),
                    why: coverage.then(|| explained(doc, f, lang)).flatten(),
                    fixes: None,
                });
                (key, text)
            })
            .1
    }
}

impl Refresh for FindingTexts {
    fn refresh(&mut self, from: &mut Sources<'_>) {
        self.keep_for(from.doc, from.view.lang);
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
