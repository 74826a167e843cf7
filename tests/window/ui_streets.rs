//! The window with streets (issue 15), driven through the real app: a district's lane folds
//! open into its streets, the matrix opens a district into its streets' columns, the 分配表 names
//! a street with its district, and the grant dialog (赋权) sends one `GrantToStreets` that one
//! undo takes back; a street body's inspector takes granted powers back (收回). One image
//! snapshot of the filled dialog: `UPDATE_SNAPSHOTS=1 cargo test --test window ui_streets`.

#![cfg(feature = "gui")]

use std::collections::BTreeSet;

use crate::helpers::{click, harness};
use egui::accesskit::Role;
use egui::{Event, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use shiquan::model::{
    Approval, Body, BodyId, BodyKind, Holding, Jurisdiction, JurisdictionId, Level, Power, PowerId,
    PowerKind, Staffing, State, StateRecords,
};
use shiquan::plan::Plan;
use shiquan::ui::command::GrantFrom;
use shiquan::ui::command::{Action, Command};
use shiquan::ui::panels::Dialog;
use shiquan::ui::state::{Selection, Tab};
use shiquan::ui::{ScriptedDialogs, ShiquanApp};

const JIA: &str = "jia";
const EAST: &str = "jia-east";
const WEST: &str = "jia-west";
const SOUTH: &str = "jia-south";
const BUREAU: &str = "jia-cg";
const EAST_TEAM: &str = "jia-east-team";
const WEST_TEAM: &str = "jia-west-team";
const SOUTH_TEAM: &str = "jia-south-team";
/// 市容环卫: two penalties and a licence; 占道经营: a penalty and its inspection.
const LITTER: &str = "SR-CF-001";
const ADS: &str = "SR-CF-002";
const LICENCE: &str = "SR-XK-001";
const STALLS: &str = "ZD-CF-001";
const STALLS_CHECK: &str = "ZD-JC-001";

fn place(id: &str, name: &str, level: Level, parent: Option<&str>) -> Jurisdiction {
    Jurisdiction {
        id: id.into(),
        name: name.into(),
        level,
        parent: parent.map(Into::into),
    }
}

fn body(id: &str, name: &str, kind: BodyKind, jurisdiction: &str, staff: u32) -> Body {
    Body {
        id: id.into(),
        name: name.into(),
        kind,
        jurisdiction: jurisdiction.into(),
        parent: None,
        tags: BTreeSet::new(),
        staffing: Staffing {
            admin: staff,
            institution: 0,
            headcount: staff,
        },
        budget_wan: 0,
        standing: None,
        supervisor: None,
    }
}

fn power(code: &str, name: &str, kind: PowerKind, field: &str) -> Power {
    Power {
        main_item: None,
        duties: String::new(),
        accountability: String::new(),
        code: code.into(),
        name: name.into(),
        kind,
        field: field.into(),
        basis: "《城市市容和环境卫生管理条例》".into(),
        matter: None,
    }
}

/// A city; 甲区 with three streets (a team in each, and an office in the east street) and 乙区
/// without streets. Each district's bureau leads every power in its district, but 甲区's leaves
/// 占道经营's penalty to nobody in the south street (a gap there).
fn plan() -> Plan {
    let powers = vec![
        power(
            LITTER,
            "对在城市道路上乱倒垃圾的处罚",
            PowerKind::Penalty,
            "市容环卫",
        ),
        power(
            ADS,
            "对擅自设置户外广告的处罚",
            PowerKind::Penalty,
            "市容环卫",
        ),
        power(LICENCE, "户外广告设置许可", PowerKind::Licence, "市容环卫"),
        power(STALLS, "对占道经营的处罚", PowerKind::Penalty, "占道经营"),
        power(
            STALLS_CHECK,
            "对占道经营的检查",
            PowerKind::Inspection,
            "占道经营",
        ),
    ];
    let mut holdings = Vec::new();
    for p in &powers {
        let mut jia = Holding::lead(p.code.clone(), BUREAU.into());
        if p.code.as_str() == STALLS {
            jia.excludes.insert(SOUTH.into());
        }
        holdings.push(jia);
        holdings.push(Holding::lead(p.code.clone(), "yi-cg".into()));
    }
    let records = StateRecords {
        jurisdictions: vec![
            place("city", "本市", Level::City, None),
            place(JIA, "甲区", Level::District, Some("city")),
            place(EAST, "东街道", Level::Street, Some(JIA)),
            place(WEST, "西街道", Level::Street, Some(JIA)),
            place(SOUTH, "南街道", Level::Street, Some(JIA)),
            place("yi", "乙区", Level::District, Some("city")),
        ],
        bodies: vec![
            body("city-cg", "市城市管理局", BodyKind::Admin, "city", 40),
            body(BUREAU, "甲区城市管理局", BodyKind::Admin, JIA, 60),
            body("yi-cg", "乙区城市管理局", BodyKind::Admin, "yi", 50),
            body("jia-east-office", "东街道办事处", BodyKind::Admin, EAST, 30),
            body(
                EAST_TEAM,
                "东街道综合行政执法队",
                BodyKind::Enforcement,
                EAST,
                12,
            ),
            body(
                WEST_TEAM,
                "西街道综合行政执法队",
                BodyKind::Enforcement,
                WEST,
                10,
            ),
            body(
                SOUTH_TEAM,
                "南街道综合行政执法队",
                BodyKind::Enforcement,
                SOUTH,
                8,
            ),
        ],
        powers,
        holdings,
        ..StateRecords::default()
    };
    let mut plan = Plan::new("赋权测试方案");
    plan.baseline = State::from_records(records).expect("a valid state");
    plan
}

fn open_harness() -> Harness<'static, ShiquanApp> {
    let mut h = harness(plan(), ScriptedDialogs::default());
    h.set_render_cursor(false);
    h.run();
    h
}

