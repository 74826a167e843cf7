//! The seed plan's three scenarios, as the model's operations: 市区两级事权划分 reproduces the
//! report's 17 devolved units, 25 urban-construction bodies of 甲区 and 20 reallocated slots;
//! 综合行政执法 concentrates the 64 penalty items of 15 departments into one city bureau; 街道赋权
//! follows the split with one grant (赋权) of 甲区's 市容环卫 and 占道经营 penalties to two of its
//! streets, leaving the inspections behind for the `grant-bundle` rule to see. The
//! transfers follow from the power tables (every lead holding of the powers named), so that a
//! power added to a table joins the scenario that covers its field.
//!
//! The first two are lawful as a 法制办 would read them: each new bureau is an administrative organ with
//! 行政编制; penalties go to it by 相对集中 under a recorded provincial decision (行政处罚法
//! 第18条第2款); the city's 执法支队, an institution that leads penalties in its own name today,
//! ends in an organ (局队合一) in both; people move with the slots where a unit is staffed.

use super::penalties::PENALTIES;
use super::powers::OTHER_POWERS;
use super::{A, BodyRow, CITY, CJ, PowerRow, ZF, body};
use crate::analysis::Coverage;
use crate::model::{Approval, BodyKind, JurisdictionId, PowerId, SlotKind, Standing, State};
use crate::plan::timetable::undated;
use crate::plan::{BodyEdit, Operation, Scenario, Step, TransferMode};

// ---- 市区两级事权划分 ----------------------------------------------------------------------

/// The 17 city urban-construction units that the reform hands to 甲区; none has sub-bodies.
const SEVENTEEN: &[&str] = &[
    "city-zjj-fwzs",
    "city-zjj-jzsc",
    "city-zjj-kfzx",
    "city-hwc-qs1",
    "city-hwc-qs2",
    "city-hwc-qy",
    "city-hwc-gc",
    "city-ylj-lhgh",
    "city-ylj-rmgy",
    "city-ylj-bhgy",
    "city-ylj-mp",
    "city-szgyj-dlyh",
    "city-szgyj-ld",
    "city-szgyj-ps",
    "city-szgyj-qh",
    "city-fgj-wygl",
    "city-fgj-gf",
];

/// 甲区's new enforcement bureau: an administrative organ, with 8 行政编制 that the 编委
/// approves for it (its 事业编制 come from the 城管大队 merged into it and the 20 slots taken
/// back).
const NEW_A: &str = "district-a-cgzfj";
const NEW_A_BODY: BodyRow = body(
    NEW_A,
    "甲区城市管理行政执法局",
    BodyKind::Enforcement,
    A,
    None,
    CJ,
    [8, 0, 8],
    500,
);

/// The decisions that approve the concentrations (illustrative numbers, as the names are).
fn approval(document: &str) -> Approval {
    Approval {
        authority: "省人民政府".to_owned(),
        document: document.to_owned(),
    }
}
const APPROVAL_A: &str = "省政府函〔2012〕36号";
const APPROVAL_CITY: &str = "省政府函〔2015〕108号";

/// The city's 城市管理局, into which the 执法支队 merges in 市区两级事权划分 (局队合一): the
/// bureau then leads in its own name what the team led.
const CITY_CGJ: &str = "city-cgj";

/// Where each devolved unit answers in 甲区 (its 主管部门 and parent there).
const SEVENTEEN_UNDER: &[(&str, &str)] = &[
    ("city-zjj-", "district-a-zjj"),
    ("city-hwc-", "district-a-cgj"),
    ("city-ylj-", "district-a-cgj"),
    ("city-szgyj-", "district-a-zjj"),
    ("city-fgj-", "district-a-zjj"),
];

/// 甲区 regroups its own bodies: 10 own + 17 devolved + 1 new − 3 merged = 25.
const MERGES_A: &[(&str, &str)] = &[
    // 城管大队 becomes the core of the new bureau.
    ("district-a-cgdd", NEW_A),
    // 城建开发服务中心 into 住建局.
    ("district-a-kfzx", "district-a-zjj"),
    // 监督指挥中心 into 城管局.
    ("district-a-zhzx", "district-a-cgj"),
];

