//! `file:` URIs <-> paths (for finding a document's `biasvask.toml`).

use std::path::{Path, PathBuf};

use lsp_types::Uri;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Bytes kept as they are in a path (RFC 3986 unreserved characters, `/` and `:`).
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b':');

/// The local path of a `file:` URI (`file:///home/a/annonce.md`, `file://localhost/...`,
/// `file:///C:/...` on Windows). `None` for other schemes (`untitled:`) and remote hosts.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str();
    let scheme_end = s.find(':')?;
    if !s[..scheme_end].eq_ignore_ascii_case("file") {
        return None;
    }
    let rest = s[scheme_end + 1..].strip_prefix("//")?;
    let (host, path) = rest.split_at(rest.find('/')?);
    if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    if cfg!(windows) {
        // `/C:/dir` -> `C:/dir`
        let b = decoded.as_bytes();
        if b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' {
            return Some(PathBuf::from(&decoded[1..]));
        }
    }
    Some(PathBuf::from(decoded.as_ref()))
}

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    let s = path.to_str()?;
    let s = if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.to_string()
    };
    let lead = if s.starts_with('/') { "" } else { "/" };
    format!("file://{lead}{}", utf8_percent_encode(&s, PATH))
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> Uri {
        s.parse().unwrap()
    }

    #[test]
    #[cfg(unix)]
    fn file_uris_round_trip() {
        let p = to_path(&uri("file:///tmp/job%20ads/st%C3%B8rre%20annonce.md")).unwrap();
        assert_eq!(p, PathBuf::from("/tmp/job ads/større annonce.md"));
        assert_eq!(
            from_path(&p).unwrap().as_str(),
            "file:///tmp/job%20ads/st%C3%B8rre%20annonce.md"
        );
        assert_eq!(
            to_path(&uri("file://localhost/a/b.txt")).unwrap(),
            PathBuf::from("/a/b.txt")
        );
    }

    #[test]
    fn other_schemes_have_no_path() {
        assert_eq!(to_path(&uri("untitled:Untitled-1")), None);
        assert_eq!(to_path(&uri("file://server/share/a.txt")), None);
        assert_eq!(to_path(&uri("https://example.invalid/a.txt")), None);
    }
}
