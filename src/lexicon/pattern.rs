//! Token patterns for phrases and context guards (syntax in `lexicons/README.md`), and the
//! small tokenizer they run on. Patterns are matched on a window of tokens around an anchor
//! word that the Aho-Corasick scan found, never by a regex over the whole text.

use crate::text;

/// One alternative of a slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alt {
    Word(String),
    Prefix(String),
    Suffix(String),
    Any,
    Number,
}

impl Alt {
    pub fn parse(s: &str) -> Result<Alt, String> {
        if s.is_empty() {
            return Err("empty alternative".into());
        }
        if s == "*" {
            return Ok(Alt::Any);
        }
        if s == "#" {
            return Ok(Alt::Number);
        }
        if s.chars().any(|c| c.is_uppercase()) {
            return Err(format!("`{s}`: write pattern words in lowercase"));
        }
        let inner = s.trim_matches('*');
        if inner.is_empty() || inner.contains('*') || inner.contains(' ') {
            return Err(format!("`{s}`: bad word"));
        }
        Ok(if s.starts_with('*') && s.ends_with('*') {
            return Err(format!("`{s}`: use either pre* or *suf"));
        } else if let Some(p) = s.strip_suffix('*') {
            Alt::Prefix(p.to_string())
        } else if let Some(p) = s.strip_prefix('*') {
            Alt::Suffix(p.to_string())
        } else {
            Alt::Word(s.to_string())
        })
    }

    /// Does the (lowercase) token match?
    pub fn matches(&self, tok: &str, kind: TokKind) -> bool {
        match self {
            Alt::Word(w) => tok == w,
            Alt::Prefix(p) => kind == TokKind::Word && tok.starts_with(p.as_str()),
            Alt::Suffix(s) => kind == TokKind::Word && tok.ends_with(s.as_str()),
            Alt::Any => true,
            Alt::Number => kind == TokKind::Number,
        }
    }

    /// Can the Aho-Corasick scan find this alternative (a literal part)?
    pub fn literal(&self) -> Option<&str> {
        match self {
            Alt::Word(w) | Alt::Prefix(w) | Alt::Suffix(w) => Some(w),
            Alt::Any | Alt::Number => None,
        }
    }
}

/// A list of alternatives, as in guards (`not_before = ["hilsen", "hilsner"]`).
#[derive(Debug, Clone, Default)]
pub struct AltSet(pub Vec<Alt>);

impl AltSet {
    pub fn parse(items: &[String]) -> Result<AltSet, String> {
        let mut v = Vec::new();
        for i in items {
            for a in i.split('|') {
                v.push(Alt::parse(a)?);
            }
        }
        Ok(AltSet(v))
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn matches(&self, tok: &str, kind: TokKind) -> bool {
        self.0.iter().any(|a| a.matches(tok, kind))
    }
}

#[derive(Debug, Clone)]
pub enum PSlot {
    Alts {
        alts: Vec<Alt>,
        optional: bool,
    },
    /// `..N`: 0 to N words of any kind; `~N` (`mods`): 0 to N modifiers only ([`is_modifier`]).
    Gap {
        n: usize,
        mods: bool,
    },
}

/// Words a `~N` gap never skips: articles, pronouns, prepositions, conjunctions that open a
/// clause and the common verbs, so "søger ~4 mænd" reads over "tre stærke og pålidelige" but
/// not over "en medarbejder til at hjælpe".
#[rustfmt::skip]
fn is_not_modifier(w: &str) -> bool {
    // A `match` on the string: by its length first, then its bytes (a list's `contains`
    // called `memcmp` for each word of the same length).
    matches!(w,
        "en" | "et" | "én" | "ét" | "den" | "det" | "de" | "dem" | "der" | "som" | "du" |
        "dig" | "vi" | "os" | "han" | "hun" | "ham" | "hende" | "man" | "sin" | "sit" | "sine" |
        "din" | "dit" | "dine" | "vores" | "jeres" | "deres" | "hans" | "hendes" | "til" |
        "at" | "med" | "for" | "hos" | "i" | "på" | "af" | "om" | "fra" | "ved" | "efter" |
        "under" | "over" | "mellem" | "kan" | "skal" | "vil" | "er" | "har" | "være" | "blive" |
        "bliver" | "hvor" | "når" | "hvis" | "men" | "så" | "ikke" | "også" | "alle" | "både"
    )
}

/// A modifier a `~N` gap may skip: a number, "og"/"eller", or a word that is not a function
/// word and does not end like a noun or a present-tense verb (-r, -ere, -rne, -ene, -ing, -hed,
/// -ion, -skab, -a, -um):
/// "tre", "stærke", "pålidelige", "erfaren", "udadvendt", "positiv", "ung".
pub fn is_modifier(tok: &Tok<'_>) -> bool {
    let w: &str = tok.lower;
    if tok.kind == TokKind::Number || w == "og" || w == "eller" {
        return true;
    }
    !is_not_modifier(w)
        && ![
            "r", "ere", "rne", "ene", "ing", "hed", "ion", "skab", "a", "um",
        ]
        .iter()
        .any(|e| w.ends_with(e))
}

/// A compiled phrase pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub slots: Vec<PSlot>,
    /// The slot whose words the Aho-Corasick scan looks for.
    pub anchor: usize,
    /// How many tokens the pattern can reach before and after its anchor.
    pub reach_before: usize,
    pub reach_after: usize,
    /// `^` first / `$` last: the match must start / end its sentence.
    pub whole_start: bool,
    pub whole_end: bool,
    /// Per slot, what [`Pattern::slot_matches`] tries ([`SlotIndex`]).
    index: Vec<SlotIndex>,
}

/// A slot's alternatives for matching a token: its words in a [`WordSet`] when it has
/// [`SET_MIN_WORDS`] or more (some slots list a hundred words), and the alternatives
/// tried one by one (all of them when the words are few). Before either, a token is turned
/// away by its first and last byte when no alternative can match it: a word or prefix
/// alternative needs the token's first byte to be its own first, a suffix its last.
#[derive(Debug, Clone, Default)]
struct SlotIndex {
    words: WordSet,
    rest: Vec<Alt>,
    /// The first bytes of the word and prefix alternatives, and the last bytes of the suffix
    /// alternatives (bit `b` of the 256); `None` when an alternative matches whatever the
    /// bytes (any word, a number).
    bytes: Option<([u64; 4], [u64; 4])>,
}

const SET_MIN_WORDS: usize = 8;

/// Is bit `b` set in a 256-bit set?
#[inline]
fn has_byte(set: &[u64; 4], b: u8) -> bool {
    set[usize::from(b >> 6)] & (1 << (b & 63)) != 0
}

