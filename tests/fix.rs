//! Fix round trips on random ads: the fixed text has no fixable finding left, fixing again
//! changes nothing, and every byte outside the fixed spans is kept.

use biasvask::{fix, Engine, Format, Options};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Formanden",
    "formænd",
    "Bestyrelsesformændene",
    "FORMÆND",
    "rengøringsdame",
    "Rengøringsdamerne",
    "lærerinde",
    "tillidsmand",
    "ambitiøs",
    "omsorgsfuld",
    "Han skal",
    "mand dig op",
    "kvindelige ledere",
    "vi søger en kvinde",
    "ung og dynamisk",
    "kollega",
    "lager",
    "æøå",
    "😀",
    "sygeplejerske",
    "tjenestemand",
    "formand@eksempel.dk",
    "https://eksempel.dk/formand",
    "Med venlig hilsen",
    "vi leder efter",
];
const SEPS: &[&str] = &[" ", ", ", ". ", "\n", "\n\n- ", " – ", "! "];

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec((0..PIECES.len(), 0..SEPS.len()), 1..40).prop_map(|v| {
        v.into_iter()
            .map(|(p, s)| format!("{}{}", PIECES[p], SEPS[s]))
            .collect::<String>()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn fixing_leaves_nothing_fixable_and_is_idempotent(src in doc()) {
        let engine = Engine::new().unwrap();
        let opts = Options::default();
        let fixed = fix::fix(&engine, &src, Format::Text, &opts, fix::Scope::Unsafe).text;
        let left: Vec<String> = engine
            .lint(&fixed, Format::Text, &opts)
            .diagnostics
            .into_iter()
            .filter(|d| fix::Scope::Unsafe.includes(d))
            .map(|d| format!("{} «{}»", d.rule, &fixed[d.span.range()]))
            .collect();
        prop_assert!(left.is_empty(), "fixable findings left in {:?}: {:?}", fixed, left);
        let again = fix::fix(&engine, &fixed, Format::Text, &opts, fix::Scope::Unsafe);
        prop_assert_eq!(&again.text, &fixed);
        prop_assert_eq!(again.applied, 0);
    }

    #[test]
    fn bytes_outside_the_edits_are_kept(src in doc()) {
        let engine = Engine::new().unwrap();
        let report = engine.lint(&src, Format::Text, &Options::default());
        let edits = fix::edits(&src, Format::Text, &report.diagnostics);
        let out = fix::apply_edits(&src, &edits);
        // Walk the edits: the text between them is the original, byte for byte.
        let (mut pos_src, mut pos_out) = (0usize, 0usize);
        for e in &edits {
            let keep = &src[pos_src..e.start];
            prop_assert_eq!(&out[pos_out..pos_out + keep.len()], keep);
            pos_out += keep.len();
            prop_assert_eq!(&out[pos_out..pos_out + e.replacement.len()], e.replacement.as_str());
            pos_out += e.replacement.len();
            pos_src = e.end;
        }
        prop_assert_eq!(&out[pos_out..], &src[pos_src..]);
    }
}

const HTML_PIECES: &[&str] = &[
    "<b>Form</b>and",
    "<a href=\"/x\">rengørings</a>dame",
    "for<!-- x -->mand",
    "Lager<wbr>formand",
    "<i>ambitiøs</i>",
    "reng&oslash;ringsdame",
    "Formanden",
    "<em>mand</em> dig op",
    "vi søger en <b>kvindelig</b> pædagog",
    "kollega",
    "<br>",
    "æøå 😀",
];

/// The tags and comments of an HTML source, in order.
fn tags(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        let Some(j) = rest[i..].find('>') else { break };
        out.push(&rest[i..i + j + 1]);
        rest = &rest[i + j + 1..];
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// No fix, safe or unsafe, removes or reorders a tag or comment of an HTML ad.
    #[test]
    fn fixes_keep_every_tag(v in prop::collection::vec((0..HTML_PIECES.len(), 0..SEPS.len()), 1..30)) {
        let body: String = v
            .into_iter()
            .map(|(p, s)| format!("{}{}", HTML_PIECES[p], SEPS[s]))
            .collect();
        let src = format!("<p>{body}</p>");
        let engine = Engine::new().unwrap();
        let fixed = fix::fix(&engine, &src, Format::Html, &Options::default(), fix::Scope::Unsafe);
        prop_assert_eq!(tags(&src), tags(&fixed.text), "{:?} -> {:?}", src, fixed.text);
    }
}
