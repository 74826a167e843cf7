//! The shape of the code, checked as a test so that it holds after every change (issue 18):
//!
//! - **Layers.** The top-level modules of `src` import only their own layer and those below:
//!   `model` → `plan` → `analysis` → `session` → `text` → `lanes` → `io`, `merge`, `documents`, `report`,
//!   `cli`, `generate` → `ui` (`lang`, `parallel` and `graph` sit where their imports put them, see
//!   [`LAYERS`]).
//! - **No import circle** among the children of any module: for each folder, the graph whose
//!   nodes are its child modules (each with everything below it) and whose edges are the
//!   `crate::`, `super::` and `self::` paths one names into another has no strongly connected
//!   component of more than one node. A child using its parent's items, or a parent its
//!   child's, is nesting, not a circle.
//! - **Sizes.** No source file over 600 lines and no function over 120 lines (test modules
//!   aside).
//!
//! The paths are read from the text of the sources: `use` trees (with their `{…}` groups) and
//! paths written in the code. Test modules (`#[cfg(test)] mod tests`) are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layer of each top-level module: a module may import only modules of its layer or
/// below. Modules of one layer may import each other (without a circle).
const LAYERS: &[(&str, u8)] = &[
    ("lang", 0),
    ("parallel", 0),
    ("model", 1),
    ("plan", 2),
    ("analysis", 3),
    ("graph", 3),
    ("session", 4),
    ("text", 5),
    ("lanes", 6),
    ("io", 7),
    ("merge", 7),
    ("documents", 7),
    ("report", 7),
    ("cli", 7),
    ("generate", 7),
    ("ui", 8),
    ("launch", 9),
];

const MAX_FILE_LINES: usize = 600;
const MAX_FN_LINES: usize = 120;

/// A module path from the crate root (`["ui", "panels"]`).
type ModPath = Vec<String>;

/// Every source file of the library with its module path.
fn modules() -> BTreeMap<ModPath, PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&root).expect("under src");
            let mut parts: Vec<String> = relative
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            let file = parts.pop().expect("a file name");
            match file.as_str() {
                "main.rs" if parts.is_empty() => continue,
                "lib.rs" if parts.is_empty() => {}
                "mod.rs" => {}
                other => parts.push(other.trim_end_matches(".rs").to_owned()),
            }
            out.insert(parts, path);
        }
    }
    out
}

/// The text of a file without its test module (everything from `#[cfg(test)]` followed by a
/// `mod` to the end of the file, where the project keeps them).
fn code_of(text: &str) -> &str {
    let mut from = 0;
    while let Some(at) = text[from..].find("#[cfg(test)]") {
        let start = from + at;
        let rest = text[start + "#[cfg(test)]".len()..].trim_start();
        if rest.starts_with("mod ") {
            return &text[..start];
        }
        from = start + 1;
    }
    text
}

/// Expands the `use` tree text after `use ` (without the `;`) into whole paths.
fn expand_use(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim().trim_end_matches("::");
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let base = join(prefix, head);
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand_use(&inner[start..i], &base, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand_use(&inner[start..], &base, out);
    } else if !tree.is_empty() {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        out.push(join(prefix, path));
    }
}

fn join(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty() || path == "self") {
        (true, _) => path.to_owned(),
        (false, true) => prefix.to_owned(),
        (false, false) => format!("{prefix}::{path}"),
    }
}

/// The paths a file names: its `use` trees, and every `crate::…`, `super::…` or `self::…` path
/// written in its code.
fn paths_in(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = find_use(rest) {
        let after = &rest[at..];
        let end = after.find(';').unwrap_or(after.len());
        expand_use(&after[4..end], "", &mut out);
        rest = &after[end..];
    }
    let bytes = code.as_bytes();
    for key in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(key) {
            let start = from + at;
            from = start + key.len();
            if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
                continue;
            }
            let mut end = start;
            while end < bytes.len()
                && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_' || bytes[end] == b':')
            {
                end += 1;
            }
            out.push(code[start..end].trim_end_matches(':').to_owned());
        }
    }
    out
}

/// Where the next `use` statement starts (at a line's start, after `pub` and its scope).
fn find_use(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let mut t = trimmed;
        if let Some(r) = t.strip_prefix("pub") {
            t = r.trim_start();
            if t.starts_with('(') {
                t = t[t.find(')').map_or(0, |i| i + 1)..].trim_start();
            }
        }
        if t.starts_with("use ") {
            return Some(offset + indent + (trimmed.len() - t.len()));
        }
        offset += line.len();
    }
    None
}

