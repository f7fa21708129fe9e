//! The CLI's own renderers (the human report and SARIF) on every report: the SARIF parses and
//! its fixes edit inside their findings on char boundaries, the human report sends no control
//! character to the terminal, and it lists the counted requirement items. (The core's JSON renderer has its property test in `tests/input_props.rs`.)

use biasvask::{lint, Format, Lang, Options, Report};
use biasvask_cli::{human, sarif};
use proptest::prelude::*;

fn renderers(src: &str, format: Format, report: &Report) -> Result<(), TestCaseError> {
    let artifact = sarif::Artifact {
        path: "a",
        file: None,
        source: src,
        format,
        report,
    };
    let sarif = sarif::to_string(&[artifact], Lang::Da, biasvask::fix::Scope::Unsafe);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF parses");
    // Every fix edits inside its finding, on char boundaries.
    for (r, d) in sarif["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .zip(&report.diagnostics)
    {
        for f in r["fixes"].as_array().into_iter().flatten() {
            let region = &f["artifactChanges"][0]["replacements"][0]["deletedRegion"];
            let start = region["byteOffset"].as_u64().expect("byteOffset") as usize;
            let end = start + region["byteLength"].as_u64().expect("byteLength") as usize;
            prop_assert!(
                d.span.start <= start && end <= d.span.end,
                "{f} outside {d:?}"
            );
            prop_assert!(
                src.is_char_boundary(start) && src.is_char_boundary(end),
                "{f}"
            );
        }
    }
    let out = human::render("a", src, report, &human::Style::default());
    prop_assert!(
        !out.chars().any(|c| c.is_control() && c != '\n'),
        "a control character reached the human report: {out:?}"
    );
    Ok(())
}

fn check(src: &str, format: Format) -> Result<(), TestCaseError> {
    renderers(src, format, &lint(src, format, &Options::default()))
}

/// Words that are flagged, markup, entities, control and invisible characters, joined at random.
const PIECES: &[&str] = &[
    "formand",
    "Bestyrelsesformændene",
    "rengøringsdame",
    "han",
    "ambitiøs",
    "ung og dynamisk",
    "Krav:\n- Du har kørekort\n",
    "Vi tilbyder\n- Løn\n",
    " ",
    "\n",
    "\r\n",
    "\r",
    ". ",
    "\t",
    "<b>",
    "</b>",
    "<li>",
    "<p>",
    "<h2>",
    "<!-- biasvask-disable -->",
    "&oslash;",
    "&#0;",
    "**",
    "# ",
    "- ",
    "`",
    "\u{1b}[31m",
    "\u{7}",
    "\u{200b}",
    "\u{feff}",
    "e\u{301}",
    "🙂",
];

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn pieces_in_every_format(src in doc()) {
        check(&src, Format::Text)?;
        check(&src, Format::Html)?;
        check(&src, Format::Markdown)?;
    }

    #[test]
    fn any_characters_in_every_format(src in "(?s).{0,160}") {
        check(&src, Format::Text)?;
        check(&src, Format::Html)?;
        check(&src, Format::Markdown)?;
    }
}

const INTRO: &str = "Fjordby Service A/S leverer drift og vedligehold til boligforeninger i hele Østjylland. \
Vi er 60 kolleger og søger nu en ny servicemedarbejder til vores team i Aarhus, der kan tage sig af \
bygninger, udearealer og beboernes henvendelser.\n\n";

const OFFER: &str = "\nVi tilbyder\n- Løn efter overenskomst\n- Firmabil\n\nSend din ansøgning til job@eksempel.dk.\n";

fn ad_with(requirements: &str) -> String {
    format!("{INTRO}{requirements}{OFFER}")
}

fn run(ad: &str) -> Report {
    lint(ad, Format::Text, &Options::default())
}

#[test]
fn human_report_lists_the_counted_items_under_the_balance_finding() {
    let list: String = (1..=8)
        .map(|i| format!("- Du har certifikat nummer {i}\n"))
        .collect();
    let ad = ad_with(&format!("Krav\n{list}"));
    let r = run(&ad);
    let out = human::render(
        "a.txt",
        &ad,
        &r,
        &human::Style {
            unicode: false,
            ..Default::default()
        },
    );
    assert!(out.contains("Talt med:"), "{out}");
    assert!(out.contains("skal  linje"), "{out}");
    assert!(out.contains("Du har certifikat nummer 8"), "{out}");
    // The part's first line is drawn, not the whole list.
    assert!(!out.contains("certifikat nummer 1\n   ·"), "{out}");
}
