//! Hostile inputs for fixes (issue 8 §4, issue 9 "--fix must never corrupt or lose"): markup
//! inside a finding, unsafe suggestions, repeated neighbours, and files that must be left
//! alone (read-only, hard links, changed while fixing), symlinks, ownership, standard input
//! and write errors. Cases are data where they can be.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use biasvask::diagnostic::Applicability;
use biasvask::{fix, Engine, Format, Lang, Options, Rule};
use biasvask_cli::sarif;
use proptest::prelude::*;

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_biasvask");

fn engine() -> Engine {
    Engine::new().unwrap()
}

/// (format, source, the source after a safe fix, findings left unfixed because of markup)
const MARKUP: &[(Format, &str, &str, usize)] = &[
    // A tag inside the word: the change crosses it, so the finding is left alone.
    (
        Format::Html,
        "<p><b>Form</b>and søges.</p>",
        "<p><b>Form</b>and søges.</p>",
        1,
    ),
    (
        Format::Html,
        "<p><b>Form</b>anden søges.</p>",
        "<p><b>Form</b>anden søges.</p>",
        1,
    ),
    // The change fits after the tag: only the text there is edited, the link is kept.
    (
        Format::Html,
        "<p>Vores <a href=\"/x\">rengørings</a>dame.</p>",
        "<p>Vores <a href=\"/x\">rengørings</a>assistent.</p>",
        0,
    ),
    // A comment inside the word is kept.
    (
        Format::Html,
        "<p>Ny for<!-- x -->mand.</p>",
        "<p>Ny for<!-- x -->person.</p>",
        0,
    ),
    // Entities alone are text: the whole word is replaced, in raw UTF-8.
    (
        Format::Html,
        "<p>Vores reng&oslash;ringsdame.</p>",
        "<p>Vores rengøringsassistent.</p>",
        0,
    ),
    // Markdown emphasis inside the word.
    (
        Format::Markdown,
        "**form**and søges.\n",
        "**form**and søges.\n",
        1,
    ),
    (
        Format::Markdown,
        "*Form*and søges.\n",
        "*Form*and søges.\n",
        1,
    ),
    (
        Format::Markdown,
        "Ny for<!-- x -->mand.\n",
        "Ny for<!-- x -->person.\n",
        0,
    ),
    // A phrase with a tag inside: the change would cross it.
    (
        Format::Html,
        "<p>Vi søger en <b>kvindelig</b> pædagog.</p>",
        "<p>Vi søger en <b>kvindelig</b> pædagog.</p>",
        1,
    ),
    (
        Format::Html,
        "<p>Mand <em>dig</em> op!</p>",
        "<p>Mand <em>dig</em> op!</p>",
        1,
    ),
    // An empty tag inside a compound: the change is after it.
    (
        Format::Html,
        "<p>Lager<wbr>formand søges.</p>",
        "<p>Lager<wbr>forperson søges.</p>",
        0,
    ),
    (
        Format::Html,
        "<p>FORM&AElig;ND s&oslash;ges.</p>",
        "<p>FORPERSONER s&oslash;ges.</p>",
        0,
    ),
    // The text of a shortcut (`[Formand]`) or collapsed (`[Lagerformanden][]`) reference link
    // is the label that finds its definition: a fix would leave a link that no longer
    // resolves, so the finding is left and said.
    (
        Format::Markdown,
        "Kontakt vores [Formand] for info.\n\n[formand]: https://x.dk/a\n",
        "Kontakt vores [Formand] for info.\n\n[formand]: https://x.dk/a\n",
        1,
    ),
    (
        Format::Markdown,
        "Kontakt [Lagerformanden][] for info.\n\n[lagerformanden]: https://x.dk/b\n",
        "Kontakt [Lagerformanden][] for info.\n\n[lagerformanden]: https://x.dk/b\n",
        1,
    ),
    // A full reference's text is not its label: it is fixed, the label kept.
    (
        Format::Markdown,
        "Kontakt [Lagerformand][formand] for info.\n\n[formand]: https://x.dk/a\n",
        "Kontakt [Lagerforperson][formand] for info.\n\n[formand]: https://x.dk/a\n",
        0,
    ),
    // Text beside a shortcut reference is text: the change fits after the link.
    (
        Format::Markdown,
        "Ny [Lager]formand.\n\n[lager]: https://x.dk/l\n",
        "Ny [Lager]forperson.\n\n[lager]: https://x.dk/l\n",
        0,
    ),
    // Brackets without a definition are no link: their text is text.
    (
        Format::Markdown,
        "Kontakt vores [Formand] for info.\n",
        "Kontakt vores [Forperson] for info.\n",
        0,
    ),
    // `<plaintext>` is a block: «Lager» and «Formand» are two words, so the fix is the
    // capitalised word's own (it read «Lager</button><plaintext>Formand» and wrote «forperson»).
    (
        Format::Html,
        "<p>Vi søger <button>Lager</button><plaintext>Formand søges",
        "<p>Vi søger <button>Lager</button><plaintext>Forperson søges",
        0,
    ),
    (
        Format::Html,
        "<button>Formand P</button><plaintext>Formand Q <b>x</b>\n",
        "<button>Forperson P</button><plaintext>Forperson Q <b>x</b>\n",
        0,
    ),
    (
        Format::Html,
        "<p>Ny lager<xmp>Formand</xmp>formand.</p>",
        "<p>Ny lager<xmp>Forperson</xmp>forperson.</p>",
        0,
    ),
    // A combining mark that composes with nothing is its letter's: a fix of the word replaces
    // it with the letter, and keeps it on a letter the fix keeps (as the suggestion does).
    (
        Format::Text,
        "Vi søger en formand\u{30a}.",
        "Vi søger en forperson.",
        0,
    ),
    (
        Format::Text,
        "Vi søger en rengo\u{30a}ringsdame.",
        "Vi søger en rengo\u{30a}ringsmedarbejder.",
        0,
    ),
    (
        Format::Html,
        "<p>Vi søger en <b>rengo\u{30a}rings</b>dame.</p>",
        "<p>Vi søger en <b>rengo\u{30a}rings</b>medarbejder.</p>",
        0,
    ),
    // A title written for both sexes is replaced whole, never half of it.
    (
        Format::Html,
        "<p>Brandmand/-kvinde søges.</p>",
        "<p>Brandbekæmper søges.</p>",
        0,
    ),
    // Plain words next to markup are fixed as before.
    (
        Format::Html,
        "<p><b>Formand</b> søges.</p>",
        "<p><b>Forperson</b> søges.</p>",
        0,
    ),
    (
        Format::Markdown,
        "**Formand** søges.\n",
        "**Forperson** søges.\n",
        0,
    ),
    (
        Format::Text,
        "Formanden søges.\n",
        "Forpersonen søges.\n",
        0,
    ),
];

