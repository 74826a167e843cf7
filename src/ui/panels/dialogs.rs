//! Modal dialogs: unsaved changes (save / don't save / cancel), new / duplicate / rename /
//! delete scenario, the transfer popup that asks the mode (划转 by default), the import and
//! rules panels and the grant dialog (in their own modules), recovery of an autosaved copy, a plan file changed on
//! disk, a file given at launch that could not be opened, About — and the progress of a background job.

use egui::{Modal, RichText, TextEdit, Ui};

use super::PanelCtx;
use crate::plan::TransferMode;
use crate::text::Label;
use crate::ui::command::{Action, Command};
use crate::ui::i18n::{self, T};
use crate::ui::panels::Dialog;

/// Shows the open dialog, if any.
pub fn show(ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
    let Some(dialog) = cx.dialog.clone() else {
        return;
    };
    let response = Modal::new(egui::Id::unique("shiquan-dialog")).show(ctx, |ui| {
        ui.set_min_width(360.0);
        match dialog {
            Dialog::Unsaved { .. } => unsaved(ui, cx),
            Dialog::NewScenario { .. } | Dialog::RenameScenario { .. } => name(ui, cx),
            Dialog::DeleteScenario => delete(ui, cx),
            Dialog::Transfer { .. } => transfer(ui, cx),
            Dialog::About => about(ui, cx),
            Dialog::Import(_) => super::import::show(ui, cx),
            Dialog::Rules(_) => super::rules::show(ui, cx),
            Dialog::Recover { sidecar } => recover(ui, cx, &sidecar),
            Dialog::ChangedOnDisk => changed_on_disk(ui, cx),
            Dialog::CannotOpen { path, error } => cannot_open(ui, cx, &path, &error),
            Dialog::Grant(_) => super::grant::show(ui, cx),
            Dialog::Merge(_) => super::merge::show(ui, cx),
            Dialog::Document(_) => super::document::show(ui, cx),
            Dialog::FileBrowser(_) => super::file_browser::show(ui, cx),
            Dialog::Opinion(_) => super::opinion::show(ui, cx),
            Dialog::EditBeforeLaterSteps(_)
            | Dialog::ReplayDropped(_)
            | Dialog::LeaveWithLaterSteps(_) => super::history::show(ui, cx),
        }
    });
    if response.should_close() && cx.out.is_empty() {
        cx.out.push(Command::CloseDialog);
    }
}

fn buttons(ui: &mut Ui, cx: &mut PanelCtx<'_>, ok: (T, Action), extra: Option<(T, Action)>) {
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button(RichText::new(cx.t(ok.0)).strong()).clicked() {
            cx.out.push(ok.1);
        }
        if let Some((label, command)) = extra
            && ui.button(cx.t(label)).clicked()
        {
            cx.out.push(command);
        }
        if ui.button(cx.t(T::Cancel)).clicked() {
            cx.out.push(Command::CloseDialog);
        }
    });
}

fn unsaved(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    ui.heading(cx.t(T::UnsavedTitle));
    ui.label(cx.t(T::UnsavedQuestion));
    buttons(
        ui,
        cx,
        (T::CmdSave, Command::ConfirmSave.into()),
        Some((T::DontSave, Command::ConfirmDiscard.into())),
    );
}

