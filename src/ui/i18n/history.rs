//! The window's texts about the later steps of the history (issue 17, "history never loses
//! work"): the question an edit asks when the 变更 list stands before its end (insert and
//! replay, discard, cancel), the list of the steps a replay dropped, the question before saving
//! or leaving a view with later steps, and the 变更 tab's hint. Chinese first, English for each;
//! every text with a number in it is a function here.

use crate::text::Lang;

/// The edit question's title: "后面还有 73 步" / "73 later steps".
pub fn edit_title(lang: Lang, later: usize) -> String {
    match lang {
        Lang::Zh => format!("后面还有 {later} 步"),
        Lang::En => format!("{later} later steps"),
    }
}

/// What the edit question asks.
pub fn edit_question(lang: Lang, view: &str, cursor: usize, total: usize) -> String {
    let later = total - cursor;
    match lang {
        Lang::Zh => format!(
            "“{view}”的变更列表停在第 {cursor} 步（共 {total} 步），后面的 {later} 步尚未应用。这次修改要怎样对待它们？"
        ),
        Lang::En => format!(
            "The changes of “{view}” stand at step {cursor} of {total}; the {later} steps after it are not applied. What should this edit do with them?"
        ),
    }
}

/// The button that inserts the edit and replays the later steps.
pub fn insert_and_replay(lang: Lang, cursor: usize, later: usize) -> String {
    match lang {
        Lang::Zh => format!("在第 {cursor} 步后插入，并重放后面的 {later} 步"),
        Lang::En => format!("Insert after step {cursor} and replay the {later} later steps"),
    }
}

/// What inserting does, under its button.
pub fn insert_hint(lang: Lang) -> &'static str {
    lang.pick(
        "修改插在当前步之后；后面的步骤在它之上重新推演，仍然适用的保留在后面（未应用，可重做），不再适用的去掉并列出。",
        "The edit goes in after the current step; the later steps are replayed on top of it: those that still apply stay after it (not applied, to redo), those that no longer apply are dropped and listed.",
    )
}

/// The button that applies the edit and discards the later steps.
pub fn discard_later(lang: Lang, later: usize) -> String {
    match lang {
        Lang::Zh => format!("丢弃后面的 {later} 步"),
        Lang::En => format!("Discard the {later} later steps"),
    }
}

/// Under both buttons: either can be undone.
pub fn undo_hint(lang: Lang) -> &'static str {
    lang.pick(
        "两种方式都是一步操作：撤销（Ctrl+Z）即恢复原来的全部步骤。",
        "Either way it is one step: undo (Ctrl+Z) brings every step back as it was.",
    )
}

/// The menu text of the command that answers the edit question by replaying.
pub fn cmd_replay(lang: Lang) -> &'static str {
    lang.pick("插入并重放后面的步骤", "Insert and replay the later steps")
}

/// The menu text of the command that answers the edit question by discarding.
pub fn cmd_discard(lang: Lang) -> &'static str {
    lang.pick("丢弃后面的步骤", "Discard the later steps")
}

/// The title of the list of steps a replay dropped.
pub fn dropped_title(lang: Lang, dropped: usize) -> String {
    match lang {
        Lang::Zh => format!("有 {dropped} 步不再适用，已去掉"),
        Lang::En => format!("{dropped} later steps no longer apply and were dropped"),
    }
}

/// What the replay did, above the list.
pub fn dropped_intro(lang: Lang, inserted_after: usize, kept: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "修改已插在第 {inserted_after} 步之后；其余 {kept} 步重放后仍然适用，保留在后面。下列步骤在修改之后不再适用："
        ),
        Lang::En => format!(
            "The edit went in after step {inserted_after}; the other {kept} later steps still apply and stay after it. These no longer apply after the edit:"
        ),
    }
}

/// One dropped step: its number before the edit, its 变更 sentence and why.
pub fn dropped_line(lang: Lang, step: usize, sentence: &str, why: &str) -> String {
    match lang {
        Lang::Zh => format!("第 {step} 步：{sentence}（{why}）"),
        Lang::En => format!("Step {step}: {sentence} ({why})"),
    }
}

/// Why a step was dropped with its gesture.
pub fn with_gesture(lang: Lang, step: usize) -> String {
    match lang {
        Lang::Zh => format!("与第 {step} 步同属一次操作，一并去掉"),
        Lang::En => format!("one gesture with step {step}, dropped with it"),
    }
}

