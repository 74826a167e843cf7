//! The allocation table (分配表 / 调整前后对照表): one row per power and territory, its lead
//! bodies before and after, how it changed (调整方式, read from the scenario's operations and
//! the bodies' moves) and the findings on it.

use std::collections::{BTreeSet, HashMap};

use super::{Cell, ExportContext, Table, TableKind, street_or_district_name};
use crate::analysis::Finding;
use crate::model::{BodyId, JurisdictionId, Level, PowerId, Role, ScenarioId, State};
use crate::plan::{Operation, Plan, PlanError, TransferMode};
use crate::text::{Label, Lang, Names};

/// How a (power, district) pair changed (调整方式).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// 保留: the same lead bodies, where they were.
    Keep,
    /// 下划: a lead body moved down to a district (or up, 上收, written 下划 only when down).
    Devolve,
    /// 划转: the lead moved to another body.
    Transfer,
    /// 委托: another body acts in the lead's name.
    Entrust,
    /// 授权: a law gives the power to the new body (and 赋权 to a street).
    Authorise,
    /// 集中: 相对集中行政处罚权.
    Concentrate,
    /// 新增: a power that did not exist before.
    New,
    /// 取消: a power that ends.
    Cancel,
}

impl Method {
    /// The Chinese word of the allocation table.
    pub fn label_zh(self) -> &'static str {
        match self {
            Method::Keep => "保留",
            Method::Devolve => "下划",
            Method::Transfer => "划转",
            Method::Entrust => "委托",
            Method::Authorise => "授权",
            Method::Concentrate => "集中",
            Method::New => "新增",
            Method::Cancel => "取消",
        }
    }
}

/// One row of the allocation table: a power in a district, before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllocationRow {
    /// 事项编码
    pub code: PowerId,
    /// 事项名称
    pub name: String,
    /// 权力类型 (Chinese)
    pub kind: String,
    /// 领域
    pub field: String,
    /// 实施依据
    pub basis: String,
    /// The district's id.
    pub district: JurisdictionId,
    /// 辖区: the district's name, or a street's as 「区/街道」
    pub district_name: String,
    /// 调整前主办单位, sorted by id
    pub before: Vec<String>,
    /// 调整后主办单位, sorted by id
    pub after: Vec<String>,
    /// 调整方式
    pub method: Method,
    /// 问题: the findings on this pair, one short text each.
    pub problems: Vec<String>,
}

/// The allocation rows of one state of a plan (`None`: the baseline), by power then district.
pub fn allocation_rows(
    plan: &Plan,
    scenario: Option<&ScenarioId>,
) -> Result<Vec<AllocationRow>, PlanError> {
    Ok(allocation_rows_of(&ExportContext::new(plan, scenario)?))
}

/// The allocation rows of a prepared context, by power then district.
pub fn allocation_rows_of(ctx: &ExportContext) -> Vec<AllocationRow> {
    let powers: BTreeSet<&PowerId> = ctx
        .before
        .powers()
        .keys()
        .chain(ctx.after.powers().keys())
        .collect();
    // The territories coverage is checked on: the districts, or the city of a plan without
    // (a department's own list), whose 分配表 then has a row per power at the city.
    let districts: Vec<JurisdictionId> = ctx.analysis.coverage.territories().to_vec();
    // The findings of each (power, district), gathered once: looking through every finding for
    // every row was quadratic (hours for a province's 500k rows).
    let mut findings_at: HashMap<(&PowerId, &JurisdictionId), Vec<&Finding>> = HashMap::new();
    for f in ctx.analysis.findings() {
        if let (Some(p), Some(j)) = (&f.power, &f.jurisdiction) {
            findings_at.entry((p, j)).or_default().push(f);
        }
    }
    let mut rows = Vec::with_capacity(powers.len() * districts.len());
    for code in powers {
        let Some(power) = ctx.after.power(code).or_else(|| ctx.before.power(code)) else {
            continue;
        };
        for district in &districts {
            let before_ids: &[BodyId] = if ctx.before.power(code).is_some() {
                ctx.before_coverage.leads(code, district)
            } else {
                &[]
            };
            let after_ids = ctx.analysis.coverage.leads(code, district);
            let method = method_of(ctx, code, district, before_ids, after_ids);
            rows.push(AllocationRow {
                code: code.clone(),
                name: power.name.clone(),
                kind: power.kind.label(Lang::Zh).to_owned(),
                field: power.field.clone(),
                basis: power.basis.clone(),
                district: district.clone(),
                district_name: street_or_district_name(ctx, district),
                before: before_ids.iter().map(|b| ctx.body_name(b)).collect(),
                after: after_ids.iter().map(|b| ctx.body_name(b)).collect(),
                method,
                problems: findings_at
                    .get(&(code, district))
                    .into_iter()
                    .flatten()
                    .map(|f| short_problem(ctx, f))
                    .collect(),
            });
        }
    }
    rows
}