fn name(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let (title, command) = match &*cx.dialog {
        Some(Dialog::NewScenario { name, duplicate }) => (
            if *duplicate {
                T::CmdDuplicateScenario
            } else {
                T::CmdNewScenario
            },
            Action::CreateScenario {
                name: name.trim().to_owned(),
                duplicate: *duplicate,
            },
        ),
        Some(Dialog::RenameScenario { name }) => (
            T::CmdRenameScenario,
            Action::RenameScenarioTo(name.trim().to_owned()),
        ),
        _ => return,
    };
    ui.heading(cx.t(title));
    let label = ui.label(cx.t(T::ScenarioName));
    let lang_ok = cx.t(T::Ok);
    let mut submit = false;
    if let Some(Dialog::NewScenario { name, .. } | Dialog::RenameScenario { name }) =
        &mut *cx.dialog
    {
        let r = ui
            .add(TextEdit::singleline(name).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        r.request_focus();
        submit = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    }
    let empty = match &command {
        Action::CreateScenario { name, .. } | Action::RenameScenarioTo(name) => name.is_empty(),
        _ => true,
    };
    ui.separator();
    ui.horizontal(|ui| {
        if (ui.add_enabled(!empty, egui::Button::new(lang_ok)).clicked() || submit) && !empty {
            cx.out.push(command.clone());
        }
        if ui.button(cx.t(T::Cancel)).clicked() {
            cx.out.push(Command::CloseDialog);
        }
    });
}

fn delete(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    ui.heading(cx.t(T::CmdDeleteScenario));
    let name = super::top_bar::current_view_name(cx);
    ui.label(i18n::delete_scenario_question(cx.state.lang, &name));
    buttons(
        ui,
        cx,
        (T::BtnDelete, Command::DeleteScenarioConfirmed.into()),
        None,
    );
}

fn transfer(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let Some(Dialog::Transfer {
        powers,
        to,
        mode,
        mut authority,
        mut document,
    }) = cx.dialog.clone()
    else {
        return;
    };
    ui.heading(T::TransferTitle.get(lang));
    let state = cx.doc.state();
    for (p, from) in &powers {
        let name = state
            .power(p)
            .map_or_else(|| p.to_string(), |x| x.name.clone());
        ui.label(format!(
            "{name}：{} → {}",
            cx.body_name(from),
            cx.body_name(&to)
        ));
    }
    ui.add_space(6.0);
    ui.label(T::Mode.get(lang));
    let mut chosen = mode;
    ui.horizontal_wrapped(|ui| {
        for m in TransferMode::ALL {
            ui.radio_value(&mut chosen, m, m.label(lang))
                .on_hover_text(i18n::help::mode_tooltip(m, lang));
        }
    });
    ui.label(
        RichText::new(i18n::help::mode_meaning(chosen, lang))
            .small()
            .color(crate::ui::theme::TEXT_WEAK),
    );
    // 相对集中 needs the province's decision: where it is known, it is recorded with the move.
    let mut approval = None;
    if chosen == TransferMode::Concentrate {
        ui.add_space(4.0);
        for (label, text) in [
            (T::ApprovalAuthority, &mut authority),
            (T::ApprovalDocument, &mut document),
        ] {
            ui.horizontal(|ui| {
                let l = ui.label(label.get(lang));
                ui.text_edit_singleline(text).labelled_by(l.id);
            });
        }
        if !authority.trim().is_empty() || !document.trim().is_empty() {
            approval = Some(crate::model::Approval {
                authority: authority.trim().to_owned(),
                document: document.trim().to_owned(),
            });
        }
    }
    if let Some(Dialog::Transfer {
        mode: m,
        authority: a,
        document: d,
        ..
    }) = &mut *cx.dialog
    {
        *m = chosen;
        *a = authority;
        *d = document;
    }
    let ops = powers
        .iter()
        .map(|(power, from)| crate::plan::Operation::TransferPower {
            power: power.clone(),
            from: from.clone(),
            to: to.clone(),
            mode: chosen,
            approval: approval.clone(),
        })
        .collect();
    buttons(ui, cx, (T::Ok, Action::ApplyAll(ops)), None);
}

fn recover(ui: &mut Ui, cx: &mut PanelCtx<'_>, sidecar: &std::path::Path) {
    ui.heading(cx.t(T::RecoverTitle));
    ui.label(i18n::recover_question(
        cx.state.lang,
        &sidecar.display().to_string(),
    ));
    buttons(
        ui,
        cx,
        (T::Recover, Command::Recover.into()),
        Some((T::DiscardRecovery, Command::DiscardRecovery.into())),
    );
}

fn changed_on_disk(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    ui.heading(cx.t(T::ChangedOnDiskTitle));
    ui.label(cx.t(T::ChangedOnDiskQuestion));
    buttons(
        ui,
        cx,
        (T::Overwrite, Command::OverwriteOnDisk.into()),
        Some((T::CmdSaveAs, Command::SaveAs.into())),
    );
}

/// A file given at launch did not read: its path, the loader's reason (where and what), and the
/// way on (open another plan, or go on with the sample).
fn cannot_open(ui: &mut Ui, cx: &mut PanelCtx<'_>, path: &std::path::Path, error: &str) {
    ui.set_max_width(560.0);
    ui.heading(cx.t(T::CannotOpenTitle));
    ui.add(egui::Label::new(RichText::new(path.display().to_string()).strong()).wrap());
    egui::ScrollArea::vertical()
        .max_height(240.0)
        .show(ui, |ui| {
            let error = RichText::new(crate::report::terminal_text(error)).monospace();
            ui.add(egui::Label::new(error).wrap());
        });
    ui.label(cx.t(T::CannotOpenSeedShown));
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button(RichText::new(cx.t(T::Ok)).strong()).clicked() {
            cx.out.push(Command::CloseDialog);
        }
        if ui.button(cx.t(T::CmdOpen)).clicked() {
            cx.out.push(Command::CloseDialog);
            cx.out.push(Command::Open);
        }
    });
}

/// The progress of a background job: what it does, for how long, and a way to stop waiting.
pub fn progress(
    ctx: &egui::Context,
    cx: &mut PanelCtx<'_>,
    kind: crate::ui::jobs::JobKind,
    elapsed: std::time::Duration,
) {
    Modal::new(egui::Id::unique("shiquan-progress")).show(ctx, |ui| {
        ui.set_min_width(320.0);
        ui.label(RichText::new(i18n::job_label(cx.state.lang, kind)).strong());
        indeterminate_bar(ui, elapsed);
        ui.label(i18n::elapsed(cx.state.lang, elapsed.as_secs_f32()));
        ui.separator();
        if ui.button(cx.t(T::Cancel)).clicked() {
            cx.out.push(Command::CancelJob);
        }
    });
}

/// A bar with a block sliding along it: the job has no measurable progress, but the window is
/// alive. Redrawn ten times a second by the app (not every frame, as egui's spinner would).
fn indeterminate_bar(ui: &mut Ui, elapsed: std::time::Duration) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(300.0, 8.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, crate::ui::theme::DIMMED);
    let phase = (elapsed.as_secs_f32() / 1.5).fract();
    let width = rect.width() * 0.3;
    let x = rect.left() + (rect.width() + width) * phase - width;
    let block =
        egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(width, rect.height()))
            .intersect(rect);
    painter.rect_filled(block, 4.0, crate::ui::theme::SELECTED);
}

fn about(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    ui.heading(cx.t(T::AppName));
    ui.label(cx.t(T::AboutText));
    ui.label(format!(
        "{} {}",
        cx.t(T::Version),
        env!("CARGO_PKG_VERSION")
    ));
    ui.separator();
    if ui.button(cx.t(T::Ok)).clicked() {
        cx.out.push(Command::CloseDialog);
    }
}
