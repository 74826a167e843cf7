//! How an operation is worded ([`Style`]: the window's sentence or the exports' row), and one
//! operation being worded ([`Say`]): the names, the history entry that made it and the style,
//! with the pieces every operation's sentence names things by (a body, a power). The sentences
//! themselves are in `operation.rs`, `holding.rs` and `edits.rs`.

use super::Lang;
use super::names::Names;
use crate::model::{BodyId, PowerId};
use crate::session::history::Entry;

/// How an operation is worded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// The window's sentence (the 变更 list, the history dialogs, an explanation's steps), in
    /// either language: 「将 X 下划至 甲区，随带编制 23 名」; a power by its name (its code when it
    /// has none); a step that sets or ends a holding says where (改为协办, 退出主办 …).
    Window(Lang),
    /// The exports' 说明 column, in Chinese, beside the 操作 word: 「X 划至 甲区」; a power as
    /// 「名称（编码）」 (「（编码）」 when neither state has it), as the exports' rows name it.
    Export,
}

/// One operation being worded: the names, the entry that made it (when known) and the style.
pub(super) struct Say<'a, 's> {
    pub(super) names: &'a Names<'s>,
    pub(super) entry: Option<&'a Entry>,
    pub(super) style: Style,
}

impl Say<'_, '_> {
    /// The language: the window's, or Chinese for the exports.
    pub(super) fn lang(&self) -> Lang {
        match self.style {
            Style::Window(lang) => lang,
            Style::Export => Lang::Zh,
        }
    }

    /// A body's name, also from what the entry changed.
    pub(super) fn body(&self, id: &BodyId) -> String {
        self.names.body_in(id, self.entry)
    }

    /// A power as the style names it.
    pub(super) fn power(&self, id: &PowerId) -> String {
        match self.style {
            Style::Window(_) => self.names.power(id),
            Style::Export => format!("{}（{id}）", self.names.power_name(id)),
        }
    }
}
