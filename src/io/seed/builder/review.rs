//! The seed plan's review opinions (审核意见, issue 19), so that the feature shows at once: what a
//! 法制办, a 人社局 and a 财政局 would say of the plan, each attached to what it is about.
//!
//! - 法制办 on the baseline's `lead-standing` finding: the city's 执法支队, an institution, penalises
//!   in its own name (行政处罚法 第17条); answered by the 编办 (both scenarios end it with 局队合一),
//!   so 已采纳.
//! - 法制办 on the power 「对随地吐痰、便溺……的处罚」 (CF-SR-001), which the 执法支队 entrusts to the
//!   three districts' 城管大队: only an administrative organ may entrust a penalty (行政处罚法
//!   第20条第1款), and the 支队 is an institution; open, suggesting 相对集中 instead. (No rule
//!   flags the entrustment itself: `lead-standing` flags the 支队 leading in its own name, so this
//!   is the kind of reading a reviewer adds.)
//! - 法制办 on the baseline's first overlap (多头执法): name one lead; open.
//! - 人社局 on the split scenario's first devolution (下划): people move with the slots; open.
//! - 财政局 on 甲区's new enforcement bureau in the split scenario: the money of its founding; open.
//!
//! The findings, the step and the body are looked up in the plan as built, not written by hand,
//! so the opinions follow the tables; one whose object the tables no longer have is left out
//! (the seed's figures do not depend on them).

use crate::analysis::Analysis;
use crate::model::{BodyId, PowerId, ScenarioId, State};
use crate::plan::{Answer, Operation, Opinion, OpinionId, OpinionStatus, PlanDate, Review, Target};
use crate::plan::{RuleConfig, Scenario};

/// The split scenario's id and 甲区's new bureau (`scenarios.rs`).
const SPLIT: &str = "city-district-split";
const NEW_A: &str = "district-a-cgzfj";
/// The penalty the city's 执法支队 entrusts to every district's 城管大队 (`penalties.rs`).
const ENTRUSTED_POWER: &str = "CF-SR-001";

fn date(text: &str) -> Option<PlanDate> {
    PlanDate::parse(text).ok()
}

/// An open opinion.
fn open(
    scenario: Option<&str>,
    target: Target,
    office: &str,
    text: &str,
    on: &str,
) -> Option<Opinion> {
    Some(Opinion {
        id: OpinionId(String::new()),
        scenario: scenario.map(ScenarioId::new),
        target,
        office: office.to_owned(),
        text: text.to_owned(),
        status: OpinionStatus::Pending,
        date: date(on)?,
        answer: None,
    })
}

/// The seed plan's review: the default offices and the opinions above, numbered in order.
pub fn review(baseline: &State, scenarios: &[Scenario]) -> Review {
    let analysis = Analysis::full(baseline, &RuleConfig::default());
    let finding = |rule: &str| {
        analysis
            .findings()
            .find(|f| f.rule.as_deref() == Some(rule))
            .map(crate::analysis::Finding::key)
    };
    let split = scenarios.iter().find(|s| s.id.as_str() == SPLIT);
    let devolution = split.and_then(|s| {
        s.operations
            .iter()
            .position(|step| matches!(step.operation, Operation::MoveBody { .. }))
            .map(|i| Target::step(s.id.clone(), i + 1, &s.operations[i].operation))
    });
    let standing = finding("lead-standing").and_then(|key| {
        let mut opinion = open(
            None,
            Target::Finding(key),
            "法制办",
            "市城市管理行政执法支队系事业单位，不具有行政处罚主体资格，不得以自己的名义实施行政处罚（《行政处罚法》第十七条）。建议实行局队合一，或由市城市管理局依法委托其实施。",
            "2026-03-02",
        )?;
        opinion.status = OpinionStatus::Adopted;
        opinion.answer = Some(Answer {
            text: "两个方案均实行局队合一：执法支队并入城市管理行政执法局，以局的名义执法。"
                .to_owned(),
            by: "编办".to_owned(),
            date: date("2026-03-06")?,
        });
        Some(opinion)
    });
    let entrusted = PowerId::new(ENTRUSTED_POWER);
    let entrust = baseline.power(&entrusted).and_then(|_| {
        open(
            None,
            Target::Power(entrusted.clone()),
            "法制办",
            "此项委托不合法：市城市管理行政执法支队系事业单位，不是行政机关，无权委托区城管大队实施行政处罚（《行政处罚法》第二十条第一款）。建议改为相对集中行政处罚权，报省政府决定（第十八条第二款）。",
            "2026-03-02",
        )
    });
    let overlap = analysis
        .findings()
        .find(|f| f.kind == crate::analysis::FindingKind::Overlap)
        .map(crate::analysis::Finding::key)
        .and_then(|key| {
            open(
                None,
                Target::Finding(key),
                "法制办",
                "同一事项在同一辖区由两个以上单位主办，当事人无所适从，易致一事多罚（《行政处罚法》第二十九条）；请在方案中明确唯一主办单位。",
                "2026-03-03",
            )
        });
    let people = devolution.and_then(|target| {
        open(
            Some(SPLIT),
            target,
            "人社局",
            "下划单位人随编走：请列明随编制划转的在编人员名单，养老保险关系同步转移。",
            "2026-03-04",
        )
    });
    let money = split.and_then(|_| {
        open(
            Some(SPLIT),
            Target::Body(BodyId::new(NEW_A)),
            "财政局",
            "新组建的区城市管理行政执法局开办经费和执法装备经费来源未明确，请补充财力随事权划转的测算。",
            "2026-03-05",
        )
    });
    let mut review = Review::default();
    for mut opinion in [standing, entrust, overlap, people, money]
        .into_iter()
        .flatten()
    {
        opinion.id = review.next_id();
        review.opinions.push(opinion);
    }
    review
}
