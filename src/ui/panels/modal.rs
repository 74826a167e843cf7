//! What the larger modal dialogs hold while they are open: the import's column mapping, the
//! rules being set, the grant being chosen, and what waits for the answer to 未保存. The
//! dialog that is open is a [`super::Dialog`].

use std::collections::BTreeSet;

use crate::model::{BodyId, JurisdictionId, PowerId};
use crate::text::Lang;
use crate::ui::command::GrantFrom;
use crate::ui::state::Selection;

/// One street of the grant dialog: whether it receives, and by which of its bodies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreetChoice {
    /// The street.
    pub street: JurisdictionId,
    /// Whether it receives the grant.
    pub chosen: bool,
    /// The body that receives, `None` when the street has no body.
    pub receiver: Option<BodyId>,
}

/// The grant dialog's choices (赋权, 行政处罚法 第24条): a district, its streets' receiving bodies,
/// the powers, the province's decision and the evaluation date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrantDialog {
    /// The granting district.
    pub district: Option<JurisdictionId>,
    /// Each street of the district, in id order.
    pub streets: Vec<StreetChoice>,
    /// The chosen powers.
    pub powers: BTreeSet<PowerId>,
    /// Only candidates of this field are listed.
    pub field: Option<String>,
    /// Only candidates whose name or code contains this are listed.
    pub search: String,
    /// 批准机关 typed so far.
    pub authority: String,
    /// 文号 typed so far.
    pub document: String,
    /// 评估日期 typed so far (2027-06-30).
    pub evaluate_by: String,
    /// Why the last attempt was refused, in the user's language.
    pub error: Option<String>,
    /// The district's candidate powers, as read at `candidates_for` (revision, district).
    pub candidates: std::sync::Arc<Vec<crate::ui::streets::Candidate>>,
    /// When and for which district the candidates were read.
    pub candidates_for: Option<(u64, JurisdictionId)>,
}

impl GrantDialog {
    /// The dialog opened from `from` on `state`, with `selection` for the menu; `None` when the
    /// plan has no district with streets.
    pub fn open(
        state: &crate::model::State,
        from: &GrantFrom,
        selection: &Selection,
    ) -> Option<Self> {
        use crate::ui::streets;
        let with_streets = streets::districts_with_streets(state);
        let district_of_place = |j: &JurisdictionId| {
            state
                .district_of(j)
                .filter(|d| with_streets.contains_key(d))
                .cloned()
        };
        let district_of_body = |b: &BodyId| {
            state
                .body(b)
                .and_then(|b| district_of_place(&b.jurisdiction))
        };
        let (district, only) = match from {
            GrantFrom::District(d) => (district_of_place(d), None),
            GrantFrom::Body(b) => {
                let street = state
                    .body(b)
                    .filter(|_| streets::is_street_body(state, b))
                    .map(|x| (x.jurisdiction.clone(), b.clone()));
                (district_of_body(b), street)
            }
            GrantFrom::Menu => {
                let picked = match selection {
                    Selection::Body(b) => district_of_body(b),
                    Selection::Jurisdiction(j) => district_of_place(j),
                    _ => None,
                };
                (picked, None)
            }
        };
        let district = district.or_else(|| with_streets.keys().next().map(|d| (*d).clone()))?;
        let mut dialog = Self {
            district: Some(district.clone()),
            ..Self::default()
        };
        dialog.choose_district(state, &district, only.as_ref());
        Some(dialog)
    }

    /// Starts over on `district`: its streets (all chosen, or only `only`'s street with its
    /// body), no powers; the decision of an earlier grant of the district, if any, filled in.
    pub fn choose_district(
        &mut self,
        state: &crate::model::State,
        district: &JurisdictionId,
        only: Option<&(JurisdictionId, BodyId)>,
    ) {
        use crate::ui::streets;
        self.district = Some(district.clone());
        self.powers.clear();
        self.error = None;
        self.candidates_for = None;
        self.streets = streets::streets_of(state, district)
            .into_iter()
            .map(|street| match only {
                Some((s, body)) => StreetChoice {
                    street: street.clone(),
                    chosen: s == street,
                    receiver: if s == street {
                        Some(body.clone())
                    } else {
                        streets::default_receiver(state, street)
                    },
                },
                None => StreetChoice {
                    street: street.clone(),
                    chosen: true,
                    receiver: streets::default_receiver(state, street),
                },
            })
            .collect();
        let earlier = self
            .streets
            .iter()
            .filter_map(|s| s.receiver.as_ref())
            .flat_map(|b| streets::granted(state, b))
            .find_map(|h| h.grant.as_ref()?.decision.clone());
        if let Some(decision) = earlier
            && self.authority.is_empty()
            && self.document.is_empty()
        {
            self.authority = decision.authority;
            self.document = decision.document;
        }
    }

    /// The chosen receivers, in street order.
    pub fn receivers(&self) -> Vec<BodyId> {
        self.streets
            .iter()
            .filter(|s| s.chosen)
            .filter_map(|s| s.receiver.clone())
            .collect()
    }

    /// The operation the dialog's choices make.
    pub fn operation(&self) -> crate::plan::Operation {
        let authority = self.authority.trim();
        let document = self.document.trim();
        let decision =
            (!authority.is_empty() || !document.is_empty()).then(|| crate::model::Approval {
                authority: authority.to_owned(),
                document: document.to_owned(),
            });
        crate::plan::Operation::GrantToStreets {
            powers: self.powers.iter().cloned().collect(),
            receivers: self.receivers(),
            decision,
            evaluate_by: self.evaluate_by.trim().to_owned(),
        }
    }
}

