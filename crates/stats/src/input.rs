//! The ads to aggregate: files and directories as `biasvask check` takes them, and JSON Lines
//! exports (one ad per line: `text` and optional metadata). Read one at a time: nothing here
//! holds more than the ad being read.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use biasvask::{Format, Lang};
use serde_json::Value;

use crate::period::Date;
use crate::t;

/// Where ads come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// One ad file (format from its extension).
    File(PathBuf),
    /// Every ad file under a directory (`biasvask::FORMATS` extensions), in name order.
    Dir(PathBuf),
    /// A JSON Lines export (`.jsonl`, `.ndjson`).
    Jsonl(PathBuf),
    /// A JSON Lines export on standard input (`-`).
    Stdin,
}

impl Source {
    /// What a command-line path means: `-` is JSON Lines on standard input, a directory is
    /// walked, a `.jsonl`/`.ndjson` file is an export, any other file is one ad.
    pub fn from_arg(p: &Path) -> Source {
        if p.as_os_str() == "-" {
            Source::Stdin
        } else if p.is_dir() {
            Source::Dir(p.to_path_buf())
        } else if is_jsonl(p) {
            Source::Jsonl(p.to_path_buf())
        } else {
            Source::File(p.to_path_buf())
        }
    }

    /// Its size in bytes, for a progress bar (0 when unknown).
    pub fn size_hint(&self) -> u64 {
        match self {
            Source::File(p) | Source::Jsonl(p) => {
                std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
            }
            Source::Dir(_) | Source::Stdin => 0,
        }
    }
}

fn is_jsonl(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// Applicant counts by gender. `other` sums any further keys (`"other"`, `"unknown"` ...).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applicants {
    pub women: u64,
    pub men: u64,
    pub other: u64,
}

/// One ad with its metadata.
#[derive(Debug, Clone)]
pub struct Ad {
    /// Where it came from: `export.jsonl:12` or the file's path.
    pub origin: String,
    /// The export's `id`, else the origin.
    pub id: String,
    /// The `date` as given (for the CSV) and as read (for periods).
    pub date_raw: Option<String>,
    pub date: Option<Date>,
    pub title: Option<String>,
    pub employer: Option<String>,
    pub department: Option<String>,
    pub sector: Option<String>,
    pub url: Option<String>,
    pub format: Format,
    pub applicants: Option<Applicants>,
    pub text: String,
}

/// A problem with one input (a line, a file): reported, the rest goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError(pub String);

/// Parse one JSON Lines record. `Err` names what is wrong (the caller adds the line number).
pub fn parse_record(line: &str, lang: Lang) -> Result<Ad, String> {
    let v: Value = serde_json::from_str(line)
        .map_err(|e| format!("{}: {e}", t(lang, "ugyldig JSON", "invalid JSON")))?;
    let Value::Object(o) = v else {
        return Err(t(
            lang,
            "linjen er ikke et JSON-objekt",
            "the line is not a JSON object",
        )
        .into());
    };
    let wrong = |k: &str, what_da: &str, what_en: &str| -> String {
        match lang {
            Lang::Da => format!("feltet «{k}» skal være {what_da}"),
            Lang::En => format!("the field `{k}` must be {what_en}"),
        }
    };
    let text = match o.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(wrong("text", "en streng", "a string")),
        None => return Err(t(lang, "feltet «text» mangler", "the field `text` is missing").into()),
    };
    let string = |k: &str| -> Result<Option<String>, String> {
        match o.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(wrong(k, "en streng", "a string")),
        }
    };
    let id = match o.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => {
            return Err(wrong(
                "id",
                "en streng eller et tal",
                "a string or a number",
            ))
        }
    };
    let date_raw = string("date")?;
    let date = match &date_raw {
        Some(s) if !s.trim().is_empty() => Some(Date::parse(s).ok_or_else(|| match lang {
            Lang::Da => {
                format!("feltet «date» skal være en dato (ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM), ikke «{s}»")
            }
            Lang::En => {
                format!("the field `date` must be a date (YYYY-MM-DD or YYYY-MM), not `{s}`")
            }
        })?),
        _ => None,
    };
    let format = match string("format")? {
        None => Format::Text,
        Some(f) => Format::from_name(&f).ok_or_else(|| match lang {
            Lang::Da => format!("ukendt format «{f}» (text, markdown eller html)"),
            Lang::En => format!("unknown format `{f}` (text, markdown or html)"),
        })?,
    };
    let applicants = match o.get("applicants") {
        None | Some(Value::Null) => None,
        Some(Value::Object(a)) => {
            let mut out = Applicants::default();
            for (k, v) in a {
                let n = v.as_u64().ok_or_else(|| match lang {
                    Lang::Da => format!("«applicants.{k}» skal være et helt tal ≥ 0"),
                    Lang::En => format!("`applicants.{k}` must be a whole number ≥ 0"),
                })?;
                match k.as_str() {
                    "women" => out.women = n,
                    "men" => out.men = n,
                    _ => out.other = out.other.saturating_add(n),
                }
            }
            Some(out)
        }
        Some(_) => {
            return Err(wrong(
                "applicants",
                "et objekt, fx {\"women\": 12, \"men\": 31}",
                "an object such as {\"women\": 12, \"men\": 31}",
            ))
        }
    };
    Ok(Ad {
        origin: String::new(),
        id: id.unwrap_or_default(),
        date_raw,
        date,
        title: string("title")?,
        employer: string("employer")?,
        department: string("department")?,
        sector: string("sector")?,
        url: string("url")?,
        format,
        applicants,
        text,
    })
}

