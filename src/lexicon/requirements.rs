//! The cue tables of the ad-level rules (`lexicons/da/requirements.toml`, format documented at the
//! top of that file and in `lexicons/README.md`): headings that open a requirements part, cues
//! that make an item a must-have or a nice-to-have, must-haves with a risk of indirect
//! discrimination, and inclusion statements. Parsed once, when the [`Lexicon`](super::Lexicon)
//! is built, into token [`Pattern`]s; matched on tokens, never by a regex over the text.

use crate::text::word_hash::{self, word_key, WordHash};
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use super::pattern::{Pattern, Tok, TokKind};
use super::LexiconError;

/// What a cue group's patterns mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CueKind {
    /// A heading (matched at its start) that opens a must-have part.
    HeadingMust,
    /// A heading (matched at its start) that opens a nice-to-have part.
    HeadingNice,
    /// A heading that opens a must-have part only when the pattern is the whole heading.
    HeadingWhole,
    /// A heading or intro that opens the job's tasks.
    HeadingTask,
    /// A heading or intro that opens what the employer offers.
    HeadingOffer,
    /// A heading or intro that opens anything else that is not requirements (the company,
    /// the application, contact, interview topics).
    HeadingOther,
    /// A unit that states a requirement wherever it stands ("Det er et krav, at du").
    Requirement,
    /// The content of a qualification (education, experience, licence, stated quality).
    Qualification,
    /// A sentence that, asked as a question, describes the applicant ("Er du selvkørende?").
    Question,
    /// At the start of a unit, the applicant as the subject of a stative verb ("Du har",
    /// "Du er", "Du kan"): a profile statement, not a duty, even when a task word follows.
    Profile,
    /// At the start of a unit, a `Profile` opening that states a duty ("Du har ansvar for").
    NotProfile,
    /// The content of a duty.
    Task,
    /// The content of what the employer offers.
    Offer,
    /// A `Nice` cue inside one of these does not count ("vil gerne").
    NotNice,
    /// A must-have that names one education or trade.
    Education,
    /// An education requirement that already allows equivalents.
    Equivalent,
    /// Inside an item: a must-have.
    Must,
    /// Inside an item: a nice-to-have (wins over `Must`).
    Nice,
    /// Marks a sentence of a profile paragraph as a requirement.
    Item,
    /// A sentence that is never an item (contact, application, invitation).
    NotItem,
    /// At the start of a unit, interest asked ("Har du lyst til ..."): not an item, unless a
    /// later clause of the unit asks something (an `AskClause`).
    Interest,
    /// A later clause of a question that asks something of the applicant ("..., og kan du
    /// arbejde i perioden ..."): lifts an `Interest` opening.
    AskClause,
    /// A must-have with a risk of indirect discrimination.
    Risky,
    /// An inclusion statement.
    Inclusion,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueSpec {
    id: String,
    kind: CueKind,
    patterns: Vec<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    message_en: Option<String>,
    rationale: String,
    #[serde(default)]
    rationale_en: Option<String>,
    source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    #[serde(default)]
    cue: Vec<CueSpec>,
}

/// One compiled cue group.
#[derive(Debug, Clone)]
pub struct CueGroup {
    pub id: String,
    pub kind: CueKind,
    pub patterns: Vec<Pattern>,
    /// The patterns as written (for error messages and `biasvask rules`).
    pub sources: Vec<String>,
    /// `risky` only: what the finding says (Danish, English).
    pub message: String,
    pub message_en: String,
    pub rationale: String,
    pub rationale_en: String,
    pub source: String,
}

/// Where a cue matched: the group and the first and last token index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch {
    pub group: usize,
    pub first: usize,
    pub last: usize,
}

/// How a match must sit in the tokens it is tried on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchoring {
    Anywhere,
    /// Starting at the first token.
    Start,
    /// Covering every token.
    Whole,
}

/// Every cue group, in file order.
#[derive(Debug, Clone, Default)]
pub struct RequirementCues {
    pub groups: Vec<CueGroup>,
    /// The literal anchor words of the inclusion patterns, to find the few places of a text
    /// worth tokenizing (matched on the lowercased text).
    inclusion_anchors: Option<AhoCorasick>,
    /// The literals of `inclusion_anchors`, in its pattern order (the engine puts them in its
    /// own automaton too, [`inclusion_literals`](Self::inclusion_literals)).
    inclusion_lits: Vec<String>,
    /// Per kind, which patterns can be anchored on a token: looked up by the token's word, so
    /// a unit costs one hash look-up per token, not one comparison per pattern alternative.
    index: std::collections::HashMap<CueKind, AnchorIndex>,
    /// Every kind's patterns by their anchor, for [`scan`](Self::scan): one look-up per token
    /// finds the candidates of all kinds at once.
    all: AnchorIndex,
    /// Each group's kind as a bit ([`kind_bit`]), in group order (a dense copy of
    /// `groups[i].kind` for the scan's filters).
    group_bits: Vec<u64>,
    /// Tells cue sets apart (a clone keeps it): whose memo a thread's [`AnchorMemo`] is.
    id: u64,
}