/// The markup of the `MARKUP` sources: every piece must survive every fix.
const PIECES: &[&str] = &[
    "<b>",
    "</b>",
    "</a>",
    "<!-- x -->",
    "**",
    "*",
    "<wbr>",
    "<em>",
    "</em>",
];

#[test]
fn markup_inside_a_finding_is_never_deleted() {
    let e = engine();
    for &(format, src, want, unfixable) in MARKUP {
        let f = fix::fix(&e, src, format, &Options::default(), fix::Scope::Unsafe);
        assert_eq!(f.text, want, "{format:?} {src:?}");
        assert_eq!(f.unfixable.len(), unfixable, "{format:?} {src:?}");
        // Every piece of markup of the source is still there, in order.
        for &m in PIECES {
            assert_eq!(
                src.matches(m).count(),
                f.text.matches(m).count(),
                "{m} in {src:?} -> {:?}",
                f.text
            );
        }
    }
}

#[test]
fn sarif_fixes_are_the_fix_edits_and_never_delete_markup() {
    // A SARIF consumer that applies any fix of any result keeps every piece of markup; the
    // first fix of each result is the edit --fix makes, and a finding --fix leaves alone has
    // no fix at all.
    let e = engine();
    for &(format, src, want, unfixable) in MARKUP {
        let report = e.lint(src, format, &Options::default());
        let artifact = sarif::Artifact {
            path: "ad",
            file: None,
            source: src,
            format,
            report: &report,
        };
        let doc = sarif::document(&[artifact], Lang::Da, fix::Scope::Unsafe);
        let results = doc["runs"][0]["results"].as_array().expect("results");
        assert_eq!(results.len(), report.diagnostics.len());
        let mut firsts = Vec::new();
        let mut without = 0;
        for (r, d) in results.iter().zip(&report.diagnostics) {
            let fixes = r["fixes"].as_array().map_or(&[][..], Vec::as_slice);
            if fix::Scope::Unsafe.includes(d) && fixes.is_empty() {
                without += 1;
            }
            for (k, f) in fixes.iter().enumerate() {
                let rep = &f["artifactChanges"][0]["replacements"][0];
                let start = rep["deletedRegion"]["byteOffset"].as_u64().expect("offset") as usize;
                let len = rep["deletedRegion"]["byteLength"].as_u64().expect("length") as usize;
                let edit = fix::Edit {
                    start,
                    end: start + len,
                    replacement: rep["insertedContent"]["text"]
                        .as_str()
                        .expect("text")
                        .into(),
                };
                let applied = fix::apply_edits(src, std::slice::from_ref(&edit));
                for &m in PIECES {
                    assert_eq!(
                        src.matches(m).count(),
                        applied.matches(m).count(),
                        "fix {k} of {d:?} deletes {m}: {src:?} -> {applied:?}"
                    );
                }
                if k == 0 {
                    firsts.push(edit);
                }
            }
        }
        assert_eq!(without, unfixable, "{format:?} {src:?}");
        firsts.sort_by_key(|e| e.start);
        assert_eq!(fix::apply_edits(src, &firsts), want, "{format:?} {src:?}");
    }
}

/// The first suggestion of a finding is a full replacement for its text, and the fix (`--fix`,
/// SARIF) writes exactly that: also where the source has a combining mark the normalised text
/// left out (the JSON said «rengoringsmedarbejder» while the fix wrote
/// «rengo\u{30a}ringsmedarbejder»), and over a title written for both sexes.
#[test]
fn the_fix_of_a_plain_word_is_its_first_suggestion_in_json_and_sarif() {
    let e = engine();
    for src in [
        "Vi søger en rengo\u{30a}ringsdame og en formand\u{30a}.",
        "Vi søger en rengorings\u{30a}dame.",
        "Vi søger en ha\u{30a}ndværksmand og en for\u{ad}mand.",
        "Brandmand/-kvinde søges. Vi søger en formand(inde). FoRmAnD søges.",
    ] {
        let report = e.lint(src, Format::Text, &Options::default());
        let artifact = sarif::Artifact {
            path: "ad",
            file: None,
            source: src,
            format: Format::Text,
            report: &report,
        };
        let doc = sarif::document(&[artifact], Lang::Da, fix::Scope::Safe);
        let results = doc["runs"][0]["results"].as_array().expect("results");
        let fixer = fix::Fixer::new(src, Format::Text);
        let mut n = 0;
        for (r, d) in results.iter().zip(&report.diagnostics) {
            let Some(first) = d.suggestions.first() else {
                continue;
            };
            n += 1;
            let whole = fix::Edit {
                start: d.span.start,
                end: d.span.end,
                replacement: first.clone(),
            };
            assert_eq!(fixer.edit(d, first).as_ref(), Some(&whole), "{d:?}");
            let rep = &r["fixes"][0]["artifactChanges"][0]["replacements"][0];
            let start = rep["deletedRegion"]["byteOffset"].as_u64().expect("offset") as usize;
            let len = rep["deletedRegion"]["byteLength"].as_u64().expect("length") as usize;
            assert_eq!((start, start + len), (d.span.start, d.span.end), "{d:?}");
            assert_eq!(rep["insertedContent"]["text"], first.as_str(), "{d:?}");
        }
        assert!(n >= 1, "{src}");
    }
}

