//! A comparison's headline figures in words ([`DiffText`]): 「17 个单位下划甲区，64 项处罚权集中，调剂
//! 编制 20 名」 / "17 units devolved to 甲区; 64 penalty powers concentrated; 20 slots reallocated".

use std::collections::BTreeMap;

use super::Lang;
use crate::analysis::diff::Diff;
use crate::model::{JurisdictionId, Level, PowerId, PowerKind, State};
use crate::plan::TransferMode;

/// A comparison in words.
pub trait DiffText {
    /// The headline figures in one line, e.g. "17 个单位下划甲区，64 项处罚权集中，调剂编制 20 名".
    fn headline(&self, from: &State, to: &State, lang: Lang) -> String;
}

impl DiffText for Diff {
    fn headline(&self, from: &State, to: &State, lang: Lang) -> String {
        let mut parts = Vec::new();
        let mut moves: BTreeMap<(&JurisdictionId, bool), usize> = BTreeMap::new();
        for m in &self.bodies_moved {
            let down = to.jurisdiction(&m.to).map(|j| j.level) != Some(Level::City);
            *moves.entry((&m.to, down)).or_default() += 1;
        }
        for ((place, down), n) in moves {
            let name = to.jurisdiction_name(place);
            parts.push(match (lang, down) {
                (Lang::Zh, true) => format!("{n} 个单位下划{name}"),
                (Lang::Zh, false) => format!("{n} 个单位上收{name}"),
                (Lang::En, true) => format!("{n} units devolved to {name}"),
                (Lang::En, false) => format!("{n} units centralised to {name}"),
            });
        }
        if !self.bodies_created.is_empty() {
            parts.push(match lang {
                Lang::Zh => format!("新设机构 {} 个", self.bodies_created.len()),
                Lang::En => format!("{} bodies created", self.bodies_created.len()),
            });
        }
        if !self.bodies_abolished.is_empty() {
            parts.push(match lang {
                Lang::Zh => format!("撤并机构 {} 个", self.bodies_abolished.len()),
                Lang::En => format!("{} bodies merged or abolished", self.bodies_abolished.len()),
            });
        }
        let kind_of = |p: &PowerId| to.power(p).or_else(|| from.power(p)).map(|p| p.kind);
        let concentrated = self
            .powers_moved
            .iter()
            .filter(|m| m.modes.contains(&TransferMode::Concentrate))
            .count();
        let penalties_concentrated = self
            .powers_moved
            .iter()
            .filter(|m| m.modes.contains(&TransferMode::Concentrate))
            .all(|m| kind_of(&m.power) == Some(PowerKind::Penalty));
        if concentrated > 0 {
            parts.push(match (lang, penalties_concentrated) {
                (Lang::Zh, true) => format!("{concentrated} 项处罚权集中"),
                (Lang::Zh, false) => format!("{concentrated} 项事项相对集中"),
                (Lang::En, true) => format!("{concentrated} penalty powers concentrated"),
                (Lang::En, false) => format!("{concentrated} powers concentrated"),
            });
        }
        let other_moves = self.powers_moved.len() - concentrated;
        if other_moves > 0 {
            parts.push(match lang {
                Lang::Zh => format!("{other_moves} 项事项调整主办单位"),
                Lang::En => format!("{other_moves} powers change lead body"),
            });
        }
        if self.staffing_moved != 0 {
            parts.push(match lang {
                Lang::Zh => format!("调剂编制 {} 名", self.staffing_moved),
                Lang::En => format!("{} slots reallocated", self.staffing_moved),
            });
        }
        if parts.is_empty() {
            return lang.pick("无变化", "no change").to_owned();
        }
        parts.join(lang.pick("，", "; "))
    }
}
