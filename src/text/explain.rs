//! Why a finding is there, phrased ([`ExplanationText`]): since which step, who led before,
//! who holds the power here without counting, in the language asked. The session works the
//! explanation out ([`Explanation`]); this says it, naming bodies as they were called when seen.

use super::{Label, Lang, list_separator};
use crate::analysis::FindingKind;
use crate::model::BodyId;
use crate::session::explain::{Explanation, Lead, Since};

/// An explanation in words.
pub trait ExplanationText {
    /// The short form for a row of a list: 「自第 12 步起」 / "since step 12", or 「现状即如此」 /
    /// "so in the baseline".
    fn headline(&self, lang: Lang) -> String;

    /// The explanation as lines, the first saying since when; `step` describes a history entry
    /// by its index (the window passes its 变更 sentence: 「划转 …」).
    fn lines(&self, lang: Lang, step: &dyn Fn(usize) -> String) -> Vec<String>;
}

impl ExplanationText for Explanation {
    fn headline(&self, lang: Lang) -> String {
        match (self.since.step_number(), lang) {
            (Some(n), Lang::Zh) => format!("自第 {n} 步起"),
            (Some(n), Lang::En) => format!("since step {n}"),
            (None, Lang::Zh) => "现状即如此".to_owned(),
            (None, Lang::En) => "so in the baseline".to_owned(),
        }
    }

    fn lines(&self, lang: Lang, step: &dyn Fn(usize) -> String) -> Vec<String> {
        match self.kind {
            FindingKind::Overlap => overlap_lines(self, lang, step),
            FindingKind::Gap | FindingKind::Rule => gap_lines(self, lang, step),
        }
    }
}

fn names_of<'a>(e: &Explanation, ids: impl IntoIterator<Item = &'a BodyId>, lang: Lang) -> String {
    ids.into_iter()
        .map(|b| e.body_name(b))
        .collect::<Vec<_>>()
        .join(list_separator(lang))
}

/// "A 与 B", "A、B 与 C" / "A and B", "A, B and C".
fn names_and<'a>(e: &Explanation, ids: impl IntoIterator<Item = &'a BodyId>, lang: Lang) -> String {
    let names: Vec<String> = ids.into_iter().map(|b| e.body_name(b)).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!(
            "{}{}{last}",
            rest.join(list_separator(lang)),
            lang.pick(" 与 ", " and ")
        ),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

fn gap_lines(e: &Explanation, lang: Lang, step: &dyn Fn(usize) -> String) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let what = match (e.missing, zh) {
        (Some(tier), true) => format!("{}无主办单位", tier.label(Lang::Zh)),
        (Some(tier), false) => format!("nobody leads the {}", tier.label(Lang::En)),
        (None, true) => "无主办单位".to_owned(),
        (None, false) => "nobody leads it".to_owned(),
    };
    let mut lines = vec![match (e.since, zh) {
        (Since::Step(i), true) => format!("自第 {} 步（{}）起{what}", i + 1, step(i)),
        (Since::Step(i), false) => format!("Since step {} ({}): {what}", i + 1, step(i)),
        (Since::Start, true) => format!("现状即{what}"),
        (Since::Start, false) => format!("So already in the baseline: {what}"),
    }];
    if !e.leads_before.is_empty() {
        let names = names_of(e, &e.leads_before, lang);
        lines.push(if zh {
            format!("此前由 {names} 主办")
        } else {
            format!("Until then {names} led it here")
        });
    }
    for lead in &e.leads {
        let name = e.body_name(&lead.body);
        if let Some(tier) = lead.cases {
            lines.push(if zh {
                format!("{name} 只办理{}", tier.label(Lang::Zh))
            } else {
                format!("{name} takes only the {}", tier.label(Lang::En))
            });
        }
    }
    let alone = e.leads.is_empty();
    if !e.excluded.is_empty() {
        let names = names_of(e, &e.excluded, lang);
        lines.push(if zh {
            format!("{names} 主办此事项，但办理范围不含此地")
        } else {
            format!("{names} lead it, but their holding leaves this place out")
        });
    }
    if !e.assisting.is_empty() {
        let names = names_of(e, &e.assisting, lang);
        lines.push(match (alone && e.excluded.is_empty(), zh) {
            (true, true) => format!("仅有协办单位：{names}"),
            (false, true) => format!("协办单位：{names}"),
            (true, false) => format!("Only assisting bodies here: {names}"),
            (false, false) => format!("Assisting here: {names}"),
        });
    }
    if !e.entrusted.is_empty() {
        let list = e
            .entrusted
            .iter()
            .map(|(b, by)| {
                let (b, by) = (e.body_name(b), e.body_name(by));
                if zh {
                    format!("{b}（受 {by} 委托）")
                } else {
                    format!("{b} (acting for {by})")
                }
            })
            .collect::<Vec<_>>()
            .join(list_separator(lang));
        lines.push(match (alone && e.excluded.is_empty(), zh) {
            (true, true) => format!("仅有受委托单位：{list}；受委托单位以委托机关名义行使，不计为主办"),
            (false, true) => format!("受委托单位：{list}"),
            (true, false) => format!(
                "Only entrusted bodies here: {list}; they act in their entruster's name and do not count as leads"
            ),
            (false, false) => format!("Entrusted here: {list}"),
        });
    }
    if alone && e.excluded.is_empty() && e.assisting.is_empty() && e.entrusted.is_empty() {
        lines.push(
            match (e.held_anywhere, zh) {
                (true, true) => "此地没有任何单位承担此事项（其他辖区有）",
                (true, false) => "No body holds it here in any role (elsewhere some do)",
                (false, true) => "没有任何单位承担此事项",
                (false, false) => "No body holds this power anywhere",
            }
            .to_owned(),
        );
    }
    lines
}

