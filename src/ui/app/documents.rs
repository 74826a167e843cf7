//! 生成文书 (issue 20): opening the documents dialog on the current scenario, making its
//! preview on a thread of its own when the choices or the plan change (the document built and
//! its pages laid out as the PDF lays them), and writing the document chosen on the worker
//! thread after asking where.

use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use super::ShiquanApp;
use crate::documents::layout::{self, NominalWidths};
use crate::documents::{self, DocFormat, DocRequest};
use crate::ui::files::FilePurpose;
use crate::ui::i18n;
use crate::ui::jobs::Work;
use crate::ui::panels::Dialog;
use crate::ui::panels::document::{DocumentDialog, Preview, PreviewKey, kind_name};

/// A preview being made on its own thread, for the choices of `key`.
pub(super) struct PreviewJob {
    key: PreviewKey,
    receiver: mpsc::Receiver<Preview>,
}

/// The preview of a document: built, laid out, its first page kept.
fn make_preview(plan: &crate::plan::Plan, key: PreviewKey, lang: crate::text::Lang) -> Preview {
    let request = DocRequest {
        kind: key.1,
        scenario: key.2.clone(),
        from: key.3.clone(),
    };
    match documents::build(plan, &request) {
        Ok(document) => {
            let pages = layout::layout(&document, &NominalWidths);
            Preview {
                key,
                pages: pages.len(),
                page: pages.into_iter().next().map(Arc::new),
                rows: document.tables().map(|t| t.rows.len()).sum(),
                title: document.title,
                error: None,
            }
        }
        Err(error) => Preview {
            key,
            page: None,
            pages: 0,
            rows: 0,
            title: String::new(),
            error: Some(i18n::job_failed(
                lang,
                crate::ui::jobs::JobKind::Document,
                &error.to_string(),
            )),
        },
    }
}

impl ShiquanApp {
    /// 生成文书…: the dialog on the current scenario (else the plan's first).
    pub(super) fn open_documents(&mut self) {
        let scenario = self.doc.view().scenario().cloned().or_else(|| {
            self.doc
                .plan_unsynced()
                .scenarios
                .first()
                .map(|s| s.id.clone())
        });
        self.dialog = Some(Dialog::Document(Box::new(DocumentDialog::new(scenario))));
    }

    /// Keeps the dialog's preview in step with its choices and the plan: takes a preview made
    /// on its thread, and starts one when the choices or the plan changed. A province's
    /// documents take seconds to build and lay out, so the window never waits for one.
    pub(super) fn refresh_document_preview(&mut self) {
        let Some(Dialog::Document(dialog)) = &self.dialog else {
            self.document_preview = None;
            return;
        };
        let Some(key) = dialog.key(self.doc.revision()) else {
            return;
        };
        if let Some(job) = &self.document_preview {
            match job.receiver.try_recv() {
                Ok(preview) => {
                    self.document_preview = None;
                    self.take_preview(preview);
                }
                Err(mpsc::TryRecvError::Empty) if job.key == key => return,
                Err(_) => self.document_preview = None,
            }
        }
        let Some(Dialog::Document(dialog)) = &self.dialog else {
            return;
        };
        if dialog.preview.as_ref().is_some_and(|p| p.key == key) {
            return;
        }
        let plan = self.doc.plan().clone();
        let lang = self.state.lang;
        let (sender, receiver) = mpsc::channel();
        let job_key = key.clone();
        std::thread::spawn(move || {
            // The dialog may be gone when it is done: nobody then listens.
            let _ = sender.send(make_preview(&plan, job_key, lang));
        });
        self.document_preview = Some(PreviewJob { key, receiver });
    }

    /// Waits for the preview being made, and shows it (for tests, which drive frames by hand).
    pub fn finish_document_preview(&mut self) {
        if let Some(job) = self.document_preview.take()
            && let Ok(preview) = job.receiver.recv()
        {
            self.take_preview(preview);
        }
    }

    /// Whether a preview is being made (the window then looks again soon).
    pub(super) fn making_document_preview(&self) -> bool {
        self.document_preview.is_some()
    }

    fn take_preview(&mut self, preview: Preview) {
        let revision = self.doc.revision();
        if let Some(Dialog::Document(dialog)) = &mut self.dialog
            && dialog.key(revision).as_ref() == Some(&preview.key)
        {
            dialog.preview = Some(preview);
        }
    }

    /// 生成…: asks where to write the document chosen in the dialog, then writes it.
    pub(super) fn write_document(&mut self) {
        let Some(Dialog::Document(dialog)) = &self.dialog else {
            return;
        };
        let Some(scenario) = dialog.scenario.clone() else {
            return;
        };
        let format = dialog.format;
        let request = DocRequest {
            kind: dialog.kind,
            scenario: scenario.clone(),
            from: dialog.from.clone(),
        };
        let scenario_name = self
            .doc
            .plan_unsynced()
            .scenario(&scenario)
            .map_or_else(|| scenario.to_string(), |s| s.name.clone());
        let name = format!(
            "{}-{}.{}",
            i18n::files::file_name_part(&scenario_name),
            i18n::files::file_name_part(kind_name(request.kind, self.state.lang)),
            format.extension()
        );
        self.document_request = Some(request);
        if let Some(path) = self.ask_file(FilePurpose::Document(format), &name) {
            self.write_document_to(format, path);
        }
    }

    /// Writes the document asked for to `path` on the worker thread; never over the open plan.
    pub(super) fn write_document_to(&mut self, format: DocFormat, path: PathBuf) {
        let Some(request) = self.document_request.take() else {
            return;
        };
        if let Some(open) = &self.path
            && (open == &path || crate::io::atomic::same_file(open, &path))
        {
            let text = i18n::export_over_open_plan(self.state.lang, &path.display().to_string());
            self.say(text, true);
            return;
        }
        self.dialog = None;
        let plan = Box::new(self.doc.plan().clone());
        self.start(Work::Document {
            plan,
            request,
            format,
            path,
        });
    }
}
