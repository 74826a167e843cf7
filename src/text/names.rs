//! The one name lookup: a body's, a power's or a place's name, from the state shown, then the
//! baseline, then (for a history entry) the body as that entry found it, then any step of the
//! history (a body created by a step after the cursor, when the list is looked at from an
//! earlier step), and only then the id. The user never sees an id where a name was ever known.

use super::Lang;
use crate::model::{Body, BodyId, Change, JurisdictionId, Level, Power, PowerId, State};
use crate::session::history::Entry;

/// Where names are looked up.
#[derive(Clone, Copy)]
pub struct Names<'s> {
    pub(super) now: &'s State,
    baseline: &'s State,
    history: &'s [Entry],
}

impl<'s> Names<'s> {
    /// Names from one state.
    pub fn of(state: &'s State) -> Self {
        Self::new(state, state)
    }

    /// Names from the current state and the baseline.
    pub fn new(now: &'s State, baseline: &'s State) -> Self {
        Self {
            now,
            baseline,
            history: &[],
        }
    }

    /// Names also from every step of a history, applied or not.
    #[must_use]
    pub fn with_history(mut self, history: &'s [Entry]) -> Self {
        self.history = history;
        self
    }

    /// A body's record in any step of the history (created, changed or removed there).
    fn body_in_history(&self, id: &BodyId) -> Option<&'s Body> {
        self.history.iter().find_map(|e| {
            e.changes.changes().iter().find_map(|c| match c {
                Change::Body {
                    id: changed,
                    before,
                    after,
                } if changed == id => after.as_deref().or(before.as_deref()),
                _ => None,
            })
        })
    }

    /// A body's name.
    pub fn body(&self, id: &BodyId) -> String {
        self.body_in(id, None)
    }

    /// A body's name, also from what `entry` changed (a body it removed).
    pub fn body_in(&self, id: &BodyId, entry: Option<&Entry>) -> String {
        self.now
            .body(id)
            .or_else(|| self.baseline.body(id))
            .or_else(|| entry.and_then(|e| body_before(e, id)))
            .or_else(|| self.body_in_history(id))
            .map_or_else(|| id.to_string(), |b| b.name.clone())
    }

    /// Bodies' names joined as a list of the language: 「甲、乙」 / "A, B".
    pub fn bodies(&self, ids: &[BodyId], lang: Lang) -> String {
        ids.iter()
            .map(|b| self.body(b))
            .collect::<Vec<_>>()
            .join(list_separator(lang))
    }

    /// The body as `entry` found it (before the entry changed it), else as the baseline has
    /// it: where a body was before an operation moved it.
    pub fn body_as_found<'a>(&'a self, id: &BodyId, entry: Option<&'a Entry>) -> Option<&'a Body> {
        entry
            .and_then(|e| body_before(e, id))
            .or_else(|| self.baseline.body(id))
    }

    /// A power's record, from the state shown, else the baseline.
    fn power_record(&self, id: &PowerId) -> Option<&'s Power> {
        self.now.power(id).or_else(|| self.baseline.power(id))
    }

    /// A power's name, or its code.
    pub fn power(&self, id: &PowerId) -> String {
        self.power_record(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    /// A power's name, or nothing when neither state has it.
    pub fn power_name(&self, id: &PowerId) -> &'s str {
        self.power_record(id).map_or("", |p| p.name.as_str())
    }

    /// A power's name with its code, 「名称（编码）」, or its code alone.
    pub fn power_coded(&self, id: &PowerId) -> String {
        self.power_record(id)
            .map_or_else(|| id.to_string(), |p| format!("{}（{}）", p.name, p.code))
    }

    /// A jurisdiction's own name.
    pub fn jurisdiction(&self, id: &JurisdictionId) -> String {
        self.now
            .jurisdiction(id)
            .or_else(|| self.baseline.jurisdiction(id))
            .map_or_else(|| id.to_string(), |j| j.name.clone())
    }

    /// A jurisdiction's level.
    pub fn level(&self, id: &JurisdictionId) -> Option<Level> {
        self.now
            .jurisdiction(id)
            .or_else(|| self.baseline.jurisdiction(id))
            .map(|j| j.level)
    }

    /// A place's name; a street's with its district's (「甲区东城街道」 / "东城街道, 甲区"), since
    /// two districts may each have a street of one name.
    pub fn place(&self, id: &JurisdictionId, lang: Lang) -> String {
        let state = self.now;
        let Some(j) = state.jurisdiction(id) else {
            return id.to_string();
        };
        match state
            .district_of(id)
            .filter(|d| *d != id)
            .and_then(|d| state.jurisdiction(d))
        {
            Some(district) => match lang {
                Lang::Zh => format!("{}{}", district.name, j.name),
                Lang::En => format!("{}, {}", j.name, district.name),
            },
            None => j.name.clone(),
        }
    }

    /// Places' names joined as a list of the language.
    pub fn places(&self, ids: &[&JurisdictionId], lang: Lang) -> String {
        ids.iter()
            .map(|j| self.place(j, lang))
            .collect::<Vec<_>>()
            .join(list_separator(lang))
    }
}

/// What a list of names is joined with: 「、」 / ", ".
pub fn list_separator(lang: Lang) -> &'static str {
    lang.pick("、", ", ")
}

/// The body as it was before the entry changed it.
pub(super) fn body_before<'e>(entry: &'e Entry, id: &BodyId) -> Option<&'e Body> {
    entry.changes.changes().iter().find_map(|c| match c {
        Change::Body {
            id: changed,
            before: Some(b),
            ..
        } if changed == id => Some(&**b),
        _ => None,
    })
}

/// A place's name in one state ([`Names::place`]).
pub fn place_name(state: &State, id: &JurisdictionId, lang: Lang) -> String {
    Names::of(state).place(id, lang)
}