fn overlap_lines(e: &Explanation, lang: Lang, step: &dyn Fn(usize) -> String) -> Vec<String> {
    let zh = lang == Lang::Zh;
    // The leads there since the overlap began, and those that joined it later.
    let (first, later): (Vec<&Lead>, Vec<&Lead>) = e.leads.iter().partition(|l| l.since <= e.since);
    let tier = |lead: &Lead| match (lead.cases, zh) {
        (Some(t), true) => format!("（只办理{}）", t.label(Lang::Zh)),
        (Some(t), false) => format!(" (only the {})", t.label(Lang::En)),
        (None, _) => String::new(),
    };
    let named = |leads: &[&Lead]| {
        let ids: Vec<BodyId> = leads.iter().map(|l| l.body.clone()).collect();
        let names = names_and(e, &ids, lang);
        let tiers: String = leads.iter().map(|l| tier(l)).collect();
        if tiers.is_empty() {
            names
        } else {
            // Tiers are rare: name each lead with its own.
            leads
                .iter()
                .map(|l| format!("{}{}", e.body_name(&l.body), tier(l)))
                .collect::<Vec<_>>()
                .join(list_separator(lang))
        }
    };
    let mut lines = vec![match (e.since, first.len() >= 2, zh) {
        (Since::Step(i), true, true) => {
            format!(
                "第 {} 步（{}）起 {} 同为主办",
                i + 1,
                step(i),
                named(&first)
            )
        }
        (Since::Step(i), true, false) => {
            format!(
                "Since step {} ({}): {} all lead it",
                i + 1,
                step(i),
                named(&first)
            )
        }
        (Since::Step(i), false, true) => format!("第 {} 步（{}）起多头执法", i + 1, step(i)),
        (Since::Step(i), false, false) => {
            format!("Overlapping since step {} ({})", i + 1, step(i))
        }
        (Since::Start, true, true) => format!("现状即由 {} 同为主办", named(&first)),
        (Since::Start, true, false) => {
            format!("So already in the baseline: {} all lead it", named(&first))
        }
        (Since::Start, false, true) => "现状即为多头执法".to_owned(),
        (Since::Start, false, false) => "Overlapping already in the baseline".to_owned(),
    }];
    if first.len() < 2 {
        for lead in &first {
            let name = format!("{}{}", e.body_name(&lead.body), tier(lead));
            lines.push(if zh {
                format!("{name} 自那时起主办")
            } else {
                format!("{name} leads it since then")
            });
        }
    }
    for lead in later {
        let name = format!("{}{}", e.body_name(&lead.body), tier(lead));
        if let Since::Step(i) = lead.since {
            lines.push(if zh {
                format!("{name} 自第 {} 步（{}）起也主办", i + 1, step(i))
            } else {
                format!("{name} leads it too since step {} ({})", i + 1, step(i))
            });
        }
    }
    if !e.assisting.is_empty() {
        let names = names_of(e, &e.assisting, lang);
        lines.push(if zh {
            format!("协办单位：{names}")
        } else {
            format!("Assisting here: {names}")
        });
    }
    lines
}
