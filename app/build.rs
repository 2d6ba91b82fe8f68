//! Builds the message catalog from `locales/` (see `locales/languages.toml`):
//!
//! - `OUT_DIR/messages.rs`: a constant per message of the primary language's files
//!   (`m::counter::start::title`), so a page that names a message that does not exist
//!   does not compile; and the primary language's texts, built in, so it never waits.
//! - `target/i18n/<code>/<area>.json`: every language's messages, one file per area,
//!   which the site build copies into the site (`scripts/post-build.mjs`) and the browser
//!   fetches when a page of that area first needs them in that language: a language
//!   costs nothing until it is chosen.
//! - `OUT_DIR/server_texts.rs` (the server's build, `ssr`): the areas the server prints
//!   in (`SERVER_AREAS`), in every language.
//!
//! Adding a language is adding its folder and its entry in `languages.toml`; the areas
//! are the primary language's files. Gaps are caught by the catalog test
//! (`app/tests/catalog.rs`), not here, so a half-translated language still builds.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(serde::Deserialize)]
struct LanguagesFile {
    language: Vec<Language>,
    #[serde(default)]
    data_areas: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Language {
    code: String,
}

type Messages = BTreeMap<String, String>;

fn main() -> Result<(), Box<dyn Error>> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let root = manifest.parent().ok_or("app/ has a parent")?.to_path_buf();
    let locales = root.join("locales");
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={}", locales.display());

    let list: LanguagesFile = toml::from_str(&fs::read_to_string(locales.join("languages.toml"))?)?;
    let codes: Vec<String> = list.language.into_iter().map(|l| l.code).collect();
    let primary = codes.first().ok_or("languages.toml lists no language")?;
    // The primary language's areas, and the data areas (no constants: their keys come
    // from the form catalog, and the primary language's texts are in forms/).
    let mut areas = areas_of(&locales.join(primary))?;
    let data_areas = list.data_areas.clone();
    areas.extend(list.data_areas);

    // The counter tablet's browser build (`counter` without `office`) has no
    // administration page: the primary language's texts of those areas stay out of its
    // wasm (their keys stay, so the shared code compiles; no page of that build shows
    // them).
    let feature = |f: &str| std::env::var_os(format!("CARGO_FEATURE_{f}")).is_some();
    let counter_only = feature("COUNTER") && !feature("OFFICE");
    // The public build (residents' phones) carries no staff page either; and the
    // public pages' texts are built only into builds that have them (a browser build
    // names its pages; the server and the tests, which name none, have every text).
    let public_only = feature("PUBLIC") && !feature("OFFICE") && !feature("COUNTER");
    let some_build = feature("PUBLIC") || feature("OFFICE") || feature("COUNTER");
    let leaves_out = |area: &str| {
        (counter_only && OFFICE_ONLY_AREAS.contains(&area))
            || (public_only && STAFF_AREAS.contains(&area))
            || (some_build && !feature("PUBLIC") && area == "public")
    };
    let json_root = root.join("target").join("i18n");
    let mut primary_messages = Messages::new();
    let mut built_in = Messages::new();
    let server = std::env::var_os("CARGO_FEATURE_SSR").is_some();
    let mut server_texts: Vec<(String, String, String)> = Vec::new();
    for code in &codes {
        println!("cargo::rerun-if-changed={}", locales.join(code).display());
        for area in &areas {
            let path = locales.join(code).join(format!("{area}.toml"));
            println!("cargo::rerun-if-changed={}", path.display());
            let Ok(text) = fs::read_to_string(&path) else {
                continue; // an area this language does not translate: Japanese stands in
            };
            let table: toml::Table =
                toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut messages = Messages::new();
            // A data area's keys are the city's (a document's Japanese name): any text.
            let named = !data_areas.contains(area);
            flatten(area, &table, named, &mut messages)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let dir = json_root.join(code);
            fs::create_dir_all(&dir)?;
            let json = serde_json::to_string(&messages)?;
            write_if_changed(&dir.join(format!("{area}.json")), &json)?;
            if server && SERVER_AREAS.contains(&area.as_str()) {
                server_texts.push((code.clone(), area.clone(), json));
            }
            if code == primary {
                if !leaves_out(area) {
                    built_in.extend(messages.clone());
                }
                primary_messages.extend(messages);
            }
        }
    }
    write_if_changed(
        &out.join("messages.rs"),
        &module(&primary_messages, &built_in)?,
    )?;
    if server {
        let mut s = String::from(
            "// Generated by app/build.rs from locales/. Do not edit.\n\
             /// (language code, area, the area's texts as JSON) of every language.\n\
             pub static TEXTS: &[(&str, &str, &str)] = &[\n",
        );
        for (code, area, json) in &server_texts {
            writeln!(s, "    ({code:?}, {area:?}, {json:?}),")?;
        }
        s.push_str("];\n");
        write_if_changed(&out.join("server_texts.rs"), &s)?;
    }
    Ok(())
}