#[test]
fn the_fixer_offers_no_edit_that_would_delete_markup() {
    let e = engine();
    let src = "<p><b>Form</b>and søges.</p>";
    let report = e.lint(src, Format::Html, &Options::default());
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::GenderedTerm)
        .expect("Form</b>and is found");
    let fixer = fix::Fixer::new(src, Format::Html);
    assert!(!fixer.is_exact(d));
    for s in &d.suggestions {
        assert_eq!(fixer.edit(d, s), None, "{s}");
    }
    // A replacement that keeps «Form» and changes only what follows the tag fits.
    let e = fixer.edit(d, "Formidler").expect("edit after the tag");
    assert_eq!(
        fix::apply_edits(src, &[e]),
        "<p><b>Form</b>idler søges.</p>"
    );
}

/// (source, rule, applicability)
const APPLICABILITY: &[(&str, Rule, Applicability)] = &[
    ("Formanden søges.", Rule::GenderedTerm, Applicability::Safe),
    (
        "Vores rengøringsdame.",
        Rule::GenderedTerm,
        Applicability::Safe,
    ),
    (
        "Du er ambitiøs.",
        Rule::MasculineCoded,
        Applicability::Unsafe,
    ),
    (
        "Du har gennemslagskraft.",
        Rule::MasculineCoded,
        Applicability::Unsafe,
    ),
];

#[test]
fn every_finding_with_suggestions_has_an_applicability() {
    let e = engine();
    for &(src, rule, want) in APPLICABILITY {
        let r = e.lint(src, Format::Text, &Options::default());
        let d = r.diagnostics.iter().find(|d| d.rule == rule).expect(src);
        assert!(!d.suggestions.is_empty(), "{src}");
        assert_eq!(d.applicability, Some(want), "{src}");
    }
    // Never one without the other.
    let r = e.lint(
        "Formanden er ambitiøs og selvstændig. Vi søger en kvinde. Han skal have kørekort.",
        Format::Text,
        &Options::default(),
    );
    for d in &r.diagnostics {
        assert_eq!(
            d.applicability.is_some(),
            !d.suggestions.is_empty(),
            "{d:?}"
        );
    }
}

#[test]
fn bulk_fixes_are_safe_unless_asked() {
    let e = engine();
    let src = "Formanden er ambitiøs.\n";
    let safe = fix::fix(&e, src, Format::Text, &Options::default(), fix::Scope::Safe);
    assert_eq!(safe.text, "Forpersonen er ambitiøs.\n");
    let all = fix::fix(
        &e,
        src,
        Format::Text,
        &Options::default(),
        fix::Scope::Unsafe,
    );
    assert_eq!(all.text, "Forpersonen er motiveret.\n");
}

/// (source, a coded word, a neighbour no suggestion of it may repeat)
const NEIGHBOURS: &[(&str, &str, &str)] = &[
    (
        "Vi tilbyder en udfordrende og spændende stilling.",
        "udfordrende",
        "spændende",
    ),
    (
        "Du er selvstændig og initiativrig.",
        "selvstændig",
        "initiativrig",
    ),
    (
        "Du er selvstændig og initiativrige.",
        "selvstændig",
        "initiativrig",
    ),
    ("Du er ambitiøs og motiveret.", "ambitiøs", "motiveret"),
    ("Du er AMBITIØS og MOTIVERET.", "AMBITIØS", "motiveret"),
];

#[test]
fn no_suggestion_repeats_a_neighbour() {
    let e = engine();
    for &(src, word, neighbour) in NEIGHBOURS {
        let r = e.lint(src, Format::Text, &Options::default());
        let d = r
            .diagnostics
            .iter()
            .find(|d| &src[d.span.range()] == word)
            .unwrap_or_else(|| panic!("{word} found in {src}"));
        for s in &d.suggestions {
            assert!(
                !s.to_lowercase().starts_with(neighbour),
                "{word} -> {s} in {src:?}"
            );
        }
        assert!(
            !d.message.contains(&format!("«{neighbour}»")),
            "{}",
            d.message
        );
        let fixed = fix::fix(
            &e,
            src,
            Format::Text,
            &Options::default(),
            fix::Scope::Unsafe,
        );
        let lower = fixed.text.to_lowercase();
        assert_eq!(lower.matches(neighbour).count(), 1, "{:?}", fixed.text);
    }
    // A suggestion that repeats a word of another sentence is kept.
    let r = e.lint(
        "Du er ambitiøs. Vi er motiverede.",
        Format::Text,
        &Options::default(),
    );
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::MasculineCoded)
        .unwrap();
    assert_eq!(d.suggestions.first().map(String::as_str), Some("motiveret"));
}

// ---------------------------------------------------------------------------------------
// --diff: made from the fix's edits in one pass (a general line diff of the two texts was
// quadratic in the number of changed lines: 12 s for 40,000 changed lines), with the same
// text as that line diff.

/// Ads whose fixes make every shape of hunk (format, source).
const DIFFS: &[(Format, &str)] = &[
    // One line, without a final line break.
    (Format::Text, "Formanden søges"),
    (Format::Text, "Formand\n"),
    // Line breaks \r\n and a lone \r (with no final break).
    (Format::Text, "a\r\nFormanden søges\r\nb\r\n"),
    (Format::Text, "a\rFormanden søges\rb\rc"),
    // Changes 4 equal lines apart (one hunk at context 2), then 5 (two hunks).
    (
        Format::Text,
        "Formand\n1\n2\n3\n4\nFormand\n1\n2\n3\n4\n5\nFormand",
    ),
    // Several edits on one line, the first change after empty lines.
    (Format::Text, "x\n\n\nFormand og formand, formanden\n"),
    // Edits right beside a line break (the hyphenation is kept, the word after it changes).
    (Format::Text, "Vi søger en lager-\nmand og en for-\nmand.\n"),
    // Changed lines next to each other, at the start and at the end.
    (Format::Text, "Formanden.\nFormanden.\nok\nFormanden."),
    // Markup: the edit beside it.
    (
        Format::Html,
        "<p><b>Form</b>and søges. Ny formand.</p>\n<p>\nFormand\n</p>\n",
    ),
    // Nothing to fix, and nothing at all.
    (Format::Text, "Vi søger en kollega.\n"),
    (Format::Text, ""),
];