/// 20 事业编制 taken back from institutions with vacant slots (空编事业单位) for the
/// urban-construction system.
const STAFFING_A: &[(&str, &str, u32)] = &[
    ("district-a-njzx", NEW_A, 8),
    ("district-a-jgfw", NEW_A, 6),
    ("district-a-gdzx", "district-a-szs", 6),
];

/// The fields whose penalties go to 甲区's bureau in full: 市容, 环境卫生, 占道经营, 噪音扰民,
/// 市政设施 and 绿化.
const FULL_FIELDS: &[&str] = &["市容环卫", "占道经营", "噪声", "市政设施", "园林绿化"];

/// The "part of" 城市规划, 环保 and 公安交通 that goes too: 违法建设 and 临时建设 in the urban
/// area; 油烟, 露天烧烤, 露天焚烧; 乱停乱放.
const PARTIAL: &[&str] = &[
    "CF-GH-001",
    "CF-GH-002",
    "CF-HB-001",
    "CF-HB-002",
    "CF-HB-003",
    "CF-JT-001",
    "CF-JT-002",
];

/// Coercive measures and inspections of the same matters, which go with the penalties; some are
/// also led by 甲区's own bodies today (district overlaps), which the transfer ends.
const WITH_PENALTIES: &[&str] = &["QZ-ZD-001", "QZ-SR-001", "QZ-GH-001", "JC-SR-001"];

/// Duties 甲区 takes for its own territory: (power, from, to).
const TO_DISTRICT_A: &[(&str, &str, &str)] = &[
    // 建设工程开工许可
    ("XK-JS-001", "city-zjj", "district-a-zjj"),
    // 国有土地上房屋征收与补偿
    ("QT-FC-001", "city-zjj", "district-a-zjj"),
    // 房地产市场管理
    ("JC-FC-001", "city-fgj", "district-a-zjj"),
    // 建筑市场管理
    ("JC-JS-002", "city-zjj", "district-a-zjj"),
];

const SPLIT_DESCRIPTION: &str = concat!(
    "按“高度集中城市规划权、下放城市建设管理权”和“编随事走、人随编走、应划尽划”的原则：",
    "市属17个城建事业单位下划甲区，分别由区住建局、区城管局管理；",
    "甲区新组建城市管理行政执法局，并对区属城建单位重新整合，整合后城市建设管理机构25个；",
    "从区属空编事业单位收回事业编制20名调剂给城建系统；",
    "区城市管理行政执法局在甲区行使市容、环境卫生、占道经营、噪音扰民、",
    "市政设施及绿化方面的全部行政处罚权和城市规划、环保、公安交通方面的部分行政处罚权；",
    "市级保留城乡规划编制、规划许可、竣工规划核实及建筑业、房地产业、勘察设计业、",
    "市政公用行业、工程质量安全监管和人防；",
    "甲区负责建设工程开工许可、房地产市场管理、国有土地上房屋征收与补偿和建筑市场管理。",
    "区城市管理行政执法局为行政机关，核定行政编制8名；",
    "上述行政处罚权经省人民政府批准（省政府函〔2012〕36号，示意）相对集中行使，原部门在甲区不再行使。",
    "市城市管理行政执法支队（事业单位）并入市城市管理局，由局以自己的名义执法（局队合一）。",
    "留待后续：下放甲区事权的市级部门编制未相应核减（编随事走提示），",
    "市城市管理局承接支队人员后超编（人随编走提示），乙区、丙区执法大队超编。",
);

// ---- 综合行政执法 --------------------------------------------------------------------------

/// The city's new comprehensive enforcement bureau: an administrative organ, whose 行政编制 come
/// from the departments that hand it their penalties, with the people in them.
const NEW_CITY: &str = "city-zhzfj";
const NEW_CITY_BODY: BodyRow = body(
    NEW_CITY,
    "市综合行政执法局",
    BodyKind::Enforcement,
    CITY,
    None,
    CJ,
    [0, 0, 0],
    800,
);

/// The slots that follow the penalties into the new bureau, with the people who fill them:
/// (from, to, kind, count). The 执法支队 joins whole (局队合一), with its 事业编制 and people.
const STAFFING_CITY: &[(&str, &str, SlotKind, u32)] = &[
    ("city-zjj", NEW_CITY, SlotKind::Admin, 3),
    ("city-sthjj", NEW_CITY, SlotKind::Admin, 3),
    ("city-zrghj", NEW_CITY, SlotKind::Admin, 2),
];

