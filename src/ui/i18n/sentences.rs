//! Operations as the sentences a reform plan writes: "将 市园林绿化管理所 下划至 甲区，随带编制
//! 23 名". Names come from the current state, then the baseline, then the entry's own recorded
//! changes (a body abolished later still has its name), then any step of the history (a body
//! created by a step after the cursor, when the list is looked at from an earlier step), and
//! only then the id.

use crate::lang::Lang;
use crate::model::{Body, BodyId, Change, Holding, JurisdictionId, Level, PowerId, State};
use crate::plan::{BodyEdit, Operation, PowerEdit};
use crate::session::history::Entry;

/// Where names are looked up.
pub struct Names<'s> {
    now: &'s State,
    baseline: &'s State,
    history: &'s [Entry],
}

impl<'s> Names<'s> {
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

    fn body(&self, id: &BodyId, entry: Option<&Entry>) -> String {
        self.now
            .body(id)
            .or_else(|| self.baseline.body(id))
            .map(|b| b.name.clone())
            .or_else(|| {
                entry
                    .and_then(|e| body_before(e, id))
                    .map(|b| b.name.clone())
            })
            .or_else(|| self.body_in_history(id).map(|b| b.name.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    fn power(&self, id: &PowerId) -> String {
        self.now
            .power(id)
            .or_else(|| self.baseline.power(id))
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    fn jurisdiction(&self, id: &JurisdictionId) -> String {
        self.now
            .jurisdiction(id)
            .or_else(|| self.baseline.jurisdiction(id))
            .map_or_else(|| id.to_string(), |j| j.name.clone())
    }

    fn level(&self, id: &JurisdictionId) -> Option<Level> {
        self.now
            .jurisdiction(id)
            .or_else(|| self.baseline.jurisdiction(id))
            .map(|j| j.level)
    }
}

/// The body as it was before the entry changed it.
fn body_before<'e>(entry: &'e Entry, id: &BodyId) -> Option<&'e Body> {
    entry.changes.changes().iter().find_map(|c| match c {
        Change::Body {
            id: changed,
            before: Some(b),
            ..
        } if changed == id => Some(&**b),
        _ => None,
    })
}

/// Up to three names of a list, and how many there are in all when more.
fn few<T>(items: &[T], name: impl Fn(&T) -> String, zh: bool) -> String {
    const SHOWN: usize = 3;
    let names: Vec<String> = items.iter().take(SHOWN).map(name).collect();
    match (zh, items.len() > SHOWN) {
        (true, false) => names.join("、"),
        (true, true) => format!("{}等 {} 项", names.join("、"), items.len()),
        (false, false) => names.join(", "),
        (false, true) => format!("{} and {} more", names.join(", "), items.len() - SHOWN),
    }
}

/// The sentence for one history entry.
pub fn entry(entry: &Entry, names: &Names<'_>, lang: Lang) -> String {
    operation(&entry.operation, Some(entry), names, lang)
}

/// The sentence for one operation; `entry` supplies what the operation changed, when known.
pub fn operation(op: &Operation, entry: Option<&Entry>, names: &Names<'_>, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match op {
        Operation::MoveBody { body, to } => {
            let name = names.body(body, entry);
            let before = entry.and_then(|e| body_before(e, body));
            let from_level = before.and_then(|b| names.level(&b.jurisdiction));
            let to_level = names.level(to);
            let slots = before.map_or(0, |b| b.staffing.slots());
            let place = names.jurisdiction(to);
            let verb = match (from_level, to_level) {
                (Some(a), Some(b)) if a < b => lang.pick("下划至", "devolve to"),
                (Some(a), Some(b)) if a > b => lang.pick("上收至", "centralise to"),
                _ => lang.pick("调整至", "move to"),
            };
            if zh {
                format!("将 {name} {verb} {place}，随带编制 {slots} 名")
            } else {
                format!("{verb} {place}: {name}, with {slots} staffing slots")
            }
        }
        Operation::TransferPower {
            power,
            from,
            to,
            mode,
            approval,
        } => {
            let (p, a, b) = (
                names.power(power),
                names.body(from, entry),
                names.body(to, entry),
            );
            let approved = approval.as_ref().map_or_else(String::new, |x| {
                format!("（{} {}）", x.authority, x.document)
            });
            if zh {
                format!("将 {p} 由 {a} {} 至 {b}{approved}", mode.label_zh())
            } else {
                format!("{} {p} from {a} to {b}{approved}", mode.label_en())
            }
        }
        Operation::CreateBody { body } => {
            let place = names.jurisdiction(&body.jurisdiction);
            if zh {
                format!("在 {place} 新设 {}", body.name)
            } else {
                format!("create {} in {place}", body.name)
            }
        }
        Operation::MergeBodies { from, into } => {
            let (a, b) = (names.body(from, entry), names.body(into, entry));
            if zh {
                format!("将 {a} 并入 {b}")
            } else {
                format!("merge {a} into {b}")
            }
        }
        Operation::SplitBody {
            body,
            new_body,
            powers,
        } => {
            let a = names.body(body, entry);
            if zh {
                format!(
                    "从 {a} 分设 {}，划出事项 {} 项",
                    new_body.name,
                    powers.len()
                )
            } else {
                format!(
                    "split {} off {a} with {} powers",
                    new_body.name,
                    powers.len()
                )
            }
        }
        Operation::AbolishBody { body } => {
            let a = names.body(body, entry);
            if zh {
                format!("撤销 {a}")
            } else {
                format!("abolish {a}")
            }
        }
        Operation::MoveStaffing {
            from,
            to,
            kind,
            count,
            people,
        } => {
            let (a, b) = (names.body(from, entry), names.body(to, entry));
            match (zh, *people) {
                (true, 0) => format!("从 {a} 调剂{} {count} 名给 {b}", kind.label_zh()),
                (true, n) => format!(
                    "从 {a} 调剂{} {count} 名给 {b}，人员 {n} 名随编划转",
                    kind.label_zh()
                ),
                (false, 0) => format!("move {count} {} from {a} to {b}", kind.label_en()),
                (false, n) => format!(
                    "move {count} {} from {a} to {b}, with {n} people",
                    kind.label_en()
                ),
            }
        }
        Operation::EditBody { body, edit } => {
            let a = names.body(body, entry);
            let what = match edit {
                BodyEdit::Name(n) => lang.pick("名称改为 ", "name → ").to_owned() + n,
                BodyEdit::Kind(k) => {
                    lang.pick("类型改为 ", "kind → ").to_owned()
                        + lang.pick(k.label_zh(), k.label_en())
                }
                BodyEdit::Parent(_) => lang.pick("调整隶属关系", "parent changed").to_owned(),
                BodyEdit::Tags(_) => lang.pick("调整标签", "tags changed").to_owned(),
                BodyEdit::Staffing(s) => {
                    format!("{}{}", lang.pick("核定编制 ", "staffing → "), s.slots())
                }
                BodyEdit::BudgetWan(w) => format!(
                    "{}{w}{}",
                    lang.pick("预算改为 ", "budget → "),
                    lang.pick(" 万元", "0k yuan")
                ),
                BodyEdit::Standing(s) => {
                    lang.pick("主体资格改为 ", "standing → ").to_owned()
                        + &s.map_or_else(
                            || lang.pick("按类型默认", "the kind's default").to_owned(),
                            |s| lang.pick(s.label_zh(), s.label_en()).to_owned(),
                        )
                }
                BodyEdit::Supervisor(s) => {
                    lang.pick("主管部门改为 ", "supervisor → ").to_owned()
                        + &s.as_ref().map_or_else(
                            || lang.pick("上级机构", "its parent").to_owned(),
                            |s| names.body(s, entry),
                        )
                }
            };
            if zh {
                format!("修改 {a}：{what}")
            } else {
                format!("edit {a}: {what}")
            }
        }
        Operation::EditPower { power, edit } => {
            let p = names.power(power);
            let what = match edit {
                PowerEdit::Name(n) => lang.pick("名称改为 ", "name → ").to_owned() + n,
                PowerEdit::Kind(k) => {
                    lang.pick("类型改为 ", "kind → ").to_owned()
                        + lang.pick(k.label_zh(), k.label_en())
                }
                PowerEdit::Field(f) => lang.pick("领域改为 ", "field → ").to_owned() + f,
                PowerEdit::Basis(_) => lang.pick("修改实施依据", "legal basis changed").to_owned(),
                PowerEdit::Matter(_) => lang.pick("修改事项归类", "matter changed").to_owned(),
            };
            if zh {
                format!("修改 {p}：{what}")
            } else {
                format!("edit {p}: {what}")
            }
        }
        // A fix's step: what the holding was (from the entry's own changes) says what it does
        // and where (改为协办, 退出主办, 限于本区 …).
        Operation::SetHolding { holding } => {
            if let Some(before) =
                entry.and_then(|e| holding_before(e, &holding.power, &holding.body))
            {
                holding_change(
                    &holding.power,
                    &holding.body,
                    before.as_ref(),
                    Some(holding),
                    names,
                    lang,
                )
            } else {
                let (p, a) = (
                    names.power(&holding.power),
                    names.body(&holding.body, entry),
                );
                let role = lang.pick(holding.role.label_zh(), holding.role.label_en());
                if zh {
                    format!("{a} {role} {p}")
                } else {
                    format!("{a} becomes {role} of {p}")
                }
            }
        }
        Operation::RemoveHolding { power, body } => {
            if let Some(before @ Some(_)) = entry.and_then(|e| holding_before(e, power, body)) {
                holding_change(power, body, before.as_ref(), None, names, lang)
            } else {
                let (p, a) = (names.power(power), names.body(body, entry));
                if zh {
                    format!("{a} 不再承担 {p}")
                } else {
                    format!("{a} no longer holds {p}")
                }
            }
        }
        Operation::CreatePower { power } => {
            if zh {
                format!("新增事项 {}", power.name)
            } else {
                format!("add power {}", power.name)
            }
        }
        Operation::RemovePower { power } => {
            let p = names.power(power);
            if zh {
                format!("取消事项 {p}")
            } else {
                format!("remove power {p}")
            }
        }
        Operation::GrantToStreets {
            powers,
            receivers,
            decision,
            evaluate_by,
        } => {
            let p = few(powers, |p| names.power(p), zh);
            let r = few(receivers, |b| names.body(b, entry), zh);
            let decided = decision.as_ref().map_or_else(String::new, |x| {
                if zh {
                    format!("（{} {}）", x.authority, x.document)
                } else {
                    format!(" ({} {})", x.authority, x.document)
                }
            });
            match (zh, evaluate_by.is_empty()) {
                (true, true) => format!("赋权 {p} 给 {r}{decided}"),
                (true, false) => format!("赋权 {p} 给 {r}{decided}，{evaluate_by} 前评估"),
                (false, true) => format!("grant {p} to {r}{decided}"),
                (false, false) => {
                    format!("grant {p} to {r}{decided}, to be evaluated by {evaluate_by}")
                }
            }
        }
        Operation::TakeBack { powers, receivers } => {
            let p = few(powers, |p| names.power(p), zh);
            let r = few(receivers, |b| names.body(b, entry), zh);
            if zh {
                format!("从 {r} 收回 {p}")
            } else {
                format!("take {p} back from {r}")
            }
        }
        Operation::RecordApproval {
            power,
            body,
            approval,
        } => {
            let (p, a) = (names.power(power), names.body(body, entry));
            match (zh, approval) {
                (true, Some(x)) => {
                    format!(
                        "记录 {p} 相对集中至 {a} 的批准决定：{} {}",
                        x.authority, x.document
                    )
                }
                (true, None) => format!("撤回 {p} 相对集中至 {a} 的批准记录"),
                (false, Some(x)) => format!(
                    "record the approval of concentrating {p} into {a}: {} {}",
                    x.authority, x.document
                ),
                (false, None) => format!("clear the approval of concentrating {p} into {a}"),
            }
        }
    }
}

/// The holding of (power, body) before the entry changed it (`Some(&None)`: it had none);
/// `None` when the entry did not change it.
fn holding_before<'e>(
    entry: &'e Entry,
    power: &PowerId,
    body: &BodyId,
) -> Option<&'e Option<Holding>> {
    entry.changes.changes().iter().find_map(|c| match c {
        Change::Holding {
            power: p,
            body: b,
            before,
            ..
        } if p == power && b == body => Some(before),
        _ => None,
    })
}

