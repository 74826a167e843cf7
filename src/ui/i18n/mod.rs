//! Every user-facing string of the window, Chinese and English, in one table keyed by [`T`];
//! the few texts with numbers or names in them are functions, here and in the child modules by
//! area (counts, the status line's notices, importing, …); the sentences that describe
//! operations are the one set of [`crate::text`] (`text::entry_sentence`), shared with the
//! exports. Nothing else in `ui` spells out text.

pub mod files;
pub mod findings;
pub mod help;
pub mod history;
pub mod menus;
pub mod review;
pub mod streets;
pub mod tables;
pub mod timeline;

mod counts;
mod importing;
mod notices;

pub use counts::{
    bodies_count, finding_summary, flow_label, hits, holdings_line, powers_count, rows_count,
    slots, staffing_delta, staffing_line, state_counts, steps,
};
pub use importing::{
    import_holder, import_level_marks, import_missing, import_source, imported, level_mark_column,
    line_number,
};
pub use notices::{
    delete_scenario_question, document_figures, elapsed, export_format_label,
    export_over_open_plan, exported, job_failed, job_label, merge_conflicts, merged, open_failed,
    recover_question, refused, save_failed, saved,
};

use crate::text::Lang;

use super::state::Tab;

macro_rules! texts {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A text of the window.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum T {
            $(
                #[doc = $zh]
                $key,
            )*
        }

        impl T {
            /// Every text, for tests that check the table.
            pub const ALL: &'static [T] = &[$(T::$key),*];

            /// The text in a language.
            pub fn get(self, lang: Lang) -> &'static str {
                match self {
                    $(T::$key => lang.pick($zh, $en),)*
                }
            }
        }
    };
}