/// Read every ad of `sources` in order, calling `ad` for each (with the bytes it took) and
/// `bad` for each input that could not be read (a bad line with its number, a file). Stops
/// early when `ad` returns false. `Err` only when a source cannot be opened at all.
pub fn read_all(
    sources: &[Source],
    max_size: u64,
    lang: Lang,
    skip: Option<&Path>,
    ad: &mut dyn FnMut(Ad, u64) -> bool,
    bad: &mut dyn FnMut(InputError),
) {
    let skip = skip.and_then(|s| s.canonicalize().ok());
    for s in sources {
        let go_on = match s {
            Source::Stdin => {
                let stdin = std::io::stdin();
                read_jsonl("<stdin>", stdin.lock(), max_size, lang, ad, bad)
            }
            Source::Jsonl(p) => match std::fs::File::open(p) {
                Ok(f) => read_jsonl(
                    &p.display().to_string(),
                    BufReader::with_capacity(1 << 16, f),
                    max_size,
                    lang,
                    ad,
                    bad,
                ),
                Err(e) => {
                    bad(InputError(cannot_read(lang, &p.display().to_string(), &e)));
                    true
                }
            },
            Source::File(p) => read_file(p, max_size, lang, ad, bad),
            Source::Dir(d) => {
                let mut found = 0usize;
                let mut go_on = true;
                for entry in walkdir::WalkDir::new(d)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| !skip_dir(e) && !is_skipped(e, skip.as_deref()))
                {
                    match entry {
                        Ok(e) if e.file_type().is_file() && Format::is_ad_path(e.path()) => {
                            found += 1;
                            if !read_file(e.path(), max_size, lang, ad, bad) {
                                go_on = false;
                                break;
                            }
                        }
                        Ok(_) => {}
                        Err(e) => bad(InputError(format!("{e}"))),
                    }
                }
                if found == 0 {
                    bad(InputError(match lang {
                        Lang::Da => format!(
                            "{}: ingen annoncer (.txt, .md, .html) i mappen",
                            d.display()
                        ),
                        Lang::En => format!(
                            "{}: no ads (.txt, .md, .html) in the directory",
                            d.display()
                        ),
                    }));
                }
                go_on
            }
        };
        if !go_on {
            return;
        }
    }
}

/// Whether `e` is the `skip` directory (canonical: the report's own folder among the ads).
fn is_skipped(e: &walkdir::DirEntry, skip: Option<&Path>) -> bool {
    e.file_type().is_dir() && skip.is_some_and(|s| e.path().canonicalize().is_ok_and(|p| p == s))
}

fn skip_dir(e: &walkdir::DirEntry) -> bool {
    e.depth() > 0
        && e.file_type().is_dir()
        && e.file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules")
}

fn cannot_read(lang: Lang, name: &str, e: &std::io::Error) -> String {
    match lang {
        Lang::Da => format!("{name}: kan ikke læses: {e}"),
        Lang::En => format!("{name}: cannot be read: {e}"),
    }
}

fn read_file(
    p: &Path,
    max_size: u64,
    lang: Lang,
    ad: &mut dyn FnMut(Ad, u64) -> bool,
    bad: &mut dyn FnMut(InputError),
) -> bool {
    let name = p.display().to_string();
    let mut buf = Vec::new();
    let res = std::fs::File::open(p).and_then(|f| f.take(max_size + 1).read_to_end(&mut buf));
    if let Err(e) = res {
        bad(InputError(cannot_read(lang, &name, &e)));
        return true;
    }
    if buf.len() as u64 > max_size {
        bad(InputError(too_big(lang, &name, max_size)));
        return true;
    }
    let n = buf.len() as u64;
    match decode(buf) {
        Ok(text) => ad(
            Ad {
                origin: name.clone(),
                id: name,
                date_raw: None,
                date: None,
                title: None,
                employer: None,
                department: None,
                sector: None,
                url: None,
                format: Format::from_path(p),
                applicants: None,
                text,
            },
            n,
        ),
        Err(why) => {
            bad(InputError(format!("{name}: {}", why.say(lang))));
            true
        }
    }
}

fn too_big(lang: Lang, name: &str, max: u64) -> String {
    match lang {
        Lang::Da => format!("{name}: input er over grænsen på {max} bytes (--max-size)"),
        Lang::En => format!("{name}: input is over the limit of {max} bytes (--max-size)"),
    }
}

