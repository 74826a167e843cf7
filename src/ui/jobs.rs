//! Work that takes seconds at province scale — opening a plan (parse, then the first full
//! analysis), reading and importing a list, writing an export — runs on a worker thread, so the
//! window keeps drawing and shows a progress indicator. One job runs at a time; the window polls
//! it every frame and takes its [`Outcome`] when it is done.
//!
//! A job never shares the open document: it gets its input by value (a path, a cloned plan) and
//! hands back a finished [`Document`], which the window swaps in. A panic inside a job becomes an
//! error message, so a bad file can never take the window (and its unsaved edits) down.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crate::io::export::{ExportFormat, ExportOptions};
use crate::io::import::{HeaderMapping, ImportOptions, RawTable};
use crate::model::ScenarioId;
use crate::plan::Plan;
use crate::session::{Document, View};

/// The document switched to `scenario` when the plan has it (applying its operations here, on
/// the worker thread); the baseline otherwise, or when it no longer applies.
fn document_showing(mut doc: Document, scenario: Option<ScenarioId>) -> Document {
    if let Some(id) = scenario
        && doc.plan_unsynced().scenario(&id).is_some()
    {
        // A scenario that fails to apply leaves the baseline shown; the check reports why.
        let _ = doc.switch_to(View::Scenario(id));
    }
    doc
}

/// What a job does.
#[derive(Debug)]
pub enum Work {
    /// Read a plan file and analyse it, showing `scenario` (the one last edited in it) when the
    /// plan still has it.
    Open {
        /// The plan file.
        path: PathBuf,
        /// The scenario to show; `None`: the baseline.
        scenario: Option<ScenarioId>,
    },
    /// Read an autosaved copy of the plan in `path` (or of an untitled plan).
    Recover {
        /// The autosaved copy.
        sidecar: PathBuf,
        /// The plan file it belongs to.
        path: Option<PathBuf>,
    },
    /// Read the cells of a list file, for the import dialog's preview.
    ReadList {
        /// The file.
        path: PathBuf,
        /// The sheet of a workbook to read; `None`: the first.
        sheet: Option<String>,
    },
    /// Build a plan from a list read before, under the user's column mapping.
    Import {
        /// The cells.
        table: Arc<RawTable>,
        /// The header row's index in `table.rows`.
        header: usize,
        /// Which column holds which field.
        mapping: HeaderMapping,
        /// Import the good rows when some are bad.
        skip_bad_rows: bool,
    },
    /// Merge the open plan (ours) with another copy against their common base (合并方案):
    /// read both files, merge with ours at each conflict, for the merge dialog.
    Merge {
        /// The copy both sides started from.
        base: PathBuf,
        /// The other side's copy.
        theirs: PathBuf,
        /// The open plan's records.
        ours: Box<crate::io::plan_file::PlanFile>,
    },
    /// Merge again with the sides the user chose for each conflict, as the new document.
    MergeResolved {
        /// The three copies.
        sides: Arc<crate::ui::merging::Sides>,
        /// The side chosen at each conflict's place (ours where none is).
        choices: crate::ui::merging::Choices,
    },
    /// Write an export of a plan.
    Export {
        /// The plan, as it was when the export was asked for.
        plan: Box<Plan>,
        /// The format.
        format: ExportFormat,
        /// Scenario, table and encoding.
        options: ExportOptions,
        /// Where to write.
        path: PathBuf,
    },
    /// Build a document of a scenario and write it.
    Document {
        /// The plan, as it was when the document was asked for.
        plan: Box<Plan>,
        /// Which document of which scenario.
        request: crate::documents::DocRequest,
        /// The format.
        format: crate::documents::DocFormat,
        /// Where to write.
        path: PathBuf,
    },
}

/// What a job is doing, for the progress indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobKind {
    /// Opening a plan.
    Open,
    /// Reading a list.
    ReadList,
    /// Importing a list.
    Import,
    /// Exporting.
    Export,
    /// Merging two copies of the plan.
    Merge,
    /// Writing a document (职责划转表 …).
    Document,
}

impl Work {
    /// What the job is doing.
    pub fn kind(&self) -> JobKind {
        match self {
            Work::Open { .. } | Work::Recover { .. } => JobKind::Open,
            Work::ReadList { .. } => JobKind::ReadList,
            Work::Import { .. } => JobKind::Import,
            Work::Export { .. } => JobKind::Export,
            Work::Document { .. } => JobKind::Document,
            Work::Merge { .. } | Work::MergeResolved { .. } => JobKind::Merge,
        }
    }