impl SlotIndex {
    fn of(slot: &PSlot) -> SlotIndex {
        let PSlot::Alts { alts, .. } = slot else {
            return SlotIndex::default();
        };
        let mut first = [0u64; 4];
        let mut last = [0u64; 4];
        let mut open = false;
        for a in alts {
            let (set, byte) = match a {
                Alt::Word(w) | Alt::Prefix(w) => (&mut first, w.as_bytes().first()),
                Alt::Suffix(w) => (&mut last, w.as_bytes().last()),
                Alt::Any | Alt::Number => (&mut first, None),
            };
            match byte {
                Some(&b) => set[usize::from(b >> 6)] |= 1 << (b & 63),
                // An alternative with no byte to ask for (never an empty word: `Alt::parse`).
                None => open = true,
            }
        }
        let bytes = (!open).then_some((first, last));
        let mut words: Vec<String> = alts
            .iter()
            .filter_map(|a| match a {
                Alt::Word(w) => Some(w.clone()),
                _ => None,
            })
            .collect();
        if words.len() < SET_MIN_WORDS {
            return SlotIndex {
                words: WordSet::default(),
                rest: alts.clone(),
                bytes,
            };
        }
        words.sort_unstable();
        words.dedup();
        SlotIndex {
            words: WordSet::new(&words),
            rest: alts
                .iter()
                .filter(|a| !matches!(a, Alt::Word(_)))
                .cloned()
                .collect(),
            bytes,
        }
    }

    /// Does any alternative match the (lowercase) token? As trying each in turn.
    #[inline]
    fn matches(&self, tok: &str, kind: TokKind) -> bool {
        if let (Some((first, last)), Some(&f), Some(&l)) =
            (&self.bytes, tok.as_bytes().first(), tok.as_bytes().last())
        {
            if !has_byte(first, f) && !has_byte(last, l) {
                return false;
            }
        }
        self.words.contains(tok) || self.rest.iter().any(|a| a.matches(tok, kind))
    }
}

/// A slot's many words as a set: an open-addressing table (a power of two in length, at most
/// half full, built once) keyed as the cue-anchor memo is (`text::word_hash`: a word's length
/// and two reads of it, which are the whole word up to 16 bytes). A look-up
/// hashes the token, reads one or two slots of the table and compares integers: no pointer to
/// follow and no `memcmp` but for a word over 16 bytes (compared in full in `long`).
#[derive(Debug, Clone, Default)]
struct WordSet {
    slots: Vec<SetSlot>,
    /// 64 minus the number of bits of a slot index.
    shift: u32,
    /// The words over 16 bytes, one after another.
    long: String,
}

#[derive(Debug, Clone, Copy, Default)]
struct SetSlot {
    x: u64,
    y: u64,
    /// The word's length in bytes; 0: a free slot (no word is empty).
    len: u32,
    /// Where a word over 16 bytes starts in [`WordSet::long`].
    long: u32,
}

impl WordSet {
    /// The set of `words` (none of them empty; `Alt::parse` makes no empty word).
    fn new(words: &[String]) -> WordSet {
        let size = (2 * words.len()).next_power_of_two().max(2);
        let mut set = WordSet {
            slots: vec![SetSlot::default(); size],
            shift: 64 - size.trailing_zeros(),
            long: String::new(),
        };
        for w in words {
            if w.is_empty() || set.contains(w) {
                continue;
            }
            let (Ok(len), Ok(long)) = (u32::try_from(w.len()), u32::try_from(set.long.len()))
            else {
                continue;
            };
            let (x, y) = text::word_hash::word_key(w.as_bytes());
            let mut i = set.home(x, y, len);
            while set.slots[i].len != 0 {
                i = (i + 1) & (size - 1);
            }
            set.slots[i] = SetSlot { x, y, len, long };
            if w.len() > 16 {
                set.long.push_str(w);
            }
        }
        set
    }

    #[inline]
    fn home(&self, x: u64, y: u64, len: u32) -> usize {
        (text::word_hash::slot_hash(x, y, len) >> self.shift) as usize
    }