#[test]
fn diff_from_the_edits_is_the_line_diff() {
    let e = engine();
    for &(format, src) in DIFFS {
        for scope in [fix::Scope::Safe, fix::Scope::Unsafe] {
            let f = fix::fix(&e, src, format, &Options::default(), scope);
            assert_eq!(fix::apply_edits(src, &f.edits), f.text, "{src:?}");
            for context in 0..=3 {
                let ours = biasvask_cli::diff::unified(src, &f.text, &f.edits, context, "a", "b");
                let lines = similar::TextDiff::from_lines(src, &f.text)
                    .unified_diff()
                    .context_radius(context)
                    .header("a", "b")
                    .to_string();
                assert_eq!(ours, lines, "{src:?}, context {context}");
            }
        }
    }
}

/// Apply a unified diff of `biasvask_cli::diff::unified` to `old` (lines end at `\n`, `\r\n`
/// or a lone `\r`, as in the diff): `None` if it does not apply.
fn patch(old: &str, diff: &str) -> Option<String> {
    fn first_line(s: &str) -> &str {
        let b = s.as_bytes();
        let end = (0..b.len())
            .find(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
            .map_or(s.len(), |i| i + 1);
        &s[..end]
    }
    fn lines(mut s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        while !s.is_empty() {
            let l = first_line(s);
            out.push(l);
            s = &s[l.len()..];
        }
        out
    }
    let old_lines = lines(old);
    let mut out = String::new();
    let mut at = 0;
    let mut rest = diff;
    if !rest.is_empty() {
        // The header: `--- old name` and `+++ new name`.
        let (old_name, tail) = rest.split_once('\n')?;
        let (new_name, tail) = tail.split_once('\n')?;
        if !old_name.starts_with("--- ") || !new_name.starts_with("+++ ") {
            return None;
        }
        rest = tail;
    }
    let hint = "\\ No newline at end of file\n";
    while !rest.is_empty() {
        let (header, tail) = rest.split_once('\n')?;
        rest = tail;
        let ranges = header.strip_prefix("@@ -")?.strip_suffix(" @@")?;
        let (o, _) = ranges.split_once(" +")?;
        let (start, len) = o.split_once(',').unwrap_or((o, "1"));
        let (start, len): (usize, usize) = (start.parse().ok()?, len.parse().ok()?);
        let start = if len == 0 { start } else { start - 1 };
        if start < at {
            return None;
        }
        out.extend(old_lines.get(at..start)?.iter().copied());
        at = start;
        while let Some(tag) = rest.chars().next().filter(|c| " -+".contains(*c)) {
            let line = first_line(&rest[1..]);
            rest = &rest[1 + line.len()..];
            let line = match rest.strip_prefix(hint) {
                Some(r) => {
                    rest = r;
                    line.strip_suffix('\n')?
                }
                None => line,
            };
            match tag {
                ' ' | '-' => {
                    if old_lines.get(at) != Some(&line) {
                        return None;
                    }
                    at += 1;
                    if tag == ' ' {
                        out.push_str(line);
                    }
                }
                _ => out.push_str(line),
            }
        }
    }
    out.extend(old_lines.get(at..)?.iter().copied());
    Some(out)
}

#[test]
fn cli_diff_of_many_changes_is_linear_and_exact() {
    // 30,000 changed lines next to unchanged ones (one hunk), then 2,000 changed lines each 5
    // equal lines from the next (one hunk each): 32,000 fixes, in four rounds of fixing (at most
    // 10,000 findings a round). A line diff of the two texts (Myers, `similar`) took 21 s in a
    // debug build, with the same output; the diff from the edits well under a second.
    let mut src = String::new();
    let mut want = String::new();
    for i in 0..60_000 {
        let line = if i % 2 == 0 {
            format!("Formand nr {i}\n")
        } else {
            format!("ok {i}\n")
        };
        want.push_str(&line.replace("Formand", "Forperson"));
        src.push_str(&line);
    }
    for j in 0..2_000 {
        for k in 0..5 {
            let line = format!("ok {j} {k}\n");
            src.push_str(&line);
            want.push_str(&line);
        }
        src.push_str(&format!("Formand {j}\n"));
        want.push_str(&format!("Forperson {j}\n"));
    }
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "big.txt", &src);
    let o = run(d.path(), &["check", "--diff", "big.txt"], None);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stdout
            .starts_with("--- big.txt\n+++ big.txt\t(rettet)\n@@ -1,60001 +1,60001 @@\n"),
        "{}",
        &o.stdout[..200]
    );
    assert_eq!(o.stdout.matches("\n@@ -").count(), 2_001);
    assert_eq!(o.stdout.matches("\n-Formand").count(), 32_000);
    assert_eq!(o.stdout.matches("\n+Forperson").count(), 32_000);
    assert!(
        patch(&src, &o.stdout) == Some(want),
        "the diff applies and gives the fixed text"
    );
}

#[test]
fn cli_diff_applies_with_gnu_patch_to_a_name_with_spaces() {
    // `+++ a b.txt (rettet)` made GNU patch stop the name at the space: it asked which file to
    // patch, or patched a file named `a`. The name now ends at a tab.
    let have_patch = Command::new("patch")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() && o.stdout.starts_with(b"GNU patch"));
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a b.txt", AD);
    write(d.path(), "a", "et andet ord\n");
    write(d.path(), "plain.txt", AD);
    let o = run(d.path(), &["check", "--diff", "a b.txt", "plain.txt"], None);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stdout
            .starts_with("--- a b.txt\t\n+++ a b.txt\t(rettet)\n@@ -1 +1 @@\n")
            && o.stdout
                .contains("\n--- plain.txt\n+++ plain.txt\t(rettet)\n"),
        "{}",
        o.stdout
    );
    let en = run(
        d.path(),
        &["check", "--diff", "--lang", "en", "a b.txt"],
        None,
    );
    assert!(
        en.stdout
            .starts_with("--- a b.txt\t\n+++ a b.txt\t(fixed)\n"),
        "{}",
        en.stdout
    );
    if !have_patch {
        eprintln!("skipped applying it: GNU patch is not installed");
        return;
    }
    std::fs::write(d.path().join("fix.diff"), &o.stdout).unwrap();
    let mut c = Command::new("patch");
    c.args(["-p0", "--batch", "-i", "fix.diff"])
        .current_dir(d.path());
    let p = common::output(c, None);
    assert!(
        p.status.success(),
        "{}{}",
        String::from_utf8_lossy(&p.stdout),
        String::from_utf8_lossy(&p.stderr)
    );
    for name in ["a b.txt", "plain.txt"] {
        assert_eq!(
            std::fs::read_to_string(d.path().join(name)).unwrap(),
            SAFE_FIXED,
            "{name}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(d.path().join("a")).unwrap(),
        "et andet ord\n"
    );
}