thread_local! {
    /// The anchor memo of this thread's last document ([`RequirementCues::memo`]).
    static MEMO: std::cell::Cell<AnchorMemo> = std::cell::Cell::new(AnchorMemo::default());
}

/// A memo kept for the next document holds at most this many words (a document's own words
/// are all kept while it is read; a memo grown past this is dropped after it).
const MEMO_KEPT_WORDS: usize = 1 << 14;

/// A kind as one bit of a `u64` (there are fewer than 64 kinds).
#[inline]
fn kind_bit(kind: CueKind) -> u64 {
    debug_assert!((kind as u32) < 64);
    1 << (kind as u32)
}

type WordMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<WordHash>>;

/// The patterns of one kind by their anchor: whole words in a map, the rest (prefixes,
/// suffixes, numbers, any word) in a short list tried on every token.
#[derive(Debug, Clone, Default)]
struct AnchorIndex {
    words: WordMap<String, Vec<(usize, usize)>>,
    others: Vec<(usize, usize, super::pattern::Alt)>,
    /// `others` by the byte a token must have to match: the prefixes (indices into `others`)
    /// by their first byte, the suffixes by their last (256 lists each, or none while there
    /// are no prefixes or suffixes); the rest (any word, a number) in `others_any`, tried on
    /// every token.
    by_first: Vec<Vec<usize>>,
    by_last: Vec<Vec<usize>>,
    others_any: Vec<usize>,
    /// The largest group or pattern index indexed: whether a candidate packs into a `u64`.
    max_id: usize,
}

impl AnchorIndex {
    fn add_other(&mut self, gi: usize, pi: usize, a: &super::pattern::Alt) {
        use super::pattern::Alt;
        let i = self.others.len();
        let at = |lists: &mut Vec<Vec<usize>>, b: u8| {
            lists.resize(256, Vec::new());
            lists[usize::from(b)].push(i);
        };
        match a {
            Alt::Prefix(p) if !p.is_empty() => at(&mut self.by_first, p.as_bytes()[0]),
            Alt::Suffix(x) if !x.is_empty() => at(&mut self.by_last, x.as_bytes()[x.len() - 1]),
            _ => self.others_any.push(i),
        }
        self.max_id = self.max_id.max(gi).max(pi);
        self.others.push((gi, pi, a.clone()));
    }

    /// The (group, pattern) pairs anchored by one token, appended to `out` (in no particular
    /// order: [`candidates`](Self::candidates) sorts them).
    fn anchored(&self, t: &Tok, out: &mut Vec<(usize, usize)>) {
        let w: &str = t.lower;
        if let Some(list) = self.words.get(w) {
            out.extend_from_slice(list);
        }
        let mut try_others = |ids: &[usize]| {
            for &i in ids {
                let (gi, pi, a) = &self.others[i];
                if a.matches(w, t.kind) {
                    out.push((*gi, *pi));
                }
            }
        };
        if let (Some(&first), Some(&last)) = (w.as_bytes().first(), w.as_bytes().last()) {
            if let Some(ids) = self.by_first.get(usize::from(first)) {
                try_others(ids);
            }
            if let Some(ids) = self.by_last.get(usize::from(last)) {
                try_others(ids);
            }
        }
        try_others(&self.others_any);
    }