fn state<'h>(h: &'h Harness<'static, ShiquanApp>) -> &'h State {
    h.state().document().state()
}

fn holding<'s>(state: &'s State, power: &str, body: &str) -> Option<&'s Holding> {
    state.holding(&PowerId::new(power), &BodyId::new(body))
}

/// The street bodies' and the bureau's holdings of the powers, for before/after comparisons.
fn holdings_of_interest(state: &State) -> Vec<Holding> {
    [LITTER, ADS, LICENCE, STALLS, STALLS_CHECK]
        .iter()
        .flat_map(|p| {
            state
                .holdings_of_power(&PowerId::new(*p))
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect()
}

fn click_role(h: &mut Harness<'static, ShiquanApp>, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).click();
    h.run();
}

fn type_into(h: &mut Harness<'static, ShiquanApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

fn click_at(h: &mut Harness<'static, ShiquanApp>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run();
}

fn grant_dialog(
    h: &Harness<'static, ShiquanApp>,
) -> Option<shiquan::ui::panels::modal::GrantDialog> {
    match h.state().dialog() {
        Some(Dialog::Grant(d)) => Some((**d).clone()),
        _ => None,
    }
}

/// Opens the dialog from the menu, leaves the south street out, picks 市容环卫's penalties by
/// their field and 占道经营's penalty by a search, and fills in the decision and the date.
fn fill_the_dialog(h: &mut Harness<'static, ShiquanApp>) {
    click(h, "编辑");
    click(h, "赋权给街道…");
    let d = grant_dialog(h).expect("the grant dialog opened");
    assert_eq!(d.district, Some(JurisdictionId::new(JIA)));
    assert_eq!(
        d.receivers(),
        [EAST_TEAM, SOUTH_TEAM, WEST_TEAM].map(BodyId::new),
        "every street, each by its enforcement team"
    );
    click_role(h, Role::CheckBox, "南街道");
    click_role(h, Role::CheckBox, "市容环卫（2）");
    type_into(h, "查找事项", "占道经营的处罚");
    click_role(h, Role::Button, "选中列出的事项");
    type_into(h, "批准机关", "省人民政府");
    type_into(h, "文号", "省府函〔2024〕24号");
    type_into(h, "评估日期", "2027-06-30");
    let d = grant_dialog(h).expect("still open");
    assert_eq!(
        d.powers,
        [LITTER, ADS, STALLS]
            .map(PowerId::new)
            .into_iter()
            .collect(),
        "the licence is not offered, the inspection was not listed by the search"
    );
    assert_eq!(d.receivers(), [EAST_TEAM, WEST_TEAM].map(BodyId::new));
}

#[test]
fn the_grant_dialog_grants_in_one_step_that_one_undo_takes_back() {
    let mut h = open_harness();
    let before = holdings_of_interest(state(&h));
    let steps = h.state().document().history().cursor();
    fill_the_dialog(&mut h);
    // The whole list, by field, for the picture.
    if let Some(Dialog::Grant(d)) = h.state_mut().dialog_mut() {
        d.search.clear();
    }
    h.run();
    h.snapshot("grant_dialog");
    click_role(&mut h, Role::Button, "赋权");
    assert!(grant_dialog(&h).is_none(), "the dialog closed");
    assert_eq!(h.state().document().history().cursor(), steps + 1);
    let s = state(&h);
    let decision = Approval {
        authority: "省人民政府".into(),
        document: "省府函〔2024〕24号".into(),
    };
    for p in [LITTER, ADS, STALLS] {
        for (team, street) in [(EAST_TEAM, EAST), (WEST_TEAM, WEST)] {
            let h = holding(s, p, team).expect("the team holds it");
            assert!(h.role.is_lead(), "{team} leads {p}");
            let grant = h.grant.as_deref().expect("the grant is recorded");
            assert_eq!(grant.from, BodyId::new(BUREAU));
            assert_eq!(grant.decision.as_ref(), Some(&decision));
            assert_eq!(grant.evaluate_by, "2027-06-30");
            let bureau = holding(s, p, BUREAU).expect("the bureau keeps it elsewhere");
            assert!(bureau.excludes.contains(&JurisdictionId::new(street)));
        }
        assert!(
            holding(s, p, SOUTH_TEAM).is_none(),
            "the south street was left out"
        );
        let bureau = holding(s, p, BUREAU).expect("held");
        assert!(
            p == STALLS || !bureau.excludes.contains(&JurisdictionId::new(SOUTH)),
            "the bureau still leads {p} in the south street"
        );
    }
    assert!(holding(s, LICENCE, EAST_TEAM).is_none());
    // The history says it in one sentence.
    let entries = h.state().document().history().entries();
    assert_eq!(entries.len(), steps + 1);
    h.state_mut().push(Command::ShowTab(Tab::Changes));
    h.run();
    assert!(
        h.query_by_label_contains("赋权 对在城市道路上乱倒垃圾的处罚")
            .is_some(),
        "the 变更 tab names the grant"
    );
    // One undo takes the whole grant back; redo makes it again.
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(holdings_of_interest(state(&h)), before);
    h.state_mut().push(Command::Redo);
    h.run();
    assert!(holding(state(&h), ADS, WEST_TEAM).is_some_and(|x| x.grant.is_some()));
}

#[test]
fn a_street_body_takes_granted_powers_back_from_its_inspector() {
    let mut h = open_harness();
    fill_the_dialog(&mut h);
    click_role(&mut h, Role::Button, "赋权");
    h.state_mut()
        .push(Action::Select(Selection::Body(EAST_TEAM.into())));
    h.run();
    assert!(h.query_by_label("赋权取得的事项（3）").is_some());
    click_role(&mut h, Role::CheckBox, "对擅自设置户外广告的处罚");
    click_role(&mut h, Role::Button, "收回所选");
    let s = state(&h);
    assert!(holding(s, ADS, EAST_TEAM).is_none(), "taken back");
    let bureau = holding(s, ADS, BUREAU).expect("held");
    assert!(!bureau.excludes.contains(&JurisdictionId::new(EAST)));
    assert!(bureau.excludes.contains(&JurisdictionId::new(WEST)));
    assert!(holding(s, LITTER, EAST_TEAM).is_some_and(|x| x.grant.is_some()));
    // The rest at once.
    click_role(&mut h, Role::Button, "全选");
    click_role(&mut h, Role::Button, "收回所选");
    assert!(crate_granted(state(&h), EAST_TEAM).is_empty());
    assert!(h.query_by_label_contains("赋权取得的事项").is_none());
}

fn crate_granted(state: &State, body: &str) -> Vec<PowerId> {
    state
        .holdings_of_body(&BodyId::new(body))
        .filter(|h| h.grant.is_some())
        .map(|h| h.power.clone())
        .collect()
}

#[test]
fn the_dialog_says_what_stands_in_the_way_in_the_users_language() {
    let mut h = open_harness();
    fill_the_dialog(&mut h);
    click_role(&mut h, Role::Button, "赋权");
    // From the east team's context: its street alone, by it.
    h.state_mut()
        .push(Action::OpenGrant(GrantFrom::Body(EAST_TEAM.into())));
    h.run();
    let d = grant_dialog(&h).expect("open");
    assert_eq!(d.receivers(), [BodyId::new(EAST_TEAM)]);
    assert_eq!(
        d.authority, "省人民政府",
        "the district's earlier decision is offered"
    );
    click_role(&mut h, Role::CheckBox, "对在城市道路上乱倒垃圾的处罚");
    assert!(
        h.query_by_label_contains("东街道综合行政执法队 已主办 对在城市道路上乱倒垃圾的处罚")
            .is_some(),
        "the problem is named before anything is sent"
    );
    assert!(
        h.get_by_role_and_label(Role::Button, "赋权")
            .accesskit_node()
            .is_disabled(),
        "the grant waits until nothing stands in the way"
    );
    // A refused grant sent anyway comes back into the dialog, in Chinese only.
    let op = grant_dialog(&h).expect("open").operation();
    h.state_mut().push(Action::Grant(op.clone()));
    h.run();
    let error = grant_dialog(&h).and_then(|d| d.error).expect("the refusal");
    assert!(
        error.contains("已主办") && !error.contains("leads"),
        "{error}"
    );
    // In English, in English.
    h.state_mut()
        .push(Command::SetLang(shiquan::text::Lang::En));
    h.state_mut().push(Action::Grant(op));
    h.run();
    let error = grant_dialog(&h).and_then(|d| d.error).expect("the refusal");
    assert!(
        error.contains("leads") && !error.contains("已主办"),
        "{error}"
    );
    // Dropping the powers in the way clears it.
    h.state_mut()
        .push(Command::SetLang(shiquan::text::Lang::Zh));
    h.run();
    click_role(&mut h, Role::Button, "去掉无法赋权的事项");
    assert!(grant_dialog(&h).expect("open").powers.is_empty());
}

#[test]
fn a_district_lane_folds_open_into_its_streets() {
    let mut h = open_harness();
    let jia = JurisdictionId::new(JIA);
    let layout = &h.state().canvas().layout;
    let lane = layout.lane(&jia).expect("甲区's lane");
    assert_eq!((lane.streets, lane.street_bodies, lane.open), (3, 4, false));
    assert!(layout.lane(&JurisdictionId::new(EAST)).is_none());
    assert!(layout.body(&BodyId::new(EAST_TEAM)).is_none());
    // Its fold control opens it.
    let canvas = h.state().canvas();
    let t = canvas.transform.expect("drawn");
    let lane_rect = canvas.lane_on_screen(&jia).expect("drawn");
    let title = egui::Rect::from_min_size(
        lane_rect.min,
        egui::vec2(
            shiquan::ui::canvas::layout::LABEL_W * t.zoom,
            lane_rect.height(),
        ),
    );
    let fold = shiquan::ui::canvas::draw::fold_rect(title, t.zoom);
    click_at(&mut h, fold.center());
    assert!(h.state().ui_state().canvas.open_districts.contains(&jia));
    let layout = &h.state().canvas().layout;
    let district = layout.lane(&jia).expect("lane").rect;
    for (street, team) in [(EAST, EAST_TEAM), (SOUTH, SOUTH_TEAM), (WEST, WEST_TEAM)] {
        let lane = layout
            .lane(&JurisdictionId::new(street))
            .expect("a sub-lane");
        assert_eq!(lane.district.as_ref(), Some(&jia));
        assert!(lane.rect.top() >= district.bottom(), "below its district");
        let b = layout.body(&BodyId::new(team)).expect("its team's box");
        assert!(lane.rect.contains_rect(b.rect));
    }
    // Closed again from the lane's title; focusing a street body opens it.
    h.state_mut().ui_state_mut().canvas.open_districts.clear();
    h.run();
    assert!(
        h.state()
            .canvas()
            .layout
            .body(&BodyId::new(WEST_TEAM))
            .is_none()
    );
    h.state_mut()
        .push(Action::Focus(Selection::Body(WEST_TEAM.into())));
    h.run();
    assert!(
        h.state()
            .canvas()
            .layout
            .body(&BodyId::new(WEST_TEAM))
            .is_some()
    );
}

#[test]
fn the_matrix_shows_districts_and_opens_one_into_its_streets() {
    let mut h = open_harness();
    h.state_mut().push(Command::ShowTab(Tab::Matrix));
    h.run();
    let jia = JurisdictionId::new(JIA);
    let counts = &h.state().caches().matrix;
    let district = counts.district_matrix();
    let cell = district["占道经营"][&jia];
    // The penalty has a gap in the south street: the district counts it a gap.
    assert_eq!((cell.once, cell.many, cell.none), (1, 0, 1));
    assert!(h.query_by_label("└ 东街道").is_none(), "closed");
    click_role(&mut h, Role::Button, "甲区（3）");
    assert!(h.state().ui_state().matrix_open.contains(&jia));
    for street in ["└ 东街道", "└ 南街道", "└ 西街道"] {
        assert!(h.query_by_label(street).is_some(), "{street}");
    }
    let streets = h.state().caches().matrix.matrix();
    let south = streets["占道经营"][&JurisdictionId::new(SOUTH)];
    assert_eq!((south.once, south.none), (1, 1));
    let east = streets["占道经营"][&JurisdictionId::new(EAST)];
    assert_eq!((east.once, east.none), (2, 0));
    // A street's cell filters the 分配表 to the street, named with its district.
    h.state_mut().ui_state_mut().filters.district = Some(JurisdictionId::new(EAST));
    h.state_mut().push(Command::ShowTab(Tab::Allocation));
    h.run();
    let rows = &h.state().caches().allocation.rows;
    let places: BTreeSet<String> = rows.iter().map(|r| r.district.to_string()).collect();
    assert_eq!(places, BTreeSet::from([EAST.to_owned()]));
    assert_eq!(h.query_all_by_label("甲区东街道").count(), rows.len());
    assert!(h.query_by_label("辖区").is_some(), "the 辖区 column");
}