    /// Does the work (on the worker thread).
    fn run(self) -> Outcome {
        match self {
            Work::Open { path, scenario } => match crate::io::load_path(&path) {
                Ok(plan) => Outcome::Opened {
                    doc: Box::new(document_showing(Document::new(plan), scenario)),
                    path,
                },
                Err(e) => Outcome::Failed {
                    kind: JobKind::Open,
                    error: e.to_string(),
                },
            },
            Work::Recover { sidecar, path } => match crate::io::load_path(&sidecar) {
                Ok(plan) => Outcome::Recovered {
                    doc: Box::new(document_showing(
                        Document::new_unsaved(plan),
                        crate::io::recovery::sidecar_view(&sidecar),
                    )),
                    path,
                },
                Err(e) => Outcome::Failed {
                    kind: JobKind::Open,
                    error: e.to_string(),
                },
            },
            Work::ReadList { path, sheet } => {
                let options = ImportOptions {
                    sheet,
                    ..ImportOptions::default()
                };
                match crate::io::import::read_table(&path, &options) {
                    Ok(table) => Outcome::ListRead {
                        table: Arc::new(table),
                        path,
                    },
                    Err(e) => Outcome::Failed {
                        kind: JobKind::ReadList,
                        error: e.to_string(),
                    },
                }
            }
            Work::Import {
                table,
                header,
                mapping,
                skip_bad_rows,
            } => {
                let options = ImportOptions {
                    sheet: table.sheet.clone(),
                    skip_bad_rows,
                };
                match crate::io::import::ImportedList::from_table(
                    &table, header, &mapping, &options,
                ) {
                    Ok(list) => Outcome::Imported {
                        skipped: list.skipped.len(),
                        rows: list.rows,
                        report: list.report.lines(),
                        doc: Box::new(Document::new_unsaved(list.into_plan())),
                    },
                    Err(e) => Outcome::Failed {
                        kind: JobKind::Import,
                        error: e.to_string(),
                    },
                }
            }
            Work::Merge { base, theirs, ours } => {
                match crate::ui::merging::first_merge(base, theirs, *ours) {
                    Ok(dialog) => Outcome::MergeReady(Box::new(dialog)),
                    Err(error) => Outcome::Failed {
                        kind: JobKind::Merge,
                        error,
                    },
                }
            }
            Work::MergeResolved { sides, choices } => {
                match crate::ui::merging::resolved(&sides, &choices) {
                    Ok(merged) => Outcome::Merged {
                        conflicts: merged.conflicts.len(),
                        left_out: merged.conflicts.iter().filter(|c| c.held.is_none()).count(),
                        doc: Box::new(Document::new_unsaved(merged.plan)),
                    },
                    Err(error) => Outcome::Failed {
                        kind: JobKind::Merge,
                        error,
                    },
                }
            }
            Work::Export {
                plan,
                format,
                options,
                path,
            } => match crate::io::export::export_to_path(&plan, format, &options, &path) {
                Ok(()) => Outcome::Exported { path },
                Err(e) => Outcome::Failed {
                    kind: JobKind::Export,
                    error: e.to_string(),
                },
            },
            Work::Document {
                plan,
                request,
                format,
                path,
            } => match crate::documents::build(&plan, &request)
                .and_then(|doc| crate::documents::write_to_path(&doc, format, &path))
            {
                Ok(()) => Outcome::Exported { path },
                Err(e) => Outcome::Failed {
                    kind: JobKind::Document,
                    error: e.to_string(),
                },
            },
        }
    }
}