/// Text of a few characters that make lines, for random texts and edits.
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(&["a", "b", "\n", "\r", "æ", "\r\n"][..]),
        0..max,
    )
    .prop_map(|v| v.concat())
}

/// Sorted edits of `s` that do not overlap, with replacements from `text`.
fn edits_of(s: String) -> impl Strategy<Value = (String, Vec<fix::Edit>)> {
    let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
    let n = bounds.len();
    proptest::collection::vec((0..n, text(4)), 0..6).prop_map(move |cuts| {
        let mut at: Vec<usize> = cuts.iter().map(|c| c.0).collect();
        at.sort_unstable();
        let edits = at
            .chunks(2)
            .zip(&cuts)
            .map(|(pair, (_, replacement))| fix::Edit {
                start: bounds[pair[0]],
                end: bounds[*pair.last().unwrap_or(&pair[0])],
                replacement: replacement.clone(),
            })
            .collect();
        (s.clone(), edits)
    })
}

proptest! {
    /// Two rounds of edits composed are the two rounds applied one after the other.
    #[test]
    fn composed_edits_are_both_rounds(
        (s0, first) in text(24).prop_flat_map(edits_of),
        seed in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), text(4)), 0..4),
    ) {
        let s1 = fix::apply_edits(&s0, &first);
        let bounds: Vec<usize> = (0..=s1.len()).filter(|&i| s1.is_char_boundary(i)).collect();
        let mut at: Vec<usize> = seed.iter().flat_map(|(a, b, _)| [a.index(bounds.len()), b.index(bounds.len())]).collect();
        at.sort_unstable();
        let then: Vec<fix::Edit> = at
            .chunks(2)
            .zip(&seed)
            .map(|(p, (_, _, r))| fix::Edit { start: bounds[p[0]], end: bounds[p[1]], replacement: r.clone() })
            .collect();
        let s2 = fix::apply_edits(&s1, &then);
        let both = fix::compose(&s1, &first, &then);
        prop_assert_eq!(fix::apply_edits(&s0, &both), s2.clone());
        prop_assert!(both.windows(2).all(|w| w[0].end < w[1].start), "{:?}", both);
        // And the diff made from the composed edits applies.
        let diff = biasvask_cli::diff::unified(&s0, &s2, &both, 1, "a", "b");
        prop_assert_eq!(patch(&s0, &diff), Some(s2));
    }

    /// The diff of any edits (at line breaks, inside \r\n, at the ends) turns the old text
    /// into the new one, at every context.
    #[test]
    fn the_diff_of_any_edits_applies((old, edits) in text(40).prop_flat_map(edits_of), context in 0usize..4) {
        let new = fix::apply_edits(&old, &edits);
        let diff = biasvask_cli::diff::unified(&old, &new, &edits, context, "a", "b");
        prop_assert_eq!(patch(&old, &diff), Some(new.clone()), "{}", diff);
        prop_assert_eq!(diff.is_empty(), old == new);
    }
}

// ---------------------------------------------------------------------------------------
// The command line.

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn cmd(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .arg("--no-config")
        .current_dir(dir)
        .env("NO_COLOR", "1");
    c
}

fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Out {
    let o = common::output(cmd(dir, args), stdin.map(str::as_bytes));
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, s: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, s).unwrap();
    p
}

const AD: &str = "Formanden søges. Du er ambitiøs.\n";
const SAFE_FIXED: &str = "Forpersonen søges. Du er ambitiøs.\n";
const ALL_FIXED: &str = "Forpersonen søges. Du er motiveret.\n";

#[test]
fn cli_fix_is_safe_only_and_unsafe_fixes_applies_both() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "ad.txt", AD);
    let o = run(d.path(), &["check", "--diff", "ad.txt"], None);
    assert!(
        o.stdout.contains("+Forpersonen søges. Du er ambitiøs."),
        "{}",
        o.stdout
    );
    let o = run(d.path(), &["check", "--fix", "ad.txt"], None);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), SAFE_FIXED);
    write(d.path(), "ad.txt", AD);
    let o = run(
        d.path(),
        &["check", "--fix", "--unsafe-fixes", "ad.txt"],
        None,
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), ALL_FIXED);
    let o = run(d.path(), &["check", "--unsafe-fixes", "ad.txt"], None);
    assert_eq!(o.code, 2, "--unsafe-fixes alone is a usage error");
}

#[test]
fn cli_json_has_applicability_only_with_suggestions() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "ad.txt",
        "Formanden er ambitiøs. Vi søger en kvinde.\n",
    );
    let o = run(d.path(), &["check", "--format", "json", "ad.txt"], None);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let of = |rule: &str| {
        diags
            .iter()
            .find(|d| d["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule}"))
    };
    assert_eq!(of("gendered-term")["applicability"], "safe");
    assert_eq!(of("masculine-coded")["applicability"], "unsafe");
    assert!(of("sex-preference").get("applicability").is_none());
    let o = run(d.path(), &["check", "--format", "sarif", "ad.txt"], None);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let coded = results
        .iter()
        .find(|r| r["ruleId"] == "masculine-coded")
        .unwrap();
    assert_eq!(coded["properties"]["applicability"], "unsafe");
    // SARIF fixes are --fix's: safe ones only, unless --unsafe-fixes asks for both; each fix
    // says its applicability.
    let term = |v: &serde_json::Value, rule: &str| {
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ruleId"] == rule)
            .unwrap()
            .clone()
    };
    assert!(coded.get("fixes").is_none(), "{coded}");
    assert_eq!(
        term(&v, "gendered-term")["fixes"][0]["properties"]["applicability"],
        "safe"
    );
    let o = run(
        d.path(),
        &["check", "--format", "sarif", "--unsafe-fixes", "ad.txt"],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let fixes = &term(&v, "masculine-coded")["fixes"];
    assert_eq!(fixes[0]["properties"]["applicability"], "unsafe", "{fixes}");
    let o = run(d.path(), &["check", "ad.txt"], None);
    assert!(
        o.stdout.contains("forslag (usikkert): motiveret"),
        "{}",
        o.stdout
    );
}