    /// The (group, pattern, position) triples whose anchor is in `toks`, sorted. A word's
    /// pairs are looked up once per document through `memo` (the prefix and suffix patterns
    /// are tried on each distinct word only).
    fn candidates<'a>(
        &self,
        toks: &[Tok<'a>],
        // The lowercase text the tokens are cut from (or empty: each word's key read from the
        // word).
        lower: &[u8],
        memo: &mut AnchorMemo,
    ) -> Vec<(usize, usize, usize)> {
        // Sorted as one `u64` each (group, pattern, position in 20, 20 and 24 bits: the
        // order of the triples) where they fit, a cheaper sort than of the triples.
        let packed = self.max_id < (1 << 20) && toks.len() < (1 << 24);
        // The buffer of an earlier scan's candidates, given back when that scan ended.
        let mut cands = std::mem::take(&mut memo.cands);
        cands.clear();
        let mut keys = std::mem::take(&mut memo.keys);
        keys.clear();
        // Sized up front (two a token) instead of grown from empty.
        if packed {
            keys.reserve(2 * toks.len());
        } else {
            cands.reserve(2 * toks.len());
        }
        let mut push = |gi: usize, pi: usize, at: usize| {
            if packed {
                keys.push(((gi as u64) << 44) | ((pi as u64) << 24) | at as u64);
            } else {
                cands.push((gi, pi, at));
            }
        };
        let mut one = Vec::new();
        for (at, t) in toks.iter().enumerate() {
            let word = match t.kind {
                TokKind::Word => t.lower,
                TokKind::Number => {
                    one.clear();
                    self.anchored(t, &mut one);
                    for &(gi, pi) in &one {
                        push(gi, pi, at);
                    }
                    continue;
                }
            };
            // The word's key read out of the text when the token is cut from it (no branch
            // on the word's length), else out of the word.
            let key = if word.as_ptr() == lower.as_ptr().wrapping_add(t.start) {
                word_hash::key_in(lower, t.start, word.len())
            } else {
                None
            }
            .unwrap_or_else(|| word_key(word.as_bytes()));
            // One hash of the word, also for a word seen for the first time.
            let store = &mut memo.store;
            let (a, b) = memo.map.get_or_insert_keyed(word, key, || {
                let a = store.len() as u32;
                self.anchored(t, store);
                (a, store.len() as u32)
            });
            for &(gi, pi) in &memo.store[a as usize..b as usize] {
                push(gi, pi, at);
            }
        }
        if packed {
            keys.sort_unstable();
            keys.dedup();
            cands.extend(keys.iter().map(|&k| {
                (
                    (k >> 44) as usize,
                    ((k >> 24) & 0xF_FFFF) as usize,
                    (k & 0xFF_FFFF) as usize,
                )
            }));
        } else {
            cands.sort_unstable();
            cands.dedup();
        }
        memo.keys = keys;
        cands
    }
}

/// A memo of the cue anchors of words, for [`RequirementCues::scan_with`]: grows with the
/// number of distinct words (linear in the input; a number is looked up each time). Each thread
/// keeps one from document to document ([`RequirementCues::memo`], [`RequirementCues::keep`]):
/// a word's anchors depend on the word and the cues only, so the memo of earlier documents
/// answers as a new one would, without trying every prefix and suffix on a word seen before.
#[derive(Debug, Default)]
pub struct AnchorMemo {
    /// The cues the memo is of ([`RequirementCues::id`]); 0: none yet.
    owner: u64,
    map: WordTable,
    store: Vec<(usize, usize)>,
    /// Scratch for [`AnchorIndex::candidates`]: the packed candidates of one unit.
    keys: Vec<u64>,
    /// The candidates' buffer, between scans ([`CueScan`] gives it back when dropped).
    cands: Vec<(usize, usize, usize)>,
}

/// The distinct words of a document, each with a range of [`AnchorMemo::store`]: an
/// open-addressing table keyed by the word's length and two 8-byte reads of it (its first
/// sixteen bytes, zero-padded, the rest of a longer word hashed into the second:
/// [`word_key`]), which are the whole word up to 16 bytes: a look-up hashes it in a few
/// instructions and compares it without `memcmp` (a longer word is compared in full as well).
#[derive(Debug, Default)]
struct WordTable {
    /// A power of two in length (or empty), at most half full.
    slots: Vec<WordSlot>,
    /// 64 minus the number of bits of a slot index: a hash's top bits pick the slot.
    shift: u32,
    used: usize,
    /// The words longer than 16 bytes, one after another ([`WordSlot::long`]: where each
    /// starts; its length is the slot's).
    long: String,
    /// Slots passed over by every look-up so far (for tests of [`MAX_PROBES`]).
    #[cfg(test)]
    probes: usize,
}

/// The most slots a [`WordTable`] look-up passes over before it gives up and computes the
/// value without the memo. The table is at most half full, so a fair hash needs about 1.5
/// probes on average; the bound is for words crafted to collide, and keeps the analysis
/// linear in the input whatever the words are.
const MAX_PROBES: usize = 32;

#[derive(Debug, Clone, Copy, Default)]
struct WordSlot {
    /// The word's two reads ([`word_key`]).
    x: u64,
    y: u64,
    /// The word's length in bytes (saturated; 0: a free slot, as no word is empty).
    len: u32,
    /// For a word longer than 16 bytes, where it starts in `WordTable::long`.
    long: u32,
    /// The word's range of the memo's store.
    a: u32,
    b: u32,
}

impl WordTable {
    #[inline]
    fn hash(x: u64, y: u64, len: u32) -> u64 {
        word_hash::slot_hash(x, y, len)
    }

    /// The value of `w` (not empty), made by `make` the first time `w` is asked for.
    #[cfg(test)]
    fn get_or_insert_with(&mut self, w: &str, make: impl FnOnce() -> (u32, u32)) -> (u32, u32) {
        self.get_or_insert_keyed(w, word_key(w.as_bytes()), make)
    }

