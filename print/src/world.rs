//! The smallest Typst world: one main source (a template), a few in-memory files (its
//! data, a QR code, a signature) and the fonts given — nothing read from disk or the
//! network while typesetting.

use super::{PrintError, Printer};
use std::collections::HashMap;
use std::path::Path;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

/// The fonts documents are set in.
pub struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// Where Debian puts the IPAex fonts (`fonts-ipaexfont-mincho`, `-gothic`).
const DEBIAN_FONTS: [&str; 2] = [
    "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
];

/// Where Debian puts Noto Sans CJK (`fonts-noto-cjk`): the receipt's lines in Chinese,
/// Korean, Vietnamese and the other languages beside Japanese. Loaded when installed
/// (the regular weight only: about 20 MB); without it those lines are left out.
const DEBIAN_NOTO_CJK: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

impl Fonts {
    /// Parses font files (TTF, OTF or collections) already in memory.
    pub fn from_data(files: Vec<Vec<u8>>) -> Result<Self, PrintError> {
        let fonts: Vec<Font> = files
            .into_iter()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        if fonts.is_empty() {
            return Err(PrintError::Fonts("no font could be read".into()));
        }
        Ok(Self {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        })
    }

    /// Loads the IPAex Mincho and Gothic fonts from `dir` (any `*.ttf`/`*.otf` in it),
    /// or from where Debian installs them when `dir` is `None`.
    pub fn load(dir: Option<&Path>) -> Result<Self, PrintError> {
        let paths: Vec<std::path::PathBuf> = match dir {
            Some(dir) => std::fs::read_dir(dir)
                .map_err(|e| PrintError::Fonts(format!("{}: {e}", dir.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .is_some_and(|x| x == "ttf" || x == "otf" || x == "ttc")
                })
                .collect(),
            None => {
                let mut paths: Vec<std::path::PathBuf> =
                    DEBIAN_FONTS.iter().map(Into::into).collect();
                if Path::new(DEBIAN_NOTO_CJK).exists() {
                    paths.push(DEBIAN_NOTO_CJK.into());
                }
                paths
            }
        };
        let mut files = Vec::new();
        for p in &paths {
            files.push(std::fs::read(p).map_err(|e| {
                PrintError::Fonts(format!(
                    "{}: {e} (install fonts-ipaexfont-mincho and fonts-ipaexfont-gothic, or set MADOGUCHI_FONT_DIR)",
                    p.display()
                ))
            })?);
        }
        Self::from_data(files)
    }

    /// The first character of `text` that no font of `family` has, if any (the family
    /// missing altogether: its first character).
    pub fn missing_glyph(&self, family: &str, text: &str) -> Option<char> {
        let faces: Vec<&Font> = self
            .fonts
            .iter()
            .filter(|f| f.info().family.eq_ignore_ascii_case(family))
            .collect();
        text.chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .find(|c| !faces.iter().any(|f| f.info().coverage.contains(*c as u32)))
    }

    /// The font families available, for diagnostics.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self.fonts.iter().map(|f| f.info().family.clone()).collect();
        names.dedup();
        names
    }
}

/// One document being typeset.
pub(super) struct Doc<'p> {
    printer: &'p Printer,
    main: Source,
    files: HashMap<FileId, Bytes>,
}

fn id(name: &str) -> FileId {
    let path = VirtualPath::new(name)
        .unwrap_or_else(|_| VirtualPath::new("main.typ").expect("a valid path"));
    RootedPath::new(VirtualRoot::Project, path).intern()
}

impl<'p> Doc<'p> {
    pub fn new(printer: &'p Printer, template: &str) -> Self {
        Self {
            printer,
            main: Source::new(id("main.typ"), template.to_owned()),
            files: HashMap::new(),
        }
    }

    pub fn add_file(&mut self, name: &str, data: Vec<u8>) {
        self.files.insert(id(name), Bytes::new(data));
    }

    pub fn add_json<T: serde::Serialize>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), PrintError> {
        let json = serde_json::to_vec(value).map_err(|e| PrintError::Typeset(e.to_string()))?;
        self.add_file(name, json);
        Ok(())
    }

    pub fn pdf(&self) -> Result<Vec<u8>, PrintError> {
        let document: typst_layout::PagedDocument =
            typst::compile(self).output.map_err(|errors| {
                PrintError::Typeset(
                    errors
                        .iter()
                        .map(|e| e.message.to_string())
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })?;
        let options = typst_pdf::PdfOptions {
            ident: typst::foundations::Smart::Custom("madoguchi".into()),
            ..Default::default()
        };
        typst_pdf::pdf(&document, &options).map_err(|errors| PrintError::Pdf(messages(&errors)))
    }
}

/// Typst's diagnostics as one line.
fn messages(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

impl World for Doc<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.printer.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.printer.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.get().vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.printer.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Documents print their own dates; the clock is never read while typesetting.
        None
    }
}
