//! Issue 17, problem 3: no internal id in user-facing text. The test walks the seed plan's
//! baseline and every scenario through every tab, the inspector of bodies, powers and places,
//! the 变更 list at an early step, the rules panel, the transfer and grant dialogs, the help
//! window, every tooltip of the lanes' boxes and chips, every finding's sentence, and every
//! export (CSV, XLSX, Markdown, HTML, SVG), and finds no body, jurisdiction or scenario id in
//! them. Codes of powers are a user's codes and may appear; so may columns a user asked for as
//! codes (a header ending in 编码 or 代码).

#![cfg(feature = "gui")]

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::helpers::{harness, seed};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shiquan::io::export::{ExportFormat, ExportOptions};
use shiquan::model::{JurisdictionId, ScenarioId};
use shiquan::plan::Plan;
use shiquan::session::View;
use shiquan::text::{FindingText, Lang};
use shiquan::ui::command::Action;
use shiquan::ui::command::Command;
use shiquan::ui::command::GrantFrom;
use shiquan::ui::state::{Selection, Tab};
use shiquan::ui::{ScriptedDialogs, ShiquanApp};

/// Every id of the plan that a user never typed: bodies, jurisdictions, scenarios, in any state.
fn ids(plan: &Plan) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut states = vec![plan.baseline.clone()];
    for s in &plan.scenarios {
        ids.insert(s.id.to_string());
        states.push(plan.state_of(Some(&s.id)).expect("the scenario applies"));
    }
    for state in states {
        ids.extend(state.bodies().keys().map(ToString::to_string));
        ids.extend(state.jurisdictions().keys().map(ToString::to_string));
        // The matter that ties a licence to its penalty (`construction-quality`) is an id too.
        ids.extend(state.powers().values().filter_map(|p| p.matter.clone()));
    }
    ids
}

/// [`ids`], and the ids of the kinds of power (`licence`, `penalty`), which the Chinese window
/// never shows.
fn ids_in_chinese(plan: &Plan) -> BTreeSet<String> {
    let mut ids = ids(plan);
    ids.extend(
        shiquan::model::PowerKind::ALL
            .into_iter()
            .map(|k| k.id().to_owned()),
    );
    ids
}

/// The id-like tokens of a text (runs of ASCII letters, digits, `-` and `_`) that are ids.
fn leaks(text: &str, ids: &BTreeSet<String>) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|t| ids.contains(*t))
        .map(str::to_owned)
        .collect()
}

/// Everything the window shows now: every node's label and value.
fn shown(h: &Harness<'static, ShiquanApp>) -> String {
    let mut out = String::new();
    for node in h.query_all_by_label_contains("") {
        let _ = writeln!(out, "{node:?}");
    }
    out
}

struct Walk {
    ids: BTreeSet<String>,
    found: Vec<(String, BTreeSet<String>)>,
}

impl Walk {
    fn check(&mut self, place: &str, text: &str) {
        let leaked = leaks(text, &self.ids);
        if !leaked.is_empty() {
            self.found.push((place.to_owned(), leaked));
        }
    }

    fn look(&mut self, h: &mut Harness<'static, ShiquanApp>, place: &str) {
        h.run();
        let text = shown(h);
        self.check(place, &text);
    }
}

fn push(h: &mut Harness<'static, ShiquanApp>, command: impl Into<Action>) {
    h.state_mut().push(command);
    h.run();
}