/// Under the list: how to get the steps back.
pub fn dropped_hint(lang: Lang) -> &'static str {
    lang.pick(
        "撤销（Ctrl+Z）可撤回这次修改，恢复原来的全部步骤。",
        "Undo (Ctrl+Z) takes the edit back and restores every step as it was.",
    )
}

/// The status line after an edit before later steps.
pub fn edited(lang: Lang, inserted_after: usize, kept: usize, discarded: usize) -> String {
    match (lang, discarded) {
        (Lang::Zh, 0) => format!(
            "修改已插在第 {inserted_after} 步之后，后面的 {kept} 步已重放并保留（未应用，可重做）"
        ),
        (Lang::Zh, _) => format!("已丢弃后面的 {discarded} 步（撤销可恢复）"),
        (Lang::En, 0) => format!(
            "The edit went in after step {inserted_after}; the {kept} later steps were replayed and kept (not applied, to redo)"
        ),
        (Lang::En, _) => format!("Discarded the {discarded} later steps (undo brings them back)"),
    }
}

/// The title of the question before saving or leaving a view with later steps.
pub fn leave_title(lang: Lang, later: usize) -> String {
    match lang {
        Lang::Zh => format!("后面还有 {later} 步未应用"),
        Lang::En => format!("{later} later steps are not applied"),
    }
}

/// The question before saving (`save`) or leaving the view `view`.
pub fn leave_question(lang: Lang, save: bool, view: &str, cursor: usize, total: usize) -> String {
    let later = total - cursor;
    match (lang, save) {
        (Lang::Zh, true) => format!(
            "“{view}”的变更列表停在第 {cursor} 步（共 {total} 步），后面的 {later} 步尚未应用。保存哪些步骤？"
        ),
        (Lang::Zh, false) => format!(
            "“{view}”的变更列表停在第 {cursor} 步（共 {total} 步），后面的 {later} 步尚未应用。离开前保留哪些步骤？"
        ),
        (Lang::En, true) => format!(
            "The changes of “{view}” stand at step {cursor} of {total}; the {later} steps after it are not applied. Which steps should be saved?"
        ),
        (Lang::En, false) => format!(
            "The changes of “{view}” stand at step {cursor} of {total}; the {later} steps after it are not applied. Which steps should it keep?"
        ),
    }
}

/// The button that keeps every step (the cursor moves to the end first).
pub fn keep_all(lang: Lang, save: bool, total: usize) -> String {
    match (lang, save) {
        (Lang::Zh, true) => format!("保存全部 {total} 步"),
        (Lang::Zh, false) => format!("保留全部 {total} 步"),
        (Lang::En, true) => format!("Save all {total} steps"),
        (Lang::En, false) => format!("Keep all {total} steps"),
    }
}

/// The button that keeps the steps up to the cursor and drops the later ones.
pub fn keep_to_cursor(lang: Lang, save: bool, cursor: usize) -> String {
    match (lang, save) {
        (Lang::Zh, true) => format!("只保存到第 {cursor} 步"),
        (Lang::Zh, false) => format!("只保留到第 {cursor} 步"),
        (Lang::En, true) => format!("Save only up to step {cursor}"),
        (Lang::En, false) => format!("Keep only up to step {cursor}"),
    }
}

/// What the two answers do, under the buttons.
pub fn leave_hint(lang: Lang) -> &'static str {
    lang.pick(
        "保留全部：先应用到最后一步（窗口显示的即保存的）。只保留到当前步：后面的步骤被丢弃，撤销（Ctrl+Z）可恢复。",
        "Keep all: every step is applied first (the window shows what is kept). Up to the current step: the later steps are dropped; undo (Ctrl+Z) brings them back.",
    )
}

/// The menu text of the command that keeps every step.
pub fn cmd_keep_all(lang: Lang) -> &'static str {
    lang.pick("保留全部步骤", "Keep all steps")
}

/// The menu text of the command that keeps the steps up to the cursor.
pub fn cmd_keep_to_cursor(lang: Lang) -> &'static str {
    lang.pick("只保留到当前步", "Keep up to the current step")
}

/// The 变更 tab's hint about the greyed steps.
pub fn later_hint(lang: Lang, later: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "灰色的 {later} 步在当前步之后，尚未应用：点击可应用到该步；此时修改会先询问如何对待它们。"
        ),
        Lang::En => format!(
            "The {later} greyed steps come after the current one and are not applied: click one to apply up to it; an edit now first asks what to do with them."
        ),
    }
}