    /// [`Self::get_or_insert_with`] with the word's key ([`word_key`]) given.
    fn get_or_insert_keyed(
        &mut self,
        w: &str,
        (x, y): (u64, u64),
        make: impl FnOnce() -> (u32, u32),
    ) -> (u32, u32) {
        debug_assert_eq!((x, y), word_key(w.as_bytes()));
        if self.slots.is_empty() {
            // The distinct words of an ad of a few KB, without growing the table step by step.
            self.slots = vec![WordSlot::default(); 1024];
            self.shift = 64 - 10;
        }
        let len = u32::try_from(w.len()).unwrap_or(u32::MAX);
        let home = (Self::hash(x, y, len) >> self.shift) as usize;
        self.probe_from(home, w, (x, y, len), make)
    }

    /// [`Self::get_or_insert_with`] from slot `home` (the word's key and length given).
    #[inline]
    fn probe_from(
        &mut self,
        home: usize,
        w: &str,
        (x, y, len): (u64, u64, u32),
        make: impl FnOnce() -> (u32, u32),
    ) -> (u32, u32) {
        let mask = self.slots.len() - 1;
        let mut i = home & mask;
        let mut probes = 0;
        loop {
            let s = &self.slots[i];
            if s.len == 0 {
                break;
            }
            if word_hash::holds((s.x, s.y, s.len), &self.long, s.long, (x, y, len), w) {
                return (s.a, s.b);
            }
            probes += 1;
            #[cfg(test)]
            {
                self.probes += 1;
            }
            if probes == MAX_PROBES {
                // Words that collide on purpose (or by bad luck): not memoised, so that a
                // look-up never costs more than `MAX_PROBES` comparisons.
                return make();
            }
            i = (i + 1) & mask;
        }
        let long = if len > 16 {
            match u32::try_from(self.long.len()) {
                Ok(at) => at,
                // Past 4 GiB of long words (never in practice): not memoised.
                Err(_) => return make(),
            }
        } else {
            0
        };
        let (a, b) = make();
        if len > 16 {
            self.long.push_str(w);
        }
        self.slots[i] = WordSlot {
            x,
            y,
            len,
            long,
            a,
            b,
        };
        self.used += 1;
        if 2 * self.used > self.slots.len() {
            self.grow();
        }
        (a, b)
    }

    /// Twice the slots, every word placed again.
    fn grow(&mut self) {
        let n = 2 * self.slots.len();
        let old = std::mem::replace(&mut self.slots, vec![WordSlot::default(); n]);
        self.shift -= 1;
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.len != 0) {
            let mut i = (Self::hash(s.x, s.y, s.len) >> self.shift) as usize;
            while self.slots[i].len != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

/// The cue candidates of one token sequence for every kind ([`RequirementCues::scan`]).
#[derive(Debug)]
pub struct CueScan<'s, 't, 'a, 'm> {
    cues: &'s RequirementCues,
    toks: &'t [Tok<'a>],
    cands: Vec<(usize, usize, usize)>,
    /// Where `cands` goes back to when the scan ends (the memo's buffer), if anywhere.
    home: Option<&'m mut Vec<(usize, usize, usize)>>,
    /// The kinds that have a candidate ([`kind_bit`]): a kind without one matches nothing.
    kinds: u64,
}

impl Drop for CueScan<'_, '_, '_, '_> {
    fn drop(&mut self) {
        if let Some(home) = self.home.take() {
            *home = std::mem::take(&mut self.cands);
        }
    }
}

impl<'a> CueScan<'_, '_, 'a, '_> {
    /// The tokens scanned.
    pub fn toks(&self) -> &[Tok<'a>] {
        self.toks
    }

    fn each(&self, kind: CueKind, anchoring: Anchoring, f: impl FnMut(CueMatch) -> bool) {
        let bit = kind_bit(kind);
        if self.kinds & bit == 0 {
            return;
        }
        let bits = &self.cues.group_bits;
        let cands = self
            .cands
            .iter()
            .copied()
            .filter(|&(gi, _, _)| bits[gi] & bit != 0);
        self.cues.run(cands, self.toks, anchoring, f);
    }

    /// As [`RequirementCues::find`] on the scanned tokens. Most questions are of a kind with
    /// no candidate in the tokens: that is answered inline, without the call.
    #[inline]
    pub fn find(&self, kind: CueKind, anchoring: Anchoring) -> Option<CueMatch> {
        if self.kinds & kind_bit(kind) == 0 {
            return None;
        }
        self.find_candidates(kind, anchoring)
    }

    #[inline(never)]
    fn find_candidates(&self, kind: CueKind, anchoring: Anchoring) -> Option<CueMatch> {
        let mut first = None;
        self.each(kind, anchoring, |m| {
            first = Some(m);
            false
        });
        first
    }

    /// As [`RequirementCues::find_all`] on the scanned tokens.
    pub fn find_all(&self, kind: CueKind) -> Vec<CueMatch> {
        let mut out = Vec::new();
        self.each(kind, Anchoring::Anywhere, |m| {
            out.push(m);
            true
        });
        out
    }