#[test]
fn cli_markup_findings_are_left_and_said() {
    let d = tempfile::tempdir().unwrap();
    let src = "<p><b>Form</b>and søges. Ny formand.</p>\n";
    let p = write(d.path(), "ad.html", src);
    let o = run(d.path(), &["check", "--fix", "ad.html"], None);
    assert_eq!(o.code, 1, "the unfixed warning remains: {}", o.stderr);
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "<p><b>Form</b>and søges. Ny forperson.</p>\n"
    );
    assert!(
        o.stderr.contains("ad.html:1:7") && o.stderr.contains("ikke rettet"),
        "{}",
        o.stderr
    );
}

/// `n` lines «Formand nr i», each followed by a line «ok i» (the hostile review's cap_fix.txt
/// is this with 40,000).
fn many_formand(n: usize) -> String {
    (0..n)
        .map(|i| format!("Formand nr {}\nok {}\n", 2 * i, 2 * i + 1))
        .collect()
}

#[test]
fn cli_findings_left_at_the_limit_of_one_run_are_said() {
    // One run fixes at most 4 rounds of 10,000 findings (less the ad-level one each report
    // lists): of 40,000, 39,996 are fixed and 4 left, which stderr now says (it said nothing).
    let d = tempfile::tempdir().unwrap();
    let src = many_formand(40_000);
    let p = write(d.path(), "cap.txt", &src);
    let o = run(d.path(), &["check", "--diff", "cap.txt"], None);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains(
            "biasvask: cap.txt: 4 fund med en rettelse er ikke med i diffen: én kørsel laver højst 4 runder af højst 10000 rettelser"
        ),
        "{}",
        o.stderr
    );
    let o = run(
        d.path(),
        &["check", "--fix", "--lang", "en", "cap.txt"],
        None,
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("biasvask: cap.txt: 39996 fixes written")
            && o.stderr.contains(
                "biasvask: cap.txt: 4 findings with a fix were not fixed: one run makes at most 4 rounds of at most 10000 fixes in a file; run --fix again"
            ),
        "{}",
        o.stderr
    );
    // Run again, as it says: the rest is fixed, and nothing is said to be left.
    let o = run(d.path(), &["check", "--fix", "cap.txt"], None);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("cap.txt: 4 rettelser skrevet") && !o.stderr.contains("ikke rettet"),
        "{}",
        o.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        src.replace("Formand", "Forperson")
    );
    // More than a fifth report can list: only a lower bound is known.
    let o = run(
        d.path(),
        &["check", "--fix", "-"],
        Some(&many_formand(52_000)),
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("biasvask: <stdin>: mindst ")
            && o.stderr.contains("fund med en rettelse er ikke rettet"),
        "{}",
        o.stderr
    );
}

#[test]
fn cli_reference_link_labels_are_left_and_said() {
    // The hostile review's case: `--fix` made `[Formand]` `[Forperson]`, which no longer
    // finds `[formand]:` and renders as literal brackets.
    let d = tempfile::tempdir().unwrap();
    let src = "Kontakt vores [Formand] eller [Lagerformanden][] for info.\n\n\
               [formand]: https://x.dk/a\n[lagerformanden]: https://x.dk/b\n";
    let p = write(d.path(), "ad.md", src);
    let o = run(d.path(), &["check", "--fix", "ad.md"], None);
    assert_eq!(o.code, 1, "both findings remain: {}", o.stderr);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), src);
    for at in ["ad.md:1:16", "ad.md:1:32"] {
        assert!(
            o.stderr.contains(at) && o.stderr.contains("ikke rettet"),
            "{at}: {}",
            o.stderr
        );
    }
    // Still reported, with suggestions, as the gendered wording a reader sees.
    let o = run(d.path(), &["check", "--format", "json", "ad.md"], None);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let texts: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["rule"] == "gendered-term" && !d["suggestions"].as_array().unwrap().is_empty()
        })
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["Formand", "Lagerformanden"]);
}

#[cfg(unix)]
#[test]
fn cli_fix_writes_through_a_symlink() {
    let d = tempfile::tempdir().unwrap();
    let target = write(d.path(), "real.txt", AD);
    let link = d.path().join("link.txt");
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    let o = run(d.path(), &["check", "--fix", "link.txt"], None);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), SAFE_FIXED);
}

#[cfg(unix)]
#[test]
fn cli_fix_does_not_split_hard_links() {
    use std::os::unix::fs::MetadataExt;
    let d = tempfile::tempdir().unwrap();
    let a = write(d.path(), "a.txt", AD);
    let b = d.path().join("b.txt");
    std::fs::hard_link(&a, &b).unwrap();
    let o = run(d.path(), &["check", "--fix", "a.txt"], None);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("hårde links"), "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&a).unwrap(), AD);
    assert_eq!(std::fs::metadata(&a).unwrap().nlink(), 2, "still linked");
}

#[cfg(unix)]
#[test]
fn cli_fix_leaves_read_only_files_alone() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "ad.txt", AD);
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = run(d.path(), &["check", "--fix", "ad.txt"], None);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("skrivebeskyttet"), "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), AD);
    assert_eq!(
        std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[cfg(unix)]
#[test]
fn cli_fix_keeps_owner_group_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "ad.txt", AD);
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    let root = std::fs::metadata(d.path()).unwrap().uid() == 0
        && Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0"));
    if root {
        std::os::unix::fs::chown(&p, Some(4321), Some(4322)).unwrap();
    }
    let before = std::fs::metadata(&p).unwrap();
    let o = run(d.path(), &["check", "--fix", "ad.txt"], None);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let after = std::fs::metadata(&p).unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), SAFE_FIXED);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert_eq!(after.permissions().mode() & 0o7777, 0o600);
}

