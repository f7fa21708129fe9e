//! `Engine::lint_cached` gives exactly `Engine::lint`'s report: random edits (characters,
//! words, line breaks, whole lines from other ads) applied one after another to real ads and to
//! large documents of several ads, one cache kept across the edits as an editor keeps it, and
//! hand-written edits at the places where the rules read across blocks.

use biasvask::{Engine, Format, LintCache, Options, Report};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static E: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    E.get_or_init(|| Engine::new().expect("built-in lexicons are valid"))
}

/// The real ads, the corpus and the examples, with their formats.
fn ads() -> &'static [(String, Format)] {
    static ADS: std::sync::OnceLock<Vec<(String, Format)>> = std::sync::OnceLock::new();
    ADS.get_or_init(|| {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut out = Vec::new();
        for dir in ["tests/realads", "tests/corpus", "examples"] {
            let mut files: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
                .expect("the ad directories exist")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            files.sort();
            for p in files {
                let format = match p.extension().and_then(|e| e.to_str()) {
                    Some("txt") => Format::Text,
                    Some("md") if !p.ends_with("README.md") => Format::Markdown,
                    Some("html") => Format::Html,
                    _ => continue,
                };
                if let Ok(text) = std::fs::read_to_string(&p) {
                    out.push((text, format));
                }
            }
        }
        assert!(out.len() > 50, "the ads are found");
        out
    })
}

/// Lint `text` with the cache and without, and say where they differ.
fn same(text: &str, format: Format, options: &Options, cache: &mut LintCache) {
    let full = engine().lint(text, format, options);
    let cached = engine().lint_cached(text, format, options, cache);
    assert_reports_equal(&full, &cached, text);
}

/// [`same`] for each of `caches`: the default chunks and tiny ones (a chunk boundary at nearly
/// every line break, so every place the rules read across one is tried).
fn same_all(text: &str, format: Format, options: &Options, caches: &mut [LintCache]) {
    for cache in caches {
        same(text, format, options, cache);
    }
}

fn caches() -> [LintCache; 2] {
    [LintCache::new(), LintCache::with_chunks(1, 40)]
}

fn assert_reports_equal(full: &Report, cached: &Report, text: &str) {
    if full != cached {
        let a = format!("{full:#?}");
        let b = format!("{cached:#?}");
        let first = a
            .lines()
            .zip(b.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        let show = |s: &str| {
            s.lines()
                .skip(first.saturating_sub(8))
                .take(24)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "cached lint differs from a full lint ({} vs {} findings) of a text of {} bytes\n--- full:\n{}\n--- cached:\n{}",
            full.diagnostics.len(),
            cached.diagnostics.len(),
            text.len(),
            show(&a),
            show(&b)
        );
    }
}

/// A char boundary of `s` near fraction `at` of its length.
fn boundary(s: &str, at: u32) -> usize {
    let mut i = (s.len() as u64 * u64::from(at) / u64::from(u32::MAX)) as usize;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

const INSERTS: &[&str] = &[
    "a",
    "æ",
    " ",
    "\n",
    "\n\n",
    ".",
    ":",
    "?",
    "-",
    "/",
    "»",
    "•",
    "&amp;",
    "<b>",
    "# ",
    "- ",
    "* ",
    "han",
    "Hun",
    "han/hun",
    "han eller hun",
    "formand",
    "rengøringsdame",
    "ung",
    "dynamisk",
    "Om dig\n",
    "Vi forventer:\n",
    "Krav:",
    "Dine opgaver\n",
    "Vi tilbyder\n",
    "gerne",
    "Det er en fordel, hvis du",
    "Kontakt Dorthe Lauridsen. ",
    "The candidate will bring his",
    "www.eksempel.dk",
    "<!-- biasvask-ignore-next-line -->",
    "<!-- biasvask-disable -->",
    "Vi opfordrer alle uanset køn til at søge.",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(u32, usize),
    Delete(u32, u8),
    /// A whole line of another ad, at a line start.
    Line(u32, usize, u32),
    /// Join a line with the next one (a line break deleted).
    Join(u32),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<u32>(), 0..INSERTS.len()).prop_map(|(a, i)| Edit::Insert(a, i)),
        3 => (any::<u32>(), any::<u8>()).prop_map(|(a, n)| Edit::Delete(a, n)),
        2 => (any::<u32>(), any::<usize>(), any::<u32>()).prop_map(|(a, d, l)| Edit::Line(a, d, l)),
        2 => any::<u32>().prop_map(Edit::Join),
    ]
}

