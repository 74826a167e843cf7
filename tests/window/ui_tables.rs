//! The tabular tabs at a laptop's width (issue 17), driven through the real window at 1280 px
//! with the side panels at their default widths: the 分配表 names each row's territory in a 辖区
//! column and keeps its last column, 状态, inside the central panel, in Chinese and in English
//! (a dragged column edge resizes a column; a plan without districts shows 全市);
//! the 覆盖矩阵 has a 本市 column and 合计 sums whose figures are those the coverage gives
//! (counted here from the analysis, not read from the matrix); a click on a cell drills down to
//! its powers and their lead bodies; the 统计 tab names the bodies of its body chart, on lines
//! that do not overlap. One image snapshot of the heat map with a drill-down open (the central
//! panel only; the panels around it are masked): `UPDATE_SNAPSHOTS=1 cargo test --test
//! window ui_tables`.

#![cfg(feature = "gui")]

use std::collections::BTreeMap;

use crate::helpers::{click, seed};
use egui::{Event, PointerButton, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shiquan::model::JurisdictionId;
use shiquan::session::View;
use shiquan::text::Lang;
use shiquan::text::place_name;
use shiquan::ui::command::Action;
use shiquan::ui::state::Tab;
use shiquan::ui::{ScriptedDialogs, ShiquanApp};

/// A laptop's window: 1280 px wide.
const LAPTOP: [f32; 2] = [1280.0, 900.0];

/// The real app on the seed plan in a 1280 px window, on the city-district scenario.
fn laptop() -> Harness<'static, ShiquanApp> {
    laptop_with(crate::helpers::builder())
}

/// The same, from a harness builder.
fn laptop_with(builder: egui_kittest::HarnessBuilder<ShiquanApp>) -> Harness<'static, ShiquanApp> {
    let plan = seed();
    let mut h = builder.with_size(LAPTOP).build_eframe(move |_cc| {
        ShiquanApp::new_for_test(plan, Box::new(ScriptedDialogs::default()))
    });
    h.run();
    h.state_mut().push(Action::SwitchView(View::Scenario(
        "city-district-split".into(),
    )));
    h.run();
    h
}

/// The central panel's extent left to right: from the first tab's left edge to the
/// inspector's heading (属性 / Properties), which starts right of the panel's divider.
fn central_x(h: &Harness<'static, ShiquanApp>, inspector: &str) -> (f32, f32) {
    let tabs = h
        .query_by_label("关系图")
        .or_else(|| h.query_by_label("Lanes"))
        .expect("the tabs")
        .rect();
    let inspector = h.get_by_label(inspector).rect();
    (tabs.left() - 12.0, inspector.left())
}