/// A POSIX access or default ACL as Linux stores it in `system.posix_acl_*`: owner rw, the
/// user `nobody` rw, group r, mask rw, others r (`setfacl -m u:nobody:rw`).
#[cfg(target_os = "linux")]
fn acl_nobody_rw() -> Vec<u8> {
    const ANY: u32 = u32::MAX;
    let mut acl = 2u32.to_le_bytes().to_vec();
    for (tag, perm, id) in [
        (0x01u16, 6u16, ANY),
        (0x02, 6, 65534),
        (0x04, 4, ANY),
        (0x10, 6, ANY),
        (0x20, 4, ANY),
    ] {
        acl.extend(tag.to_le_bytes());
        acl.extend(perm.to_le_bytes());
        acl.extend(id.to_le_bytes());
    }
    acl
}

/// Every extended attribute of `p`, with its value.
#[cfg(target_os = "linux")]
fn xattrs(p: &Path) -> std::collections::BTreeMap<std::ffi::OsString, Vec<u8>> {
    xattr::list(p)
        .unwrap()
        .map(|n| {
            let v = xattr::get(p, &n).unwrap().unwrap_or_default();
            (n, v)
        })
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn cli_fix_keeps_acls_and_extended_attributes() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "ad.txt", AD);
    if let Err(e) = xattr::set(&p, "user.origin", b"cms") {
        assert_eq!(e.kind(), std::io::ErrorKind::Unsupported, "{e}");
        eprintln!(
            "skipped: {} has no extended attributes ({e})",
            d.path().display()
        );
        return;
    }
    let acl = acl_nobody_rw();
    let acls = match xattr::set(&p, "system.posix_acl_access", &acl) {
        Ok(()) => true,
        Err(e) => {
            assert_eq!(e.kind(), std::io::ErrorKind::Unsupported, "{e}");
            eprintln!(
                "ACLs skipped: {} has no POSIX ACLs ({e})",
                d.path().display()
            );
            false
        }
    };
    let before = xattrs(&p);
    let mode = std::fs::metadata(&p).unwrap().permissions().mode();
    let o = run(d.path(), &["check", "--fix", "ad.txt"], None);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), SAFE_FIXED);
    assert_eq!(xattrs(&p), before, "every extended attribute kept");
    assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode(), mode);
    if !acls {
        return;
    }
    // A directory's default ACL, which the new file inherits, is not added to a file that had
    // no ACL.
    let q = write(d.path(), "b.txt", AD);
    std::fs::set_permissions(&q, std::fs::Permissions::from_mode(0o640)).unwrap();
    xattr::set(d.path(), "system.posix_acl_default", &acl).unwrap();
    let before = xattrs(&q);
    assert!(!before.contains_key(std::ffi::OsStr::new("system.posix_acl_access")));
    let o = run(d.path(), &["check", "--fix", "b.txt"], None);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&q).unwrap(), SAFE_FIXED);
    assert_eq!(xattrs(&q), before, "no inherited ACL");
    assert_eq!(
        std::fs::metadata(&q).unwrap().permissions().mode() & 0o7777,
        0o640
    );
}

#[cfg(target_os = "linux")]
#[test]
fn cli_fix_leaves_a_file_whose_attributes_cannot_be_kept() {
    // security.capability may be set only with CAP_SETFCAP: root sets it on the file, then runs
    // biasvask without that capability (setpriv), which cannot copy it to the new file and must
    // leave the file as it is, like a file whose owner cannot be kept.
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let setpriv = Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !root || !setpriv {
        eprintln!("skipped: needs root and setpriv (root: {root}, setpriv: {setpriv})");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "ad.txt", AD);
    // VFS_CAP_REVISION_2, CAP_NET_BIND_SERVICE permitted.
    let mut cap = 0x0200_0000u32.to_le_bytes().to_vec();
    for word in [1u32 << 10, 0, 0, 0] {
        cap.extend(word.to_le_bytes());
    }
    if let Err(e) = xattr::set(&p, "security.capability", &cap) {
        assert_eq!(e.kind(), std::io::ErrorKind::Unsupported, "{e}");
        eprintln!(
            "skipped: {} has no extended attributes ({e})",
            d.path().display()
        );
        return;
    }
    let before = xattrs(&p);
    let mut c = Command::new("setpriv");
    c.args(["--bounding-set=-setfcap", "--inh-caps=-all", BIN])
        .args(["check", "--no-config", "--fix", "ad.txt"])
        .current_dir(d.path());
    let o = common::output(c, None);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("udvidede attribut security.capability") && stderr.contains("ikke rettet"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), AD, "left alone");
    assert_eq!(xattrs(&p), before);
    let left: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["ad.txt"], "no temporary file left");
}

#[test]
fn cli_fix_leaves_a_file_that_changed_while_fixing() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "ad.txt", AD);
    let gate = d.path().join("gate");
    let child = cmd(d.path(), &["check", "--fix", "ad.txt"])
        .env("BIASVASK_TEST_WRITE_GATE", &gate)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let ready = gate.with_extension("ready");
    for _ in 0..1000 {
        if ready.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(ready.exists(), "the fix reached the write");
    // An append while biasvask fixes: it must not be lost.
    std::fs::OpenOptions::new()
        .append(true)
        .open(&p)
        .unwrap()
        .write_all(b"Tilfoejet.\n")
        .unwrap();
    std::fs::write(gate.with_extension("go"), b"").unwrap();
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("ændret"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        format!("{AD}Tilfoejet.\n")
    );
}