/// After a later step's sentence in the 变更 tab.
pub fn not_applied(lang: Lang) -> &'static str {
    lang.pick("（未应用）", " (not applied)")
}

/// The part of a refusal in `lang`: refusals say "中文 (English)", and the English may name
/// records in Chinese, so the split is the first " (" after which the rest, up to a final ")",
/// has English words and balanced parentheses. A message that is not so is said whole.
pub fn refusal_in(message: &str, lang: Lang) -> &str {
    let has_cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let has_words = |s: &str| {
        s.split(|c: char| !c.is_ascii_alphabetic())
            .any(|word| word.len() >= 3)
    };
    let balanced = |s: &str| {
        let mut depth = 0_i32;
        for c in s.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth < 0 {
                return false;
            }
        }
        depth == 0
    };
    let Some(body) = message.strip_suffix(')') else {
        return message;
    };
    let split = body.match_indices(" (").map(|(i, _)| i).find(|&i| {
        let (zh, en) = (&body[..i], &body[i + 2..]);
        has_cjk(zh) && has_words(en) && balanced(en)
    });
    match (split, lang) {
        (Some(i), Lang::Zh) => &body[..i],
        (Some(i), Lang::En) => &body[i + 2..],
        (None, _) => message,
    }
}

/// `text` with each id in it that `name_of` knows replaced by its name: refusals name records
/// by id, the window by name. An id is a run of letters, digits, `-`, `_` and `.` that is in
/// backquotes or has a `-`, `_` or digit in it (so that an id that is also an English word,
/// such as `city`, stays a word outside backquotes).
pub fn ids_named(text: &str, name_of: impl Fn(&str) -> Option<String>) -> String {
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(is_id_char) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let len = run.find(|c: char| !is_id_char(c)).unwrap_or(run.len());
        let token = &run[..len];
        // A sentence's full stop is no part of the id.
        let trimmed = token.trim_end_matches('.');
        let quoted = out.ends_with('`') && run[len..].starts_with('`');
        let looks_like_id = quoted
            || trimmed
                .chars()
                .any(|c| c.is_ascii_digit() || matches!(c, '-' | '_'));
        if let Some(name) = looks_like_id.then(|| name_of(trimmed)).flatten() {
            if quoted {
                out.pop();
                out.push_str(&name);
                rest = &run[len + 1..];
            } else {
                out.push_str(&name);
                out.push_str(&token[trimmed.len()..]);
                rest = &run[len..];
            }
        } else {
            out.push_str(token);
            rest = &run[len..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_replaced_by_names_and_the_rest_kept() {
        let names = |id: &str| match id {
            "city-zjj" => Some("市住房和城乡建设局".to_owned()),
            "CF-GH-001" => Some("违法建设处罚".to_owned()),
            _ => None,
        };
        assert_eq!(
            ids_named("city-zjj does not hold CF-GH-001.", names),
            "市住房和城乡建设局 does not hold 违法建设处罚."
        );
        assert_eq!(
            ids_named("no body `city-zjj`", names),
            "no body 市住房和城乡建设局"
        );
        assert_eq!(ids_named("other words", names), "other words");
        let city = |id: &str| (id == "city").then(|| "本市".to_owned());
        assert_eq!(
            ids_named("a city body in `city`", city),
            "a city body in 本市"
        );
    }

    #[test]
    fn a_refusal_is_said_in_one_language_even_with_chinese_names_in_the_english() {
        let both = "市城管局 不主办 市容检查（JC-1），无从划转 (市城管局 does not lead 市容检查（JC-1）: nothing to transfer)";
        assert_eq!(
            refusal_in(both, Lang::Zh),
            "市城管局 不主办 市容检查（JC-1），无从划转"
        );
        assert_eq!(
            refusal_in(both, Lang::En),
            "市城管局 does not lead 市容检查（JC-1）: nothing to transfer"
        );
        assert_eq!(refusal_in("no body `x`", Lang::Zh), "no body `x`");
    }

    #[test]
    fn every_text_has_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            for text in [
                insert_hint(lang),
                undo_hint(lang),
                cmd_replay(lang),
                cmd_discard(lang),
                dropped_hint(lang),
                leave_hint(lang),
                cmd_keep_all(lang),
                cmd_keep_to_cursor(lang),
                not_applied(lang),
            ] {
                assert!(!text.is_empty());
            }
        }
        assert_ne!(edit_title(Lang::Zh, 3), edit_title(Lang::En, 3));
    }
}