/// A finding in a few words, for the 问题 column (the place and the power are the row's).
fn short_problem(ctx: &ExportContext, finding: &Finding) -> String {
    crate::text::short_problem(finding, &Names::new(&ctx.after, &ctx.before))
}

fn level_of(state: &State, body: &BodyId) -> Option<Level> {
    state.level_of_body(body)
}

/// 调整方式 of one (power, district): from the scenario's operations on the power and from the
/// lead bodies before and after.
fn method_of(
    ctx: &ExportContext,
    power: &PowerId,
    district: &JurisdictionId,
    before: &[BodyId],
    after: &[BodyId],
) -> Method {
    match (
        ctx.before.power(power).is_some(),
        ctx.after.power(power).is_some(),
    ) {
        (false, true) => return Method::New,
        (true, false) => return Method::Cancel,
        _ => {}
    }
    // The last transfer of this power that reached this district decides.
    for op in ctx.steps().iter().rev().map(|s| &s.operation) {
        let Operation::TransferPower {
            power: p,
            from,
            to,
            mode,
            ..
        } = op
        else {
            continue;
        };
        if p != power {
            continue;
        }
        let relevant = match mode {
            TransferMode::Entrust => {
                after.contains(from)
                    && ctx
                        .after
                        .holding(power, to)
                        .is_some_and(|h| matches!(h.role, Role::Entrusted { .. }))
            }
            TransferMode::Grant => {
                ctx.after
                    .body(to)
                    .and_then(|b| ctx.after.district_of(&b.jurisdiction))
                    == Some(district)
            }
            _ => after.contains(to) || (before.contains(from) && !after.contains(from)),
        };
        if relevant {
            return match mode {
                TransferMode::Transfer => Method::Transfer,
                TransferMode::Entrust => Method::Entrust,
                TransferMode::Authorise | TransferMode::Grant => Method::Authorise,
                TransferMode::Concentrate => Method::Concentrate,
            };
        }
    }
    // A lead body that changed level: 下划 when it went down.
    let moved_down = before.iter().chain(after).any(|b| {
        matches!(
            (level_of(&ctx.before, b), level_of(&ctx.after, b)),
            (Some(x), Some(y)) if y > x
        )
    });
    let moved = before
        .iter()
        .chain(after)
        .any(|b| match (ctx.before.body(b), ctx.after.body(b)) {
            (Some(x), Some(y)) => x.jurisdiction != y.jurisdiction,
            _ => false,
        });
    if moved_down {
        Method::Devolve
    } else if before != after || moved {
        Method::Transfer
    } else {
        Method::Keep
    }
}

/// The headers of the allocation table.
pub const ALLOCATION_HEADERS: [&str; 10] = [
    "事项编码",
    "事项名称",
    "权力类型",
    "领域",
    "实施依据",
    "辖区",
    "调整前主办单位",
    "调整后主办单位",
    "调整方式",
    "问题",
];

/// The allocation table (分配表); a plan with sub-items (子项) has a 主项 column first, the
/// main item's code and name, so that a sub-item's rows group under their main item.
pub fn allocation_table(ctx: &ExportContext) -> Table {
    let state = &ctx.after;
    let sub_items = state.powers().values().any(|p| p.main_item.is_some());
    let main_item = |code: &PowerId| {
        state
            .power(code)
            .and_then(|p| p.main_item.as_ref())
            .map_or_else(String::new, |m| format!("{} {}", m.code, m.name))
    };
    let rows = allocation_rows_of(ctx)
        .into_iter()
        .map(|r| {
            let main = sub_items.then(|| Cell::Text(main_item(&r.code)));
            main.into_iter()
                .chain([
                    Cell::Text(r.code.to_string()),
                    Cell::Text(r.name),
                    Cell::Text(r.kind),
                    Cell::Text(r.field),
                    Cell::Text(r.basis),
                    Cell::Text(r.district_name),
                    Cell::Text(r.before.join("、")),
                    Cell::Text(r.after.join("、")),
                    Cell::from(r.method.label_zh()),
                    Cell::Text(r.problems.join("；")),
                ])
                .collect()
        })
        .collect();
    let mut headers = ALLOCATION_HEADERS.to_vec();
    if sub_items {
        headers.insert(0, "主项");
    }
    Table {
        name: TableKind::Allocation.label_zh(),
        headers,
        rows,
    }
}