/// The import dialog's state: the cells read, and the user's choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportDialog {
    /// The list file (another sheet of a workbook is read from it).
    pub path: std::path::PathBuf,
    /// The cells of the list (one sheet of a workbook).
    pub table: std::sync::Arc<crate::io::import::RawTable>,
    /// The header row's index in `table.rows`.
    pub header: usize,
    /// Which column holds which field (detected, then corrected by the user).
    pub mapping: crate::io::import::HeaderMapping,
    /// Import the good rows when some are bad.
    pub skip_bad_rows: bool,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

/// The rules panel's edit buffer: one row per built-in rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesDialog {
    /// Each rule, its setting, and its parameters as editable text ("、"-separated).
    pub rows: Vec<RuleRow>,
}

/// One rule in the rules panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleRow {
    /// The rule.
    pub rule: crate::plan::Rule,
    /// Its setting as edited.
    pub setting: crate::plan::RuleSetting,
    /// Each parameter as text, values separated by 、 or commas.
    pub params: Vec<(String, String)>,
}

/// An action that waits for the unsaved-changes question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingAction {
    /// Start a new, empty plan.
    NewPlan,
    /// Open a file (ask for one, or this one).
    Open(Option<std::path::PathBuf>),
    /// Close the window.
    Quit,
    /// Import a list (it replaces the open plan).
    Import,
    /// Open the embedded seed plan.
    OpenSeed,
}

impl RulesDialog {
    /// The panel's buffer for a plan's rule settings (built-in settings where the plan has none).
    pub fn of(config: &crate::plan::RuleConfig) -> Self {
        Self {
            rows: crate::plan::Rule::ALL
                .into_iter()
                .map(|rule| RuleRow::new(rule, config.setting(rule)))
                .collect(),
        }
    }

    /// The rule settings as edited.
    pub fn config(&self) -> crate::plan::RuleConfig {
        let mut config = crate::plan::RuleConfig::default();
        for row in &self.rows {
            let mut setting = row.setting.clone();
            setting.params = row
                .params
                .iter()
                .map(|(key, text)| {
                    let values = split_values(text);
                    let values = if key == KINDS_PARAM {
                        values.into_iter().map(|v| kind_id(&v)).collect()
                    } else {
                        values
                    };
                    (key.clone(), values)
                })
                .collect();
            config.set(row.rule, setting);
        }
        config
    }
}

impl RuleRow {
    /// A row for a rule and its setting.
    pub fn new(rule: crate::plan::Rule, setting: crate::plan::RuleSetting) -> Self {
        // Kinds of power are stored by their ids and shown by their names (行政许可, not
        // `licence`); a name, an id or an English label typed back is read as the kind.
        let params = setting
            .params
            .iter()
            .map(|(k, v)| {
                let shown: Vec<&str> = if k == KINDS_PARAM {
                    v.iter()
                        .map(|id| {
                            crate::text::parse_power_kind(id)
                                .map_or(id.as_str(), |k| crate::text::Label::label(&k, Lang::Zh))
                        })
                        .collect()
                } else {
                    v.iter().map(String::as_str).collect()
                };
                (k.clone(), shown.join("、"))
            })
            .collect();
        Self {
            rule,
            setting,
            params,
        }
    }
}

/// The parameter that lists kinds of power.
const KINDS_PARAM: &str = "kinds";

/// The id of a kind of power typed by name (or by id); text that names no kind stays as typed.
fn kind_id(text: &str) -> String {
    crate::text::parse_power_kind(text).map_or_else(|| text.to_owned(), |k| k.id().to_owned())
}

/// The values of a parameter typed as text: separated by 、, commas (either width) or
/// semicolons, trimmed, empty ones dropped.
pub fn split_values(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Rule, RuleConfig};

    #[test]
    fn the_rules_buffer_gives_back_the_settings_it_was_made_of() {
        let config = RuleConfig::default();
        let dialog = RulesDialog::of(&config);
        assert_eq!(dialog.rows.len(), Rule::ALL.len());
        let back = dialog.config();
        for rule in Rule::ALL {
            assert_eq!(back.setting(rule), config.setting(rule));
        }
    }

    #[test]
    fn kinds_of_power_are_shown_by_name_and_stored_by_id() {
        let config = RuleConfig::default();
        let dialog = RulesDialog::of(&config);
        let shown: Vec<&String> = dialog
            .rows
            .iter()
            .flat_map(|r| r.params.iter())
            .filter(|(k, _)| k == KINDS_PARAM)
            .map(|(_, v)| v)
            .collect();
        assert!(!shown.is_empty(), "some rule has kinds");
        for text in shown {
            assert!(
                !text.chars().any(|c| c.is_ascii_alphabetic()),
                "kinds shown by their Chinese names, not ids: {text}"
            );
        }
    }

    #[test]
    fn parameter_text_splits_on_chinese_and_latin_separators() {
        assert_eq!(
            split_values(" 市容环卫、园林绿化，噪声; ,市政设施 "),
            ["市容环卫", "园林绿化", "噪声", "市政设施"]
        );
    }
}
