//! The input formats, registered in one place: each format's name, the other names it is
//! known by, its file extensions and its editors' language ids. The CLI (file names and the
//! directory walk), the LSP (language ids), the HTTP API (the `format` field) and the web page
//! all read [`FORMATS`]. To add a format: a variant here, an entry in [`FORMATS`], and a parser
//! in `src/input/` that makes the same [`Document`](crate::Document).

use std::str::FromStr;

/// The input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Html,
}

/// What is known about one input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatInfo {
    pub format: Format,
    /// The canonical name (`--input-format`, the HTTP `format` field, `lint(text, {format})`).
    pub name: &'static str,
    /// Other names accepted where a name is parsed leniently (`Format::from_str`).
    pub aliases: &'static [&'static str],
    /// File extensions, lowercase, without the dot. A file with one of them is an ad: named
    /// or found in a directory walk, it is linted as this format.
    pub extensions: &'static [&'static str],
    /// LSP language ids of editors for this format.
    pub language_ids: &'static [&'static str],
}

/// Every input format, in order; the first is the default.
pub const FORMATS: [FormatInfo; 3] = [
    FormatInfo {
        format: Format::Text,
        name: "text",
        aliases: &["txt", "plain", "plaintext"],
        extensions: &["txt", "text"],
        language_ids: &["plaintext", "text"],
    },
    FormatInfo {
        format: Format::Markdown,
        name: "markdown",
        aliases: &["md"],
        extensions: &["md", "markdown", "mdown", "mkd"],
        language_ids: &["markdown"],
    },
    FormatInfo {
        format: Format::Html,
        name: "html",
        aliases: &["htm"],
        extensions: &["html", "htm", "xhtml"],
        language_ids: &["html"],
    },
];

impl Format {
    /// Every format, in order.
    pub const ALL: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

    /// This format's entry in [`FORMATS`].
    pub fn info(self) -> &'static FormatInfo {
        &FORMATS[self as usize]
    }

    /// The format of a file extension (any case, without the dot), if it is registered.
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.to_ascii_lowercase();
        FORMATS
            .iter()
            .find(|f| f.extensions.contains(&ext.as_str()))
            .map(|f| f.format)
    }

    /// The format of an exact canonical name (`text`, `markdown`, `html`).
    pub fn from_name(name: &str) -> Option<Format> {
        FORMATS.iter().find(|f| f.name == name).map(|f| f.format)
    }

    /// The format of an editor's language id (`plaintext`, `markdown`, `html`).
    pub fn from_language_id(id: &str) -> Option<Format> {
        FORMATS
            .iter()
            .find(|f| f.language_ids.contains(&id))
            .map(|f| f.format)
    }

    /// Whether `path` has a registered extension (what a directory walk lints).
    pub fn is_ad_path(path: &std::path::Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
            .is_some()
    }

    /// Pick a format from a file name's extension (`.md`, `.html`, ...); text otherwise.
    pub fn from_path(path: &std::path::Path) -> Format {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
            .unwrap_or_default()
    }

    pub fn as_str(self) -> &'static str {
        self.info().name
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FORMATS
            .iter()
            .find(|f| f.name == s || f.aliases.contains(&s))
            .map(|f| f.format)
            .ok_or_else(|| format!("unknown input format `{s}` (expected text, markdown or html)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_variant_order_and_names_are_unique() {
        for (i, f) in Format::ALL.iter().enumerate() {
            assert_eq!(FORMATS[i].format, *f);
            assert_eq!(f.as_str().parse::<Format>(), Ok(*f));
            assert_eq!(Format::from_name(f.as_str()), Some(*f));
        }
        let mut all: Vec<&str> = FORMATS
            .iter()
            .flat_map(|f| f.aliases.iter().chain([&f.name]))
            .copied()
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "a name or alias is listed for two formats");
        let mut exts: Vec<&str> = FORMATS.iter().flat_map(|f| f.extensions).copied().collect();
        let n = exts.len();
        exts.sort_unstable();
        exts.dedup();
        assert_eq!(exts.len(), n, "an extension is listed for two formats");
    }

    #[test]
    fn every_extension_picks_its_format_by_path_and_is_walked() {
        use std::path::Path;
        for f in FORMATS {
            for e in f.extensions {
                for name in [format!("ad.{e}"), format!("AD.{}", e.to_uppercase())] {
                    assert_eq!(Format::from_path(Path::new(&name)), f.format, "{name}");
                    assert!(Format::is_ad_path(Path::new(&name)), "{name}");
                }
            }
        }
        assert!(!Format::is_ad_path(Path::new("logo.png")));
        assert!(!Format::is_ad_path(Path::new("README")));
        assert_eq!(Format::from_path(Path::new("README")), Format::Text);
    }
}