texts! {
    AppName => "事权沙盘", "Shiquan";
    AboutText => "事权沙盘：模拟城市建设管理事权在市、区两级之间的划分，查找多头执法和管理盲区。", "Shiquan: simulate how a city and its districts share urban-construction duties, and find overlaps and gaps.";
    Version => "版本", "Version";
    MenuFile => "文件", "File";
    MenuEdit => "编辑", "Edit";
    MenuView => "视图", "View";
    MenuScenario => "方案", "Scenario";
    MenuHelp => "帮助", "Help";
    MenuRecent => "最近打开", "Recent files";
    NoRecent => "（无）", "(none)";
    CmdNew => "新建", "New";
    CmdOpen => "打开…", "Open…";
    CmdSave => "保存", "Save";
    CmdSaveAs => "另存为…", "Save as…";
    CmdQuit => "退出", "Quit";
    CmdUndo => "撤销", "Undo";
    CmdRedo => "重做", "Redo";
    CmdFind => "查找", "Find";
    CmdDelete => "撤销所选机构", "Abolish selected bodies";
    CmdFit => "适应窗口", "Fit to window";
    CmdCompare => "对比现状", "Compare with baseline";
    CmdClearFilters => "清除筛选", "Clear filters";
    CmdNewScenario => "新建方案…", "New scenario…";
    CmdDuplicateScenario => "复制方案…", "Duplicate scenario…";
    CmdRenameScenario => "重命名方案…", "Rename scenario…";
    CmdDeleteScenario => "删除方案…", "Delete scenario…";
    CmdApply => "应用", "Apply";
    CmdFocus => "定位", "Focus";
    CmdAbout => "关于事权沙盘", "About Shiquan";
    CmdHelp => "使用说明", "User guide";
    TipHelp => "图例、五种移交方式、各项规则及其法律依据、快捷键", "Legend, the five transfer modes, every rule with the law it rests on, shortcuts";
    CmdOpenSeed => "打开示例方案", "Open the sample plan";
    TipOpenSeed => "打开内置的示例方案（考察报告中的城市）", "Open the built-in sample plan (the city of the study-tour report)";
    TipNew => "新建一个空白方案文件", "Start an empty plan";
    TipOpen => "打开方案文件（.ron）", "Open a plan file (.ron)";
    TipSave => "保存到当前文件", "Save to the current file";
    TipSaveAs => "保存到新文件", "Save to a new file";
    TipUndo => "撤销上一步操作", "Undo the last edit";
    TipRedo => "重做被撤销的操作", "Redo the edit undone";
    TipFind => "在名称、编码和拼音首字母中查找", "Search names, codes and pinyin initials";
    TipDelete => "撤销（删除）所选机构", "Abolish the selected bodies";
    TipFit => "让整个关系图适应窗口", "Fit the whole lanes view into the window";
    TipCompare => "在关系图上画出与现状相比的变化", "Draw the changes against the baseline";
    TipNewScenario => "新建一个空方案并切换过去", "Create an empty scenario and switch to it";
    TipDuplicateScenario => "复制当前方案", "Copy the current scenario";
    TipRenameScenario => "重命名当前方案", "Rename the current scenario";
    TipDeleteScenario => "删除当前方案", "Delete the current scenario";
    LangZh => "中文", "中文";
    LangEn => "English", "English";
    TabLanes => "关系图", "Lanes";
    TabAllocation => "分配表", "Allocation";
    TabMatrix => "覆盖矩阵", "Coverage matrix";
    TabChanges => "变更", "Changes";
    TabStats => "统计", "Statistics";
    ScenarioPicker => "方案：", "Scenario:";
    Baseline => "现状", "Baseline";
    BtnNew => "新建", "New";
    BtnDuplicate => "复制", "Duplicate";
    BtnRename => "重命名", "Rename";
    BtnDelete => "删除", "Delete";
    Search => "查找：", "Search:";
    SearchHint => "名称、编码或拼音首字母", "name, code or pinyin initials";
    Jurisdictions => "辖区与机构", "Jurisdictions and bodies";
    All => "全部", "all";
    Field => "领域", "Field";
    Kind => "权力类型", "Kind";
    Tag => "标签", "Tag";
    District => "辖区", "District";
    OnlyFindings => "只看有问题的", "Only with findings";
    Inspector => "属性", "Inspector";
    NothingSelected => "未选中任何对象。点击关系图中的机构或事项查看属性。", "Nothing selected. Click a body or a power to see it here.";
    Name => "名称", "Name";
    BodyKind => "机构类型", "Kind of body";
    Tags => "标签", "Tags";
    AdminSlots => "行政编制", "Civil-service slots";
    InstitutionSlots => "事业编制", "Institution slots";
    Headcount => "实有人数", "Headcount";
    Budget => "预算（万元）", "Budget (10k yuan)";
    Standing => "主体资格", "Legal standing";
    StandingDefault => "按机构类型默认", "Default of its kind";
    Supervisor => "主管部门", "Supervising organ";
    SupervisorParent => "上级机构（默认）", "Its parent (default)";
    Approvals => "相对集中的批准决定", "Approvals of concentrations";
    ApprovalAuthority => "批准机关", "Approving authority";
    ApprovalDocument => "文号", "Document number";
    RecordApproval => "记录于全部相对集中事项", "Record for every concentrated item";
    NoApproval => "未记录", "none recorded";
    Basis => "实施依据", "Legal basis";
    ApplyEdits => "应用修改", "Apply edits";
    Revert => "还原", "Revert";
    Holdings => "承担事项", "Holdings";
    Holders => "承担单位", "Holders";
    LeadsByDistrict => "各区主办单位", "Lead body per district";
    Nobody => "无（盲区）", "nobody (gap)";
    Actions => "操作", "Actions";
    ActTransfer => "划转事项", "Transfer power";
    ActMove => "下划 / 上收至", "Move to";
    ActMerge => "并入", "Merge into";
    ActAbolish => "撤销该机构", "Abolish this body";
    To => "至", "to";
    Mode => "方式", "Mode";
    Choose => "（选择）", "(choose)";
    Ok => "确定", "OK";
    Cancel => "取消", "Cancel";
    DontSave => "不保存", "Don't save";
    Findings => "问题清单", "Findings";
    NoFindings => "未发现问题。", "No findings.";
    Overlaps => "多头", "Overlaps";
    Gaps => "盲区", "Gaps";
    Rules => "原则", "Rules";
    NoFile => "未保存的方案", "not saved yet";
    Unsaved => "● 未保存", "● unsaved";
    UnsavedTitle => "有未保存的修改", "Unsaved changes";
    UnsavedQuestion => "当前方案有未保存的修改。是否先保存？", "The plan has unsaved changes. Save them first?";
    NewScenarioName => "新方案", "New scenario";
    CopySuffix => "（副本）", " (copy)";
    ScenarioName => "方案名称", "Scenario name";
    TransferTitle => "划转事项", "Transfer powers";
    Untitled => "未命名方案", "Untitled plan";
    EmptyPlan => "方案为空：没有辖区和机构。请打开方案文件。", "The plan is empty: no jurisdictions or bodies. Open a plan file.";
    NothingToUndo => "没有可撤销的操作", "Nothing to undo";
    NothingToRedo => "没有可重做的操作", "Nothing to redo";
    ColCode => "事项编码", "Code";
    ColBefore => "主办（调整前）", "Lead before";
    ColAfter => "主办（调整后）", "Lead after";
    ColStatus => "状态", "Status";
    StatusChanged => "已调整", "moved";
    StatusOk => "正常", "ok";
    LegendOnce => "■ 单一主办", "■ one lead";
    LegendMany => "■ 多头", "■ two or more";
    LegendNone => "■ 盲区", "■ nobody";
    Start => "起点（未应用任何操作）", "Start (no operation applied)";
    ChartBodies => "各辖区机构数（前 / 后）", "Bodies per jurisdiction (before / after)";
    ChartStaffing => "各辖区编制数（前 / 后）", "Staffing per jurisdiction (before / after)";
    ChartPowersPerBody => "各机构主办事项数（前 20）", "Lead powers per body (top 20)";
    ChartFindings => "问题分类", "Findings by kind";
    Before => "调整前", "before";
    After => "调整后", "after";
    RoleAssistShort => "协·", "as·";
    RoleEntrustedShort => "托·", "en·";
    LanesHelp => "拖动机构到其他辖区 = 下划/上收；拖动事项到其他机构 = 划转；Shift+拖动 = 框选；滚轮缩放；双击机构展开事项", "drag a body to a lane = move; drag a power onto a body = transfer; Shift+drag = box select; wheel = zoom; double-click = show powers";
    CmdImport => "导入清单…", "Import list…";
    CmdImportNow => "导入", "Import";
    CmdExport => "导出", "Export";
    CmdRules => "规则设置…", "Rules…";
    TipExport => "把当前视图导出为分配表、报告或关系图（写入所选文件）", "Export the current view as tables, a report or the graph";
    CmdMerge => "合并方案…", "Merge plans…";
    TipMerge => "把另一处修改的同一方案并入当前方案：选择双方共同的底稿和对方的版本，逐一处理冲突", "Merge another office's copy of this plan into the open one: choose the copy both started from and theirs, then resolve the conflicts one by one";
    MergeTitle => "合并方案", "Merge plans";
    CmdDocuments => "生成文书…", "Documents…";
    TipDocuments => "由方案生成上报的文书：职责划转表、职责边界清单、“三定”规定草案、赋权事项目录（Word、PDF 或平表 Excel）", "Make the documents handed up from a scenario: transfer table, boundary list, 三定 drafts, catalogue of granted items (Word, PDF or a flat workbook)";
    DocTitle => "生成文书", "Documents";
    DocKindLabel => "文书", "Document";
    DocScenario => "方案", "Scenario";
    DocFrom => "对照", "Compared with";
    DocFormatLabel => "格式", "Format";
    DocWrite => "生成…", "Write…";
    DocPreview => "第一页预览（版式示意，字体以生成的文件为准）", "First page (layout preview; the written file has the real fonts)";
    DocPreparing => "正在生成预览…", "Making the preview…";
    DocNoScenario => "方案文件中还没有调整方案：请先在“方案”菜单中新建一个。", "The plan has no scenario yet: create one in the Scenario menu first.";
    MergeApply => "采用合并结果", "Use the merged plan";
    MergeNoConflict => "没有冲突：双方的修改都已并入。", "No conflicts: both sides' changes are merged.";
    MergeTake => "合并结果取", "The merged plan takes";
    MergeLeftOut => "此步将被略去", "This step is left out";
    MergeKept => "此记录将被保留", "This record is kept";
    MergeBase => "底稿", "Base";
    MergeOurs => "本方（当前方案）", "Ours (the open plan)";
    MergeTheirs => "对方", "Theirs";
    MergeAfter => "合并结果作为当前方案文件的未保存修改打开；保存即写入当前文件。", "The merged plan opens as unsaved changes to the open plan's file; saving writes it there.";
    TipImport => "从部门的权责清单（CSV 或 Excel）建立新方案", "Build a new plan from a department's power list (CSV or Excel)";
    TipRules => "启用或关闭改革原则检查，设置严重程度和参数", "Switch the reform-principle checks on or off, set their severity and parameters";
    JobCancelled => "已停止等待，结果将被丢弃", "Stopped waiting; the result will be dropped";
    JobBusy => "请等待当前任务完成", "Please wait for the running task to finish";
    ImportTitle => "导入权责清单", "Import a power list";
    ImportMapping => "列对应（* 为必填）", "Columns (* required)";
    ImportPreview => "预览", "Preview";
    ImportSkipBad => "跳过有错误的行（逐行报告）", "Skip bad rows (each one reported)";
    ImportHeaderRow => "表头行", "Header row";
    ImportNoColumn => "（无）", "(none)";
    ImportSheet => "工作表", "Sheet";
    ImportNoHolder => "实施主体：没有实施主体列，标题行、工作表名和文件名也未写明部门；请对应「实施主体」列", "Holder: no 实施主体 column, and neither the title row, the sheet's name nor the file's name names a department; map the 实施主体 column";
    ImportSpellings => "可识别的写法", "Recognised spellings";
    ImportSpellingsHelp => "清单里这样写的权力类型和行使层级按右侧读入；各类型的标准名称（可省略“行政”）和繁体写法也都能识别。", "Kinds and levels spelt like this in a list are read as shown beside them; each kind's own name (with or without 行政) and traditional characters are read too.";
    ImportSpellingsKinds => "权力类型", "Kinds of power";
    ImportSpellingsLevels => "行使层级", "Exercise levels";
    ImportReportTitle => "导入报告", "Import report";
    ImportReportClose => "关闭", "Close";
    RulesTitle => "规则设置", "Rules";
    RuleColumn => "规则", "Rule";
    RuleSeverityColumn => "严重程度", "Severity";
    RuleParamsColumn => "参数", "Parameters";
    RulesHelp => "参数可用顿号或逗号分隔；设置保存在方案文件中，审核人员打开同一文件即看到相同的规则。", "Separate values with commas; the settings are stored in the plan file, so reviewers see the same rules.";
    RestoreDefaults => "恢复默认", "Restore defaults";
    ParamFields => "领域", "Fields";
    ParamKinds => "权力类型", "Kinds";
    ParamWorkloadDrop => "工作量降幅阈值（0–1）", "Workload drop threshold (0–1)";
    ParamItemsPerPerson => "每人承接赋权事项上限", "Granted items per person (at most)";
    Recover => "恢复", "Recover";
    DiscardRecovery => "丢弃副本", "Discard the copy";
    Overwrite => "仍然覆盖", "Overwrite";
    RecoverTitle => "发现未保存的修改", "Unsaved changes found";
    CannotOpenTitle => "无法打开文件", "Cannot open the file";
    CannotOpenSeedShown => "下面是示例方案。可以改正文件后再打开，或打开其他方案。", "The sample plan is shown instead. Correct the file and open it again, or open another plan.";
    ChangedOnDiskTitle => "文件已被修改", "The file has changed";
    ChangedOnDiskQuestion => "方案文件在打开后已被其他程序或同事修改。覆盖会丢失对方的修改；也可以另存为新文件。", "The plan file was changed by someone else since it was opened. Overwriting loses their changes; you can save as a new file instead.";
    Fix => "修复", "Fix";
    NoFix => "没有可行的修复", "No fix found";
    Recovered => "已恢复自动保存的修改（尚未保存到方案文件）", "Recovered the autosaved changes (not yet saved to the plan file)";
    OnlyChanged => "仅看变更", "Changes only";
    TabCompare => "方案对比", "Compare";
    TabOpinions => "审核意见", "Opinions";
    CompareFrom => "对比", "Compare";
    CompareWith => "与", "with";
    CompareBodiesMoved => "机构调整", "Bodies moved";
    ComparePowersMoved => "事项主办单位变化", "Powers whose lead changed";
    CompareCoverage => "各辖区覆盖", "Coverage per district";
    CompareStaffing => "编制变化", "Staffing changes";
    CompareSame => "两者相同", "The two are the same";
    Created => "新设", "created";
    Abolished => "撤销", "abolished";
    FontBanner => "No Chinese font found, so Chinese text shows as boxes. Install one (Debian/Ubuntu: sudo apt install fonts-noto-cjk) and restart Shiquan.", "No Chinese font found, so Chinese text shows as boxes. Install one (Debian/Ubuntu: sudo apt install fonts-noto-cjk) and restart Shiquan.";
    CmdGrant => "赋权给街道…", "Grant to streets…";
    TipGrant => "把区级行政处罚事项（连同相应的行政检查、行政强制）赋予街道（乡镇）机构行使（《行政处罚法》第二十四条）", "Grant district penalty powers, with their inspections and coercive measures, to street (township) bodies (Administrative Penalty Law art. 24)";
    GrantTitle => "赋权给街道（乡镇）", "Grant powers to streets (townships)";
    GrantLaw => "《行政处罚法》第二十四条：省、自治区、直辖市根据当地实际情况，可以决定将基层管理迫切需要的县级人民政府部门的行政处罚权交由能够有效承接的乡镇人民政府、街道办事处行使，并定期组织评估。", "Administrative Penalty Law art. 24: a province may decide that penalty powers of county-level departments that local management urgently needs be exercised by townships and street offices able to take them on, and has the grant evaluated periodically.";
    GrantDistrict => "赋权的区", "Granting district";
    GrantReceivers => "承接的街道机构", "Receiving street bodies";
    GrantAllStreets => "全部街道", "All streets";
    GrantNoStreet => "全不选", "None";
    GrantPowers => "赋权事项", "Powers to grant";
    GrantSearch => "查找事项", "Search powers";
    GrantSearchHint => "名称或编码", "name or code";
    GrantSelectShown => "选中列出的事项", "Select those listed";
    GrantClearPowers => "清除所选", "Clear selection";
    GrantDropBlocked => "去掉无法赋权的事项", "Drop the powers that cannot be granted";
    GrantDecision => "省级决定", "The province's decision";
    GrantEvaluateBy => "评估日期", "Evaluate by";
    GrantDateHint => "如 2027-06-30", "e.g. 2027-06-30";
    GrantApply => "赋权", "Grant";
    GrantNoDecision => "未记录省级决定：赋权后将出现「赋权合法」提示。", "No decision recorded: the grant will show a grant-limits finding.";
    GrantBadDate => "评估日期请写作 2027-06-30 的形式。", "Write the evaluation date as 2027-06-30.";
    GrantNoDistricts => "本方案没有设街道（乡镇）的区，无从赋权。", "No district of this plan has streets (townships): there is nothing to grant to.";
    GrantNoCandidates => "该区的机构在其街道没有主办的行政处罚、行政检查或行政强制事项。", "The district's bodies lead no penalty, inspection or coercive power in its streets.";
    GrantNoBody => "（该街道没有机构）", "(no body in this street)";
    GrantedPowers => "赋权取得的事项", "Powers held by a grant";
    TakeBackSelected => "收回所选", "Take back selected";
    SelectAll => "全选", "Select all";
    GrantFromHere => "赋权…", "Grant…";
    ColPlace => "辖区", "Jurisdiction";
    StreetsShow => "展开街道", "Show streets";
    StreetsHide => "收起街道", "Hide streets";
}

/// The label of a centre tab.
pub fn tab_label(tab: Tab) -> T {
    match tab {
        Tab::Lanes => T::TabLanes,
        Tab::Allocation => T::TabAllocation,
        Tab::Matrix => T::TabMatrix,
        Tab::Changes => T::TabChanges,
        Tab::Stats => T::TabStats,
        Tab::Compare => T::TabCompare,
        Tab::Opinions => T::TabOpinions,
    }
}

/// A matrix cell's tooltip.
pub fn matrix_cell_tip(lang: Lang, field: &str, district: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("{district} · {field}：单一主办 / 多头 / 盲区。点击筛选分配表和关系图。")
        }
        Lang::En => {
            format!("{district} · {field}: one lead / two or more / nobody. Click to filter.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages() {
        for t in T::ALL {
            assert!(!t.get(Lang::Zh).is_empty(), "{t:?}");
            assert!(!t.get(Lang::En).is_empty(), "{t:?}");
        }
    }
}