/// (args, stdin, stdout, exit code, something stderr contains)
const STDIN: &[(&[&str], &str, &str, i32, &str)] = &[
    // Fixed text on stdout, the report on stderr.
    (
        &["--fix", "-"],
        "Formanden søges.\n",
        "Forpersonen søges.\n",
        0,
        "",
    ),
    // Nothing to fix: the text, unchanged, still on stdout.
    (
        &["--fix", "-"],
        "Vi søger en kollega.\n",
        "Vi søger en kollega.\n",
        0,
        "",
    ),
    // JSON never mixes into the text.
    (
        &["--fix", "--format", "json", "-"],
        "Formanden søges.\n",
        "Forpersonen søges.\n",
        0,
        "\"version\"",
    ),
    // An error that cannot be fixed keeps exit 1.
    (
        &["--fix", "-"],
        "Formanden søges. Vi søger en kvinde.\n",
        "Forpersonen søges. Vi søger en kvinde.\n",
        1,
        "sex-preference",
    ),
    (
        &["--fix", "--format", "jsonl", "-"],
        "Vi søger en kvinde.\n",
        "Vi søger en kvinde.\n",
        1,
        "\"sex-preference\"",
    ),
];

#[test]
fn cli_fix_on_stdin_text_to_stdout_report_to_stderr() {
    let d = tempfile::tempdir().unwrap();
    for &(args, input, stdout, code, stderr) in STDIN {
        let mut a = vec!["check"];
        a.extend_from_slice(args);
        let o = run(d.path(), &a, Some(input));
        assert_eq!(o.stdout, stdout, "{args:?}: {}", o.stderr);
        assert_eq!(o.code, code, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(stderr), "{args:?}: {}", o.stderr);
    }
}

/// Inputs `--fix -` cannot lint: (args, stdin, what stderr says).
const STDIN_REJECTED: &[(&[&str], &[u8], &str)] = &[
    (
        &["--fix", "-"],
        b"Formand s\xc3\xb8ges \xff\n",
        "ikke gyldig UTF-8",
    ),
    (&["--fix", "-"], b"Formand\x00\n", "NUL"),
    (
        &["--fix", "--max-size", "5", "-"],
        "Formand søges\n".as_bytes(),
        "--max-size",
    ),
    (
        &["--fix", "--lang", "en", "-"],
        b"Formand \xff\n",
        "written unchanged",
    ),
];

/// Run `args` with `stdin` written from a thread of its own (the output may fill its pipe
/// before the input is all written): (exit code, stdout, stderr).
fn run_streaming(dir: &Path, args: &[&str], stdin: Vec<u8>) -> (i32, Vec<u8>, String) {
    let mut child = cmd(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // A closed pipe here is the failure the test is for; the output tells.
        let _ = input.write_all(&stdin);
    });
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        o.status.code().unwrap_or(-1),
        o.stdout,
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn cli_fix_on_stdin_writes_back_what_it_cannot_lint() {
    // `--fix -` is a filter (`:%!biasvask check --fix -`): an input it cannot lint comes back
    // unchanged on stdout, with exit 2 and the reason on stderr; the filter never loses the
    // text.
    let d = tempfile::tempdir().unwrap();
    for &(args, input, says) in STDIN_REJECTED {
        let mut a = vec!["check"];
        a.extend_from_slice(args);
        let (code, stdout, stderr) = run_streaming(d.path(), &a, input.to_vec());
        assert_eq!(stdout, input, "{args:?}: {stderr}");
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    // Over --max-size, the rest of a long input (never read whole) is copied through too.
    let long: Vec<u8> = AD.repeat(100_000).into_bytes();
    let (code, stdout, stderr) = run_streaming(
        d.path(),
        &["check", "--fix", "--max-size", "1000", "-"],
        long.clone(),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stdout == long,
        "{} of {} bytes back",
        stdout.len(),
        long.len()
    );
    assert!(
        stderr.contains("over grænsen på 1000 bytes") && stderr.contains("uændret"),
        "{stderr}"
    );
    // Without --fix, or with --diff, stdout is the report's: the text is not written back.
    for args in [&["check", "-"][..], &["check", "--diff", "-"]] {
        let (code, stdout, stderr) = run_streaming(d.path(), args, b"Formand \xff\n".to_vec());
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(!stdout.windows(7).any(|w| w == b"Formand"), "{args:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn cli_write_errors_are_reported_and_never_panic() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "ad.txt", AD);
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    // A JSON report to a full disk: exit 2 with a message, also for a file over 1 MiB, whose
    // JSON is written in pieces as it is made.
    write(d.path(), "big.txt", &AD.repeat(40_000));
    for file in ["ad.txt", "big.txt"] {
        let o = cmd(d.path(), &["check", "--format", "json", file])
            .stdout(full())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{file}: {stderr}");
        assert!(stderr.contains("output"), "{file}: {stderr}");
        assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    }
    // stderr to a full disk while fixing: the file is fixed and nothing panics.
    let o = cmd(d.path(), &["check", "--fix", "ad.txt"])
        .stdout(Stdio::piped())
        .stderr(full())
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(101), "no panic");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), SAFE_FIXED);
    // Every subcommand that prints: no panic on a full disk.
    for args in [
        &["rules"][..],
        &["explain", "gendered-term"],
        &["rules", "--format", "json"],
    ] {
        let o = Command::new(BIN)
            .args(args)
            .stdout(full())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn cli_closed_pipe_ends_quietly() {
    let d = tempfile::tempdir().unwrap();
    let big: String = AD.repeat(2_000);
    write(d.path(), "ad.txt", &big);
    // And a file over 1 MiB as JSON, written in pieces as it is made.
    write(d.path(), "big.txt", &AD.repeat(40_000));
    for args in [
        &["check", "ad.txt"][..],
        &["check", "--format", "json", "big.txt"],
    ] {
        let mut child = cmd(d.path(), args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_ne!(o.status.code(), Some(101), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// A named pipe given to `--fix` by name is linted, but there is no file to write: it is left
/// with exit 2 and a message, no temporary file stays behind, and nothing waits for a second
/// writer (found by the hostile review: `--fix` read the pipe again and hung).
#[cfg(unix)]
#[test]
fn cli_fix_leaves_a_named_pipe_alone() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ad.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let child = cmd(dir.path(), &["check", "--fix", "ad.txt"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The writer: opening blocks until biasvask opens the pipe to read.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&fifo)
        .unwrap()
        .write_all(AD.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("er ikke en almindelig fil"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from("ad.txt")]);
}