    /// Is `w` one of the words?
    #[inline]
    fn contains(&self, w: &str) -> bool {
        if self.slots.is_empty() {
            return false;
        }
        let Ok(len) = u32::try_from(w.len()) else {
            return false;
        };
        let (x, y) = text::word_hash::word_key(w.as_bytes());
        let mask = self.slots.len() - 1;
        let mut i = self.home(x, y, len);
        loop {
            let s = &self.slots[i];
            if s.len == 0 {
                return false;
            }
            if text::word_hash::holds((s.x, s.y, s.len), &self.long, s.long, (x, y, len), w) {
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

/// Words so frequent in Danish ads that anchoring a pattern on them would wake the matcher in
/// (almost) every sentence; the anchor is the slot with the lowest summed cost.
const VERY_FREQUENT: [&str; 16] = [
    "en", "et", "du", "dig", "din", "vi", "er", "og", "i", "at", "af", "for", "til", "på", "med",
    "som",
];
const FREQUENT: [&str; 34] = [
    "én", "os", "den", "det", "de", "der", "har", "have", "skal", "kan", "vil", "være", "blive",
    "bliver", "år", "om", "ikke", "eller", "men", "fra", "hos", "ved", "efter", "også", "så",
    "meget", "gerne", "nye", "ny", "god", "gode", "alle", "søger", "søges",
];

impl Pattern {
    pub fn parse(src: &str) -> Result<Pattern, String> {
        let mut slots = Vec::new();
        let mut parts: Vec<&str> = src.split_whitespace().collect();
        let whole_start = parts.first() == Some(&"^");
        let whole_end = parts.len() > 1 && parts.last() == Some(&"$");
        if whole_end {
            parts.pop();
        }
        if whole_start {
            parts.remove(0);
        }
        for part in parts {
            if let Some(n) = part.strip_prefix("..") {
                let n: usize = n
                    .parse()
                    .map_err(|_| format!("`{part}`: gap needs a number, e.g. ..2"))?;
                slots.push(PSlot::Gap { n, mods: false });
                continue;
            }
            if let Some(n) = part.strip_prefix('~') {
                let n: usize = n
                    .parse()
                    .map_err(|_| format!("`{part}`: gap needs a number, e.g. ~3"))?;
                slots.push(PSlot::Gap { n, mods: true });
                continue;
            }
            let (body, optional) = match part.strip_suffix('?') {
                Some(b) => (b, true),
                None => (part, false),
            };
            let alts = body
                .split('|')
                .map(Alt::parse)
                .collect::<Result<Vec<_>, _>>()?;
            slots.push(PSlot::Alts { alts, optional });
        }
        // Anchor on the most selective required slot of words: the one with the fewest very
        // frequent words ("en", "du", "og"), then the fewest alternatives; the earliest on a tie.
        let anchor = slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| match s {
                PSlot::Alts {
                    alts,
                    optional: false,
                } if alts.iter().all(|a| a.literal().is_some()) => {
                    let cost: usize = alts
                        .iter()
                        .map(|a| match a {
                            Alt::Word(w) if VERY_FREQUENT.contains(&w.as_str()) => 200,
                            Alt::Word(w) if FREQUENT.contains(&w.as_str()) => 50,
                            Alt::Prefix(w) | Alt::Suffix(w) if w.chars().count() < 4 => 50,
                            _ => 1,
                        })
                        .sum();
                    Some((cost, i))
                }
                _ => None,
            })
            .min()
            .map(|(_, i)| i)
            .ok_or_else(|| {
                format!("pattern `{src}` needs a required slot of words to anchor on")
            })?;
        let width = |s: &PSlot| match s {
            PSlot::Alts { .. } => 1,
            PSlot::Gap { n, .. } => *n,
        };
        let reach_before = slots[..anchor].iter().map(width).sum();
        let reach_after = slots[anchor + 1..].iter().map(width).sum();
        let index = slots.iter().map(SlotIndex::of).collect();
        Ok(Pattern {
            slots,
            anchor,
            reach_before,
            reach_after,
            whole_start,
            whole_end,
            index,
        })
    }

    /// The anchor slot's alternatives.
    pub fn anchor_alts(&self) -> &[Alt] {
        match &self.slots[self.anchor] {
            PSlot::Alts { alts, .. } => alts,
            PSlot::Gap { .. } => &[],
        }
    }

    /// Match with the anchor slot at token `at`. Returns the first and last token index and,
    /// per slot, the token range it matched (empty for a skipped optional slot or gap).
    pub fn match_at(&self, toks: &[Tok<'_>], at: usize) -> Option<PatternMatch> {
        if !self.slot_matches(self.anchor, &toks[at]) {
            return None;
        }
        let mut caps = vec![(0usize, 0usize); self.slots.len()];
        let (first, last) = self.match_into(toks, at, &mut caps)?;
        Some(PatternMatch { first, last, caps })
    }

    /// Match with the anchor at `at`, which its slot matches already (the caller checked it),
    /// writing each slot's token range into `caps` (one entry per slot): the first and last
    /// token.
    fn match_into(
        &self,
        toks: &[Tok<'_>],
        at: usize,
        caps: &mut [(usize, usize)],
    ) -> Option<(usize, usize)> {
        debug_assert!(self.slot_matches(self.anchor, &toks[at]));
        caps[self.anchor] = (at, at + 1);
        let end = self.forward(toks, self.anchor + 1, at + 1, caps)?;
        let start = self.backward(toks, self.anchor, at, caps)?;
        // `^ ... $`: the match is the whole sentence (a list item such as "- min. 30 år").
        if self.whole_start && !toks[start].brk {
            return None;
        }
        if self.whole_end && toks.get(end).is_some_and(|t| !t.brk) {
            return None;
        }
        Some((start, end - 1))
    }

    /// Like [`match_at`](Self::match_at), the first and last token only, without allocating
    /// the per-slot captures (the cue tables ask this for every candidate of every unit), for
    /// an `at` whose token the anchor slot matches: the cue tables find `at` through the
    /// anchor's words ([`neighbours_match`](Self::neighbours_match) and `match_at` check it).
    pub fn match_bounds(&self, toks: &[Tok<'_>], at: usize) -> Option<(usize, usize)> {
        const ON_STACK: usize = 16;
        let n = self.slots.len();
        let mut stack = [(0usize, 0usize); ON_STACK];
        let mut heap = Vec::new();
        let caps: &mut [(usize, usize)] = if n <= ON_STACK {
            &mut stack[..n]
        } else {
            heap.resize(n, (0, 0));
            &mut heap
        };
        self.match_into(toks, at, caps)
    }

    /// A cheap pre-check with the anchor at token `at`: the required slots right next to the
    /// anchor match the neighbouring tokens (a window of one token each side is enough).
    pub fn neighbours_match(&self, toks: &[Tok<'_>], at: usize) -> bool {
        self.slot_matches(self.anchor, &toks[at]) && self.beside_anchor_match(toks, at)
    }

    /// The part of [`neighbours_match`](Self::neighbours_match) after the anchor's own slot: the
    /// required slots right before and after the anchor match the tokens next to `at` (which
    /// [`match_bounds`](Self::match_bounds) needs too: a candidate failing it matches nothing).
    #[inline]
    pub fn beside_anchor_match(&self, toks: &[Tok<'_>], at: usize) -> bool {
        if self.anchor > 0 {
            if let PSlot::Alts {
                optional: false, ..
            } = &self.slots[self.anchor - 1]
            {
                if at == 0 || toks[at].brk || !self.slot_matches(self.anchor - 1, &toks[at - 1]) {
                    return false;
                }
            }
        }
        if let Some(PSlot::Alts {
            optional: false, ..
        }) = self.slots.get(self.anchor + 1)
        {
            match toks.get(at + 1) {
                Some(t) if !t.brk && self.slot_matches(self.anchor + 1, t) => {}
                _ => return false,
            }
        }
        true
    }

    fn slot_matches(&self, slot: usize, tok: &Tok<'_>) -> bool {
        match &self.slots[slot] {
            PSlot::Alts { .. } => self
                .index
                .get(slot)
                .is_some_and(|ix| ix.matches(tok.lower, tok.kind)),
            PSlot::Gap { .. } => true,
        }
    }

    /// Match slots `slot..` starting at token `pos` (which must not cross a break).
    /// Returns the index one past the last token used.
    fn forward(
        &self,
        toks: &[Tok],
        slot: usize,
        pos: usize,
        caps: &mut [(usize, usize)],
    ) -> Option<usize> {
        if slot == self.slots.len() {
            return Some(pos);
        }
        let can_take = |p: usize| p < toks.len() && !toks[p].brk;
        match &self.slots[slot] {
            PSlot::Gap { n, mods } => {
                for skip in 0..=*n {
                    if skip > 0
                        && (!can_take(pos + skip - 1)
                            || (*mods && !is_modifier(&toks[pos + skip - 1])))
                    {
                        break;
                    }
                    if let Some(e) = self.forward(toks, slot + 1, pos + skip, caps) {
                        caps[slot] = (pos, pos + skip);
                        return Some(e);
                    }
                }
                None
            }
            PSlot::Alts { optional, .. } => {
                if can_take(pos) && self.slot_matches(slot, &toks[pos]) {
                    if let Some(e) = self.forward(toks, slot + 1, pos + 1, caps) {
                        caps[slot] = (pos, pos + 1);
                        return Some(e);
                    }
                }
                if *optional {
                    caps[slot] = (pos, pos);
                    return self.forward(toks, slot + 1, pos, caps);
                }
                None
            }
        }
    }

    /// Match slots `..slot` backwards, ending just before token `pos` (the first token used so
    /// far, which must not start a sentence for the match to extend before it).
    fn backward(
        &self,
        toks: &[Tok],
        slot: usize,
        pos: usize,
        caps: &mut [(usize, usize)],
    ) -> Option<usize> {
        if slot == 0 {
            return Some(pos);
        }
        let s = slot - 1;
        let can_take = |first: usize| first > 0 && !toks[first].brk;
        match &self.slots[s] {
            PSlot::Gap { n, mods } => {
                for skip in 0..=*n {
                    if skip > 0
                        && (!can_take(pos + 1 - skip) || (*mods && !is_modifier(&toks[pos - skip])))
                    {
                        break;
                    }
                    if let Some(st) = self.backward(toks, s, pos - skip, caps) {
                        caps[s] = (pos - skip, pos);
                        return Some(st);
                    }
                }
                None
            }
            PSlot::Alts { optional, .. } => {
                if can_take(pos) && self.slot_matches(s, &toks[pos - 1]) {
                    if let Some(st) = self.backward(toks, s, pos - 1, caps) {
                        caps[s] = (pos - 1, pos);
                        return Some(st);
                    }
                }
                if *optional {
                    caps[s] = (pos, pos);
                    return self.backward(toks, s, pos, caps);
                }
                None
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct PatternMatch {
    pub first: usize,
    pub last: usize,
    pub caps: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
}

/// A token of a window: byte offsets into the text the window was cut from. `Copy`: cutting
/// a range of tokens from the [`TokenIndex`] is a copy of its slice.
#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// A sentence break lies between the previous token and this one.
    pub brk: bool,
    /// The token, lowercased (borrowed from the same-length lowercase of the text).
    pub lower: &'a str,
}

#[inline(always)]
fn word_char_at(text: &str, i: usize) -> Option<(char, bool)> {
    let bytes = text.as_bytes();
    let b = *bytes.get(i)?;
    if b < 0x80 {
        return Some((b as char, b.is_ascii_alphanumeric()));
    }
    // U+00C0..U+00FF (æ, ø, å, é, ü ...): letters but for × and ÷, without a table look-up.
    if b == 0xC3 {
        if let Some(&b2) = bytes.get(i + 1) {
            let c = char::from(0xC0 | (b2 & 0x3F));
            return Some((c, c != '×' && c != '÷'));
        }
    }
    other_char_at(text, i)
}

/// [`word_char_at`] for the rest of Unicode (rare in an ad: kept out of the tokenizer's loop).
#[inline(never)]
fn other_char_at(text: &str, i: usize) -> Option<(char, bool)> {
    let c = text[i..].chars().next()?;
    Some((c, text::is_word_char(c)))
}

/// Does `s` contain one of the ASCII bytes in `set`? (A byte test: UTF-8 continuation bytes
/// are never ASCII, so this is `s.contains([...])` without decoding characters.)
#[inline]
fn has_any(s: &str, set: &[u8]) -> bool {
    s.bytes().any(|b| set.contains(&b))
}

/// Tokenize `text[from..to]` (both on char boundaries) for a test: the lowercase of `text`
/// is leaked so that the tokens can borrow it.
#[cfg(test)]
pub fn tokenize(text: &str, from: usize, to: usize) -> Vec<Tok<'_>> {
    let lower: &'static str = Box::leak(text::lowercase(text).into_boxed_str());
    tokenize_in(text, lower, from, to)
}

/// Tokenize `text[from..to]` (both on char boundaries); the tokens borrow their lowercase
/// from `lower`, the same-length lowercase of `text` ([`crate::text::lowercase`]). The first
/// token gets `brk = true` when `from` is at a sentence start.
pub fn tokenize_in<'a>(text: &'a str, lower: &'a str, from: usize, to: usize) -> Vec<Tok<'a>> {
    tokenize_impl(text, lower, from, to)
}

/// The tokens of a whole text, made once, from which the tokens of a range are cut: what
/// [`tokenize_in`] gives for the range, without tokenizing it again. A range whose ends fall
/// inside a token of the whole text (or an index made without tokens) is tokenized as before.
#[derive(Debug, Clone)]
pub struct TokenIndex<'a> {
    text: &'a str,
    lower: &'a str,
    /// `None`: no index (a large text), every range is tokenized on its own.
    toks: Option<Vec<Tok<'a>>>,
    /// For each [`BUCKET`] bytes of the text, from `k * BUCKET`: how many tokens end at or
    /// before that offset (`ended[k]`) and how many start before it (`started[k]`), so that a
    /// range's first and last token are looked for among the few tokens of one bucket instead
    /// of by a binary search of all of them.
    ended: Vec<u32>,
    started: Vec<u32>,
}

/// The bytes of text per entry of [`TokenIndex`]'s bucket tables.
const BUCKET: usize = 64;

impl<'a> TokenIndex<'a> {
    /// The index of `text` (with its same-length lowercase `lower`).
    pub fn new(text: &'a str, lower: &'a str) -> TokenIndex<'a> {
        let toks = tokenize_in(text, lower, 0, text.len());
        // Counts fit in `u32` (a token is at least one byte) for a text under 4 GiB; a larger
        // one is searched without the tables.
        let (mut ended, mut started) = (Vec::new(), Vec::new());
        if u32::try_from(text.len()).is_ok() {
            let n = text.len() / BUCKET + 1;
            // Counted by bucket, then summed: `ended[k]` counts the tokens whose end rounded
            // up to a bucket is at most `k`, `started[k]` those whose start rounded down is
            // below `k` (no loop whose end depends on the offsets).
            ended.resize(n + 1, 0u32);
            started.resize(n + 1, 0u32);
            for t in &toks {
                ended[t.end.div_ceil(BUCKET)] += 1;
                started[t.start / BUCKET + 1] += 1;
            }
            ended.truncate(n);
            started.truncate(n);
            let (mut e, mut st) = (0u32, 0u32);
            for (x, y) in ended.iter_mut().zip(started.iter_mut()) {
                e += *x;
                st += *y;
                *x = e;
                *y = st;
            }
        }
        TokenIndex {
            text,
            lower,
            toks: Some(toks),
            ended,
            started,
        }
    }

    /// `all.partition_point(|t| t.end <= at)`, and `all.partition_point(|t| t.start < at)`
    /// if `start`: through the bucket tables.
    #[inline]
    fn count_before(&self, all: &[Tok<'a>], at: usize, start: bool) -> usize {
        let table = if start { &self.started } else { &self.ended };
        let k = at / BUCKET;
        let (lo, hi) = match (table.get(k), table.get(k + 1)) {
            (Some(&lo), Some(&hi)) => (lo as usize, hi as usize),
            (Some(&lo), None) => (lo as usize, all.len()),
            _ if table.is_empty() => (0, all.len()),
            // Past the end of the text.
            _ => return all.len(),
        };
        // The tokens of one bucket are few (about nine): counted rather than searched, with
        // no branch on their offsets (a binary search's branches are guesses in a new text).
        let bucket = &all[lo..hi];
        if bucket.len() > 32 {
            // A bucket of many tokens (no tables: a text of 4 GiB or more; or a run of
            // one-byte tokens): searched.
            let key = |t: &Tok<'a>| if start { t.start } else { t.end };
            return lo + bucket.partition_point(|t| key(t) < at || (!start && key(t) == at));
        }
        lo + if start {
            bucket
                .iter()
                .map(|t| usize::from(t.start < at))
                .sum::<usize>()
        } else {
            bucket
                .iter()
                .map(|t| usize::from(t.end <= at))
                .sum::<usize>()
        }
    }

    /// No index: [`TokenIndex::range`] tokenizes each range.
    pub fn none(text: &'a str, lower: &'a str) -> TokenIndex<'a> {
        TokenIndex {
            text,
            lower,
            toks: None,
            ended: Vec::new(),
            started: Vec::new(),
        }
    }

    /// The lowercase of the text.
    pub fn lower(&self) -> &'a str {
        self.lower
    }

    /// `tokenize_in(text, lower, from, to)`.
    pub fn range(&self, from: usize, to: usize) -> Vec<Tok<'a>> {
        let mut out = Vec::new();
        self.range_into(from, to, &mut out);
        out
    }

    /// [`range`](Self::range), appended to `out`.
    pub fn range_into(&self, from: usize, to: usize, out: &mut Vec<Tok<'a>>) {
        let text = self.text;
        let to = to.min(text.len());
        let Some(all) = &self.toks else {
            out.extend(tokenize_in(text, self.lower, from, to));
            return;
        };
        // The first token ending after `from`, and one past the last starting before `to`.
        let i = self.count_before(all, from, false);
        let j = self.count_before(all, to, true).max(i);
        let head = i < all.len() && all[i].start < from;
        let tail = j > i && all[j - 1].end > to;
        if from >= to || ((head || tail) && j - i < 2) {
            out.extend(tokenize_in(text, self.lower, from, to));
            return;
        }
        if i == j {
            // No token in the range.
            return;
        }
        let base = out.len();
        // The range's tokens at once (a token cut at either end may come out as two).
        out.reserve(j - i + 2);
        if head {
            // The range starts inside a token (a window cut at «08.|00-16.00»): that token is
            // tokenized from `from`. It ends where the indexed token ends (joiners are decided
            // by their neighbours in the whole text), and from there the two tokenizers agree.
            out.extend(tokenize_in(text, self.lower, from, all[i].end));
            if out.len() == base {
                // Nothing of it is a token: the next token's break would be read differently.
                out.extend(tokenize_in(text, self.lower, from, to));
                return;
            }
        } else {
            out.push(all[i]);
            // Only the first token's break depends on where the range starts.
            let f = &mut out[base];
            let c = text[f.start..].chars().next().unwrap_or(' ');
            f.brk = is_break(&text[..f.start], "", c, true);
        }
        if tail {
            out.extend_from_slice(&all[i + 1..j - 1]);
            // The range ends inside a token: it is tokenized up to `to`; its break is the
            // indexed token's (the same gap after the same token before it).
            let at = out.len();
            out.extend(tokenize_in(text, self.lower, all[j - 1].start, to));
            if let Some(t) = out.get_mut(at) {
                t.brk = all[j - 1].brk;
            }
        } else {
            out.extend_from_slice(&all[i + 1..j]);
        }
    }
}

/// Does the possible joiner `d` at byte `j` of `text` join its neighbours into one token
/// ("Inge-Lise", "25-35", "3.000", "don't")? With the character after it ([`word_char_at`]).
fn joins_at(text: &str, j: usize, d: char) -> (bool, Option<(char, bool)>) {
    let next = word_char_at(text, j + d.len_utf8());
    let prev = text[..j].chars().next_back();
    let joins = match d {
        '-' | '–' => next.is_some_and(|n| n.1),
        '\'' | '’' => {
            next.is_some_and(|n| n.0.is_alphabetic()) && prev.is_some_and(char::is_alphabetic)
        }
        '.' | ',' => {
            next.is_some_and(|n| n.0.is_ascii_digit()) && prev.is_some_and(|p| p.is_ascii_digit())
        }
        _ => false,
    };
    (joins, next)
}

/// The token `text[start..end]` of all digits, or a range of them ("25-35", "3.000-4.000"), is
/// a number (the token is sliced only for a range).
#[inline]
fn token_kind(text: &str, start: usize, end: usize, all_digits: bool, range: bool) -> TokKind {
    if all_digits
        || (range
            && text[start..end]
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | '.' | ',')))
    {
        TokKind::Number
    } else {
        TokKind::Word
    }
}

/// Byte classes of the tokenizer ([`CLASS`]): one look-up tells what a byte can be.
const C_ALNUM: u8 = 1; // an ASCII letter or digit
const C_DIGIT: u8 = 2; // an ASCII digit
const C_BRK: u8 = 4; // `\n ! ? ;`: a sentence break between two tokens
const C_STOP: u8 = 8; // `. :`: a break before a capital
const C_HIGH: u8 = 16; // not ASCII: a character to decode
const C_JOIN: u8 = 32; // `- ' . ,`: may join two parts of one token

const fn byte_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            C_HIGH
        } else if c.is_ascii_digit() {
            C_ALNUM | C_DIGIT
        } else if c.is_ascii_alphabetic() {
            C_ALNUM
        } else {
            match c {
                b'\n' | b'!' | b'?' | b';' => C_BRK,
                b'.' => C_STOP | C_JOIN,
                b':' => C_STOP,
                b'-' | b'\'' | b',' => C_JOIN,
                _ => 0,
            }
        };
        b += 1;
    }
    t
}

static CLASS: [u8; 256] = byte_classes();

/// The tokenizer: one table look-up a byte. The gap between two tokens is read once, its break
/// characters gathered as it is skipped (only ASCII bytes can be one, so the gap's other
/// characters need no decoding); a token's ASCII letters and digits are taken in a tight
/// loop, and only a possible joiner or a non-ASCII character is looked at more closely.
fn tokenize_impl<'a>(text: &'a str, lower: &'a str, from: usize, to: usize) -> Vec<Tok<'a>> {
    let to = to.min(text.len());
    // A token and its gap take about 7 bytes in Danish; one in ten ads has more tokens than
    // a sixth of its bytes, whose list would be copied once as it grew.
    let mut toks: Vec<Tok<'a>> = Vec::with_capacity(to.saturating_sub(from) / 5 + 1);
    let mut i = from;
    // The classes of the gap's bytes since the last token (or `from`), or-ed together.
    let mut gap = 0u8;
    let bytes = text.as_bytes();
    while i < to {
        let b = bytes[i];
        let cb = CLASS[usize::from(b)];
        let c = if cb & C_ALNUM != 0 {
            b as char
        } else if cb & C_HIGH == 0 {
            gap |= cb;
            i += 1;
            continue;
        } else {
            let Some((c, is_word)) = word_char_at(text, i) else {
                break;
            };
            if !is_word {
                i += c.len_utf8();
                continue;
            }
            c
        };
        // A token: letters/digits, with inner '-', '–', '\'', '.', ',' between word chars
        // ("Inge-Lise", "25-35", "3.000"); '.' and ',' only between digits.
        let start = i;
        let mut j = i + c.len_utf8();
        // The and of the classes of the token's bytes so far: `C_DIGIT` while all are digits.
        let mut digits = if cb & C_HIGH == 0 { cb } else { 0 };
        let mut range = false;
        while j < to {
            let mut cj = CLASS[usize::from(bytes[j])];
            while cj & C_ALNUM != 0 {
                digits &= cj;
                j += 1;
                if j >= to {
                    break;
                }
                cj = CLASS[usize::from(bytes[j])];
            }
            if j >= to {
                break;
            }
            if cj & C_HIGH != 0 {
                let Some((d, d_word)) = word_char_at(text, j) else {
                    break;
                };
                if d_word {
                    digits = 0;
                    j += d.len_utf8();
                    continue;
                }
                if !matches!(d, '–' | '’') {
                    break;
                }
            } else if cj & C_JOIN == 0 {
                // A space, or punctuation that ends the token (the common case).
                break;
            }
            // A possible joiner: its neighbours decide.
            let Some((d, _)) = word_char_at(text, j) else {
                break;
            };
            let (joins, next) = joins_at(text, j, d);
            if !joins {
                break;
            }
            let all_digits = digits & C_DIGIT != 0;
            if matches!(d, '-' | '–') && all_digits && next.is_some_and(|n| n.0.is_ascii_digit())
            {
                range = true;
            } else if matches!(d, '-' | '–') {
                digits = 0;
            }
            j += d.len_utf8();
        }
        let kind = token_kind(text, start, j, digits & C_DIGIT != 0, range);
        let brk = if toks.is_empty() {
            is_break(&text[..start], "", c, true)
        } else {
            gap & C_BRK != 0 || (gap & C_STOP != 0 && c.is_uppercase())
        };
        toks.push(Tok {
            start,
            end: j,
            kind,
            brk,
            lower: &lower[start..j],
        });
        gap = 0;
        i = j;
    }
    toks
}

/// The tokenizer as it was before [`CLASS`] (a byte at a time through `word_char_at`, each gap
/// read again for its breaks): the oracle of the property test that compares the two. It shares
/// with the tokenizer only what neither changed: whether a joiner joins, and a token's kind.
#[cfg(test)]
fn tokenize_reference<'a>(text: &'a str, lower: &'a str, from: usize, to: usize) -> Vec<Tok<'a>> {
    let to = to.min(text.len());
    let mut toks: Vec<Tok<'a>> = Vec::with_capacity(to.saturating_sub(from) / 6 + 1);
    let mut i = from;
    let mut gap_start = from;
    let bytes = text.as_bytes();
    while i < to {
        // Spaces and ASCII punctuation between tokens, a byte at a time.
        let b = bytes[i];
        if b < 0x80 && !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let Some((c, is_word)) = word_char_at(text, i) else {
            break;
        };
        if !is_word {
            i += c.len_utf8();
            continue;
        }
        // A token: letters/digits, with inner '-', '–', '\'', '.', ',' between word chars
        // ("Inge-Lise", "25-35", "3.000"); '.' and ',' only between digits.
        let start = i;
        let mut j = i + c.len_utf8();
        let mut all_digits = c.is_ascii_digit();
        let mut range = false;
        while j < to {
            // A run of ASCII letters and digits, the most of a Danish word, without decoding
            // a char (whether it is all digits is asked only while the token still is).
            let run = j;
            while j < to && bytes[j].is_ascii_alphanumeric() {
                j += 1;
            }
            if j > run {
                if all_digits {
                    all_digits = bytes[run..j].iter().all(u8::is_ascii_digit);
                }
                if j >= to {
                    break;
                }
            }
            let Some((d, d_word)) = word_char_at(text, j) else {
                break;
            };
            if d_word {
                all_digits &= d.is_ascii_digit();
                j += d.len_utf8();
                continue;
            }
            // Only a possible joiner needs its neighbours (a space or a full stop after a
            // word, the common case, ends the token at once).
            if !matches!(d, '-' | '–' | '\'' | '’' | '.' | ',') {
                break;
            }
            let (joins, next) = joins_at(text, j, d);
            if !joins {
                break;
            }
            if matches!(d, '-' | '–') && all_digits && next.is_some_and(|n| n.0.is_ascii_digit())
            {
                range = true;
            } else if matches!(d, '-' | '–') {
                all_digits = false;
            }
            j += d.len_utf8();
        }
        let kind = token_kind(text, start, j, all_digits, range);
        let brk = if toks.is_empty() {
            is_break(&text[..start], &text[gap_start.min(start)..start], c, true)
        } else {
            is_break(&text[..start], &text[gap_start..start], c, false)
        };
        toks.push(Tok {
            start,
            end: j,
            kind,
            brk,
            lower: &lower[start..j],
        });
        gap_start = j;
        i = j;
    }
    toks
}

/// Is there a sentence break in `gap` (the text between two tokens), given the next token's
/// first character? For the first token of a window, `before` is all text before it.
fn is_break(before: &str, gap: &str, next_first: char, first: bool) -> bool {
    if first {
        // A window start: a break if the preceding text ends a sentence or is empty.
        let trimmed = before.trim_end_matches([' ', '\t', '\u{a0}']);
        return trimmed.is_empty()
            || trimmed.ends_with(['\n', '!', '?', ';'])
            || (trimmed.ends_with(['.', ':']) && next_first.is_uppercase());
    }
    if has_any(gap, b"\n!?;") {
        return true;
    }
    has_any(gap, b".:") && next_first.is_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, t: &str) -> Option<String> {
        let p = Pattern::parse(p).unwrap();
        let toks = tokenize(t, 0, t.len());
        for (i, _) in toks.iter().enumerate() {
            if let Some(pm) = p.match_at(&toks, i) {
                return Some(t[toks[pm.first].start..toks[pm.last].end].to_string());
            }
        }
        None
    }

