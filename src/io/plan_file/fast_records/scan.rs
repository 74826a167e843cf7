//! Reading a plan file's text the way `ron` reads it, only as far as the fast reader needs: where
//! strings, comments and brackets begin and end, so that the baseline's `holdings: [` list is
//! found where `ron` finds it and nowhere else (not inside a raw-string description, not inside
//! a comment), and so that the records of that list are told apart at the commas `ron` sees.
//!
//! It knows `ron`'s white space (the ASCII part), line comments, nested block comments, strings
//! with escapes, raw strings (`r#"…"#`), byte strings, identifiers, numbers and brackets. Anything
//! else that could change where a string or a comment ends — a character literal, a raw
//! identifier, an extension attribute, a non-ASCII character outside a string or a comment — it
//! does not read: it gives up (`None`) and the whole text goes to `ron`.

/// `ron`'s white space that is ASCII; the rest of it (U+0085, U+2028 …) makes the scanner give
/// up, as any non-ASCII character outside a string or a comment does.
fn is_white_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// Characters of an identifier or a number as far as the scanner tells them apart: ASCII letters,
/// digits, `_`, and the `.`, `+`, `-` of numbers. Two words run together are one word here and
/// an error to `ron`, which reads every byte of what the fast reader gives it.
fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.' | b'+' | b'-')
}

/// A position in a plan file's text, moved on one token at a time.
pub(super) struct Scanner<'a> {
    bytes: &'a [u8],
    /// The byte the scanner is at.
    pub(super) at: usize,
}

/// What the scanner read.
#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    /// `(`, `[` or `{`.
    Open(u8),
    /// `)`, `]` or `}`.
    Close(u8),
    /// An identifier or a number.
    Word(&'a [u8]),
    /// A string of any kind.
    Text,
    /// `,` or `:`.
    Punctuation(u8),
}

impl<'a> Scanner<'a> {
    pub(super) fn new(text: &'a str, at: usize) -> Self {
        Self {
            bytes: text.as_bytes(),
            at,
        }
    }

    /// The byte at the scanner, if any.
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips white space and comments as `ron` does; `None` on what `ron` refuses there (a `/`
    /// that starts no comment, a block comment never closed).
    pub(super) fn skip_trivia(&mut self) -> Option<()> {
        loop {
            while self.peek().is_some_and(is_white_space) {
                self.at += 1;
            }
            let rest = &self.bytes[self.at..];
            if rest.starts_with(b"//") {
                // To the line feed, which stays (as in `ron`); or to the end.
                self.at = memchr::memchr(b'\n', rest).map_or(self.bytes.len(), |i| self.at + i);
            } else if rest.starts_with(b"/*") {
                self.skip_block_comment()?;
            } else if rest.first() == Some(&b'/') {
                return None;
            } else {
                return Some(());
            }
        }
    }

    /// A block comment, nested as `ron` nests them: each `/*` opens a level, each `*/` closes one.
    fn skip_block_comment(&mut self) -> Option<()> {
        self.at += 2;
        let mut level = 1usize;
        while level > 0 {
            let next = memchr::memchr2(b'/', b'*', &self.bytes[self.at..])?;
            self.at += next;
            let rest = &self.bytes[self.at..];
            if rest.starts_with(b"/*") {
                level += 1;
                self.at += 2;
            } else if rest.starts_with(b"*/") {
                level -= 1;
                self.at += 2;
            } else {
                self.at += 1;
            }
        }
        Some(())
    }

    /// A string with escapes, the scanner just after its opening `"`; `None` if it never closes
    /// (a last backslash escapes the end of the text).
    fn skip_escaped_string(&mut self) -> Option<()> {
        loop {
            let next = memchr::memchr2(b'"', b'\\', self.bytes.get(self.at..)?)?;
            self.at += next;
            if self.bytes[self.at] == b'"' {
                self.at += 1;
                return Some(());
            }
            // The escaped byte, whatever it is, ends no string (`\"`, `\\`, a line break).
            self.at += 2;
        }
    }

    /// A raw string, the scanner at its hashes (`r` or `br` read): `#`×n `"` … `"` `#`×n.
    fn skip_raw_string(&mut self) -> Option<()> {
        let hashes = self.bytes[self.at..]
            .iter()
            .take_while(|b| **b == b'#')
            .count();
        self.at += hashes;
        if self.peek() != Some(b'"') {
            // `r#name`, a raw identifier: not read here.
            return None;
        }
        self.at += 1;
        loop {
            let next = memchr::memchr(b'"', &self.bytes[self.at..])?;
            self.at += next + 1;
            let closing = &self.bytes[self.at..];
            if closing.len() >= hashes && closing[..hashes].iter().all(|b| *b == b'#') {
                self.at += hashes;
                return Some(());
            }
        }
    }

    /// The next token after any trivia; `None` at the end of the text or on anything the scanner
    /// does not read.
    fn token(&mut self) -> Option<Token<'a>> {
        self.skip_trivia()?;
        let byte = self.peek()?;
        let start = self.at;
        self.at += 1;
        match byte {
            b'(' | b'[' | b'{' => Some(Token::Open(byte)),
            b')' | b']' | b'}' => Some(Token::Close(byte)),
            b',' | b':' => Some(Token::Punctuation(byte)),
            b'"' => self.skip_escaped_string().map(|()| Token::Text),
            _ if is_word(byte) => {
                while self.peek().is_some_and(is_word) {
                    self.at += 1;
                }
                let word = &self.bytes[start..self.at];
                match (word, self.peek()) {
                    (b"b", Some(b'"')) => {
                        self.at += 1;
                        self.skip_escaped_string().map(|()| Token::Text)
                    }
                    (b"r" | b"br", Some(b'"' | b'#')) => {
                        self.skip_raw_string().map(|()| Token::Text)
                    }
                    // `b'x'`, a word run into a string or a `#`: not read here.
                    (_, Some(b'\'' | b'"' | b'#')) => None,
                    _ => Some(Token::Word(word)),
                }
            }
            // A character literal, an extension attribute (`#![enable(…)]`), a non-ASCII
            // character (an identifier or white space of `ron`'s that this scanner does not
            // read): give up.
            _ => None,
        }
    }