/// The module a path names from `module`, if it is one of the crate's.
fn resolve(path: &str, module: &[String], known: &BTreeMap<ModPath, PathBuf>) -> Option<ModPath> {
    let mut segments = path.split("::").filter(|s| !s.is_empty()).peekable();
    let mut at: ModPath = match segments.peek().copied() {
        Some("crate") => {
            segments.next();
            Vec::new()
        }
        Some("super" | "self") => module.to_vec(),
        Some(first) => {
            // A relative path reaches a child module only.
            let mut child = module.to_vec();
            child.push(first.to_owned());
            if !known.contains_key(&child) {
                return None;
            }
            module.to_vec()
        }
        None => return None,
    };
    for segment in segments {
        match segment {
            "super" => {
                at.pop();
            }
            "self" => {}
            name => {
                let mut next = at.clone();
                next.push(name.to_owned());
                if known.contains_key(&next) {
                    at = next;
                } else {
                    break;
                }
            }
        }
    }
    Some(at)
}

/// Whether a module's file is test code: its parent declares it as `#[cfg(test)] mod name;`
/// (a test module kept in a file of its own, as `session/document/tests.rs`).
fn is_test_module(module: &ModPath, known: &BTreeMap<ModPath, PathBuf>) -> bool {
    let Some((name, parent)) = module.split_last() else {
        return false;
    };
    let Some(text) = known
        .get(parent)
        .and_then(|f| std::fs::read_to_string(f).ok())
    else {
        return false;
    };
    let declaration = format!("mod {name};");
    text.match_indices("#[cfg(test)]").any(|(at, tag)| {
        text[at + tag.len()..]
            .trim_start()
            .starts_with(&declaration)
    })
}