/// Where a holding counts, named: 「全市」, 「甲区」, 「甲区、乙区」 (a city holding kept to a few
/// districts), 「全市（不含 乙区）」, 「甲区（不含 东城街道）」, a street's 「甲区东城街道」.
fn scope(holding: &Holding, names: &Names<'_>, lang: Lang) -> String {
    let state = names.now;
    let zh = lang == Lang::Zh;
    let list = |ids: &[&JurisdictionId]| {
        ids.iter()
            .map(|j| crate::analysis::finding::place_name(state, j, lang))
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "))
    };
    let without = |whole: String, excluded: &[&JurisdictionId]| match (excluded.is_empty(), zh) {
        (true, _) => whole,
        (false, true) => format!("{whole}（不含 {}）", list(excluded)),
        (false, false) => format!("{whole} (but {})", list(excluded)),
    };
    let home = state.body(&holding.body).map(|b| b.jurisdiction.clone());
    let level = home.as_ref().and_then(|j| names.level(j));
    let excluded: Vec<&JurisdictionId> = holding.excludes.iter().collect();
    match (level, home) {
        (Some(Level::City), _) => {
            let districts: Vec<&JurisdictionId> = state.districts().map(|d| &d.id).collect();
            let kept: Vec<&JurisdictionId> = districts
                .iter()
                .copied()
                .filter(|d| !holding.excludes.contains(*d))
                .collect();
            // A city holding kept to fewer districts than it leaves out reads by what it keeps.
            if !districts.is_empty() && !kept.is_empty() && kept.len() < excluded.len() {
                let streets: Vec<&JurisdictionId> = excluded
                    .iter()
                    .copied()
                    .filter(|j| state.district_of(j).is_some_and(|d| kept.contains(&d)))
                    .collect();
                without(list(&kept), &streets)
            } else {
                without(lang.pick("全市", "the whole city").to_owned(), &excluded)
            }
        }
        (Some(Level::District), Some(home)) => without(names.jurisdiction(&home), &excluded),
        (_, Some(home)) => crate::analysis::finding::place_name(state, &home, lang),
        (_, None) => String::new(),
    }
}