fn apply(text: &mut String, e: &Edit) {
    match *e {
        Edit::Insert(at, i) => {
            let at = boundary(text, at);
            text.insert_str(at, INSERTS[i]);
        }
        Edit::Delete(at, n) => {
            let at = boundary(text, at);
            let len = usize::from(n % 24);
            let mut end = (at + len).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, "");
        }
        Edit::Line(at, d, l) => {
            let ads = ads();
            let other = &ads[d % ads.len()].0;
            let lines: Vec<&str> = other.lines().collect();
            if lines.is_empty() {
                return;
            }
            let line = lines[(l as usize) % lines.len()];
            let at = boundary(text, at);
            let at = text[..at].rfind('\n').map_or(0, |i| i + 1);
            text.insert_str(at, &format!("{line}\n"));
        }
        Edit::Join(at) => {
            let at = boundary(text, at);
            if let Some(i) = text[at..].find('\n') {
                text.replace_range(at + i..at + i + 1, " ");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// One ad, edited step by step.
    #[test]
    fn edits_of_one_ad(ad in any::<usize>(), edits in proptest::collection::vec(edit(), 1..10)) {
        let ads = ads();
        let (base, format) = &ads[ad % ads.len()];
        let options = Options::default();
        let mut caches = caches();
        let mut text = base.clone();
        same_all(&text, *format, &options, &mut caches);
        for e in &edits {
            apply(&mut text, e);
            same_all(&text, *format, &options, &mut caches);
        }
    }

    /// A large document of several ads of one format (so many chunks and blocks are reused),
    /// edited step by step.
    #[test]
    fn edits_of_a_large_document(
        first in any::<usize>(),
        count in 4usize..16,
        edits in proptest::collection::vec(edit(), 1..8),
    ) {
        let ads = ads();
        let format = ads[first % ads.len()].1;
        let mut text = String::new();
        for k in 0..ads.len() {
            let (ad, f) = &ads[(first + k * 7) % ads.len()];
            if *f == format {
                text.push_str(ad);
                text.push_str("\n\n");
                if text.len() > count * 3000 {
                    break;
                }
            }
        }
        let options = Options::default();
        let mut caches = caches();
        same_all(&text, format, &options, &mut caches);
        for e in &edits {
            apply(&mut text, e);
            same_all(&text, format, &options, &mut caches);
        }
    }
}

/// Edits by hand, each applied to the text the one before left: (find, replace).
fn by_hand(base: &str, format: Format, edits: &[(&str, &str)]) {
    let options = Options::default();
    let mut caches = caches();
    let mut text = base.to_string();
    same_all(&text, format, &options, &mut caches);
    for (find, replace) in edits {
        let at = text
            .find(find)
            .unwrap_or_else(|| panic!("{find:?} is in the text"));
        text.replace_range(at..at + find.len(), replace);
        same_all(&text, format, &options, &mut caches);
    }
}

/// Filler paragraphs, so the edited places lie in chunks of their own.
fn filler(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "Afsnit {i}: Vi er en virksomhed med mange ansatte, og vi arbejder med kunder i hele landet. \
             Arbejdet foregår i teams, og der er gode muligheder for at udvikle sig fagligt.\n\n"
        ));
    }
    s
}

#[test]
fn hand_written_edits_at_the_places_rules_read_across() {
    let ad = format!(
        "Lagermedarbejder søges\n\n{}Om dig\n\n- Du har kørekort\n- Du har erfaring med truck\n- Du er stabil\n- Du kan løfte tungt\n- Du taler dansk\n- Du er mødestabil\n- Du har en uddannelse som smed\n\n{}Kontakt Dorthe Lauridsen på telefon 12345678. Hun svarer gerne på spørgsmål.\n\n{}Vi søger en ny kollega. Han skal have styr på lageret.\n\n{}",
        filler(6),
        filler(6),
        filler(6),
        filler(6)
    );
    by_hand(
        &ad,
        Format::Text,
        &[
            // Inside a heading: it stops opening the requirements part, then opens it again.
            ("Om dig", "Om di"),
            ("Om di\n", "Om dig:\n"),
            ("Om dig:\n", "Om dig\n"),
            // Splitting the list: a paragraph in the middle ends the part.
            ("- Du er stabil\n", "- Du er stabil\n\nDine opgaver\n\n"),
            ("\n\nDine opgaver\n\n", "\n"),
            // Joining two paragraphs.
            ("Du er mødestabil\n- Du har", "Du er mødestabil - Du har"),
            ("smed\n\nAfsnit 0", "smed Afsnit 0"),
            // The antecedent of a pronoun: the named contact goes, then comes back.
            (
                "Kontakt Dorthe Lauridsen på telefon 12345678.",
                "Ring på telefon 12345678.",
            ),
            (
                "Ring på telefon 12345678.",
                "Kontakt Dorthe Lauridsen på telefon 12345678.",
            ),
            ("Vi søger en ny kollega.", "Vi søger en ny kollega, Peter."),
            // Text that opens a new part far from the list (a new ad's heading).
            ("Afsnit 3: Vi", "Vi tilbyder\n\nAfsnit 3: Vi"),
            ("Vi tilbyder\n\n", "Om dig\n\n"),
            // A nice-to-have marked far away changes the balance finding's message.
            ("Du taler dansk", "Det er en fordel, hvis du taler dansk"),
            // The inclusion statement anywhere silences an ad-level finding.
            (
                "Afsnit 5:",
                "Vi opfordrer alle uanset køn, alder og etnicitet til at søge. Afsnit 5:",
            ),
            // A suppression comment.
            (
                "Vi søger en ny kollega",
                "<!-- biasvask-disable -->\nVi søger en ny kollega",
            ),
            ("<!-- biasvask-disable -->\n", ""),
        ],
    );
}