const CONCENTRATION_DESCRIPTION: &str = concat!(
    "组建市综合行政执法局（行政机关），将园林、环卫、规划、建设、环保、市政、公安交通、市场监管等",
    "15家单位的64项行政处罚事项，经省人民政府批准（省政府函〔2015〕108号，示意）相对集中由其行使，",
    "原部门不再行使，解决多头执法、职责交叉问题；规划、环保、公安交通只划出部分处罚事项，其余仍由原部门行使。",
    "市城市管理行政执法支队整建制并入该局，相关部门的行政编制连同人员划入。",
    "留待后续：划出处罚事项的部门编制未相应核减（编随事走提示），支队原有超编人员随之进入该局。",
);

/// 街道赋权: what the grant moves, and on what decision.
const STREET_GRANT_DESCRIPTION: &str = concat!(
    "在“市区两级事权划分”基础上，经省人民政府决定（省政府令〔2022〕3号，示意），",
    "甲区将市容环卫、占道经营方面的行政处罚权赋予东城街道、西城街道，由其综合行政执法队以街道名义行使",
    "（《行政处罚法》第二十四条）；南湖街道暂不赋权，仍由区城市管理行政执法局执法。",
    "区城市管理行政执法局在上述两个街道不再行使这些处罚权。赋权定期评估，首次评估于2027年12月31日前完成。",
    "留待后续：与处罚配套的行政检查、行政强制措施仍在区级（见“赋权配套”提示），",
    "需一并赋予或明确协作机制，避免“看得见管不着”。",
);

/// The fields whose penalties 甲区 grants to two of its streets.
const GRANTED_FIELDS: &[&str] = &["市容环卫", "占道经营"];

/// The streets' teams that receive them (南湖街道's does not).
const GRANTED_TO: &[&str] = &["district-a-dongcheng-zfd", "district-a-xicheng-zfd"];

/// The province's decision that allows the grant (illustrative).
const GRANT_DECISION: &str = "省政府令〔2022〕3号";

/// The three scenarios; the split reads the baseline's coverage to see who leads in 甲区.
pub(super) fn scenarios(baseline: &State) -> Vec<Scenario> {
    let split = split(baseline);
    let street_grant = street_grant(&split);
    vec![split, concentration(), street_grant]
}

/// 街道赋权: the split, then one grant of the penalties of two fields to two streets' teams.
fn street_grant(split: &Scenario) -> Scenario {
    let mut operations = split.operations.clone();
    let powers = penalties_by_code()
        .into_iter()
        .filter(|row| GRANTED_FIELDS.contains(&row.field))
        .map(|row| PowerId::new(row.code))
        .collect();
    operations.push(Step::new(Operation::GrantToStreets {
        powers,
        receivers: GRANTED_TO.iter().map(|&b| b.into()).collect(),
        decision: Some(approval(GRANT_DECISION)),
        evaluate_by: "2027-12-31".to_owned(),
    }));
    Scenario {
        id: "street-grant".into(),
        name: "街道赋权".to_owned(),
        description: STREET_GRANT_DESCRIPTION.to_owned(),
        operations,
    }
}

