//! The editor's files stay in layers (docs/editor.md, "How it works"): the app's root —
//! `src/app/mod.rs`, `native.rs`, `layout.rs` and `handling/` — uses everything; nothing else in
//! `src/app` uses the root (no `ShinkyuApp`, no item of `app/mod.rs`, nothing of `handling/`),
//! and the other files do not import each other in a circle. A module may use its own parent
//! (`super::EditorCtx` in a panel): a folder's `mod.rs` is its front.
//!
//! Read from the source text: `crate::app::…` and `super::…` paths, outside comments and test
//! modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/app/panels/row.rs` → `[panels, row]`; `src/app/dialogs/mod.rs` → `[dialogs]`.
fn module_of(root: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(root).unwrap().with_extension("");
    let mut parts: Module = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code without comments and without `#[cfg(test)]` modules.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("//") {
                ""
            } else {
                l.split(" // ").next().unwrap_or(l)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths after `prefix` in `code` (each a list of segments; `{a, b::c}` groups expand).
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = code[from..].find(prefix) {
        let at = from + i;
        from = at + prefix.len();
        if code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| is_ident(c) || c == ':')
        {
            continue;
        }
        read_paths(&code[from..], Vec::new(), &mut out);
    }
    out
}

fn read_paths(rest: &str, mut base: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut s = rest.trim_start();
    loop {
        if let Some(group) = s.strip_prefix('{') {
            // Split the group at top-level commas.
            let (mut depth, mut start) = (0, 0);
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        read_paths(&group[start..i], base.clone(), out);
                        return;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        read_paths(&group[start..i], base.clone(), out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            return;
        }
        let end = s.find(|c: char| !is_ident(c)).unwrap_or(s.len());
        if end == 0 {
            break;
        }
        base.push(s[..end].to_string());
        s = &s[end..];
        match s.strip_prefix("::") {
            Some(r) => s = r,
            None => break,
        }
    }
    if !base.is_empty() {
        out.push(base);
    }
}

/// The module a path names (the longest known prefix) and the item in it, if any.
fn resolve(modules: &BTreeSet<Module>, path: &[String]) -> (Module, Option<String>) {
    for n in (0..=path.len()).rev() {
        if modules.contains(&path[..n].to_vec()) {
            return (path[..n].to_vec(), path.get(n).cloned());
        }
    }
    (Vec::new(), path.first().cloned())
}

fn is_root(m: &Module) -> bool {
    m.is_empty() || m[0] == "handling" || (m.len() == 1 && (m[0] == "native" || m[0] == "layout"))
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "app (mod.rs)".into()
    } else {
        m.join("/")
    }
}

#[test]
fn the_app_root_is_used_by_nobody_and_nothing_else_imports_in_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let modules: BTreeSet<Module> = files.iter().map(|f| module_of(&root, f)).collect();
    assert!(modules.len() > 20, "the app's files were found");

    let mut uses: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for file in &files {
        let me = module_of(&root, file);
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let mut targets = Vec::new();
        for p in paths_after(&code, "crate::app::") {
            targets.push(p);
        }
        // `super::` from `a/b.rs` and from `a/b/mod.rs` is `a` (from `app/mod.rs`, outside).
        let mut here = me.clone();
        here.pop();
        let supers = if me.is_empty() {
            Vec::new()
        } else {
            paths_after(&code, "super::")
        };
        for p in supers {
            let mut base = here.clone();
            let mut segs = p.as_slice();
            while segs.first().is_some_and(|s| s == "super") {
                base.pop();
                segs = &segs[1..];
            }
            base.extend(segs.iter().cloned());
            targets.push(base);
        }
        for t in targets {
            let (target, item) = resolve(&modules, &t);
            if target == me {
                continue;
            }
            let root_item = target.is_empty() && item.is_some();
            if !is_root(&me) && (root_item || (is_root(&target) && !target.is_empty())) {
                wrong.push(format!(
                    "{} uses the app's root: {}",
                    name(&me),
                    t.join("::")
                ));
            }
            // A module may use its ancestors (a folder's mod.rs is its front).
            if !is_root(&me) && !is_root(&target) && !me.starts_with(&target) {
                uses.entry(me.clone()).or_default().insert(target);
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // No circle among the rest: depth-first search for a path back to the start.
    fn find_cycle(
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        node: &Module,
        stack: &mut Vec<Module>,
        done: &mut BTreeSet<Module>,
    ) -> Option<Vec<Module>> {
        if let Some(i) = stack.iter().position(|m| m == node) {
            return Some(stack[i..].to_vec());
        }
        if !done.insert(node.clone()) {
            return None;
        }
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = find_cycle(graph, next, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in uses.keys() {
        let mut stack = Vec::new();
        if let Some(cycle) = find_cycle(&uses, m, &mut stack, &mut done) {
            let names: Vec<String> = cycle.iter().map(name).collect();
            panic!(
                "these files import each other in a circle: {}",
                names.join(" → ")
            );
        }
    }
    // The test sees what it should: a panel uses the view state, the root uses the panels.
    assert!(
        uses[&vec!["panels".to_string(), "row".to_string()]]
            .contains(&vec!["ui_command".to_string()])
    );
}