    /// Skips to the end of the bracket the scanner has just entered (`open`), past its closing
    /// bracket.
    fn skip_group(&mut self, open: u8) -> Option<()> {
        let mut open_brackets = vec![open];
        while let Some(expected) = open_brackets.last().copied() {
            match self.token()? {
                Token::Open(b) => open_brackets.push(b),
                Token::Close(b) if b == closing(expected) => {
                    open_brackets.pop();
                }
                Token::Close(_) => return None,
                Token::Word(_) | Token::Text | Token::Punctuation(_) => {}
            }
        }
        Some(())
    }

    /// Inside a struct (just after its `(`): finds the field `name` whose value opens with
    /// `open`, and stops just after that bracket. `None` when the struct ends without it or it
    /// is written any other way.
    fn enter_field(&mut self, name: &[u8], open: u8) -> Option<()> {
        loop {
            match self.token()? {
                Token::Word(word) if word == name => {
                    return (self.token()? == Token::Punctuation(b':')
                        && self.token()? == Token::Open(open))
                    .then_some(());
                }
                Token::Open(b) => self.skip_group(b)?,
                Token::Close(_) => return None,
                Token::Word(_) | Token::Text | Token::Punctuation(_) => {}
            }
        }
    }

    /// Skips one value of a list, up to (not past) the `,` or the closing `]` that follows it at
    /// the list's level.
    pub(super) fn skip_to_separator(&mut self) -> Option<()> {
        loop {
            self.skip_trivia()?;
            if matches!(self.peek()?, b',' | b']') {
                return Some(());
            }
            match self.token()? {
                Token::Open(b) => self.skip_group(b)?,
                Token::Close(_) => return None,
                Token::Word(_) | Token::Text | Token::Punctuation(_) => {}
            }
        }
    }
}

/// The bracket that closes `open`.
fn closing(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// Where the records of the baseline's holdings begin: the byte just after the `[` of
/// `baseline: (… holdings: [`, as `ron` reads the text. `None` when the text does not open as
/// Shiquan writes a plan (`(` first, then the fields, `baseline: (` among them, `holdings: [` in
/// it) or holds anything the scanner does not read before that `[`.
pub(super) fn holdings_list(text: &str) -> Option<usize> {
    let mut scanner = Scanner::new(text, 0);
    if scanner.token()? != Token::Open(b'(') {
        return None;
    }
    scanner.enter_field(b"baseline", b'(')?;
    scanner.enter_field(b"holdings", b'[')?;
    Some(scanner.at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list_of(text: &str) -> Option<&str> {
        holdings_list(text).map(|at| &text[at..])
    }

    #[test]
    fn finds_the_baseline_holdings_list() {
        let text =
            "(version: 2, title: \"t\", baseline: (bodies: [], holdings: [\n(power: \"P\")],),)";
        assert_eq!(list_of(text).map(|rest| &rest[..6]), Some("\n(powe"));
    }

    #[test]
    fn is_not_fooled_by_strings_and_comments() {
        for text in [
            // A raw-string description holding a `holdings: [` line (issue 16).
            "(version: 2, description: r#\"\nbaseline: (\nholdings: [\n\"#, baseline: (holdings: [X",
            "(version: 2, description: \"baseline: (holdings: [\\\" \", baseline: (holdings: [X",
            "(version: 2, /* baseline: (holdings: [ /* nested */ */ baseline: (holdings: [X",
            "(version: 2, // baseline: (holdings: [\n baseline: (holdings: [X",
            "(version: 2, description: br##\"\"# baseline: (holdings: [\"##, baseline: (holdings: [X",
            "(version: 2, scenarios: [(holdings: [])], baseline: (jurisdictions: [(holdings: [])], holdings: [X",
        ] {
            assert_eq!(list_of(text), Some("X"), "{text}");
        }
    }

    #[test]
    fn gives_up_on_what_it_does_not_read() {
        for text in [
            "#![enable(implicit_some)] (baseline: (holdings: [X",
            "PlanFile(baseline: (holdings: [X",
            "(title: 'c', baseline: (holdings: [X",
            "(title: r#baseline, baseline: (holdings: [X",
            "(title: \"t\",\u{2028}baseline: (holdings: [X",
            "(title: \"unclosed, baseline: (holdings: [X",
            "(title: \"t\" /* unclosed, baseline: (holdings: [X",
            "(baseline: StateRecords(holdings: [X",
            "(baseline: (holdings: (X",
            "(baseline: (bodies: [), holdings: [X",
        ] {
            assert_eq!(list_of(text), None, "{text}");
        }
    }

    /// Found by `fuzz/fuzz_targets/fast_vs_ron.rs`: a string whose last backslash escapes the
    /// end of the text moved the scanner past it, and the scanner indexed beyond the text.
    #[test]
    fn a_string_cut_after_a_backslash_gives_up() {
        for text in ["b\"\\", "(title: \"\\", "(title: \"a\\\\\\"] {
            assert_eq!(list_of(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_value_ends_at_the_comma_ron_sees() {
        let text = "(a: \"x,]\", b: [1, 2]) // c, d\n, next";
        let mut scanner = Scanner::new(text, 0);
        scanner.skip_to_separator().expect("a value");
        assert_eq!(&text[scanner.at..], ", next");
    }
}