enum DecodeError {
    Binary,
    Utf8(usize),
}

impl DecodeError {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (DecodeError::Binary, Lang::Da) => "ser binær ud (NUL-bytes); springes over".into(),
            (DecodeError::Binary, Lang::En) => "looks binary (NUL bytes); skipped".into(),
            (DecodeError::Utf8(at), Lang::Da) => format!("er ikke gyldig UTF-8 (byte {at})"),
            (DecodeError::Utf8(at), Lang::En) => format!("is not valid UTF-8 (byte {at})"),
        }
    }
}

fn decode(mut bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| DecodeError::Utf8(e.utf8_error().valid_up_to()))
}

/// Read a JSON Lines stream; each line over `max_size` bytes, not UTF-8 or not a record is
/// reported with its 1-based number and skipped. Blank lines are skipped silently.
pub fn read_jsonl<R: BufRead>(
    name: &str,
    mut r: R,
    max_size: u64,
    lang: Lang,
    ad: &mut dyn FnMut(Ad, u64) -> bool,
    bad: &mut dyn FnMut(InputError),
) -> bool {
    let mut line = Vec::new();
    let mut no = 0u64;
    loop {
        line.clear();
        no += 1;
        let n = match (&mut r).take(max_size + 1).read_until(b'\n', &mut line) {
            Ok(0) => return true,
            Ok(n) => n as u64,
            Err(e) => {
                bad(InputError(cannot_read(lang, name, &e)));
                return true;
            }
        };
        let at = format!("{name}:{no}");
        if line.last() != Some(&b'\n') && n > max_size {
            // Too long: skip to the end of the line, holding none of it.
            while let Ok(buf) = r.fill_buf() {
                if buf.is_empty() {
                    break;
                }
                match memchr_nl(buf) {
                    Some(i) => {
                        r.consume(i + 1);
                        break;
                    }
                    None => {
                        let l = buf.len();
                        r.consume(l);
                    }
                }
            }
            bad(InputError(too_big(lang, &at, max_size)));
            continue;
        }
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let text = match std::str::from_utf8(&line) {
            Ok(s) => s,
            Err(e) => {
                bad(InputError(format!(
                    "{at}: {}",
                    DecodeError::Utf8(e.valid_up_to()).say(lang)
                )));
                continue;
            }
        };
        match parse_record(text, lang) {
            Ok(mut a) => {
                a.origin = at;
                if a.id.is_empty() {
                    a.id = a.origin.clone();
                }
                if !ad(a, n) {
                    return false;
                }
            }
            Err(why) => bad(InputError(format!("{at}: {why}"))),
        }
    }
}

fn memchr_nl(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> (Vec<Ad>, Vec<String>) {
        let mut ads = Vec::new();
        let mut bad = Vec::new();
        read_jsonl(
            "x.jsonl",
            s.as_bytes(),
            200,
            Lang::En,
            &mut |a, _| {
                ads.push(a);
                true
            },
            &mut |e| bad.push(e.0),
        );
        (ads, bad)
    }

    #[test]
    fn bad_lines_are_named_and_skipped() {
        let long = format!("{{\"text\": \"{}\"}}", "a".repeat(300));
        let input = format!(
            "{{\"text\": \"one\", \"id\": 7, \"date\": \"2024-03-05\", \"applicants\": {{\"women\": 2, \"men\": 3, \"other\": 1}}}}\n\
             not json\n\
             \n\
             {{\"id\": \"x\"}}\n\
             {long}\n\
             {{\"text\": \"two\", \"date\": \"yesterday\"}}\n\
             {{\"text\": \"three\", \"format\": \"html\", \"department\": \"IT\"}}\r\n\
             [1]\n\
             {{\"text\": \"four\", \"applicants\": {{\"women\": -1}}}}\n\
             {{\"text\": \"five\"}}"
        );
        let (ads, bad) = read(&input);
        let texts: Vec<&str> = ads.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["one", "three", "five"]);
        assert_eq!(ads[0].id, "7");
        assert_eq!(ads[0].date, Date::parse("2024-03-05"));
        assert_eq!(
            ads[0].applicants,
            Some(Applicants {
                women: 2,
                men: 3,
                other: 1
            })
        );
        assert_eq!(ads[1].format, Format::Html);
        assert_eq!(ads[1].department.as_deref(), Some("IT"));
        assert_eq!(ads[1].id, "x.jsonl:7");
        assert_eq!(ads[2].id, "x.jsonl:10");
        let lines: Vec<&str> = bad.iter().map(|b| b.split(':').nth(1).unwrap()).collect();
        assert_eq!(lines, ["2", "4", "5", "6", "8", "9"], "{bad:?}");
        assert!(bad[1].contains("`text`"), "{}", bad[1]);
        assert!(bad[3].contains("yesterday"), "{}", bad[3]);
    }
}
