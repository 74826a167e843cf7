//! The texts of 使用说明 (the help window, F1) and of the tooltips that explain the transfer
//! modes and the rules: what each mode and each rule means, and the article of law it rests on.
//! Chinese first, English for each. The articles are those of `shared/design/domain.md`'s table,
//! and they match the ones the rule findings cite.

use crate::plan::Rule;
use crate::plan::TransferMode;
use crate::text::Lang;

/// The window's title and its sections' headings.
pub fn title(lang: Lang) -> &'static str {
    lang.pick("使用说明", "User guide")
}

/// A section of the help window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// What the lanes draw.
    Legend,
    /// The transfer modes.
    Modes,
    /// The rules and their law.
    Rules,
    /// Mouse gestures and keyboard shortcuts.
    Shortcuts,
}

impl Section {
    /// Every section, in order.
    pub const ALL: [Section; 4] = [
        Section::Legend,
        Section::Modes,
        Section::Rules,
        Section::Shortcuts,
    ];

    /// Its heading.
    pub fn heading(self, lang: Lang) -> &'static str {
        match self {
            Section::Legend => lang.pick("关系图图例", "Legend of the lanes"),
            Section::Modes => lang.pick("五种移交方式", "The five transfer modes"),
            Section::Rules => lang.pick("规则及其法律依据", "The rules and the law they rest on"),
            Section::Shortcuts => lang.pick("操作与快捷键", "Gestures and shortcuts"),
        }
    }
}

/// One entry of the legend: what is drawn, and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendItem {
    /// The city's lane.
    CityLane,
    /// A district's lane.
    DistrictLane,
    /// A street's lane.
    StreetLane,
    /// A body's box.
    Body,
    /// A chip of a power the body leads.
    ChipLead,
    /// A chip of a power the body assists with.
    ChipAssist,
    /// A chip of a power entrusted to the body.
    ChipEntrusted,
    /// The line from a lead to an assisting body.
    LinkAssist,
    /// The line from an entrusting to an entrusted body.
    LinkEntrusted,
    /// A flow line: where a body or power came from in this scenario.
    Flow,
    /// An overlap mark.
    Overlap,
    /// A gap mark.
    Gap,
    /// A rule finding mark.
    Rule,
    /// Something this scenario changed.
    Changed,
}

impl LegendItem {
    /// Every item, in the order the legend lists them.
    pub const ALL: [LegendItem; 14] = [
        LegendItem::CityLane,
        LegendItem::DistrictLane,
        LegendItem::StreetLane,
        LegendItem::Body,
        LegendItem::ChipLead,
        LegendItem::ChipAssist,
        LegendItem::ChipEntrusted,
        LegendItem::LinkAssist,
        LegendItem::LinkEntrusted,
        LegendItem::Flow,
        LegendItem::Overlap,
        LegendItem::Gap,
        LegendItem::Rule,
        LegendItem::Changed,
    ];