/// Whether a node's rectangle lies within the central panel.
fn inside(rect: Rect, (left, right): (f32, f32)) -> bool {
    rect.left() >= left && rect.right() <= right
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

#[test]
fn the_allocation_table_names_each_rows_territory_and_fits_a_laptop_in_both_languages() {
    let mut h = laptop();
    // Two powers of one field: ten rows, all in view.
    h.state_mut().ui_state_mut().filters.field = Some("商务".to_owned());
    click(&mut h, "分配表");
    for (jurisdiction, status, inspector) in [
        ("辖区", "状态", "属性"),
        ("Jurisdiction", "Status", "Inspector"),
    ] {
        let panel = central_x(&h, inspector);
        let header = h.get_by_label(jurisdiction);
        assert!(
            inside(header.rect(), panel),
            "{jurisdiction}: {:?}",
            header.rect()
        );
        let status = h.get_by_label(status);
        assert!(
            inside(status.rect(), panel),
            "the status header at {:?} is not inside the central panel {panel:?}",
            status.rect()
        );
        // Each row names its territory (a street with its district), as the core names it.
        let app = h.state();
        let state = app.document().state();
        let lang = app.ui_state().lang;
        let rows = &app.caches().allocation.rows;
        assert_eq!(rows.len(), 10, "two powers × five territories");
        let mut expected: BTreeMap<String, usize> = BTreeMap::new();
        for row in rows.iter() {
            *expected
                .entry(place_name(state, row.district, lang))
                .or_default() += 1;
        }
        assert_eq!(expected.len(), 5, "{expected:?}");
        for (place, n) in &expected {
            let cells: Vec<Rect> = h.query_all_by_label(place).map(|n| n.rect()).collect();
            assert_eq!(cells.len(), *n, "{place}: one cell per row");
            assert!(
                cells
                    .iter()
                    .all(|c| c.left() > header.rect().left() - 8.0 && inside(*c, panel)),
                "{place} under the 辖区 header: {cells:?}"
            );
        }
        // And the rows' status cells are in view too.
        let last_status = h
            .query_all_by_label(match lang {
                Lang::Zh => "正常",
                Lang::En => "ok",
            })
            .chain(h.query_all_by_label(match lang {
                Lang::Zh => "已调整",
                Lang::En => "moved",
            }))
            .map(|n| n.rect())
            .collect::<Vec<_>>();
        assert!(!last_status.is_empty());
        assert!(
            last_status.iter().all(|r| inside(*r, panel)),
            "{last_status:?}"
        );
        click(&mut h, "English");
    }
}

/// How a power counts in a place: led once, by two or more, by nobody (0, 1, 2: worst last).
fn led(leads: usize) -> usize {
    match leads {
        1 => 0,
        0 => 2,
        _ => 1,
    }
}

/// A cell's text as the matrix shows it.
fn text(c: [usize; 3]) -> String {
    format!("{} / {} / {}", c[0], c[1], c[2])
}

/// The figures the matrix should show, counted from the analysis: per field the 本市 cell
/// (each power by its worst territory) and the 合计 (power × district pairs, a district with
/// streets by its worst street); per district the 合计 over the fields; and the two corners.
struct Expected {
    city: BTreeMap<String, [usize; 3]>,
    field_total: BTreeMap<String, [usize; 3]>,
    district_total: BTreeMap<JurisdictionId, [usize; 3]>,
    city_total: [usize; 3],
    all: [usize; 3],
}

fn expected(app: &ShiquanApp) -> Expected {
    let doc = app.document();
    let coverage = &doc.analysis().coverage;
    let territories = coverage.territories();
    let mut e = Expected {
        city: BTreeMap::new(),
        field_total: BTreeMap::new(),
        district_total: BTreeMap::new(),
        city_total: [0; 3],
        all: [0; 3],
    };
    for power in doc.state().powers().values() {
        let mut worst_by_district: BTreeMap<JurisdictionId, usize> = BTreeMap::new();
        let mut city = 0;
        for (t, territory) in territories.iter().enumerate() {
            let l = led(coverage.leads(&power.code, territory).len());
            city = city.max(l);
            let district = coverage
                .district_of_territory(t)
                .unwrap_or(territory)
                .clone();
            let w = worst_by_district.entry(district).or_default();
            *w = (*w).max(l);
        }
        e.city.entry(power.field.clone()).or_default()[city] += 1;
        e.city_total[city] += 1;
        for (district, l) in worst_by_district {
            e.field_total.entry(power.field.clone()).or_default()[l] += 1;
            e.district_total.entry(district).or_default()[l] += 1;
            e.all[l] += 1;
        }
    }
    e
}

/// The node labelled `text` whose centre is nearest to `at` on the line `y` (within a few
/// points), if any.
fn at_row(h: &Harness<'static, ShiquanApp>, text: &str, y: f32) -> Vec<Rect> {
    h.query_all_by_label(text)
        .map(|n| n.rect())
        .filter(|r| (r.center().y - y).abs() < 4.0)
        .collect()
}

#[test]
fn the_matrix_has_a_city_column_and_totals_that_the_coverage_gives() {
    let mut h = laptop();
    click(&mut h, "覆盖矩阵");
    let e = expected(h.state());
    let city_header = h.get_by_label("本市").rect();
    let totals: Vec<Rect> = h.query_all_by_label("合计").map(|n| n.rect()).collect();
    assert_eq!(
        totals.len(),
        2,
        "a 合计 column header and a 合计 row: {totals:?}"
    );
    let total_header = totals
        .iter()
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .copied();
    let total_row = totals
        .iter()
        .max_by(|a, b| a.top().total_cmp(&b.top()))
        .copied();
    let (Some(total_header), Some(total_row)) = (total_header, total_row) else {
        unreachable!()
    };
    // Each field in view: its 本市 cell under 本市, its 合计 under 合计, on its line.
    let mut checked = 0;
    for (field, city) in &e.city {
        let Some(label) = h.query_by_label(field) else {
            continue;
        };
        let y = label.rect().center().y;
        if y >= total_row.top() {
            continue;
        }
        let cells = at_row(&h, &text(*city), y);
        assert!(
            cells
                .iter()
                .any(|c| c.left() < city_header.right() && c.right() > city_header.left()),
            "{field}: 本市 {} not under 本市 at {y}: {cells:?}",
            text(*city)
        );
        let sum = text(e.field_total[field]);
        let cells = at_row(&h, &sum, y);
        assert!(
            cells.iter().any(|c| c.left() < total_header.right() + 40.0
                && c.right() > total_header.left() - 40.0),
            "{field}: 合计 {sum} not under 合计: {cells:?}"
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} fields in view");
    // The 合计 row: each district's sum under its header, the city's and the whole.
    let y = total_row.center().y;
    let state = h.state().document().state();
    for (district, sum) in &e.district_total {
        let name = &state.jurisdiction(district).expect("a district").name;
        let header = h
            .query_all_by_label_contains(name)
            .map(|n| n.rect())
            .min_by(|a, b| a.top().total_cmp(&b.top()))
            .expect("the district's header");
        let cells = at_row(&h, &text(*sum), y);
        assert!(
            cells.iter().any(
                |c| c.center().x > header.left() - 20.0 && c.center().x < header.left() + 122.0
            ),
            "{name}: 合计 {} not under its header {header:?}: {cells:?}",
            text(*sum)
        );
    }
    assert!(
        !at_row(&h, &text(e.city_total), y).is_empty(),
        "本市 合计 {}",
        text(e.city_total)
    );
    assert_eq!(
        e.city_total.iter().sum::<usize>(),
        h.state().document().state().powers().len(),
        "the 本市 column counts each power once"
    );
    assert!(
        !at_row(&h, &text(e.all), y).is_empty(),
        "合计 {}",
        text(e.all)
    );
}

#[test]
fn a_click_on_a_matrix_cell_drills_down_to_its_powers_and_their_lead_bodies() {
    let mut h = laptop();
    click(&mut h, "覆盖矩阵");
    let field = "占道经营";
    let district = JurisdictionId::new("district-b");
    let name = h
        .state()
        .document()
        .state()
        .jurisdiction(&district)
        .expect("乙区")
        .name
        .clone();
    let x = h.get_by_label(&name).rect().left() + 50.0;
    let y = h.get_by_label(field).rect().center().y;
    click_at(&mut h, Pos2::new(x, y));
    // The filters follow the cell, as before.
    let filters = &h.state().ui_state().filters;
    assert_eq!(filters.field.as_deref(), Some(field));
    assert_eq!(filters.district.as_ref(), Some(&district));
    assert_eq!(
        h.state().ui_state().tab,
        Tab::Matrix,
        "the drill-down is under the matrix"
    );
    // A heading names the cell, then each power of the field with its lead bodies there.
    assert!(
        h.query_by_label_contains(&format!("{name} · {field}"))
            .is_some(),
        "the drill-down's heading"
    );
    let doc = h.state().document();
    let state = doc.state();
    let coverage = &doc.analysis().coverage;
    let powers: Vec<_> = state
        .powers()
        .values()
        .filter(|p| p.field == field)
        .collect();
    assert!(powers.len() >= 2);
    for p in powers {
        assert!(h.query_by_label(&p.name).is_some(), "the power {}", p.name);
        let leads: Vec<&str> = coverage
            .leads(&p.code, &district)
            .iter()
            .filter_map(|b| state.body(b))
            .map(|b| b.name.as_str())
            .collect();
        let name_y = h.get_by_label(&p.name).rect().center().y;
        let holders = if leads.is_empty() {
            "（无主办单位）".to_owned()
        } else {
            leads.join("、")
        };
        assert_eq!(
            at_row(&h, &holders, name_y).len(),
            1,
            "{}: its lead bodies {holders} on its line",
            p.name
        );
    }
    // The table is a click away, on the same filters.
    click(&mut h, "在分配表中查看");
    assert_eq!(h.state().ui_state().tab, Tab::Allocation);
    assert_eq!(
        h.state().ui_state().filters.district.as_ref(),
        Some(&district)
    );
}

#[test]
fn the_body_chart_names_its_bars_on_lines_that_do_not_overlap() {
    let mut h = laptop();
    click(&mut h, "统计");
    let state = h.state().document().state();
    let mut counts: Vec<(String, usize)> = state
        .bodies()
        .values()
        .map(|b| (b.name.clone(), state.lead_count(&b.id)))
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let title = h.get_by_label_contains("各机构主办事项数").rect();
    let mut names: Vec<Rect> = Vec::new();
    for (name, n) in counts.iter().take(5) {
        // The body's name beside its bar, under the chart's title (not the tree's line).
        let found: Vec<Rect> = h
            .query_all_by_label(name)
            .map(|n| n.rect())
            .filter(|r| r.top() > title.bottom() && r.right() > title.left())
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{name} ({n} powers) named on the chart: {found:?}"
        );
        let figure = at_row(&h, &n.to_string(), found[0].center().y);
        assert!(
            figure.iter().any(|f| f.left() > found[0].right()),
            "{name}: its figure {n} right of it"
        );
        names.push(found[0]);
    }
    names.sort_by(|a, b| a.top().total_cmp(&b.top()));
    for pair in names.windows(2) {
        assert!(
            pair[0].bottom() <= pair[1].top() + 0.5,
            "names overlap: {pair:?}"
        );
    }
    // The jurisdictions of the other charts are named too.
    let bodies_title = h.get_by_label_contains("各辖区机构数").rect();
    let named = h
        .query_all_by_label("乙区")
        .filter(|n| n.rect().top() > bodies_title.bottom())
        .count();
    assert!(
        named >= 2,
        "乙区 on the bodies and staffing charts: {named}"
    );
}

#[test]
fn the_heat_map_with_a_drill_down_looks_as_approved() {
    let mut h = laptop();
    h.set_render_cursor(false);
    click(&mut h, "覆盖矩阵");
    let name = h
        .state()
        .document()
        .state()
        .jurisdiction(&JurisdictionId::new("district-b"))
        .expect("乙区")
        .name
        .clone();
    let x = h.get_by_label(&name).rect().left() + 50.0;
    let y = h.get_by_label("噪声").rect().center().y;
    click_at(&mut h, Pos2::new(x, y));
    h.event(Event::PointerMoved(Pos2::new(5.0, 5.0)));
    h.run();
    // Only the central panel: the panels around it are other tests' business (and change with
    // other work), so they are masked.
    let tabs = h.get_by_label("关系图").rect();
    let inspector = h.get_by_label("属性").rect();
    let findings = h.get_by_label("问题清单").rect();
    let [w, height] = LAPTOP;
    for mask in [
        Rect::from_min_max(Pos2::ZERO, Pos2::new(w, tabs.top() - 6.0)),
        Rect::from_min_max(Pos2::ZERO, Pos2::new(tabs.left() - 12.0, height)),
        Rect::from_min_max(Pos2::new(inspector.left() - 6.0, 0.0), Pos2::new(w, height)),
        Rect::from_min_max(Pos2::new(0.0, findings.top() - 6.0), Pos2::new(w, height)),
    ] {
        h.mask(mask);
    }
    h.snapshot("coverage_heat_map");
}

/// Presses the primary button at `from`, moves to `to` in steps, releases there.
fn drag(h: &mut Harness<'static, ShiquanApp>, from: Pos2, to: Pos2) {
    h.event(Event::PointerMoved(from));
    h.step();
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    for i in 1..=6 {
        h.event(Event::PointerMoved(from + (to - from) * (i as f32 / 6.0)));
        h.step();
    }
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    h.run();
}

#[test]
fn a_column_of_the_allocation_table_is_resized_by_dragging_its_edge() {
    // Steps of a 60th of a second (not a quarter): two clicks in a row make a double-click.
    let mut h = laptop_with(crate::helpers::builder().with_step_dt(1.0 / 60.0));
    click(&mut h, "分配表");
    let place = h.get_by_label("辖区").rect();
    let name = h.get_by_label("名称").rect();
    // The edge between 名称 and 辖区: just left of the 辖区 header.
    let edge = Pos2::new(place.left() - 4.0, place.center().y);
    drag(&mut h, edge, edge + egui::vec2(40.0, 0.0));
    let moved = h.get_by_label("辖区").rect();
    assert!(
        (moved.left() - (place.left() + 40.0)).abs() < 3.0,
        "the 辖区 header moved from {place:?} to {moved:?}"
    );
    assert!(
        (h.get_by_label("名称").rect().left() - name.left()).abs() < 0.5,
        "名称 stays"
    );
    // A double-click on the edge gives the fitted widths back.
    let edge = Pos2::new(moved.left() - 4.0, moved.center().y);
    h.event(Event::PointerMoved(edge));
    h.step();
    for pressed in [true, false, true, false] {
        h.event(Event::PointerButton {
            pos: edge,
            button: PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    let back = h.get_by_label("辖区").rect();
    assert!(
        (back.left() - place.left()).abs() < 0.5,
        "the fitted widths are back: {back:?}, not {place:?}"
    );
}

#[test]
fn a_plan_without_districts_shows_its_rows_for_the_whole_city() {
    let list = "事项编码,事项名称,领域,实施依据,实施主体,行使层级,辖区,主办/协办\n\
        A-1,占道经营处罚,市容环卫,《条例》第一条,市城市管理局,市级,,主办\n\
        A-2,户外广告许可,市容环卫,《条例》第二条,市城市管理局,市级,,主办\n";
    let plan = shiquan::io::import::read_list_bytes(
        list.as_bytes(),
        "清单.csv",
        shiquan::io::import::ListFormat::Csv,
        &shiquan::io::import::ImportOptions::default(),
    )
    .expect("the list reads")
    .to_plan();
    let mut h = crate::helpers::builder()
        .with_size(LAPTOP)
        .build_eframe(move |_cc| {
            ShiquanApp::new_for_test(plan, Box::new(ScriptedDialogs::default()))
        });
    h.run();
    click(&mut h, "分配表");
    let rows = h.state().caches().allocation.rows.len();
    assert_eq!(rows, 2, "one territory: the city");
    assert_eq!(h.query_all_by_label("全市").count(), rows);
}
