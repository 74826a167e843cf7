//! Every colour of the window, in one place, so that a reviewer can retune the palette without
//! hunting through widgets. The window uses egui's light visuals: reform offices print and
//! project these views, and dark backgrounds read badly on a projector.

use egui::Color32;

/// Background of the lanes canvas.
pub const CANVAS_BG: Color32 = Color32::from_rgb(248, 249, 251);
/// Background of a city lane.
pub const LANE_CITY: Color32 = Color32::from_rgb(232, 240, 252);
/// Background of a district lane.
pub const LANE_DISTRICT: Color32 = Color32::from_rgb(238, 246, 236);
/// Background of a street lane.
pub const LANE_STREET: Color32 = Color32::from_rgb(250, 245, 232);
/// The strip that hangs a street's lane under its district's (a deeper district green).
pub const LANE_DISTRICT_STRIP: Color32 = Color32::from_rgb(165, 205, 160);
/// Behind a street's columns in the coverage matrix.
pub const MATRIX_STREET: Color32 = Color32::from_rgba_premultiplied(250, 245, 232, 255);
/// A lane under a dragged body.
pub const LANE_DROP: Color32 = Color32::from_rgb(255, 236, 179);
/// Lane borders and separators.
pub const LANE_BORDER: Color32 = Color32::from_rgb(196, 204, 214);
/// Lane titles.
pub const LANE_TITLE: Color32 = Color32::from_rgb(40, 52, 70);

/// Fill of a body box.
pub const BODY_FILL: Color32 = Color32::WHITE;
/// Border of a body box.
pub const BODY_BORDER: Color32 = Color32::from_rgb(120, 134, 156);
/// Border of a selected body.
pub const SELECTED: Color32 = Color32::from_rgb(25, 118, 210);
/// Fill behind a selected body or row.
pub const SELECTED_FILL: Color32 = Color32::from_rgb(222, 236, 252);
/// Text on bodies and chips.
pub const TEXT: Color32 = Color32::from_rgb(30, 36, 46);
/// Secondary text (counts, codes).
pub const TEXT_WEAK: Color32 = Color32::from_rgb(96, 106, 122);
/// Items dimmed by a filter.
pub const DIMMED: Color32 = Color32::from_rgb(210, 214, 220);
/// A search hit.
pub const SEARCH_HIT: Color32 = Color32::from_rgb(255, 214, 10);

/// A lead power chip.
pub const CHIP_LEAD: Color32 = Color32::from_rgb(227, 242, 253);
/// An assisting holding's chip.
pub const CHIP_ASSIST: Color32 = Color32::from_rgb(241, 241, 241);
/// An entrusted holding's chip.
pub const CHIP_ENTRUSTED: Color32 = Color32::from_rgb(243, 229, 245);

/// Overlaps (多头执法).
pub const OVERLAP: Color32 = Color32::from_rgb(239, 108, 0);
/// Gaps (管理盲区).
pub const GAP: Color32 = Color32::from_rgb(211, 47, 47);
/// Rule findings.
pub const RULE: Color32 = Color32::from_rgb(123, 31, 162);
/// Covered once: fine.
pub const OK: Color32 = Color32::from_rgb(46, 125, 50);
/// Something changed against the baseline.
pub const CHANGED: Color32 = Color32::from_rgb(0, 121, 107);

/// An assist link.
pub const LINK_ASSIST: Color32 = Color32::from_rgb(120, 144, 156);
/// An entrusted link.
pub const LINK_ENTRUSTED: Color32 = Color32::from_rgb(142, 36, 170);
/// A compare-mode flow between lanes.
pub const FLOW: Color32 = Color32::from_rgba_premultiplied(0, 105, 92, 200);
/// The box-select rectangle.
pub const BOX_SELECT: Color32 = Color32::from_rgba_premultiplied(25, 118, 210, 40);

/// The banner that says a CJK font is missing.
pub const BANNER_BG: Color32 = Color32::from_rgb(255, 243, 205);
/// Status messages that report an error.
pub const ERROR_TEXT: Color32 = Color32::from_rgb(183, 28, 28);

/// Chart series: before.
pub const BEFORE: Color32 = Color32::from_rgb(144, 164, 174);
/// Chart series: after.
pub const AFTER: Color32 = Color32::from_rgb(25, 118, 210);

/// The shading of a coverage-matrix cell (the heat map, issue 17): the colour of its worst
/// state (a gap, else an overlap, else every power led once), the deeper the larger the share of
/// its `powers` with a problem. Translucent, so that it reads on a light panel and a dark one,
/// and the text on it keeps the panel's colour. `None` for an empty cell.
pub fn matrix_heat(gaps: usize, overlaps: usize, powers: usize) -> Option<Color32> {
    if powers == 0 {
        return None;
    }
    let problems = gaps + overlaps;
    if problems == 0 {
        return Some(OK.gamma_multiply(0.16));
    }
    let share = (problems as f32 / powers as f32).clamp(0.0, 1.0);
    let color = if gaps > 0 { GAP } else { OVERLAP };
    Some(color.gamma_multiply(0.26 + 0.38 * share.sqrt()))
}

/// The colour of a finding kind.
pub fn finding(kind: crate::analysis::FindingKind) -> Color32 {
    match kind {
        crate::analysis::FindingKind::Overlap => OVERLAP,
        crate::analysis::FindingKind::Gap => GAP,
        crate::analysis::FindingKind::Rule => RULE,
    }
}

/// The colour of a severity.
pub fn severity(severity: crate::analysis::Severity) -> Color32 {
    match severity {
        crate::analysis::Severity::Error => GAP,
        crate::analysis::Severity::Warning => OVERLAP,
        crate::analysis::Severity::Info => TEXT_WEAK,
    }
}

/// A badge of open review opinions (意见 N), and an open opinion's status.
pub const OPINION: Color32 = Color32::from_rgb(194, 24, 91);