    /// What it is.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            LegendItem::CityLane => lang.pick("市级泳道", "City lane"),
            LegendItem::DistrictLane => lang.pick("区级泳道", "District lane"),
            LegendItem::StreetLane => lang.pick("街道泳道", "Street lane"),
            LegendItem::Body => lang.pick("机构方框", "Body"),
            LegendItem::ChipLead => lang.pick("主办事项", "Power led"),
            LegendItem::ChipAssist => lang.pick("协办事项", "Power assisted"),
            LegendItem::ChipEntrusted => lang.pick("受委托事项", "Power entrusted"),
            LegendItem::LinkAssist => lang.pick("协办连线", "Assisting line"),
            LegendItem::LinkEntrusted => lang.pick("委托连线", "Entrusting line"),
            LegendItem::Flow => lang.pick("流向线", "Flow line"),
            LegendItem::Overlap => lang.pick("多头执法", "Overlap"),
            LegendItem::Gap => lang.pick("管理盲区", "Gap"),
            LegendItem::Rule => lang.pick("原则问题", "Rule finding"),
            LegendItem::Changed => lang.pick("本方案的改动", "Changed by the scenario"),
        }
    }

    /// What it means.
    pub fn meaning(self, lang: Lang) -> &'static str {
        match self {
            LegendItem::CityLane => lang.pick(
                "市本级机构，事项覆盖全市（被区、街道接走的部分除外）",
                "The city's own bodies; their powers cover the whole city except where a district or street took them",
            ),
            LegendItem::DistrictLane => lang.pick(
                "区级机构；有街道的区可展开为街道泳道",
                "A district's bodies; a district with streets folds open into its streets",
            ),
            LegendItem::StreetLane => lang.pick(
                "街道（乡镇）机构，如街道综合行政执法队",
                "A street's (township's) bodies, such as its enforcement team",
            ),
            LegendItem::Body => lang.pick(
                "一个单位：名称、主办和其他事项数、主办事项最多的领域；点击查看属性，拖到另一泳道即下划或上收",
                "One body: its name, how many powers it leads and holds otherwise, the fields it leads most in; click for its details, drag into another lane to devolve or centralise it",
            ),
            LegendItem::ChipLead => lang.pick(
                "该单位以自己名义主办的事项；拖到另一单位即移交（询问方式）",
                "A power the body leads in its own name; drag it onto another body to transfer it (the mode is asked)",
            ),
            LegendItem::ChipAssist => lang.pick(
                "该单位协办（配合）的事项，不计入覆盖",
                "A power the body assists with; it does not count as covering",
            ),
            LegendItem::ChipEntrusted => lang.pick(
                "受委托以委托机关名义实施的事项；法律责任仍在委托机关",
                "A power exercised in the entrusting body's name; the legal responsibility stays with it",
            ),
            LegendItem::LinkAssist => lang.pick(
                "灰色虚线：协办单位与它所配合的主办单位",
                "Dotted grey line: an assisting body and the lead body it assists",
            ),
            LegendItem::LinkEntrusted => lang.pick(
                "紫色线：委托机关与受委托单位",
                "Purple line: an entrusting body and the body it entrusted",
            ),
            LegendItem::Flow => lang.pick(
                "青绿色箭头（对比现状时）：多少个单位从哪条泳道移到哪条泳道",
                "Teal arrow (when comparing with the baseline): how many bodies moved from which lane to which",
            ),
            LegendItem::Overlap => lang.pick(
                "橙色边框或数字：同一事项在同一辖区有两个以上主办单位",
                "Orange border or count: two or more lead bodies for one power in one territory",
            ),
            LegendItem::Gap => lang.pick(
                "红色数字：某辖区的事项没有主办单位",
                "Red count: a power with no lead body in a territory",
            ),
            LegendItem::Rule => lang.pick(
                "紫色：违反改革原则或法律规定（见规则）",
                "Purple: a reform principle or a legal rule broken (see the rules)",
            ),
            LegendItem::Changed => lang.pick(
                "青绿色边框：本方案相对现状移动过的单位",
                "Teal border: a body this scenario moved against the baseline",
            ),
        }
    }
}

/// What a transfer mode does.
pub fn mode_meaning(mode: TransferMode, lang: Lang) -> &'static str {
    match mode {
        TransferMode::Transfer => lang.pick(
            "划转：事项连同责任移交给接收单位，原单位不再行使（市到区时，只在该区不再行使）。",
            "Transfer: the power and its responsibility move to the receiver; the source no longer exercises it (from the city to a district: no longer in that district).",
        ),
        TransferMode::Entrust => lang.pick(
            "委托：受委托单位以委托机关的名义实施，委托机关仍为主办并承担法律责任；不得再委托，行政强制措施不得委托。",
            "Entrust: the receiver acts in the source's name; the source keeps the lead and the legal responsibility; no further entrusting, and coercive measures cannot be entrusted.",
        ),
        TransferMode::Authorise => lang.pick(
            "授权：法律、法规授权具有管理公共事务职能的组织以自己的名义实施。",
            "Authorise: a law or regulation gives the power to an organisation with public-affairs functions, in its own name.",
        ),
        TransferMode::Concentrate => lang.pick(
            "相对集中：经省级人民政府决定，把若干部门的处罚权集中到一个行政机关行使，原部门不得再行使。",
            "Concentrate: by the province's decision, several departments' penalty powers go to one organ, and the sources may not exercise them again.",
        ),
        TransferMode::Grant => lang.pick(
            "赋权：经省级决定，把区级行政处罚权（连同相关的检查、强制措施）交由街道、乡镇行使，并定期评估。",
            "Grant: by the province's decision, district penalty powers (with their inspections and coercive measures) go to streets or townships, evaluated periodically.",
        ),
    }
}

/// The law a transfer mode rests on, if one.
pub fn mode_basis(mode: TransferMode, lang: Lang) -> Option<&'static str> {
    Some(match mode {
        TransferMode::Transfer => return None,
        TransferMode::Entrust => lang.pick(
            "《行政处罚法》第二十条、第二十一条；《行政强制法》第十七条；《行政许可法》第二十四条",
            "Administrative Penalty Law arts. 20–21; Administrative Coercion Law art. 17; Administrative Licensing Law art. 24",
        ),
        TransferMode::Authorise => lang.pick(
            "《行政处罚法》第十九条；《行政许可法》第二十三条",
            "Administrative Penalty Law art. 19; Administrative Licensing Law art. 23",
        ),
        TransferMode::Concentrate => lang.pick(
            "《行政处罚法》第十八条第二款",
            "Administrative Penalty Law art. 18(2)",
        ),
        TransferMode::Grant => lang.pick("《行政处罚法》第二十四条", "Administrative Penalty Law art. 24"),
    })
}

