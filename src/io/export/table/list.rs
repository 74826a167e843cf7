//! The 权责清单 as exported: one row per power and holder, in the shape the importer reads back
//! (codes, names, level, 辖区, 实施主体 and 承办机构, role, exclusions, case tier).

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::model::{
    Body, Cases, Holding, HoldingListing, Jurisdiction, JurisdictionId, Level, Power, State,
};

/// The headers of the power list (权责清单) that every export has, as `shiquan import` reads
/// them; a plan with sub-items (子项) writes 主项编码, 主项名称, 子项编码, 子项名称 for the first
/// two, and the columns of published lists follow where the plan has any of them
/// ([`list_table`]).
pub const LIST_HEADERS: [&str; 10] = [
    "事项编码",
    "事项名称",
    "权力类型",
    "领域",
    "实施依据",
    "实施主体",
    "行使层级",
    "辖区",
    "主办/协办",
    "不含辖区",
];

/// A district's name, or a street's as 「区/街道」 (the way the importer reads a street).
pub(super) fn street_or_district_name(ctx: &ExportContext, id: &JurisdictionId) -> String {
    let state = &ctx.after;
    match state.jurisdiction(id) {
        Some(j) if j.level == Level::Street => {
            match j.parent.as_ref().and_then(|p| state.jurisdiction(p)) {
                Some(d) => format!("{}/{}", d.name, j.name),
                None => j.name.clone(),
            }
        }
        _ => ctx.jurisdiction_name(id),
    }
}

/// The power list (权责清单) of the exported state: one row per (power, holder), and one row
/// with no body for a power that nobody holds. A street body's 辖区 is written `区/街道`; a
/// city holding that a district took over lists that district under 不含辖区, an optional
/// column the importer reads (a clerk's list never has it, so the flat rule is untouched). A
/// city lead that takes the major cases of a level split is written 「市级、区级」, as the list
/// it came from wrote it. Where the plan has them, 主项 / 子项 columns, 承办机构, 实施编码, 责任事项
/// and 追责情形 are written too, so that a published list comes back as it went in.
pub fn list_table(ctx: &ExportContext) -> Table {
    let state = &ctx.after;
    let columns = Columns::of(state);
    let headers = columns.headers();
    let mut rows = Vec::new();
    for power in state.powers().values() {
        let head = columns.head(power);
        let mut any = false;
        for h in state.holdings_of_power(&power.code) {
            let Some(body) = state.body(&h.body) else {
                continue;
            };
            let Some(place) = state.jurisdiction(&body.jurisdiction) else {
                continue;
            };
            any = true;
            let mut row = head.clone();
            row.extend(holder_cells(ctx, h, body, place));
            row.extend(columns.tail(power, h.listing.as_deref()));
            rows.push(row);
        }
        if !any {
            let mut row = head;
            row.extend((0..5).map(|_| Cell::Text(String::new())));
            row.extend(columns.tail(power, None));
            rows.push(row);
        }
    }
    Table {
        name: TableKind::List.label_zh(),
        headers,
        rows,
    }
}

/// The optional columns at the end of the list, written where the plan has any of them.
const OPTIONAL_HEADERS: [&str; 4] = ["承办机构", "实施编码", "责任事项", "追责情形"];

/// Which of the optional columns the plan's list has.
struct Columns {
    /// 主项 / 子项 in place of the power's own code and name.
    sub_items: bool,
    /// Each of [`OPTIONAL_HEADERS`].
    optional: [bool; 4],
}

impl Columns {
    /// The optional columns that some power or holding of `state` fills.
    fn of(state: &State) -> Self {
        let powers = state.powers().values();
        let listings = || {
            state
                .powers()
                .keys()
                .flat_map(|p| state.holdings_of_power(p))
                .filter_map(|h| h.listing.as_deref())
        };
        Self {
            sub_items: powers.clone().any(|p| p.main_item.is_some()),
            optional: [
                listings().any(|l| !l.division.is_empty()),
                listings().any(|l| !l.impl_code.is_empty()),
                powers.clone().any(|p| !p.duties.is_empty()),
                powers.clone().any(|p| !p.accountability.is_empty()),
            ],
        }
    }

    /// The headers: the codes and names, [`LIST_HEADERS`]' others, then the optional ones.
    fn headers(&self) -> Vec<&'static str> {
        let mut headers: Vec<&'static str> = if self.sub_items {
            vec!["主项编码", "主项名称", "子项编码", "子项名称"]
        } else {
            LIST_HEADERS[..2].to_vec()
        };
        headers.extend(&LIST_HEADERS[2..]);
        for (wanted, header) in self.optional.into_iter().zip(OPTIONAL_HEADERS) {
            if wanted {
                headers.push(header);
            }
        }
        headers
    }

    /// A power's cells before its holder's: its codes and names, kind, field and basis.
    fn head(&self, power: &Power) -> Vec<Cell> {
        let mut head = match (&power.main_item, self.sub_items) {
            (Some(main), _) => vec![
                Cell::Text(main.code.clone()),
                Cell::Text(main.name.clone()),
                Cell::Text(power.code.to_string()),
                Cell::Text(power.name.clone()),
            ],
            (None, true) => vec![
                Cell::Text(power.code.to_string()),
                Cell::Text(power.name.clone()),
                Cell::Text(String::new()),
                Cell::Text(String::new()),
            ],
            (None, false) => vec![
                Cell::Text(power.code.to_string()),
                Cell::Text(power.name.clone()),
            ],
        };
        head.extend([
            Cell::from(power.kind.label(Lang::Zh)),
            Cell::Text(power.field.clone()),
            Cell::Text(power.basis.clone()),
        ]);
        head
    }

    /// The optional cells after a holder's: its listing's, then the power's.
    fn tail(&self, power: &Power, listing: Option<&HoldingListing>) -> Vec<Cell> {
        let mut cells = Vec::new();
        let listing = listing.cloned().unwrap_or_default();
        let texts = [
            listing.division,
            listing.impl_code,
            power.duties.clone(),
            power.accountability.clone(),
        ];
        for (wanted, text) in self.optional.into_iter().zip(texts) {
            if wanted {
                cells.push(Cell::Text(text));
            }
        }
        cells
    }
}

/// A holder's cells: 实施主体, 行使层级, 辖区, 主办/协办 and 不含辖区.
fn holder_cells(ctx: &ExportContext, h: &Holding, body: &Body, place: &Jurisdiction) -> [Cell; 5] {
    let state = &ctx.after;
    let jurisdiction = match place.level {
        Level::City => String::new(),
        _ => street_or_district_name(ctx, &place.id),
    };
    // A city holding's districts (or streets) that a district took over; a district
    // holding's streets that a grant (赋权) took: a street as 「区/街道」.
    let counts = |j: &JurisdictionId| match place.level {
        Level::City => true,
        // Only its own streets narrow a district body (coverage ignores the rest).
        _ => state.district_of(j) == Some(&place.id) && j != &place.id,
    };
    let excludes = if place.level != Level::Street && h.role.is_lead() {
        h.excludes
            .iter()
            .filter(|j| counts(j))
            .map(|j| street_or_district_name(ctx, j))
            .collect::<Vec<_>>()
            .join("、")
    } else {
        String::new()
    };
    let level = if place.level == Level::City && h.cases == Some(Cases::Major) {
        Cell::from("市级、区级")
    } else {
        Cell::from(place.level.label(Lang::Zh))
    };
    [
        Cell::Text(body.name.clone()),
        level,
        Cell::Text(jurisdiction),
        Cell::from(h.role.label(Lang::Zh)),
        Cell::Text(excludes),
    ]
}