#[test]
fn no_window_text_names_a_body_a_place_or_a_scenario_by_its_id() {
    let plan = seed();
    let mut walk = Walk {
        ids: ids_in_chinese(&plan),
        found: Vec::new(),
    };
    assert!(walk.ids.contains("city-district-split") && walk.ids.contains("district-a"));
    let mut h = harness(plan.clone(), ScriptedDialogs::default());
    h.run();
    let mut views = vec![View::Baseline];
    views.extend(plan.scenarios.iter().map(|s| View::Scenario(s.id.clone())));
    for view in views {
        push(&mut h, Action::SwitchView(view.clone()));
        let name = format!("{view:?}");
        for tab in Tab::ALL {
            push(&mut h, Command::ShowTab(tab));
            walk.look(&mut h, &format!("{name} {tab:?}"));
        }
        // The 变更 list at its first step and half way.
        push(&mut h, Command::ShowTab(Tab::Changes));
        let steps = h.state().document().history().entries().len();
        for step in [0, steps / 2] {
            push(&mut h, Action::JumpTo(step));
            walk.look(&mut h, &format!("{name} 变更 at step {step}"));
        }
        push(&mut h, Action::JumpTo(steps));
        // The inspector of every body (a few per place), every place, and some powers.
        push(&mut h, Command::ShowTab(Tab::Lanes));
        let state = h.state().document().state().clone();
        for body in state.bodies().keys().take(40) {
            push(&mut h, Action::Select(Selection::Body(body.clone())));
            walk.look(&mut h, &format!("{name} inspector of {body}"));
            let tip = shiquan::ui::canvas::body_tooltip(h.state().document(), Lang::Zh, body);
            walk.check(&format!("{name} tooltip of {body}"), &tip);
        }
        for place in state.jurisdictions().keys() {
            push(
                &mut h,
                Action::Select(Selection::Jurisdiction(place.clone())),
            );
            walk.look(&mut h, &format!("{name} inspector of {place}"));
        }
        for power in state.powers().keys().take(20) {
            push(&mut h, Action::Select(Selection::Power(power.clone())));
            walk.look(&mut h, &format!("{name} inspector of {power}"));
            let tip = shiquan::ui::canvas::chip_tooltip(h.state().document(), Lang::Zh, power);
            walk.check(&format!("{name} chip tooltip of {power}"), &tip);
        }
        // Every finding's sentence, in Chinese (English ones checked for the plan's ids).
        let doc = h.state().document();
        let plain_ids = ids(&plan);
        for f in doc.analysis().findings() {
            walk.check(
                &format!("{name} finding {:?}", f.kind),
                &f.message(doc.state(), Lang::Zh),
            );
            let english = leaks(&f.message(doc.state(), Lang::En), &plain_ids);
            if !english.is_empty() {
                walk.found
                    .push((format!("{name} finding {:?} (en)", f.kind), english));
            }
        }
    }
    // Every menu of the menu bar, open.
    for menu in ["文件", "编辑", "视图", "方案", "帮助"] {
        h.get_by_label(menu).click();
        h.run();
        walk.look(&mut h, &format!("menu {menu}"));
        h.key_press(egui::Key::Escape);
        h.run();
    }
    // Dialogs: the rules panel, a transfer, a grant, the guide.
    push(&mut h, Command::ShowRules);
    walk.look(&mut h, "规则设置");
    push(&mut h, Command::CloseDialog);
    let state = h.state().document().state().clone();
    let lead = state
        .holdings()
        .find(|h| h.role.is_lead())
        .expect("a lead holding")
        .clone();
    let to = state
        .bodies()
        .keys()
        .find(|b| **b != lead.body)
        .expect("another body")
        .clone();
    push(
        &mut h,
        Action::PromptTransfer {
            powers: vec![(lead.power.clone(), lead.body.clone())],
            to,
        },
    );
    walk.look(&mut h, "移交");
    push(&mut h, Command::CloseDialog);
    push(
        &mut h,
        Action::OpenGrant(GrantFrom::District(JurisdictionId::new("district-a"))),
    );
    walk.look(&mut h, "赋权");
    push(&mut h, Command::CloseDialog);
    push(&mut h, Command::Help);
    walk.look(&mut h, "使用说明");
    assert!(
        walk.found.is_empty(),
        "ids in user-facing text:\n{}",
        walk.found
            .iter()
            .map(|(place, ids)| format!("{place}: {ids:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The cells of an export's tables that are not in a code column, as text.
fn cells_outside_code_columns(rows: Vec<Vec<String>>) -> String {
    let mut out = String::new();
    let mut code_columns: BTreeSet<usize> = BTreeSet::new();
    for row in rows {
        // A header row names its code columns; a row with the same cells count follows it.
        if row
            .iter()
            .any(|c| c.ends_with("编码") || c.ends_with("代码"))
        {
            code_columns = row
                .iter()
                .enumerate()
                .filter(|(_, c)| c.ends_with("编码") || c.ends_with("代码"))
                .map(|(i, _)| i)
                .collect();
        }
        for (i, cell) in row.iter().enumerate() {
            if !code_columns.contains(&i) {
                out.push_str(cell);
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn no_export_names_a_body_a_place_or_a_scenario_by_its_id_outside_code_columns() {
    let plan = seed();
    let ids = ids(&plan);
    let mut found = Vec::new();
    let mut scenarios: Vec<Option<ScenarioId>> = vec![None];
    scenarios.extend(plan.scenarios.iter().map(|s| Some(s.id.clone())));
    for scenario in scenarios {
        let options = ExportOptions {
            scenario: scenario.clone(),
            ..ExportOptions::default()
        };
        for format in [
            ExportFormat::Csv,
            ExportFormat::Xlsx,
            ExportFormat::Markdown,
            ExportFormat::Html,
            ExportFormat::Svg,
            ExportFormat::Dot,
        ] {
            let bytes = shiquan::io::export::export_bytes(&plan, format, &options)
                .expect("the export is made");
            let text = match format {
                ExportFormat::Csv => {
                    let mut reader = csv::ReaderBuilder::new()
                        .has_headers(false)
                        .flexible(true)
                        .from_reader(bytes.as_slice());
                    let rows = reader
                        .records()
                        .map(|r| r.expect("a CSV row").iter().map(str::to_owned).collect())
                        .collect();
                    cells_outside_code_columns(rows)
                }
                ExportFormat::Xlsx => {
                    use calamine::Reader as _;
                    let mut book =
                        calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an XLSX");
                    let mut text = String::new();
                    for name in book.sheet_names() {
                        text.push_str(&name);
                        text.push('\n');
                        let range = book.worksheet_range(&name).expect("a sheet");
                        let rows = range
                            .rows()
                            .map(|r| r.iter().map(ToString::to_string).collect())
                            .collect();
                        text.push_str(&cells_outside_code_columns(rows));
                    }
                    text
                }
                ExportFormat::Markdown => {
                    let text = String::from_utf8(bytes).expect("UTF-8");
                    let rows = text
                        .lines()
                        .map(|l| l.split('|').map(|c| c.trim().to_owned()).collect())
                        .collect();
                    cells_outside_code_columns(rows)
                }
                ExportFormat::Html => {
                    let text = String::from_utf8(bytes).expect("UTF-8");
                    let rows = text
                        .split("<tr")
                        .map(|row| {
                            row.split("<t")
                                .map(|cell| {
                                    let inner = cell.split_once('>').map_or("", |(_, v)| v);
                                    inner.split('<').next().unwrap_or("").trim().to_owned()
                                })
                                .collect()
                        })
                        .collect();
                    cells_outside_code_columns(rows)
                }
                ExportFormat::Dot => {
                    // A graph description: its labels, not the node names of its syntax.
                    let text = String::from_utf8(bytes).expect("UTF-8");
                    text.split("label=\"")
                        .skip(1)
                        .filter_map(|t| t.split_once('"').map(|(v, _)| v.to_owned()))
                        .collect::<Vec<_>>()
                        .join("\n")
                }
                _ => {
                    // A picture: only what is drawn as text, not the element ids of the SVG.
                    let text = String::from_utf8(bytes).expect("UTF-8");
                    text.split("<text")
                        .skip(1)
                        .filter_map(|t| t.split_once('>').map(|(_, v)| v))
                        .map(|v| v.split('<').next().unwrap_or(""))
                        .collect::<Vec<_>>()
                        .join("\n")
                }
            };
            let leaked = leaks(&text, &ids);
            if !leaked.is_empty() {
                found.push(format!("{scenario:?} {format:?}: {leaked:?}"));
            }
        }
    }
    assert!(found.is_empty(), "ids in exports:\n{}", found.join("\n"));
}
