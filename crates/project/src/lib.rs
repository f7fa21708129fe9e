//! The project's `biasvask.toml` on disk, for the front ends that run on a machine (CLI, LSP,
//! HTTP server). The core parses a configuration from a string ([`Config::parse`]) and does no
//! I/O; finding the file, and deciding whether to trust it, happens here.

#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

use biasvask::config::{Config, ConfigError, FILE_NAME};

/// The owner of `path` when it is neither the user running biasvask nor root.
#[cfg(unix)]
fn foreign_owner(path: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let owner = std::fs::metadata(path).ok()?.uid();
    // Our effective uid: the owner of this process's /proc entry (Linux); elsewhere the check
    // is skipped.
    let me = std::fs::metadata("/proc/self").ok()?.uid();
    (owner != me && owner != 0).then_some(owner)
}

#[cfg(not(unix))]
fn foreign_owner(_path: &Path) -> Option<u32> {
    None
}

/// The configuration a front end runs with: none with `no_config`, the file named by
/// `explicit` (`--config`), or else [`discover`]ed from the working directory upward.
pub fn resolve(no_config: bool, explicit: Option<&Path>) -> Result<Option<Config>, ConfigError> {
    if no_config {
        Ok(None)
    } else if let Some(p) = explicit {
        load(p).map(Some)
    } else {
        Ok(discover(Path::new("."))?.map(|(_, c)| c))
    }
}

/// Read and parse a file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ConfigError {
        path: name.clone(),
        line: None,
        column: None,
        key: None,
        message: format!("cannot read: {e}"),
    })?;
    let src = String::from_utf8(bytes).map_err(|e| ConfigError {
        path: name.clone(),
        line: None,
        column: None,
        key: None,
        message: format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
    })?;
    Config::parse(&name, &src)
}

/// `biasvask.toml` in `dir` or its nearest parent directory.
///
/// The search stops at the repository root (a directory holding `.git`) and at the user's
/// home directory, so a file planted higher up (`/tmp/biasvask.toml`, `/biasvask.toml`)
/// is never applied. A file owned by another user (not root) is ignored with a warning on
/// stderr: anyone who can write it could switch every rule off.
pub fn discover(dir: &Path) -> Result<Option<(PathBuf, Config)>, ConfigError> {
    let start = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|c| c.join(dir))
            .unwrap_or_else(|_| dir.to_path_buf())
    };
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    for d in start.ancestors() {
        let p = d.join(FILE_NAME);
        if p.is_file() {
            match foreign_owner(&p) {
                Some(uid) => eprintln!(
                    "biasvask: ignoring {}: it is owned by another user (uid {uid})",
                    terminal::escape(&p.display().to_string())
                ),
                None => {
                    let c = load(&p)?;
                    return Ok(Some((p, c)));
                }
            }
        }
        if d.join(".git").exists() || home.as_deref() == Some(d) {
            break;
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_stops_at_the_repository_root() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join(FILE_NAME), "lang = \"en\"\n").unwrap();
        let repo = root.path().join("repo");
        let sub = repo.join("ads");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(&sub).unwrap();
        assert!(discover(&sub).unwrap().is_none());
        std::fs::write(repo.join(FILE_NAME), "lang = \"en\"\n").unwrap();
        let (path, config) = discover(&sub).unwrap().expect("found");
        assert_eq!(path, repo.join(FILE_NAME));
        assert_eq!(config.lang, Some(biasvask::Lang::En));
    }

    #[test]
    fn load_names_the_file_in_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, "nope = 1\n").unwrap();
        let e = load(&p).unwrap_err();
        assert_eq!(e.path, p.display().to_string());
        assert_eq!(e.line, Some(1));
    }
}

/// Text safe for a terminal: what the CLI, the LSP and the HTTP server print on stderr or in
/// the human report passes through here, so no escape sequence of an ad or a file name
/// reaches the terminal raw.
pub mod terminal {
    use std::borrow::Cow;

    /// Whether `c` must not reach a terminal as it is: control characters (C0, DEL, C1, which
    /// start escape sequences) and the invisible direction and format marks.
    pub fn is_unsafe(c: char) -> bool {
        c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    }

    /// Push `c`, escaped when unsafe (a tab becomes a space).
    pub fn push_escaped(out: &mut String, c: char) {
        if c == '\t' {
            out.push(' ');
        } else if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }

    /// `s` with every unsafe character (see [`is_unsafe`]) escaped; line breaks are kept when
    /// `lines`.
    pub fn escape_text(s: &str, lines: bool) -> Cow<'_, str> {
        if !s.chars().any(|c| is_unsafe(c) && !(lines && c == '\n')) {
            return Cow::Borrowed(s);
        }
        let mut out = String::with_capacity(s.len() + 8);
        for c in s.chars() {
            if lines && c == '\n' {
                out.push(c);
            } else {
                push_escaped(&mut out, c);
            }
        }
        Cow::Owned(out)
    }

    /// `s` (a file name, a message) safe to print on a terminal.
    pub fn escape(s: &str) -> Cow<'_, str> {
        escape_text(s, false)
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn control_characters_are_escaped() {
            assert_eq!(super::escape("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\u{a}c");
            assert_eq!(super::escape_text("a\nb\u{202e}", true), "a\nb\\u{202e}");
            assert!(matches!(
                super::escape("rengøring"),
                std::borrow::Cow::Borrowed(_)
            ));
        }
    }
}