/// One holding as a step changes it (`before` → `after`, `None`: none), as a plan writes it,
/// naming where: 「市城市管理局 在甲区退出主办 X（此后：全市（不含 甲区））」, 「甲区城管局 在甲区改为协办
/// X」, 「市城市管理局 在甲区主办 X（限于 甲区）」, 「乙区城管局 不再承担 X（原在 乙区 主办）」.
pub fn holding_change(
    power: &PowerId,
    body: &BodyId,
    before: Option<&Holding>,
    after: Option<&Holding>,
    names: &Names<'_>,
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    let (p, a) = (names.power(power), names.body(body, None));
    let place_list = |ids: &[&JurisdictionId]| {
        ids.iter()
            .map(|j| crate::analysis::finding::place_name(names.now, j, lang))
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "))
    };
    match (before, after) {
        (Some(b), Some(f)) if b.role.is_lead() && f.role.is_lead() && b.cases == f.cases => {
            let left: Vec<&JurisdictionId> = f.excludes.difference(&b.excludes).collect();
            let took: Vec<&JurisdictionId> = b.excludes.difference(&f.excludes).collect();
            let now = scope(f, names, lang);
            match (left.is_empty(), took.is_empty(), zh) {
                (false, true, true) => format!(
                    "{a} 在{}退出主办 {p}（此后主办范围：{now}）",
                    place_list(&left)
                ),
                (false, true, false) => format!(
                    "{a} stops leading {p} in {} (it still leads it in {now})",
                    place_list(&left)
                ),
                (true, false, true) => {
                    format!("{a} 在{}主办 {p}（此后主办范围：{now}）", place_list(&took))
                }
                (true, false, false) => format!(
                    "{a} leads {p} in {} too (it now leads it in {now})",
                    place_list(&took)
                ),
                (_, _, true) => format!("{a} 主办 {p} 的范围改为：{now}"),
                (_, _, false) => format!("{a} now leads {p} in {now}"),
            }
        }
        (_, Some(f)) => {
            let role = lang.pick(f.role.label_zh(), f.role.label_en());
            let was = before.map(|b| lang.pick(b.role.label_zh(), b.role.label_en()));
            // Where the holding counted (a lead) or counts (a new lead).
            let place = match before.filter(|b| b.role.is_lead()) {
                Some(b) => scope(b, names, lang),
                None => scope(f, names, lang),
            };
            let by = match &f.role {
                crate::model::Role::Entrusted { by } => {
                    let by = names.body(by, None);
                    if zh {
                        format!("（受 {by} 委托）")
                    } else {
                        format!(" (acting for {by})")
                    }
                }
                _ => String::new(),
            };
            let tier = match (f.cases, zh) {
                (Some(t), true) => format!("（只办理{}）", t.label_zh()),
                (Some(t), false) => format!(" (only the {})", t.label_en()),
                (None, _) => String::new(),
            };
            match (was, zh) {
                (Some(_), true) => format!("{a} 在{place}改为{role} {p}{by}{tier}"),
                (Some(was), false) => {
                    format!("{a} turns from {was} to {role} of {p} in {place}{by}{tier}")
                }
                (None, true) => format!("{a} 在{place}{role} {p}{by}{tier}"),
                (None, false) => format!("{a} becomes {role} of {p} in {place}{by}{tier}"),
            }
        }
        (Some(b), None) => {
            let place = scope(b, names, lang);
            let role = lang.pick(b.role.label_zh(), b.role.label_en());
            if zh {
                format!("{a} 不再承担 {p}（原在{place}{role}）")
            } else {
                format!("{a} no longer holds {p} (it was {role} in {place})")
            }
        }
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Document;

    #[test]
    fn a_devolution_reads_like_the_plan() {
        let plan = crate::io::seed::seed_plan().expect("seed plan loads");
        let mut doc = Document::new(plan);
        // In a scenario of its own: in the baseline, the seed scenario that devolves the same
        // unit would no longer apply, so the edit would be refused.
        doc.new_scenario(crate::model::ScenarioId::new("trial"), "试算".into())
            .expect("a new scenario");
        let body = BodyId::new("city-ylj-lhgh");
        let slots = doc
            .state()
            .body(&body)
            .map(|b| b.staffing.slots())
            .expect("seed body");
        doc.apply(Operation::MoveBody {
            body: body.clone(),
            to: JurisdictionId::new("district-a"),
        })
        .expect("move applies");
        let names = Names::new(doc.state(), doc.baseline());
        let entry = &doc.history().entries()[0];
        let name = &doc.state().body(&body).expect("still there").name;
        assert_eq!(
            super::entry(entry, &names, Lang::Zh),
            format!("将 {name} 下划至 甲区，随带编制 {slots} 名")
        );
    }
}