    /// As [`RequirementCues::has`] on the scanned tokens.
    #[inline]
    pub fn has(&self, kind: CueKind) -> bool {
        self.find(kind, Anchoring::Anywhere).is_some()
    }
}

impl RequirementCues {
    /// Parse a cue file (`name` is shown in errors).
    pub fn parse(name: &str, src: &str) -> Result<RequirementCues, LexiconError> {
        let mut cues = RequirementCues::default();
        cues.add_toml(name, src)?;
        Ok(cues)
    }

    /// Add the groups of another cue file (a project's own cues, say).
    pub fn add_toml(&mut self, name: &str, src: &str) -> Result<(), LexiconError> {
        let err = |m: String| LexiconError {
            file: name.to_string(),
            message: m,
        };
        let f: CueFile = toml::from_str(src).map_err(|e| err(e.to_string()))?;
        for s in f.cue {
            let g = compile(s).map_err(err)?;
            if self.groups.iter().any(|o| o.id == g.id) {
                return Err(err(format!("cue group `{}` is defined twice", g.id)));
            }
            self.groups.push(g);
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        self.id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.index.clear();
        self.all = AnchorIndex::default();
        self.group_bits = self.groups.iter().map(|g| kind_bit(g.kind)).collect();
        for (gi, g) in self.groups.iter().enumerate() {
            for (pi, p) in g.patterns.iter().enumerate() {
                for a in p.anchor_alts() {
                    for ix in [self.index.entry(g.kind).or_default(), &mut self.all] {
                        match a {
                            super::pattern::Alt::Word(w) => {
                                ix.max_id = ix.max_id.max(gi).max(pi);
                                let list = ix.words.entry(w.clone()).or_default();
                                if list.last() != Some(&(gi, pi)) {
                                    list.push((gi, pi));
                                }
                            }
                            other => ix.add_other(gi, pi, other),
                        }
                    }
                }
            }
        }
        let mut lits: Vec<&str> = Vec::new();
        for g in self.of_kind(CueKind::Inclusion) {
            for p in &g.patterns {
                lits.extend(p.anchor_alts().iter().filter_map(|a| a.literal()));
            }
        }
        let owned: Vec<String> = lits.iter().map(|l| l.to_string()).collect();
        self.inclusion_anchors = if lits.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&lits)
                    .map_err(|e| err(e.to_string()))?,
            )
        };
        self.inclusion_lits = owned;
        Ok(())
    }

    /// The literal anchor words of the inclusion patterns, each as often as it anchors one, in
    /// the order [`inclusion_candidates`](Self::inclusion_candidates) numbers them: an
    /// automaton of these that lists a state's matches by length and then in this order (the
    /// engine's) finds the same places in the same order.
    pub fn inclusion_literals(&self) -> &[String] {
        &self.inclusion_lits
    }

    /// Byte offsets in `lower` (a lowercased text) where an inclusion pattern could be anchored.
    pub fn inclusion_candidates<'a>(
        &'a self,
        lower: &'a str,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.inclusion_anchors
            .iter()
            .flat_map(move |ac| ac.find_overlapping_iter(lower.as_bytes()))
            .map(|m| (m.start(), m.end()))
    }

    /// The first match of a group of `kind` in `toks`, sitting as `anchoring` asks.
    /// Groups are tried in file order, patterns in order, positions from the left.
    pub fn find(&self, kind: CueKind, toks: &[Tok], anchoring: Anchoring) -> Option<CueMatch> {
        let mut first = None;
        self.each_match(kind, toks, anchoring, |m| {
            first = Some(m);
            false
        });
        first
    }

    /// Every match of the groups of `kind` anywhere in `toks` (each pattern at each position
    /// where it matches).
    pub fn find_all(&self, kind: CueKind, toks: &[Tok]) -> Vec<CueMatch> {
        let mut out = Vec::new();
        self.each_match(kind, toks, Anchoring::Anywhere, |m| {
            out.push(m);
            true
        });
        out
    }

    /// Call `f` with each match, in the order of [`find`](Self::find) (groups in file order,
    /// patterns in order, positions from the left), while it returns true.
    fn each_match(
        &self,
        kind: CueKind,
        toks: &[Tok],
        anchoring: Anchoring,
        f: impl FnMut(CueMatch) -> bool,
    ) {
        let Some(ix) = self.index.get(&kind) else {
            return;
        };
        if toks.is_empty() {
            return;
        }
        let cands = ix.candidates(toks, &[], &mut AnchorMemo::default());
        self.run(cands.iter().copied(), toks, anchoring, f);
    }

    /// Try the (group, pattern, position) candidates in order, calling `f` with each match
    /// that sits as `anchoring` asks, while it returns true.
    fn run(
        &self,
        cands: impl Iterator<Item = (usize, usize, usize)>,
        toks: &[Tok],
        anchoring: Anchoring,
        mut f: impl FnMut(CueMatch) -> bool,
    ) {
        for (gi, pi, at) in cands {
            let p = &self.groups[gi].patterns[pi];
            // Anchored at the start, the anchor can sit no further in than the pattern
            // reaches before it.
            if matches!(anchoring, Anchoring::Start | Anchoring::Whole) && at > p.reach_before {
                continue;
            }
            // Covering every token, it can reach no further after the anchor either.
            if anchoring == Anchoring::Whole && toks.len() - 1 - at > p.reach_after {
                continue;
            }
            // Most candidates fail on a word next to the anchor: asked first, cheaply.
            if !p.beside_anchor_match(toks, at) {
                continue;
            }
            let Some((first, last)) = p.match_bounds(toks, at) else {
                continue;
            };
            let ok = match anchoring {
                Anchoring::Anywhere => true,
                Anchoring::Start => first == 0,
                Anchoring::Whole => first == 0 && last + 1 == toks.len(),
            };
            if ok
                && !f(CueMatch {
                    group: gi,
                    first,
                    last,
                })
            {
                return;
            }
        }
    }

    /// Read `toks` once for every kind: the scan answers [`find`](Self::find),
    /// [`find_all`](Self::find_all) and [`has`](Self::has) for any kind, with the same
    /// results, at the cost of one look-up per token instead of one per token and kind.
    pub fn scan<'s, 't, 'a>(&'s self, toks: &'t [Tok<'a>]) -> CueScan<'s, 't, 'a, 'static> {
        let (cands, kinds) = self.scan_candidates(toks, &[], &mut AnchorMemo::default());
        CueScan {
            cues: self,
            toks,
            cands,
            home: None,
            kinds,
        }
    }

    /// This thread's anchor memo for these cues (the one [`keep`](Self::keep) was last given
    /// on this thread, or a new one): for the scans of one document.
    pub fn memo(&self) -> AnchorMemo {
        let memo = MEMO.with(std::cell::Cell::take);
        if memo.owner == self.id {
            memo
        } else {
            AnchorMemo {
                owner: self.id,
                ..AnchorMemo::default()
            }
        }
    }

    /// Keep `memo` for this thread's next document (unless it has grown past
    /// [`MEMO_KEPT_WORDS`]: then it is dropped, and the next document starts a new one).
    pub fn keep(&self, memo: AnchorMemo) {
        if memo.owner == self.id && memo.map.used <= MEMO_KEPT_WORDS {
            MEMO.with(|m| m.set(memo));
        }
    }

    /// [`scan`](Self::scan) with a memo shared by the scans of one document (and, through
    /// [`memo`](Self::memo) and [`keep`](Self::keep), of this thread's documents).
    pub fn scan_with<'s, 't, 'a, 'm>(
        &'s self,
        toks: &'t [Tok<'a>],
        memo: &'m mut AnchorMemo,
    ) -> CueScan<'s, 't, 'a, 'm> {
        self.scan_in(toks, "", memo)
    }

    /// [`scan_with`](Self::scan_with) of tokens cut from the lowercase text `lower`: each
    /// word's memo key is read out of the text, without a branch on the word's length.
    pub fn scan_in<'s, 't, 'a, 'm>(
        &'s self,
        toks: &'t [Tok<'a>],
        lower: &str,
        memo: &'m mut AnchorMemo,
    ) -> CueScan<'s, 't, 'a, 'm> {
        let (cands, kinds) = self.scan_candidates(toks, lower.as_bytes(), memo);
        CueScan {
            cues: self,
            toks,
            cands,
            home: Some(&mut memo.cands),
            kinds,
        }
    }

    /// A scan's candidates (in the memo's buffer) and the kinds that have one.
    fn scan_candidates(
        &self,
        toks: &[Tok<'_>],
        lower: &[u8],
        memo: &mut AnchorMemo,
    ) -> (Vec<(usize, usize, usize)>, u64) {
        let cands = if toks.is_empty() {
            let mut none = std::mem::take(&mut memo.cands);
            none.clear();
            none
        } else {
            self.all.candidates(toks, lower, memo)
        };
        let kinds = cands
            .iter()
            .fold(0, |k, &(gi, _, _)| k | self.group_bits[gi]);
        (cands, kinds)
    }

    /// Does any group of `kind` match anywhere in `toks`?
    pub fn has(&self, kind: CueKind, toks: &[Tok]) -> bool {
        self.find(kind, toks, Anchoring::Anywhere).is_some()
    }

    /// The groups of one kind.
    pub fn of_kind(&self, kind: CueKind) -> impl Iterator<Item = &CueGroup> {
        self.groups.iter().filter(move |g| g.kind == kind)
    }
}

