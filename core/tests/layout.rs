//! The core's modules depend on each other in one direction: the order written in
//! `src/lib.rs`'s "Layout" list, where each module uses only those listed before it (and
//! its own child modules). Read from the sources as text: every `crate::<module>` path in
//! code (comments aside, so a doc link to a later module is not a use).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The modules of the "Layout" list in `lib.rs`'s documentation, in order.
fn layout_order(lib: &str) -> Vec<String> {
    let mut order = Vec::new();
    let mut in_layout = false;
    for line in lib.lines() {
        let Some(doc) = line.strip_prefix("//!") else { continue };
        let doc = doc.trim();
        if doc.starts_with('#') {
            in_layout = doc.contains("Layout");
            continue;
        }
        let Some(item) = doc.strip_prefix("- ").filter(|_| in_layout) else { continue };
        let names = item.split(": ").next().unwrap_or("");
        for name in names.split(", ") {
            let name = name.trim_start_matches("[`").trim_end_matches("`]");
            let name = name.trim_start_matches("mod@");
            order.push(name.to_string());
        }
    }
    order
}

/// The modules `lib.rs` declares.
fn declared(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|l| l.strip_prefix("pub mod ").or_else(|| l.strip_prefix("mod ")))
        .map(|l| l.trim_end_matches(';').to_string())
        .collect()
}

/// The source files of module `name`: `name.rs`, and everything under `name/`.
fn files(name: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let file = src().join(format!("{name}.rs"));
    if file.exists() {
        out.push(file);
    }
    let mut dirs = vec![src().join(name)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out
}

/// The top-level modules a source file names as `crate::<module>`, outside comments.
fn uses(source: &str) -> BTreeSet<String> {
    let code: String =
        source.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a, b::{c, d}}`: the first segment of each path at the top of
            // the group.
            let mut depth = 0usize;
            let mut start = true;
            let mut name = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_ascii_alphanumeric() || c == '_') => name.push(c),
                    _ if start && !name.is_empty() => {
                        found.insert(std::mem::take(&mut name));
                        start = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                found.insert(name);
            }
            continue;
        }
        let name: String =
            rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        found.insert(name);
    }
    found
}

#[test]
fn modules_depend_in_the_order_lib_rs_lists_them() {
    let lib = fs::read_to_string(src().join("lib.rs")).unwrap();
    let order = layout_order(&lib);
    let listed: BTreeSet<String> = order.iter().cloned().collect();
    assert_eq!(order.len(), listed.len(), "a module is listed twice in lib.rs's layout: {order:?}");
    let declared = declared(&lib);
    let unlisted: Vec<_> = declared.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "lib.rs declares {unlisted:?} but its layout list does not name them: add a line \
         `//! - [`name`]: what it is` to the list, after every module it uses"
    );
    let undeclared: Vec<_> = listed.difference(&declared).collect();
    assert!(undeclared.is_empty(), "lib.rs's layout list names {undeclared:?}, not declared");
    let mut problems = Vec::new();
    for (position, name) in order.iter().enumerate() {
        let files = files(name);
        assert!(!files.is_empty(), "no source file for module {name}");
        for file in files {
            let source = fs::read_to_string(&file).unwrap();
            for used in uses(&source) {
                if used == *name || !listed.contains(&used) {
                    continue;
                }
                let later = order.iter().position(|m| *m == used).unwrap() > position;
                if later {
                    problems.push(format!(
                        "{} uses crate::{used}, which lib.rs's layout lists after {name}",
                        file.strip_prefix(src()).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "dependencies against the layout order:\n{}", problems.join("\n"));
}

#[test]
fn the_check_sees_uses_and_ignores_comments() {
    let found = uses(
        "use crate::error::Error;\nuse crate::{json::{self, Value}, text::Text};\n\
         // crate::render is only named here\n/// [`crate::stream`]\nlet x = crate::msg::f();",
    );
    let want: BTreeSet<String> =
        ["error", "json", "text", "msg"].iter().map(|s| s.to_string()).collect();
    assert_eq!(found, want);
    let order = layout_order(
        "//! # Layout\n//!\n//! - [`a`], [`b`]: x, [`y`]\n//! - [`mod@c`]: z\n//! # Other\n//! - [`d`]: w",
    );
    assert_eq!(order, ["a", "b", "c"]);
}