/// The areas whose texts the server uses in every language (the printed receipt).
const SERVER_AREAS: &[&str] = &["common", "counter", "public", "rules"];

/// The areas: the primary language's message files, by name.
fn areas_of(dir: &Path) -> Result<Vec<String>, Box<dyn Error>> {
    let mut areas = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "toml") {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                areas.push(stem.to_owned());
            }
        }
    }
    areas.sort();
    Ok(areas)
}

/// `[start] title = "…"` in `counter.toml` becomes `counter.start.title`. With `named`
/// (the keys become constants), every part of a key is an identifier.
fn flatten(
    prefix: &str,
    table: &toml::Table,
    named: bool,
    into: &mut Messages,
) -> Result<(), String> {
    for (name, value) in table {
        if named && !is_identifier(name) {
            return Err(format!(
                "`{prefix}.{name}`: a key is lower-case letters, digits and _"
            ));
        }
        let key = format!("{prefix}.{name}");
        match value {
            toml::Value::String(s) => {
                into.insert(key, s.clone());
            }
            toml::Value::Table(t) => flatten(&key, t, named, into)?,
            _ => return Err(format!("`{key}` is neither a text nor a table")),
        }
    }
    Ok(())
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

fn ident(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// The areas only the staff's and administrators' browser build shows.
const OFFICE_ONLY_AREAS: &[&str] = &["admin"];

/// The areas only staff read (not built into the public build).
const STAFF_AREAS: &[&str] = &["admin", "auth", "staff"];

/// The generated module: nested modules of key constants (every key of `messages`),
/// then the primary texts built in (`built_in`).
fn module(messages: &Messages, built_in: &Messages) -> Result<String, std::fmt::Error> {
    let mut s = String::new();
    writeln!(
        s,
        "// Generated by app/build.rs from locales/. Do not edit."
    )?;
    writeln!(s, "#[allow(non_upper_case_globals, dead_code)]")?;
    writeln!(s, "pub mod m {{")?;
    writeln!(s, "    use super::Key;")?;
    let mut open: Vec<&str> = Vec::new();
    for key in messages.keys() {
        let parts: Vec<&str> = key.split('.').collect();
        let (leaf, path) = parts.split_last().expect("a key has a leaf");
        let common = open.iter().zip(path).take_while(|(a, b)| a == b).count();
        while open.len() > common {
            open.pop();
            writeln!(s, "{}}}", "    ".repeat(open.len() + 1))?;
        }
        for part in &path[common..] {
            writeln!(
                s,
                "{}pub mod {} {{",
                "    ".repeat(open.len() + 1),
                ident(part)
            )?;
            writeln!(s, "{}use super::Key;", "    ".repeat(open.len() + 2))?;
            open.push(part);
        }
        writeln!(
            s,
            "{}pub const {}: Key = Key({key:?});",
            "    ".repeat(open.len() + 1),
            ident(leaf)
        )?;
    }
    while open.pop().is_some() {
        writeln!(s, "{}}}", "    ".repeat(open.len() + 1))?;
    }
    writeln!(s, "}}")?;
    writeln!(s, "/// The primary language's texts, sorted by key.")?;
    writeln!(s, "pub static PRIMARY: &[(&str, &str)] = &[")?;
    for (key, text) in built_in {
        writeln!(s, "    ({key:?}, {text:?}),")?;
    }
    writeln!(s, "];")?;
    Ok(s)
}

/// Rewriting an unchanged file would make Cargo rebuild on every run.
fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    if fs::read_to_string(path).ok().as_deref() != Some(text) {
        fs::write(path, text)?;
    }
    Ok(())
}