/// A mode's tooltip: its meaning and its law.
pub fn mode_tooltip(mode: TransferMode, lang: Lang) -> String {
    match mode_basis(mode, lang) {
        Some(basis) => format!(
            "{}\n{}{basis}",
            mode_meaning(mode, lang),
            basis_prefix(lang)
        ),
        None => mode_meaning(mode, lang).to_owned(),
    }
}

/// What a rule checks.
pub fn rule_checks(rule: Rule, lang: Lang) -> &'static str {
    match rule {
        Rule::LeadStanding => lang.pick(
            "既非行政机关也非法律法规授权组织的单位以自己名义主办行政职权；持有职权的事业单位没有主管部门（警告）。",
            "A body that is neither an organ nor an authorised organisation leads a legal power in its own name; an institution holding powers with no supervising organ (warning).",
        ),
        Rule::EntrustLimits => lang.pick(
            "委托给企业；委托行政强制措施；把许可委托给非行政机关；受委托单位再委托，或委托机关自己并不主办。",
            "Entrusted to a company; a coercive measure entrusted; a licence entrusted to a non-organ; an entrusted body entrusting further, or an entrusting body that does not lead.",
        ),
        Rule::ConcentrationReceiver => lang.pick(
            "处罚权集中到非行政机关；集中到没有行政编制的机关，或没有记录批准决定（警告）。",
            "Penalties concentrated into a non-organ; into an organ with no administrative slots, or with no approving decision recorded (warnings).",
        ),
        Rule::ConcentrationRelapse => lang.pick(
            "已集中的事项，原部门又在全市或在接收机构所在区主办。",
            "A source body leads a concentrated power again, citywide or in the district whose bureau took it.",
        ),
        Rule::GrantLimits => lang.pick(
            "赋权给非街道机构、区里并不持有的事项、处罚及其配套以外的事项（错误），或没有记录省级决定（警告）。",
            "A grant to a body not of a street, of a power its district does not hold, of a kind other than a penalty with its inspections and coercion (errors), or with no decision recorded (warning).",
        ),
        Rule::GrantCapacity => lang.pick(
            "被赋权的街道机构没有行政编制、没有人员，或人均事项超过参数（默认 30 项）。",
            "A street body granted powers with no administrative slots, nobody, or more items per person than the parameter (30).",
        ),
        Rule::GrantBundle => lang.pick(
            "街道获得某事项的处罚权而检查或强制仍留在区里，或相反（看得见管不着）。",
            "A street granted a matter's penalty while the district keeps its inspection or coercive measure, or the reverse.",
        ),
        Rule::PlanningCentral => lang.pick(
            "城乡规划领域的许可、确认（竣工规划核实）和服务事项由市级以下主办。",
            "Planning licences, confirmations and services led below the city.",
        ),
        Rule::EnforcementConcentrated => lang.pick(
            "所选领域的处罚事项在每个区应由一个单位主办。",
            "In each district, the penalties of the chosen fields have one lead body.",
        ),
        Rule::StaffingFollowsDuties => lang.pick(
            "编随事走：按工作量衡量，职责减少而编制未随之调整（降幅参数默认 0.25），或职责增加而无编制。",
            "Staffing follows duties by workload: duties dropped and slots kept (drop parameter 0.25), or duties grown with no slots.",
        ),
        Rule::PeopleFollowSlots => lang.pick(
            "人员超过编制（超编）；职责划入而有编无人。",
            "More people than slots; slots and nobody where duties came.",
        ),
        Rule::DutiesPowersPeopleMoney => lang.pick(
            "单位下划或上收而人员、经费没有随之调整；人员调整而无职责。",
            "A body moved without its staff or budget; staff moved without duties.",
        ),
        Rule::ApprovalEnforcementApart => lang.pick(
            "同一单位主办同一事项的许可和处罚（审管分离）。",
            "One body leads both the licence and the penalty of one matter.",
        ),
        Rule::SeenNotHandled => lang.pick(
            "某一层级能检查某事项，但该层级没有单位能处罚（看得见管不着）。",
            "A level inspects a matter but no body at that level can penalise it.",
        ),
        Rule::NoIdleBody => lang.pick("一个单位什么事项都不主办。", "A body that leads nothing."),
        Rule::Transition => lang.pick(
            "分步实施的方案在两个生效日期之间，某事项在某地无人主办（管理盲区）或两家主办（多头执法），而第一步之前和最后一步之后都不如此。",
            "In a scenario carried out in steps, between two effective dates a power has no lead (a gap) or two (doubled enforcement) in a place where it has neither before the first step nor after the last.",
        ),
    }
}

