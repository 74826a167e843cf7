//! The 变更清单: the view's operations, each with its kind (下划, 划转, …) and a sentence that
//! names what it moves, from whom, to whom.

use std::fmt::Write as _;

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::model::{BodyId, PowerId};
use crate::plan::Operation;

/// The changes (变更清单): one row per operation of the scenario.
pub fn changes_table(ctx: &ExportContext) -> Table {
    let rows = ctx
        .operations()
        .iter()
        .enumerate()
        .map(|(i, op)| {
            let (kind, text) = describe_operation(ctx, op);
            vec![Cell::from(i + 1), Cell::from(kind), Cell::Text(text)]
        })
        .collect();
    Table {
        name: TableKind::Changes.label_zh(),
        headers: vec!["序号", "操作", "说明"],
        rows,
    }
}

/// Up to three names of a list joined with 、, and how many more (「等 12 项」).
pub(super) fn named_few<T>(items: &[T], name: impl Fn(&T) -> String) -> String {
    const SHOWN: usize = 3;
    let mut text = items
        .iter()
        .take(SHOWN)
        .map(name)
        .collect::<Vec<_>>()
        .join("、");
    if items.len() > SHOWN {
        let _ = write!(text, "等 {} 项", items.len());
    }
    text
}

/// An operation in Chinese: its kind (下划, 划转 …) and one sentence naming things by name.
pub fn describe_operation(ctx: &ExportContext, op: &Operation) -> (&'static str, String) {
    let body = |id: &BodyId| ctx.body_name(id);
    let power = |id: &PowerId| format!("{}（{id}）", ctx.power_name(id));
    match op {
        Operation::MoveBody { body: b, to } => {
            let down = match (ctx.before.level_of_body(b), ctx.after.jurisdiction(to)) {
                (Some(from), Some(to)) => to.level > from,
                _ => true,
            };
            (
                if down { "下划" } else { "上收" },
                format!("{} 划至 {}", body(b), ctx.jurisdiction_name(to)),
            )
        }
        Operation::TransferPower {
            power: p,
            from,
            to,
            mode,
            approval,
        } => (
            mode.label_zh(),
            format!(
                "{} 由 {} {}给 {}{}",
                power(p),
                body(from),
                mode.label_zh(),
                body(to),
                approval.as_ref().map_or_else(String::new, |a| format!(
                    "（{} {}）",
                    a.authority, a.document
                ))
            ),
        ),
        Operation::CreateBody { body: b } => (
            "新设机构",
            format!(
                "新设 {}（{}）",
                b.name,
                ctx.jurisdiction_name(&b.jurisdiction)
            ),
        ),
        Operation::MergeBodies { from, into } => {
            ("合并", format!("{} 并入 {}", body(from), body(into)))
        }
        Operation::SplitBody {
            body: b,
            new_body,
            powers,
        } => (
            "拆分",
            format!(
                "自 {} 分设 {}，带走事项 {} 项",
                body(b),
                new_body.name,
                powers.len()
            ),
        ),
        Operation::AbolishBody { body: b } => ("撤销", format!("撤销 {}", body(b))),
        Operation::MoveStaffing {
            from,
            to,
            kind,
            count,
            people,
        } => (
            "调剂编制",
            format!(
                "{} 调剂{} {count} 名给 {}{}",
                body(from),
                kind.label_zh(),
                body(to),
                if *people > 0 {
                    format!("，人员 {people} 名随编划转")
                } else {
                    String::new()
                }
            ),
        ),
        Operation::EditBody { body: b, .. } => ("修改机构", format!("修改 {} 的信息", body(b))),
        Operation::EditPower { power: p, .. } => ("修改事项", format!("修改 {} 的信息", power(p))),
        Operation::SetHolding { holding } => (
            "设定职权",
            format!(
                "{} {} {}",
                body(&holding.body),
                holding.role.label_zh(),
                power(&holding.power)
            ),
        ),
        Operation::RemoveHolding { power: p, body: b } => {
            ("取消职权", format!("{} 不再行使 {}", body(b), power(p)))
        }
        Operation::CreatePower { power: p } => {
            ("新增事项", format!("新增 {}（{}）", p.name, p.code))
        }
        Operation::RemovePower { power: p } => ("取消事项", format!("取消 {}", power(p))),
        Operation::GrantToStreets {
            powers,
            receivers,
            decision,
            evaluate_by,
        } => {
            let mut text = format!(
                "{} 赋权给 {}",
                named_few(powers, |p| power(p)),
                named_few(receivers, |b| body(b))
            );
            if let Some(d) = decision {
                let _ = write!(text, "，依据：{} {}", d.authority, d.document);
            }
            if !evaluate_by.is_empty() {
                let _ = write!(text, "，{evaluate_by} 前评估");
            }
            ("赋权", text)
        }
        Operation::TakeBack { powers, receivers } => (
            "收回",
            format!(
                "从 {} 收回 {}",
                named_few(receivers, |b| body(b)),
                named_few(powers, |p| power(p))
            ),
        ),
        Operation::RecordApproval {
            power: p,
            body: b,
            approval,
        } => (
            "批准决定",
            match approval {
                Some(a) => format!(
                    "{} 相对集中至 {}，批准：{} {}",
                    power(p),
                    body(b),
                    a.authority,
                    a.document
                ),
                None => format!("{} 相对集中至 {}，撤回批准记录", power(p), body(b)),
            },
        ),
    }
}