#[test]
fn hand_written_edits_of_markup() {
    let html = format!(
        "<h1>Lagerchef</h1>\n{}<h2>Om dig</h2>\n<ul>\n<li>Du har kørekort</li>\n<li>Du er en dynamisk formand</li>\n<li>Har du truckcertifikat</li>\n</ul>\n<p>{}</p>\n",
        filler(4).replace("\n\n", "</p>\n<p>"),
        filler(4).replace("\n\n", " ")
    );
    by_hand(
        &html,
        Format::Html,
        &[
            ("<h2>Om dig</h2>", "<p>Om dig</p>"),
            (
                "<li>Har du truckcertifikat</li>",
                "<li>Har du truckcertifikat</li><li>?",
            ),
            ("</li><li>?", "?</li>"),
            ("</ul>", "</ul><!-- biasvask-disable gendered-term -->"),
            ("formand", "for&shy;mand"),
        ],
    );
    let md = format!(
        "# Lagerchef\n\n{}## Om dig\n\n- Du har kørekort\n- Du er en dynamisk formand\n\n{}",
        filler(5),
        filler(5)
    );
    by_hand(
        &md,
        Format::Markdown,
        &[
            ("## Om dig", "## Om di"),
            ("## Om di", "## Om dig"),
            // The same words as a list item, then as a heading again (same text, other kind).
            ("## Om dig", "- Om dig"),
            ("- Om dig", "## Om dig"),
            ("## Om dig", "Om dig"),
            ("Om dig", "## Om dig"),
            ("- Du er en", "Du er en"),
            ("kørekort\n", "kørekort\n\n"),
        ],
    );
}

/// The cache follows the options and keeps only what the last lint used.
#[test]
fn options_change_and_memory_stays_bounded() {
    let ads = ads();
    let mut text = String::new();
    for (ad, f) in ads.iter() {
        if *f == Format::Text {
            text.push_str(ad);
            text.push_str("\n\n");
        }
    }
    let mut cache = LintCache::new();
    let da = Options::default();
    let en = Options::default().with_lang(biasvask::Lang::En);
    same(&text, Format::Text, &da, &mut cache);
    same(&text, Format::Text, &en, &mut cache);
    same(&text, Format::Text, &da, &mut cache);
    for i in 0..20 {
        let at = boundary(&text, (i * 200_000_000u32).wrapping_add(7));
        text.insert_str(at, "x\n");
        same(&text, Format::Text, &da, &mut cache);
        assert!(
            cache.held_bytes() <= 4 * text.len() + 64 * 1024,
            "the cache holds {} bytes for a text of {}",
            cache.held_bytes(),
            text.len()
        );
    }
}

/// A pronoun whose antecedent stands in the paragraph before it, over and over, so that chunk
/// boundaries fall between them; then the antecedents are edited one by one.
#[test]
fn antecedents_in_the_paragraph_before() {
    let mut text = String::new();
    for i in 0..40 {
        text.push_str(&format!(
            "Opslag {i}. Har du spørgsmål, så kontakt Dorthe Lauridsen.\n\nHun svarer gerne, og han er sød.\n\nThe manager will bring his team.\n\n"
        ));
    }
    let options = Options::default();
    let mut cache = LintCache::new();
    same(&text, Format::Text, &options, &mut cache);
    assert!(cache.held_bytes() > 0, "the cached path was taken");
    for i in (0..40).step_by(3) {
        let find = format!("Opslag {i}. Har du spørgsmål, så kontakt Dorthe Lauridsen.");
        let at = text.find(&find).expect("the paragraph is there");
        text.replace_range(at..at + find.len(), &format!("Opslag {i}. Ring."));
        same(&text, Format::Text, &options, &mut cache);
    }
}

/// Every sentence the wording tests use (hard cases of every rule, look-alikes included), one per
/// line, as one paragraph and as paragraphs: the cached lint with tiny chunks gives the full lint's
/// report, so a rule that reads further than the chunks' context would show here.
#[test]
fn the_wording_tests_sentences() {
    let src = include_str!("wording.rs");
    let sentences: Vec<&str> = src
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| s.contains(' ') && s.len() > 12 && !s.contains('\\') && !s.contains('{'))
        .collect();
    assert!(sentences.len() > 300, "{} sentences", sentences.len());
    let options = Options::default();
    let mut caches = caches();
    for sep in ["\n", " ", "\n\n"] {
        let text = sentences.join(sep);
        same_all(&text, Format::Text, &options, &mut caches);
    }
}