/// The law a rule rests on; `None` for the reform's own principles.
pub fn rule_basis(rule: Rule, lang: Lang) -> Option<&'static str> {
    Some(match rule {
        Rule::LeadStanding => lang.pick(
            "《行政处罚法》第十七条、第十九条；《行政许可法》第二十二条、第二十三条；《行政强制法》第十七条、第七十条",
            "Administrative Penalty Law arts. 17, 19; Administrative Licensing Law arts. 22, 23; Administrative Coercion Law arts. 17, 70",
        ),
        Rule::EntrustLimits => lang.pick(
            "《行政处罚法》第二十条、第二十一条；《行政强制法》第十七条；《行政许可法》第二十四条",
            "Administrative Penalty Law arts. 20, 21; Administrative Coercion Law art. 17; Administrative Licensing Law art. 24",
        ),
        Rule::ConcentrationReceiver => lang.pick(
            "《行政处罚法》第十八条第二款",
            "Administrative Penalty Law art. 18(2)",
        ),
        Rule::ConcentrationRelapse => lang.pick(
            "《行政处罚法》第十八条第二款、第三十八条",
            "Administrative Penalty Law arts. 18(2), 38",
        ),
        Rule::GrantLimits | Rule::GrantCapacity | Rule::GrantBundle => {
            lang.pick("《行政处罚法》第二十四条", "Administrative Penalty Law art. 24")
        }
        _ => return None,
    })
}

/// A rule's tooltip: what it checks and its law (or that it is a principle of the reform).
pub fn rule_tooltip(rule: Rule, lang: Lang) -> String {
    let basis = rule_basis(rule, lang).unwrap_or_else(|| principle_only(lang));
    format!("{}\n{}{basis}", rule_checks(rule, lang), basis_prefix(lang))
}

/// What stands for the law of a rule that is a principle of the reform.
pub fn principle_only(lang: Lang) -> &'static str {
    lang.pick(
        "改革原则（考察报告），非法律条文",
        "A principle of the reform (the study-tour report), not an article of law",
    )
}

/// Moving a whole body, which is not one of the transfer modes.
pub fn devolve_meaning(lang: Lang) -> &'static str {
    lang.pick(
        "下划 / 上收：把整个单位（连同下属单位、编制和人员）移到另一级，在关系图中拖动单位即可。",
        "Devolve / centralise: move a whole body (with its sub-bodies, slots and people) to another level by dragging it in the lanes.",
    )
}

fn basis_prefix(lang: Lang) -> &'static str {
    lang.pick("依据：", "Basis: ")
}

/// The mouse gestures of the lanes, as (gesture, effect).
pub fn gestures(lang: Lang) -> [(&'static str, &'static str); 7] {
    [
        (
            lang.pick("拖动机构到另一泳道", "Drag a body into another lane"),
            lang.pick(
                "下划或上收该单位（连同下属单位）",
                "Devolve or centralise it (with its sub-bodies)",
            ),
        ),
        (
            lang.pick("拖动事项到另一机构", "Drag a power chip onto another body"),
            lang.pick(
                "移交事项，弹出方式选择",
                "Transfer the power; the mode is asked",
            ),
        ),
        (
            lang.pick(
                "Ctrl + 点击 / Shift + 拖动空白处",
                "Ctrl + click / Shift + drag the background",
            ),
            lang.pick(
                "多选机构或事项，一起拖动",
                "Select several bodies or chips and drag them together",
            ),
        ),
        (
            lang.pick("右键点击", "Right-click"),
            lang.pick(
                "机构、事项、泳道、问题的操作菜单",
                "The menu of a body, chip, lane or finding",
            ),
        ),
        (
            lang.pick("滚轮 / 拖动空白处", "Wheel / drag the background"),
            lang.pick("缩放 / 平移", "Zoom / pan"),
        ),
        (
            lang.pick("双击机构", "Double-click a body"),
            lang.pick("展开或收起它的事项", "Show or hide its powers"),
        ),
        (
            lang.pick("点击问题", "Click a finding"),
            lang.pick("在关系图中定位", "Bring it into view in the lanes"),
        ),
    ]
}

/// The search box's ▲ button.
pub fn search_previous(lang: Lang) -> &'static str {
    lang.pick("上一个（Shift+Enter）", "Previous (Shift+Enter)")
}

/// The search box's ▼ button.
pub fn search_next(lang: Lang) -> &'static str {
    lang.pick("下一个（Enter）", "Next (Enter)")
}

/// Which hit is shown: "第 3/12 个" / "3 of 12".
pub fn hit_of(lang: Lang, at: usize, of: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {at}/{of} 个"),
        Lang::En => format!("{at} of {of}"),
    }
}

/// The 分配表's note while the search box narrows it: "查找「cgj」的结果" / "found by “cgj”".
pub fn table_searched(lang: Lang, search: &str) -> String {
    match lang {
        Lang::Zh => format!("（查找「{search}」的结果）"),
        Lang::En => format!("(found by “{search}”)"),
    }
}
