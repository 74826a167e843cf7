//! Operations as the sentences a reform plan writes: "将 市园林绿化管理所 下划至 甲区，随带编制
//! 23 名". Names come from the current state, then the baseline, then the entry's own recorded
//! changes (a body abolished later still has its name), then the id.

use crate::lang::Lang;
use crate::model::{Body, BodyId, Change, JurisdictionId, Level, PowerId, State};
use crate::plan::history::Entry;
use crate::plan::{BodyEdit, Operation, PowerEdit};

/// Where names are looked up.
pub struct Names<'s> {
    now: &'s State,
    baseline: &'s State,
}

impl<'s> Names<'s> {
    /// Names from the current state and the baseline.
    pub fn new(now: &'s State, baseline: &'s State) -> Self {
        Self { now, baseline }
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
        Operation::SetHolding { holding } => {
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
        Operation::RemoveHolding { power, body } => {
            let (p, a) = (names.power(power), names.body(body, entry));
            if zh {
                format!("{a} 不再承担 {p}")
            } else {
                format!("{a} no longer holds {p}")
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Document;

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