    /// Every phrase and cue pattern of a lexicon.
    fn every_pattern(lex: &crate::lexicon::Lexicon) -> Vec<&Pattern> {
        lex.phrases
            .iter()
            .map(|p| &p.pattern)
            .chain(
                lex.requirements
                    .groups
                    .iter()
                    .flat_map(|g| g.patterns.iter()),
            )
            .collect()
    }

    /// A slot's index answers as trying its alternatives one by one, for every slot of every
    /// phrase and cue pattern, on every token of the repository's ads, every word of the
    /// slots themselves and those words cut by a letter.
    #[test]
    fn slot_indexes_answer_as_the_alternatives() {
        let lex = crate::lexicon::Lexicon::builtin().expect("builtin lexicon");
        let patterns = every_pattern(&lex);
        let mut words: Vec<String> = Vec::new();
        for (_, text) in crate::test_ads::ads(&["tests/realads", "tests/corpus"]) {
            let lower = crate::text::lowercase(&text);
            words.extend(
                tokenize_in(&text, &lower, 0, text.len())
                    .iter()
                    .map(|t| t.lower.to_string()),
            );
        }
        let mut indexed = 0;
        for p in &patterns {
            for slot in &p.slots {
                if let PSlot::Alts { alts, .. } = slot {
                    for a in alts {
                        if let Some(w) = a.literal() {
                            words.push(w.to_string());
                            let mut cut = w.to_string();
                            cut.pop();
                            words.push(cut);
                            words.push(format!("{w}e"));
                        }
                    }
                }
            }
        }
        words.sort();
        words.dedup();
        for p in &patterns {
            for (i, slot) in p.slots.iter().enumerate() {
                let PSlot::Alts { alts, .. } = slot else {
                    continue;
                };
                indexed += usize::from(!p.index[i].words.is_empty());
                for w in &words {
                    for kind in [TokKind::Word, TokKind::Number] {
                        assert_eq!(
                            p.index[i].matches(w, kind),
                            alts.iter().any(|a| a.matches(w, kind)),
                            "{w:?} in slot {i} of {:?}",
                            p.slots
                        );
                    }
                }
            }
        }
        assert!(indexed >= 10, "{indexed} slots indexed");
    }