fn compile(s: CueSpec) -> Result<CueGroup, String> {
    let at = |m: String| format!("cue group `{}`: {m}", s.id);
    if s.id.is_empty()
        || !s
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(at("`id` must be kebab-case".into()));
    }
    let (rationale, rationale_en, source) =
        super::evidence(&s.rationale, &s.rationale_en, &s.source).map_err(at)?;
    if s.patterns.is_empty() {
        return Err(at("`patterns` is empty".into()));
    }
    let risky = s.kind == CueKind::Risky;
    if risky && s.message.as_deref().is_none_or(|m| m.trim().is_empty()) {
        return Err(at("a `risky` group needs a `message`".into()));
    }
    if !risky && (s.message.is_some() || s.message_en.is_some()) {
        return Err(at("`message` is only for `risky` groups".into()));
    }
    let patterns = s
        .patterns
        .iter()
        .map(|p| Pattern::parse(p).map_err(at))
        .collect::<Result<Vec<_>, _>>()?;
    let message = s.message.unwrap_or_default().trim().to_string();
    Ok(CueGroup {
        message_en: s
            .message_en
            .map(|m| m.trim().to_string())
            .unwrap_or_else(|| message.clone()),
        message,
        rationale_en,
        rationale,
        source,
        sources: s.patterns,
        patterns,
        kind: s.kind,
        id: s.id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::pattern::tokenize;

    fn builtin() -> RequirementCues {
        RequirementCues::parse(
            "requirements.toml",
            include_str!("../../lexicons/da/requirements.toml"),
        )
        .unwrap()
    }

    fn toks(t: &str) -> Vec<Tok<'_>> {
        tokenize(t, 0, t.len())
    }

    /// Words of 40 bytes alike in their first and last eight: without their middle in the
    /// key they would all share one slot, and each look-up would pass over all before it.
    fn flood_words() -> Vec<String> {
        (0..5000)
            .map(|i| format!("aaaaaaaa{}{i:0>5}aaaaaaaa", "x".repeat(19)))
            .collect()
    }

    #[test]
    fn word_table_spreads_long_words_alike_at_both_ends() {
        let words = flood_words();
        let mut t = WordTable::default();
        for (i, w) in words.iter().enumerate() {
            let v = t.get_or_insert_with(w, || (i as u32, i as u32 + 1));
            assert_eq!(v, (i as u32, i as u32 + 1));
        }
        for (i, w) in words.iter().enumerate() {
            let v = t.get_or_insert_with(w, || unreachable!("{w} was kept"));
            assert_eq!(v, (i as u32, i as u32 + 1));
        }
        assert!(t.probes < 3 * words.len(), "{} probes", t.probes);
    }

    #[test]
    fn word_table_look_up_passes_over_at_most_max_probes() {
        // Every word sent to one slot, as words crafted against the hash would be.
        let words = flood_words();
        let mut t = WordTable::default();
        t.get_or_insert_with("x", || (0, 0));
        for round in 0..2 {
            for (i, w) in words.iter().enumerate() {
                let (x, y) = word_key(w.as_bytes());
                let v = t.probe_from(7, w, (x, y, w.len() as u32), || (i as u32, i as u32 + 1));
                assert_eq!(v, (i as u32, i as u32 + 1), "round {round}");
            }
        }
        assert!(
            t.probes <= 2 * MAX_PROBES * words.len(),
            "{} probes for {} look-ups",
            t.probes,
            2 * words.len()
        );
        // The first words were kept, the rest computed each time.
        assert!(t.used <= MAX_PROBES + 2, "{} kept", t.used);
    }

    #[test]
    fn builtin_file_parses_with_every_kind() {
        let c = builtin();
        for k in [
            CueKind::HeadingMust,
            CueKind::HeadingNice,
            CueKind::HeadingWhole,
            CueKind::HeadingTask,
            CueKind::HeadingOffer,
            CueKind::HeadingOther,
            CueKind::Requirement,
            CueKind::Qualification,
            CueKind::Question,
            CueKind::Profile,
            CueKind::NotProfile,
            CueKind::Task,
            CueKind::Offer,
            CueKind::NotNice,
            CueKind::Education,
            CueKind::Equivalent,
            CueKind::Must,
            CueKind::Nice,
            CueKind::Item,
            CueKind::NotItem,
            CueKind::Interest,
            CueKind::AskClause,
            CueKind::Risky,
            CueKind::Inclusion,
        ] {
            assert!(c.of_kind(k).count() > 0, "{k:?}");
        }
    }

    #[test]
    fn anchoring() {
        let c = builtin();
        assert!(c
            .find(
                CueKind::HeadingMust,
                &toks("Vi forventer, at du"),
                Anchoring::Start
            )
            .is_some());
        assert!(c
            .find(
                CueKind::HeadingMust,
                &toks("Derudover forventer vi"),
                Anchoring::Start
            )
            .is_none());
        assert!(c
            .find(
                CueKind::HeadingMust,
                &toks("Derudover forventer vi"),
                Anchoring::Anywhere
            )
            .is_some());
        assert!(c
            .find(CueKind::HeadingWhole, &toks("Du har:"), Anchoring::Whole)
            .is_some());
        assert!(c
            .find(
                CueKind::HeadingWhole,
                &toks("Du har kørekort"),
                Anchoring::Whole
            )
            .is_none());
        assert!(c
            .find(
                CueKind::HeadingNice,
                &toks("Det vil være en fordel, hvis du"),
                Anchoring::Start
            )
            .is_some());
        assert!(c
            .find(
                CueKind::HeadingNice,
                &toks("Fordele ved jobbet"),
                Anchoring::Start
            )
            .is_none());
    }

    /// The one-pass scan answers every kind exactly as the per-kind look-ups do, on every
    /// line of the real ads and the corpus.
    #[test]
    fn scan_agrees_with_find_for_every_kind() {
        let c = builtin();
        let mut kinds: Vec<CueKind> = c.groups.iter().map(|g| g.kind).collect();
        kinds.dedup();
        let mut lines = 0;
        for (_, text) in crate::test_ads::ads(&["tests/realads", "tests/corpus"]) {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                lines += 1;
                let t = toks(line);
                let scan = c.scan(&t);
                for &k in &kinds {
                    for a in [Anchoring::Anywhere, Anchoring::Start, Anchoring::Whole] {
                        assert_eq!(scan.find(k, a), c.find(k, &t, a), "{k:?} {a:?} {line}");
                    }
                    assert_eq!(scan.find_all(k), c.find_all(k, &t), "{k:?} {line}");
                }
            }
        }
        assert!(lines > 1000, "{lines}");
    }

    /// One memo kept over every line of every ad (as a thread keeps it from document to
    /// document: grown, with long words, filled by other texts) answers as a new one does; a
    /// thread's memo is for the cues that made it; one grown past the bound is not kept.
    #[test]
    fn a_memo_kept_over_documents_answers_as_a_new_one() {
        let c = builtin();
        let mut kinds: Vec<CueKind> = c.groups.iter().map(|g| g.kind).collect();
        kinds.dedup();
        let mut kept = c.memo();
        let mut lines = 0;
        for (_, text) in crate::test_ads::ads(&["tests/realads", "tests/corpus"]) {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                lines += 1;
                // The warm scan reads its words' keys out of the line's lowercase, the new
                // one out of each word.
                let lower = crate::text::lowercase(line);
                let t = super::super::pattern::tokenize_in(line, &lower, 0, line.len());
                let warm = c.scan_in(&t, &lower, &mut kept);
                let new = c.scan(&t);
                assert_eq!(warm.cands, new.cands, "{line}");
                for &k in &kinds {
                    assert_eq!(warm.find_all(k), new.find_all(k), "{k:?} {line}");
                }
            }
        }
        assert!(
            lines > 1000 && kept.map.used > 1024,
            "{lines} {}",
            kept.map.used
        );
        assert!(!kept.map.long.is_empty());
        // Kept for this thread and these cues only.
        let used = kept.map.used;
        c.keep(kept);
        let kept = c.memo();
        assert_eq!(kept.map.used, used);
        c.keep(kept);
        let other = builtin();
        assert_ne!(other.id, c.id);
        assert_eq!(other.memo().map.used, 0);
        let mut big = c.memo();
        assert_eq!(big.map.used, 0);
        for i in 0..=MEMO_KEPT_WORDS {
            big.map.get_or_insert_with(&format!("w{i}"), || (0, 0));
        }
        c.keep(big);
        assert_eq!(c.memo().map.used, 0);
    }

    #[test]
    fn bad_files_are_errors_naming_the_group() {
        let e = RequirementCues::parse("x.toml", "[[cue]]\nid = \"a\"\nkind = \"must\"\npatterns = [\"Skal\"]\nrationale = \"r\"\nsource = \"s\"\n")
            .unwrap_err();
        assert!(
            e.to_string().contains("x.toml") && e.to_string().contains("`a`"),
            "{e}"
        );
        let e = RequirementCues::parse("x.toml", "[[cue]]\nid = \"a\"\nkind = \"risky\"\npatterns = [\"skal\"]\nrationale = \"r\"\nsource = \"s\"\n")
            .unwrap_err();
        assert!(e.message.contains("message"), "{e}");
        let e = RequirementCues::parse("x.toml", "[[cue]]\nid = \"a\"\nkind = \"sometimes\"\npatterns = [\"skal\"]\nrationale = \"r\"\nsource = \"s\"\n");
        assert!(e.is_err());
        let dup = "[[cue]]\nid = \"a\"\nkind = \"must\"\npatterns = [\"skal\"]\nrationale = \"r\"\nsource = \"s\"\n";
        let e = RequirementCues::parse("x.toml", &format!("{dup}{dup}")).unwrap_err();
        assert!(e.message.contains("twice"), "{e}");
    }
}