/// 市区两级事权划分.
fn split(baseline: &State) -> Scenario {
    let mut operations: Vec<Operation> = SEVENTEEN
        .iter()
        .map(|&unit| Operation::MoveBody {
            body: unit.into(),
            to: A.into(),
        })
        .collect();
    // Each unit answers to the district department of its trade once it is there.
    for unit in SEVENTEEN {
        if let Some((_, under)) = SEVENTEEN_UNDER.iter().find(|(p, _)| unit.starts_with(p)) {
            operations.push(Operation::EditBody {
                body: (*unit).into(),
                edit: BodyEdit::Parent(Some((*under).into())),
            });
        }
    }
    let mut bureau = NEW_A_BODY.to_body();
    bureau.standing = Some(Standing::Organ);
    operations.push(Operation::CreateBody { body: bureau });
    // 局队合一 in the city: the 执法支队 stops leading in its own name.
    operations.push(Operation::MergeBodies {
        from: ZF.into(),
        into: CITY_CGJ.into(),
    });
    operations.extend(MERGES_A.iter().map(|&(from, into)| Operation::MergeBodies {
        from: from.into(),
        into: into.into(),
    }));
    operations.extend(
        STAFFING_A
            .iter()
            .map(|&(from, to, count)| Operation::MoveStaffing {
                from: from.into(),
                to: to.into(),
                kind: SlotKind::Institution,
                count,
                people: 0,
            }),
    );
    // The penalties of the fields named, from every city department that leads them (the
    // 支队's through the bureau it joined), concentrated by the province's decision.
    for row in penalties_by_code() {
        if FULL_FIELDS.contains(&row.field) || PARTIAL.contains(&row.code) {
            let mut sources: Vec<&str> = row.leads().map(after_merge).collect();
            sources.sort_unstable();
            sources.dedup();
            operations.extend(
                sources
                    .into_iter()
                    .map(|body| concentrate(row.code, body, NEW_A, APPROVAL_A)),
            );
        }
    }
    // The measures that go with them, from every body that leads them in 甲区 (as the
    // baseline's coverage says), but the 城管大队 merged into the new bureau: it brings its own.
    let coverage = Coverage::full(baseline);
    let district_a = JurisdictionId::new(A);

    let with_penalties = WITH_PENALTIES
        .iter()
        .filter_map(|&code| OTHER_POWERS.iter().find(|row| row.code == code));
    for row in with_penalties {
        // 甲区 is checked street by street: these are who lead in any of its streets.
        let leads_in_a = coverage.leads_in(&PowerId::new(row.code), &district_a);
        for body in row.leads() {
            if !leads_in_a.iter().any(|lead| lead.as_str() == body) {
                continue;
            }
            let body = MERGES_A
                .iter()
                .find(|&&(from, _)| from == body)
                .map_or(after_merge(body), |&(_, into)| into);
            if body != NEW_A {
                operations.push(transfer(row.code, body, NEW_A, TransferMode::Transfer));
            }
        }
    }
    operations.extend(
        TO_DISTRICT_A
            .iter()
            .map(|&(power, from, to)| transfer(power, from, to, TransferMode::Transfer)),
    );
    Scenario {
        id: "city-district-split".into(),
        name: "市区两级事权划分".to_owned(),
        description: SPLIT_DESCRIPTION.to_owned(),
        operations: undated(operations),
    }
}

/// 综合行政执法.
fn concentration() -> Scenario {
    let mut bureau = NEW_CITY_BODY.to_body();
    bureau.standing = Some(Standing::Organ);
    let mut operations = vec![Operation::CreateBody { body: bureau }];
    for row in penalties_by_code() {
        operations.extend(
            row.leads()
                .map(|body| concentrate(row.code, body, NEW_CITY, APPROVAL_CITY)),
        );
    }
    // 局队合一: the team joins the bureau whole, with its slots, people and remaining duties.
    operations.push(Operation::MergeBodies {
        from: ZF.into(),
        into: NEW_CITY.into(),
    });
    operations.extend(STAFFING_CITY.iter().map(|&(from, to, kind, count)| {
        Operation::MoveStaffing {
            from: from.into(),
            to: to.into(),
            kind,
            count,
            people: count,
        }
    }));
    Scenario {
        id: "comprehensive-enforcement".into(),
        name: "综合行政执法".to_owned(),
        description: CONCENTRATION_DESCRIPTION.to_owned(),
        operations: undated(operations),
    }
}

/// The penalty rows in code order (the table lists them by field).
fn penalties_by_code() -> Vec<&'static PowerRow> {
    let mut rows: Vec<&PowerRow> = PENALTIES.iter().collect();
    rows.sort_by_key(|row| row.code);
    rows
}

/// The body that leads in a table's place once 市区两级事权划分 merged the 执法支队 into the
/// city's 城市管理局.
fn after_merge(body: &str) -> &str {
    if body == ZF { CITY_CGJ } else { body }
}

/// 相对集中 of one penalty, under a provincial decision.
fn concentrate(power: &str, from: &str, to: &str, document: &str) -> Operation {
    Operation::TransferPower {
        power: power.into(),
        from: from.into(),
        to: to.into(),
        mode: TransferMode::Concentrate,
        approval: Some(approval(document)),
    }
}

fn transfer(power: &str, from: &str, to: &str, mode: TransferMode) -> Operation {
    Operation::TransferPower {
        power: power.into(),
        from: from.into(),
        to: to.into(),
        mode,
        approval: None,
    }
}