    /// A word set answers as a search of its sorted words: for words of every length around
    /// its key's two reads (under 4, 4 to 8, 8 to 16, longer), words alike in their first
    /// sixteen bytes (the key's reads; only the hashed rest and a full comparison tell them
    /// apart) or in their first and last eight, Danish letters, and sets of 1 to 300 words.
    #[test]
    fn a_word_set_answers_as_a_sorted_search() {
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n as u64) as usize
        };
        let alphabet: Vec<char> = "abeæøå-".chars().collect();
        let word = |next: &mut dyn FnMut(usize) -> usize| -> String {
            let n = 1 + next(24);
            let mut w: String = (0..n).map(|_| alphabet[next(alphabet.len())]).collect();
            match next(4) {
                // Alike at both ends: only the middle tells these apart.
                0 => w = format!("abcdefgh{w}stuvwxyz"),
                // One first sixteen bytes, and often one length: the rest tells them apart.
                1 => w = format!("abcdefghijklmnop{}", &w[..w.floor_char_boundary(3)]),
                _ => {}
            }
            w
        };
        let mut checked = 0;
        for round in 0..200 {
            let n = 1 + round * 3 / 2;
            let mut words: Vec<String> = (0..n).map(|_| word(&mut next)).collect();
            words.sort();
            words.dedup();
            let set = WordSet::new(&words);
            let mut probes: Vec<String> = words.clone();
            for w in &words {
                let mut cut = w.clone();
                cut.pop();
                probes.push(cut);
                probes.push(format!("{w}e"));
            }
            probes.extend((0..n).map(|_| word(&mut next)));
            for p in &probes {
                assert_eq!(
                    set.contains(p),
                    words.binary_search(p).is_ok(),
                    "{p:?} in {words:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 50_000, "{checked}");
        assert!(!WordSet::default().contains("a"));
    }

    /// The cheap pre-check turns away no candidate that matches: for every phrase and cue
    /// pattern, at every token of every line of the repository's ads that its anchor slot
    /// matches, a match implies the pre-check's yes (and it does say no to many).
    #[test]
    fn the_check_beside_the_anchor_turns_away_no_match() {
        let lex = crate::lexicon::Lexicon::builtin().expect("builtin lexicon");
        let patterns = every_pattern(&lex);
        let (mut matched, mut turned_away) = (0, 0);
        for (_, text) in crate::test_ads::ads(&["tests/realads", "tests/corpus"]) {
            for line in text.lines() {
                let toks = tokenize(line, 0, line.len());
                for p in &patterns {
                    for at in 0..toks.len() {
                        if !p.slot_matches(p.anchor, &toks[at]) {
                            continue;
                        }
                        let beside = p.beside_anchor_match(&toks, at);
                        if p.match_bounds(&toks, at).is_some() {
                            assert!(beside, "{line:?} at {at}: {:?}", p.slots);
                            matched += 1;
                        } else if !beside {
                            turned_away += 1;
                        }
                    }
                }
            }
        }
        assert!(
            matched > 1000 && turned_away > 1000,
            "{matched} {turned_away}"
        );
    }

    /// The bucket tables find the same first and last token as a binary search of all the
    /// tokens, from every offset (and past the end) of every ad of the repository.
    #[test]
    fn the_bucket_tables_answer_as_a_binary_search() {
        let mut n = 0;
        for (_, text) in crate::test_ads::ads(&["tests/realads", "tests/corpus", "examples"]) {
            let lower = crate::text::lowercase(&text);
            let ix = TokenIndex::new(&text, &lower);
            let all = ix.toks.as_deref().unwrap_or(&[]);
            for at in 0..=text.len() + 2 * BUCKET {
                assert_eq!(
                    ix.count_before(all, at, false),
                    all.partition_point(|t| t.end <= at),
                    "end <= {at}"
                );
                assert_eq!(
                    ix.count_before(all, at, true),
                    all.partition_point(|t| t.start < at),
                    "start < {at}"
                );
                n += 1;
            }
        }
        assert!(n > 100_000, "{n} offsets");
    }

    /// A range of the index is the range tokenized on its own, also where it starts or ends
    /// inside a token: on every ad of the repository from and to every character boundary of
    /// stretches around tokens with joiners, and from and to every 11th boundary of its first
    /// 1.5 KB; and on a text of nothing but joined tokens.
    #[test]
    fn index_ranges_are_the_ranges_tokenized() {
        let mut texts = crate::test_ads::all_texts();
        texts.push(
            "kl. 08.00-16.00, Inge-Lise's 3.000-4.000 kr. don't 25–35-årige. Hr. X. ApS-Lind e-mail"
                .repeat(8),
        );
        let mut n = 0;
        let mut straddled = 0;
        for text in &texts {
            let lower = text::lowercase(text);
            let ix = TokenIndex::new(text, &lower);
            let all = ix.toks.as_deref().unwrap_or(&[]);
            let key = |t: &Tok| (t.start, t.end, t.kind, t.brk, t.lower.to_string());
            let mut check = |from: usize, to: usize| {
                let got: Vec<_> = ix.range(from, to).iter().map(key).collect();
                let want: Vec<_> = tokenize_in(text, &lower, from, to)
                    .iter()
                    .map(key)
                    .collect();
                assert_eq!(got, want, "{from}..{to} of {:?}", &text[from..to.max(from)]);
                n += 1;
                straddled += usize::from(
                    all.iter()
                        .any(|t| (t.start < from && from < t.end) || (t.start < to && to < t.end)),
                );
            };
            let joined: Vec<usize> = all
                .iter()
                .filter(|t| text[t.start..t.end].contains(['-', '.', ',', '\'', '–', '’']))
                .take(40)
                .map(|t| t.start)
                .collect();
            for at in joined {
                let lo = at.saturating_sub(24);
                let hi = (at + 48).min(text.len());
                let cuts: Vec<usize> = (lo..=hi).filter(|&c| text.is_char_boundary(c)).collect();
                for &from in &cuts {
                    for &to in &cuts {
                        check(from, to);
                    }
                }
            }
            let cuts: Vec<usize> = (0..text.len().min(1500))
                .step_by(11)
                .filter(|&c| text.is_char_boundary(c))
                .collect();
            for &from in &cuts {
                for &to in cuts.iter().filter(|&&t| t >= from).step_by(7) {
                    check(from, to);
                }
            }
        }
        assert!(straddled > 10_000, "{straddled} of {n} ranges cut a token");
    }

    /// The table-driven tokenizer gives the same tokens as the one before it, on every ad of
    /// the repository (whole, and from and to every 7th character boundary of its first 2 KB),
    /// and on random text over the characters each branch of either looks at.
    #[test]
    fn the_tokenizer_is_its_reference() {
        fn same(text: &str, from: usize, to: usize) {
            let lower = text::lowercase(text);
            let key = |t: &Tok| (t.start, t.end, t.kind, t.brk, t.lower.to_string());
            let a: Vec<_> = tokenize_impl(text, &lower, from, to)
                .iter()
                .map(key)
                .collect();
            let b: Vec<_> = tokenize_reference(text, &lower, from, to)
                .iter()
                .map(key)
                .collect();
            assert_eq!(
                a,
                b,
                "{from}..{to} of {:?}",
                &text[from..to.min(text.len())]
            );
        }
        let mut files = 0;
        for (_, t) in crate::test_ads::ads(&["tests/realads", "tests/corpus", "examples"]) {
            files += 1;
            same(&t, 0, t.len());
            let cuts: Vec<usize> = (0..t.len().min(2048))
                .filter(|&i| t.is_char_boundary(i))
                .step_by(7)
                .collect();
            for &a in &cuts {
                same(&t, a, t.len());
                same(&t, 0, a);
                same(&t, a, (a + 97).min(t.len()));
            }
        }
        assert!(files > 200, "{files}");
        // Random text: letters, digits, æøå and capitals, joiners, breaks, stops, spaces,
        // nbsp, dashes, apostrophes, × (no letter), combining marks, emoji, CJK.
        let alphabet: Vec<char> = "aZ9 0.,:;!?-–'’\n\tæØåÉ×÷\u{a0}\u{301}😀中Ω_/\"»"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 24) as usize;
            let mut s = String::new();
            let mut r = seed;
            for _ in 0..n {
                r = r
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[(r >> 33) as usize % alphabet.len()]);
            }
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            let a = bounds[(seed >> 40) as usize % bounds.len()];
            let b = bounds[(seed >> 20) as usize % bounds.len()];
            same(&s, 0, s.len());
            same(&s, a.min(b), a.max(b));
        }
    }

    #[test]
    fn tokens_and_breaks() {
        let t = "Vi søger Inge-Lise. Hun er min. 25 år, 25-35 år! 3.000 kr";
        let toks = tokenize(t, 0, t.len());
        let w: Vec<(&str, bool)> = toks.iter().map(|t| (t.lower, t.brk)).collect();
        assert_eq!(
            w,
            vec![
                ("vi", true),
                ("søger", false),
                ("inge-lise", false),
                ("hun", true),
                ("er", false),
                ("min", false),
                ("25", false),
                ("år", false),
                ("25-35", false),
                ("år", false),
                ("3.000", true),
                ("kr", false)
            ]
        );
        assert_eq!(toks[8].kind, TokKind::Number);
    }

    #[test]
    fn patterns_match_with_optional_gap_and_affixes() {
        assert_eq!(
            m(
                "vi? søger en? kvinde|mand",
                "Nu: Vi søger en mand til lageret"
            )
            .as_deref(),
            Some("Vi søger en mand")
        );
        assert_eq!(
            m("vi? søger en? kvinde|mand", "søger kvinde").as_deref(),
            Some("søger kvinde")
        );
        assert_eq!(
            m("*dame søges", "Rengøringsdame søges").as_deref(),
            Some("Rengøringsdame søges")
        );
        assert_eq!(
            m("mellem # og # år", "du er mellem 25 og 35 år").as_deref(),
            Some("mellem 25 og 35 år")
        );
        assert_eq!(
            m("min|minimum # år", "Du er min. 25 år").as_deref(),
            Some("min. 25 år")
        );
        assert_eq!(
            m("mand ..2 op", "mand dig nu op").as_deref(),
            Some("mand dig nu op")
        );
        assert_eq!(
            m("opfordr* ..3 kvinder", "Vi opfordrer især kvinder").as_deref(),
            Some("opfordrer især kvinder")
        );
        // never across a sentence break
        assert_eq!(m("søger kvinde", "Vi søger. Kvinde"), None);
        assert_eq!(m("søger kvinde", "Vi søger\nkvinde"), None);
    }

    #[test]
    fn modifier_gaps_and_whole_sentences() {
        let p = "søger ~4 kvinder|mænd";
        assert_eq!(
            m(p, "Vi søger tre stærke og pålidelige mænd til flytning").as_deref(),
            Some("søger tre stærke og pålidelige mænd")
        );
        assert_eq!(
            m(p, "Vi søger 2 unge, stærke mænd").as_deref(),
            Some("søger 2 unge, stærke mænd")
        );
        // Never over a function word, a noun or a verb.
        assert_eq!(m(p, "Vi søger en kollega til at hjælpe mænd"), None);
        assert_eq!(m(p, "Vi søger medarbejdere og mænd"), None);
        assert_eq!(
            m("en ~2 kvindelig *", "Vi søger en erfaren kvindelig pædagog").as_deref(),
            Some("en erfaren kvindelig pædagog")
        );
        let w = "^ min|max # år $";
        assert_eq!(
            m(w, "Du er:\n- mødestabil\n- min. 30 år\n- glad").as_deref(),
            Some("min. 30 år")
        );
        assert_eq!(m(w, "Du er min. 30 år"), None);
        assert_eq!(m(w, "- min. 30 år på lageret"), None);
    }

    #[test]
    fn bad_patterns_are_errors() {
        assert!(Pattern::parse("* #").is_err());
        assert!(Pattern::parse("Mand").is_err());
        assert!(Pattern::parse("..x mand").is_err());
        assert!(Pattern::parse("~x mand").is_err());
    }
}