/// Every edge between modules: (from, to), both as module paths, from ≠ to; test modules
/// are left out.
fn edges(known: &BTreeMap<ModPath, PathBuf>) -> BTreeSet<(ModPath, ModPath)> {
    let mut out = BTreeSet::new();
    for (module, file) in known {
        if is_test_module(module, known) {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("a readable source");
        let code: String = code_of(&text)
            .lines()
            .map(|line| strip_strings(line) + "\n")
            .collect();
        for path in paths_in(&code) {
            if let Some(target) = resolve(&path, module, known)
                && target != *module
            {
                out.insert((module.clone(), target));
            }
        }
    }
    out
}

/// The strongly connected components of more than one node (Tarjan's algorithm).
fn circles(nodes: &BTreeSet<String>, links: &BTreeSet<(String, String)>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        links: &'a BTreeSet<(String, String)>,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        on_stack: BTreeSet<String>,
        found: Vec<Vec<String>>,
    }
    impl Walk<'_> {
        fn visit(&mut self, node: &str) {
            let n = self.index.len();
            self.index.insert(node.to_owned(), n);
            self.low.insert(node.to_owned(), n);
            self.stack.push(node.to_owned());
            self.on_stack.insert(node.to_owned());
            let next: Vec<String> = self
                .links
                .iter()
                .filter(|(a, _)| a == node)
                .map(|(_, b)| b.clone())
                .collect();
            for to in next {
                if !self.index.contains_key(&to) {
                    self.visit(&to);
                    let low = self.low[node].min(self.low[&to]);
                    self.low.insert(node.to_owned(), low);
                } else if self.on_stack.contains(&to) {
                    let low = self.low[node].min(self.index[&to]);
                    self.low.insert(node.to_owned(), low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = Vec::new();
                while let Some(top) = self.stack.pop() {
                    self.on_stack.remove(&top);
                    let done = top == node;
                    component.push(top);
                    if done {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        links,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in nodes {
        if !walk.index.contains_key(node) {
            walk.visit(node);
        }
    }
    walk.found
}

/// The children of one module and the links among them (each child with all below it).
type Siblings = (BTreeSet<String>, BTreeSet<(String, String)>);

/// Each circle among the children of a module, named by the parent and its members.
fn all_circles() -> Vec<String> {
    let known = modules();
    let edges = edges(&known);
    let mut by_parent: BTreeMap<ModPath, Siblings> = BTreeMap::new();
    for module in known.keys() {
        if let Some((last, parent)) = module.split_last() {
            by_parent
                .entry(parent.to_vec())
                .or_default()
                .0
                .insert(last.clone());
        }
    }
    for (from, to) in &edges {
        let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
        // Nesting: one contains the other.
        if common == from.len() || common == to.len() {
            continue;
        }
        by_parent
            .entry(from[..common].to_vec())
            .or_default()
            .1
            .insert((from[common].clone(), to[common].clone()));
    }
    let mut out = Vec::new();
    for (parent, (nodes, links)) in &by_parent {
        for circle in circles(nodes, links) {
            let links_in: Vec<String> = links
                .iter()
                .filter(|(a, b)| circle.contains(a) && circle.contains(b))
                .map(|(a, b)| format!("{a}→{b}"))
                .collect();
            out.push(format!(
                "in crate::{}: {} ({})",
                parent.join("::"),
                circle.join(", "),
                links_in.join(" ")
            ));
        }
    }
    out
}

/// Prints the links among the children of one module (`ARCH_EDGES=ui` or `ARCH_EDGES=io::import`,
/// with `--nocapture`): what to read when a circle has to be broken.
#[test]
fn print_the_links_asked_for() {
    let Ok(parent) = std::env::var("ARCH_EDGES") else {
        return;
    };
    let parent: ModPath = parent.split("::").map(str::to_owned).collect();
    let known = modules();
    for (from, to) in edges(&known) {
        if from.starts_with(&parent) && to.starts_with(&parent) {
            let (a, b) = (&from[parent.len()..], &to[parent.len()..]);
            if !a.is_empty() && !b.is_empty() && a[0] != b[0] {
                println!("{} → {}", a.join("::"), b.join("::"));
            }
        }
    }
}

#[test]
fn no_import_circle_among_the_children_of_any_module() {
    let circles = all_circles();
    println!("import circles: {}", circles.len());
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn each_layer_imports_only_its_own_and_those_below() {
    let layers: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let known = modules();
    let mut wrong = Vec::new();
    for top in known.keys().filter(|m| m.len() == 1) {
        assert!(
            layers.contains_key(top[0].as_str()),
            "`{}` has no layer in LAYERS",
            top[0]
        );
    }
    for (from, to) in edges(&known) {
        let (Some(a), Some(b)) = (from.first(), to.first()) else {
            continue;
        };
        if a != b && layers[a.as_str()] < layers[b.as_str()] {
            wrong.push(format!("{} imports {}", from.join("::"), to.join("::")));
        }
    }
    assert!(wrong.is_empty(), "imports upward:\n{}", wrong.join("\n"));
}

#[test]
fn no_source_file_over_600_lines_and_no_function_over_120() {
    let mut wrong = Vec::new();
    for file in modules().values() {
        let text = std::fs::read_to_string(file).expect("a readable source");
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES {
            wrong.push(format!("{}: {lines} lines", file.display()));
        }
        let code: Vec<&str> = code_of(&text).lines().collect();
        for (start, length) in functions(&code) {
            if length > MAX_FN_LINES {
                wrong.push(format!(
                    "{}:{}: a function of {length} lines",
                    file.display(),
                    start + 1
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "too long:\n{}", wrong.join("\n"));
}

/// Each function's first line (0-based) and its number of lines, by its braces.
fn functions(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let is_fn = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "const fn ",
        ]
        .iter()
        .any(|p| t.starts_with(p))
            || t.starts_with("pub const fn ");
        if !is_fn {
            continue;
        }
        let mut depth = 0i32;
        let mut opened = false;
        for (j, l) in lines.iter().enumerate().skip(i) {
            for c in strip_strings(l).chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    ';' if !opened && depth == 0 => break,
                    _ => {}
                }
            }
            if !opened && l.trim_end().ends_with(';') {
                break;
            }
            if opened && depth <= 0 {
                out.push((i, j - i + 1));
                break;
            }
        }
    }
    out
}

/// A line without its string and character literals and its comment, for counting braces and
/// reading paths.
fn strip_strings(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '/' if chars.peek() == Some(&'/') => break,
            '\'' => {
                // A character literal ('{', '\'') or a lifetime ('a): skip a literal whole.
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with('\\') {
                    for n in chars.by_ref() {
                        if n == '\'' {
                            break;
                        }
                    }
                } else if rest.chars().nth(1) == Some('\'') {
                    chars.next();
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    out
}