/// What a finished job hands back.
#[derive(Debug)]
pub enum Outcome {
    /// A plan file, opened and analysed.
    Opened {
        /// The document.
        doc: Box<Document>,
        /// Its file.
        path: PathBuf,
    },
    /// An autosaved copy, read as unsaved changes to its plan file.
    Recovered {
        /// The document (unsaved).
        doc: Box<Document>,
        /// The plan file it belongs to.
        path: Option<PathBuf>,
    },
    /// The cells of a list (one sheet of a workbook).
    ListRead {
        /// The cells.
        table: Arc<RawTable>,
        /// The file they were read from (to read another sheet of it).
        path: PathBuf,
    },
    /// A list imported as a new, unsaved plan.
    Imported {
        /// The document.
        doc: Box<Document>,
        /// Rows imported.
        rows: usize,
        /// Bad rows skipped.
        skipped: usize,
        /// The import report as lines of text (tables, columns, holders, rows skipped).
        report: Vec<String>,
    },
    /// Two copies merged with ours at each conflict: what the merge dialog shows.
    MergeReady(Box<crate::ui::merging::MergeDialog>),
    /// The merge with the user's choices, as an unsaved document over the open plan's file.
    Merged {
        /// The merged plan's document (unsaved).
        doc: Box<Document>,
        /// How many conflicts the merge had, and how many steps it left out (no longer apply).
        conflicts: usize,
        /// Steps left out.
        left_out: usize,
    },
    /// An export written.
    Exported {
        /// The file.
        path: PathBuf,
    },
    /// The job failed; the open plan is untouched.
    Failed {
        /// What was being done.
        kind: JobKind,
        /// Why it failed (names the file and the place).
        error: String,
    },
}

struct Running {
    kind: JobKind,
    started: Instant,
    receiver: Receiver<Outcome>,
}

/// The window's one background job slot.
#[derive(Default)]
pub struct Jobs {
    running: Option<Running>,
}

impl std::fmt::Debug for Jobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jobs")
            .field("running", &self.running.as_ref().map(|r| r.kind))
            .finish()
    }
}

impl Jobs {
    /// Starts a job; false (and nothing started) while another one runs.
    pub fn start(&mut self, work: Work) -> bool {
        if self.running.is_some() {
            return false;
        }
        let kind = work.kind();
        let (sender, receiver) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("shiquan-job".into())
            .spawn(move || {
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work.run()))
                    .unwrap_or_else(|panic| Outcome::Failed {
                        kind,
                        error: panic_text(&panic),
                    });
                // The window may have cancelled the job and dropped the receiver.
                let _ = sender.send(outcome);
            });
        if let Err(e) = spawned {
            // No thread: report it as the job's failure on the next poll.
            let (sender, receiver) = mpsc::channel();
            let _ = sender.send(Outcome::Failed {
                kind,
                error: e.to_string(),
            });
            self.running = Some(Running {
                kind,
                started: Instant::now(),
                receiver,
            });
            return true;
        }
        self.running = Some(Running {
            kind,
            started: Instant::now(),
            receiver,
        });
        true
    }

    /// The running job and how long it has run.
    pub fn running(&self) -> Option<(JobKind, Duration)> {
        self.running.as_ref().map(|r| (r.kind, r.started.elapsed()))
    }

    /// The outcome of the job if it has finished.
    pub fn poll(&mut self) -> Option<Outcome> {
        let running = self.running.as_ref()?;
        match running.receiver.try_recv() {
            Ok(outcome) => {
                self.running = None;
                Some(outcome)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                let kind = running.kind;
                self.running = None;
                Some(Outcome::Failed {
                    kind,
                    error: "the worker thread stopped without an answer".into(),
                })
            }
        }
    }

    /// Waits for the running job (tests, and a window that must finish before it closes).
    pub fn wait(&mut self) -> Option<Outcome> {
        let running = self.running.take()?;
        Some(running.receiver.recv().unwrap_or(Outcome::Failed {
            kind: running.kind,
            error: "the worker thread stopped without an answer".into(),
        }))
    }

    /// Forgets the running job: its result is dropped when it arrives.
    pub fn cancel(&mut self) {
        self.running = None;
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    format!("internal error: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_fails_with_its_name_and_leaves_the_slot_free() {
        let mut jobs = Jobs::default();
        assert!(jobs.start(Work::Open {
            path: "/nonexistent/plan.ron".into(),
            scenario: None,
        }));
        assert!(!jobs.start(Work::Open {
            path: "/nonexistent/other.ron".into(),
            scenario: None,
        }));
        let Some(Outcome::Failed { kind, error }) = jobs.wait() else {
            panic!("expected a failure");
        };
        assert_eq!(kind, JobKind::Open);
        assert!(error.contains("/nonexistent/plan.ron"), "{error}");
        assert!(jobs.running().is_none());
        assert!(jobs.poll().is_none());
    }

    #[test]
    fn a_cancelled_job_is_forgotten() {
        let mut jobs = Jobs::default();
        jobs.start(Work::Open {
            path: "/nonexistent/plan.ron".into(),
            scenario: None,
        });
        jobs.cancel();
        assert!(jobs.running().is_none());
        assert!(jobs.wait().is_none());
    }
}
