//! Small text helpers shared by the rules: same-length lowercasing, word characters,
//! letter-case patterns, the regions (URLs, e-mail addresses, host names) never linted, and byte
//! tests eight bytes at a time (`swar`).

/// Lowercase `s` so that every byte offset stays valid: ASCII and the Latin-1 capitals
/// (À-Þ, including Æ, Ø, Å) are lowered in place; every other character is kept as it is.
///
/// Made as a `String` from the start, so it is never validated as UTF-8 again: the ASCII
/// letters are lowered by `make_ascii_lowercase`, and each Latin-1 capital (rare) is replaced
/// by its lowercase, which has the same two bytes but the second (the same bytes as
/// [`lowercase_in_place`] gives).
pub fn lowercase(s: &str) -> String {
    let mut out = s.to_owned();
    out.make_ascii_lowercase();
    let mut i = 0;
    while let Some(off) = memchr::memchr(0xC3, &out.as_bytes()[i..]) {
        let j = i + off;
        if let Some(&b) = out.as_bytes().get(j + 1) {
            if latin1_capital_tail(b) {
                let lower = char::from(0xC0 + (b - 0x80) + 0x20);
                let mut buf = [0u8; 4];
                out.replace_range(j..j + 2, lower.encode_utf8(&mut buf));
            }
        }
        i = j + 1;
    }
    out
}

/// In-place version of [`lowercase`] on UTF-8 bytes.
pub fn lowercase_in_place(bytes: &mut [u8]) {
    bytes.make_ascii_lowercase();
    let mut i = 0;
    while let Some(off) = memchr::memchr(0xC3, &bytes[i..]) {
        let j = i + off;
        if let Some(b) = bytes.get_mut(j + 1) {
            if latin1_capital_tail(*b) {
                *b += 0x20;
            }
        }
        i = j + 1;
    }
}

/// Is `b`, the byte after a 0xC3 lead byte, the second byte of a capital letter of
/// U+00C0..U+00FF? Those are U+00C0..=U+00DE but for U+00D7 (×), and each one's lowercase is
/// 0x20 higher, in the same two-byte form.
#[inline]
pub(crate) const fn latin1_capital_tail(b: u8) -> bool {
    matches!(b, 0x80..=0x9E) && b != 0x97
}

/// A character that is part of a word (letters and digits): `char::is_alphanumeric`, with
/// the Latin-1 letters (æ, ø, å, é ...; all of U+00C0..U+00FF but × and ÷) answered without
/// the Unicode table look-up the standard library makes for every non-ASCII character.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{C0}'..='\u{FF}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphanumeric()
    }
}

/// The character just before byte offset `i`.
#[inline]
pub fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|p| p.chars().next_back())
}

/// The character at byte offset `i`.
#[inline]
pub fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|p| p.chars().next())
}

/// Start of the word that contains (or ends at) byte offset `i`.
pub fn word_start(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    loop {
        // ASCII letters and digits a byte at a time; a character beyond ASCII decoded.
        while i > 0 && b.get(i - 1).is_some_and(u8::is_ascii_alphanumeric) {
            i -= 1;
        }
        if b.get(i.wrapping_sub(1)).is_none_or(|&x| x < 0x80) {
            return i;
        }
        match char_before(s, i) {
            Some(c) if is_word_char(c) => i -= c.len_utf8(),
            _ => return i,
        }
    }
}

/// Start of the token that contains byte offset `i`: the word, and before it any words joined
/// by a hyphen («25-35-årig», «salgs-team»), as the tokenizer joins them.
pub fn token_start(s: &str, mut i: usize) -> usize {
    loop {
        i = word_start(s, i);
        match char_before(s, i) {
            Some(h @ ('-' | '–')) if char_before(s, i - h.len_utf8()).is_some_and(is_word_char) =>
            {
                i -= h.len_utf8();
            }
            _ => return i,
        }
    }
}

/// Does a hyphen at byte offset `i` join the word before it to a word after it, as the
/// tokenizer joins «salgs-team»?
pub fn hyphen_joins_at(s: &str, i: usize) -> bool {
    match char_at(s, i) {
        Some(h @ ('-' | '–')) => char_at(s, i + h.len_utf8()).is_some_and(is_word_char),
        _ => false,
    }
}

/// End of the word that contains (or starts at) byte offset `i`.
pub fn word_end(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    loop {
        // ASCII letters and digits a byte at a time; a character beyond ASCII decoded.
        while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        if b.get(i).is_none_or(|&x| x < 0x80) {
            return i;
        }
        match char_at(s, i) {
            Some(c) if is_word_char(c) => i += c.len_utf8(),
            _ => return i,
        }
    }
}

/// The letter-case pattern of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Lower,
    Capital,
    Upper,
    Mixed,
}

impl Case {
    pub fn of(word: &str) -> Case {
        if word.is_ascii() {
            // The same answer read byte by byte, without the Unicode tables.
            let mut letters = word.bytes().filter(u8::is_ascii_alphabetic);
            let Some(first) = letters.next() else {
                return Case::Lower;
            };
            let (upper, lower) = letters.fold((0usize, 0usize), |(u, l), b| {
                (
                    u + usize::from(b.is_ascii_uppercase()),
                    l + usize::from(b.is_ascii_lowercase()),
                )
            });
            return Case::from_counts(first.is_ascii_uppercase(), upper, lower);
        }
        let mut letters = word.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else {
            return Case::Lower;
        };
        let (mut upper, mut lower) = (0usize, 0usize);
        for c in letters {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
        Case::from_counts(first.is_uppercase(), upper, lower)
    }

    /// The case of a word from whether its first letter is a capital and how many of the
    /// others are capitals and small letters.
    fn from_counts(first_upper: bool, upper: usize, lower: usize) -> Case {
        match (first_upper, upper, lower) {
            (false, 0, _) => Case::Lower,
            (true, 0, _) => Case::Capital,
            (true, _, 0) => Case::Upper,
            _ => Case::Mixed,
        }
    }

    /// The pattern a replacement for `word` takes: the word's own, and for a mixed one
    /// («FoRmAnD», «fORMAND») the case of its first letter, so that a capital starting a
    /// sentence stays a capital.
    pub fn for_replacement(word: &str) -> Case {
        match Case::of(word) {
            Case::Mixed
                if word
                    .chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_uppercase) =>
            {
                Case::Capital
            }
            Case::Mixed => Case::Lower,
            c => c,
        }
    }

    /// Apply this pattern to a lowercase replacement.
    pub fn apply(self, s: &str) -> String {
        match self {
            Case::Lower | Case::Mixed => s.to_string(),
            Case::Capital => capitalize(s),
            Case::Upper => s.to_uppercase(),
        }
    }
}

/// First letter uppercase, the rest as given.
pub fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Byte ranges of URLs, e-mail addresses and host names in `s`, sorted and disjoint.
/// These are never linted (`formand@eksempel.dk`, `https://eksempel.dk/formand-job`).
pub fn skip_regions(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out: Vec<(usize, usize)> = Vec::new();
    // The end of the last chunk a '.' found no host name in: every other '.' candidate before
    // it lies in the same chunk and would expand to the same bytes (so "1.1.1.…" is read once,
    // not once per dot).
    let mut no_host_before = 0;
    // Candidates: every '@', every "://" and every '.' between two ASCII alphanumerics.
    for i in memchr::memchr3_iter(b'@', b':', b'.', b) {
        if let Some(&(_, e)) = out.last() {
            if i < e {
                continue;
            }
        }
        if b[i] == b'.' && i < no_host_before {
            continue;
        }
        let c = b[i];
        let is_candidate = match c {
            b'@' => i > 0 && i + 1 < b.len() && is_host_byte(b[i - 1]) && is_host_byte(b[i + 1]),
            b':' => b[i..].starts_with(b"://") && i > 0 && b[i - 1].is_ascii_alphabetic(),
            _ => {
                i > 0
                    && i + 1 < b.len()
                    && b[i - 1].is_ascii_alphanumeric()
                    && b[i + 1].is_ascii_alphanumeric()
            }
        };
        if !is_candidate {
            continue;
        }
        // Expand to the whitespace-delimited chunk, without surrounding brackets/quotes.
        let mut start = i;
        while start > 0 && is_chunk_byte(b[start - 1]) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < b.len() && is_chunk_byte(b[end]) {
            end += 1;
        }
        let chunk_end = end;
        // Trailing sentence punctuation is not part of the address.
        while end > i + 1 && matches!(b[end - 1], b'.' | b',' | b';' | b':' | b'!' | b'?') {
            end -= 1;
        }
        while start < i && matches!(b[start], b'(' | b'[' | b'<' | b'"' | b'\'') {
            start += 1;
        }
        let chunk = &b[start..end];
        let keep = match c {
            b'@' | b':' => true,
            _ => looks_like_host(chunk),
        };
        if keep {
            // Merge with the previous region if they touch.
            if let Some(last) = out.last_mut() {
                if start <= last.1 {
                    last.1 = last.1.max(end);
                    continue;
                }
            }
            out.push((start, end));
        } else if c == b'.' {
            no_host_before = chunk_end;
        }
    }
    out
}

fn is_host_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'+')
}

fn is_chunk_byte(c: u8) -> bool {
    !(c.is_ascii_whitespace() || matches!(c, b'(' | b')' | b'<' | b'>' | b'"' | b'[' | b']'))
}

/// `www.eksempel.dk`, `eksempel.dk/job`, `job.eksempel.dk:8080`: ASCII labels joined by dots,
/// the last label (the top-level domain) two to 24 letters.
fn looks_like_host(chunk: &[u8]) -> bool {
    let host_end = chunk
        .iter()
        .position(|&c| c == b'/' || c == b'?' || c == b'#' || c == b':')
        .unwrap_or(chunk.len());
    let host = &chunk[..host_end];
    if host.is_empty() || !host.iter().all(|&c| is_host_byte(c)) {
        return false;
    }
    let mut labels = host.split(|&c| c == b'.');
    let Some(first) = labels.next() else {
        return false;
    };
    if first.is_empty() {
        return false;
    }
    let rest: Vec<&[u8]> = labels.collect();
    let Some(tld) = rest.last() else { return false };
    (2..=24).contains(&tld.len())
        && tld.iter().all(|c| c.is_ascii_lowercase())
        && rest.iter().all(|l| !l.is_empty())
}

/// A word's hash and its key for the open-addressing word tables (the cue-anchor memo,
/// `requirements::WordTable`, and a pattern slot's `pattern::WordSet`): one key, one hash.
pub(crate) mod word_hash {
    /// A multiply-xor hash over 8 bytes at a time (the mixing of `rustc-hash`): the anchor
    /// words are short and trusted (our own lexicon), so a fast hash beats SipHash's protection
    /// here (SipHash was a sixth of the requirements analysis; FNV-1a, a byte at a time, cost
    /// more).
    #[derive(Debug, Clone, Copy, Default)]
    pub(crate) struct WordHash(u64);

    const HASH_K: u64 = 0xf135_7aea_2e62_a9c5;

    impl std::hash::Hasher for WordHash {
        fn finish(&self) -> u64 {
            // The table takes its bucket from the low bits: bring the well-mixed high bits down.
            self.0.rotate_left(26)
        }
        fn write(&mut self, bytes: &[u8]) {
            let mut h = self.0;
            let mut chunks = bytes.chunks_exact(8);
            for c in &mut chunks {
                let mut w = [0u8; 8];
                w.copy_from_slice(c);
                h = (h ^ u64::from_le_bytes(w)).wrapping_mul(HASH_K);
            }
            let rest = chunks.remainder();
            if !rest.is_empty() {
                let mut w = 0u64;
                for (i, &b) in rest.iter().enumerate() {
                    w |= u64::from(b) << (8 * i);
                }
                h = (h ^ w).wrapping_mul(HASH_K);
            }
            self.0 = h;
        }
        fn write_u8(&mut self, b: u8) {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(HASH_K);
        }
    }

    /// A word's key: its first sixteen bytes, zero-padded, as two little-endian reads, which
    /// with its length are the whole word when it has at most 16 bytes. A longer word's rest is
    /// hashed into the second read, so that words alike in their first sixteen bytes (a crafted
    /// flood of them) do not all land in one slot; a table compares such a word in full.
    /// [`key_in`] reads the same key out of the text the word is cut from, without a branch on
    /// the word's length.
    #[inline]
    pub(crate) fn word_key(w: &[u8]) -> (u64, u64) {
        let n = w.len();
        let u64_at = |i: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&w[i..i + 8]);
            u64::from_le_bytes(b)
        };
        let u32_at = |i: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&w[i..i + 4]);
            u64::from(u32::from_le_bytes(b))
        };
        if n >= 16 {
            let mut y = u64_at(8);
            if n > 16 {
                let mut h = WordHash(0);
                std::hash::Hasher::write(&mut h, &w[16..]);
                y ^= std::hash::Hasher::finish(&h);
            }
            (u64_at(0), y)
        } else if n >= 8 {
            // The last eight bytes, moved down so that bytes 8.. of the word come first.
            (
                u64_at(0),
                u64_at(n - 8) >> (8 * (16 - n) as u32 % 64) & low_bytes(n - 8),
            )
        } else if n >= 4 {
            let rest = (u32_at(n - 4) >> (8 * (8 - n))) & low_bytes(n - 4);
            (u32_at(0) | (rest << 32), 0)
        } else if n > 0 {
            let x = u64::from(w[0]) | (u64::from(w[n / 2]) << 8) | (u64::from(w[n - 1]) << 16);
            (x & low_bytes(n), 0)
        } else {
            (0, 0)
        }
    }

    /// The low `k` bytes of a `u64` set (`k <= 8`), without a branch: one look-up.
    #[inline(always)]
    fn low_bytes(k: usize) -> u64 {
        const LOW: [u64; 9] = {
            let mut t = [0u64; 9];
            let mut k = 1;
            while k < 9 {
                t[k] = (t[k - 1] << 8) | 0xFF;
                k += 1;
            }
            t
        };
        LOW[k.min(8)]
    }

    /// [`word_key`] of `text[at..at + n]`, read as sixteen bytes of `text` from `at` and
    /// masked to the word's length: no branch on the length, which in a text not seen before
    /// is a guess a branch predictor gets wrong about once a word. `None` where the sixteen
    /// bytes run past the text's end or the word is longer than 16 bytes (then `word_key`).
    #[inline]
    pub(crate) fn key_in(text: &[u8], at: usize, n: usize) -> Option<(u64, u64)> {
        if n > 16 {
            return None;
        }
        let sixteen: &[u8; 16] = text.get(at..)?.first_chunk::<16>()?;
        let (x, y) = sixteen.split_at(8);
        let (x, y): (&[u8; 8], &[u8; 8]) = (x.try_into().ok()?, y.try_into().ok()?);
        Some((
            u64::from_le_bytes(*x) & low_bytes(n),
            u64::from_le_bytes(*y) & low_bytes(n.saturating_sub(8)),
        ))
    }

    /// Is `w`, of key `(x, y)` ([`word_key`]) and length `len`, the word a table's slot holds,
    /// stored as its key and length and, for a word over 16 bytes, its bytes from `at` of the
    /// table's `long`? The key is the whole word up to 16 bytes; a longer word is compared in
    /// full. (The one comparison of both word tables: the cue-anchor memo and a slot's set.)
    #[inline]
    pub(crate) fn holds(
        stored: (u64, u64, u32),
        long: &str,
        at: u32,
        (x, y, len): (u64, u64, u32),
        w: &str,
    ) -> bool {
        stored == (x, y, len)
            && (len <= 16 || long.get(at as usize..).is_some_and(|l| l.starts_with(w)))
    }

    /// The hash of a word's key ([`word_key`]) and length: a table takes its slot from the top
    /// bits.
    #[inline]
    pub(crate) fn slot_hash(x: u64, y: u64, len: u32) -> u64 {
        (x.wrapping_mul(HASH_K) ^ y ^ u64::from(len)).wrapping_mul(HASH_K)
    }
}

/// Eight bytes at a time (SWAR: one `u64`, little-endian, a byte's answer in its high bit),
/// for the byte scans that pass over most of a text (the word count, the lost-line-break
/// search).
pub(crate) mod swar {
    /// The low seven bits and the high bit of every byte, and 1 in every byte.
    pub const LO7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    pub const HI: u64 = 0x8080_8080_8080_8080;
    pub const ONES: u64 = 0x0101_0101_0101_0101;

    /// Eight bytes (`eight.len() <= 8`; missing ones are zero).
    #[inline(always)]
    pub fn load(eight: &[u8]) -> u64 {
        let mut b = [0u8; 8];
        let n = eight.len().min(8);
        b[..n].copy_from_slice(&eight[..n]);
        u64::from_le_bytes(b)
    }

    /// Per byte of `t` (each below 0x80), 0x80 where it lies in `lo..=hi` (both below 0x80).
    #[inline(always)]
    pub fn in_range7(t: u64, lo: u8, hi: u8) -> u64 {
        let ge = t.wrapping_add(ONES * u64::from(0x80 - lo)) & HI;
        let gt = t.wrapping_add(ONES * u64::from(0x7F - hi)) & HI;
        ge & !gt
    }

    /// Per byte of `x`, 0x80 where it is `b`.
    #[inline(always)]
    pub fn eq(x: u64, b: u8) -> u64 {
        let y = x ^ (ONES * u64::from(b));
        !(((y & LO7).wrapping_add(LO7)) | y) & HI
    }
}

/// Byte length of the common prefix of `a` and `b`, on a char boundary of both.
pub(crate) fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// Byte length of the common suffix of `a` and `b`, on a char boundary of both.
pub(crate) fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        n += x.len_utf8();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word bounds found a byte at a time over ASCII are those found a character at a
    /// time, from every offset (char boundary or not, and past the end) of every ad.
    #[test]
    fn word_bounds_are_those_read_by_characters() {
        fn start_by_chars(s: &str, mut i: usize) -> usize {
            while let Some(c) = char_before(s, i) {
                if !is_word_char(c) {
                    break;
                }
                i -= c.len_utf8();
            }
            i
        }
        fn end_by_chars(s: &str, mut i: usize) -> usize {
            while let Some(c) = char_at(s, i) {
                if !is_word_char(c) {
                    break;
                }
                i += c.len_utf8();
            }
            i
        }
        let mut texts = crate::test_ads::all_texts();
        texts.insert(0, "æøå×÷ab1é😀Ω-x\u{301}y Z9".to_string());
        for t in texts.iter().take(150) {
            for i in 0..=t.len() + 2 {
                assert_eq!(word_start(t, i), start_by_chars(t, i), "{i} in {t:?}");
                assert_eq!(word_end(t, i), end_by_chars(t, i), "{i} in {t:?}");
            }
        }
    }

    /// A word's case read byte by byte (ASCII) is its case read through the Unicode tables.
    #[test]
    fn an_ascii_words_case_is_read_as_any_words() {
        fn by_chars(word: &str) -> Case {
            let mut letters = word.chars().filter(|c| c.is_alphabetic());
            let Some(first) = letters.next() else {
                return Case::Lower;
            };
            let (u, l) = letters.fold((0, 0), |(u, l), c| {
                (
                    u + usize::from(c.is_uppercase()),
                    l + usize::from(c.is_lowercase()),
                )
            });
            Case::from_counts(first.is_uppercase(), u, l)
        }
        let parts = [
            "", "a", "A", "ab", "AB", "Ab", "aB", "1", "-", "x2", "Q-", "DU", "Du", "dU",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    let w = format!("{a}{b}{c}");
                    assert_eq!(Case::of(&w), by_chars(&w), "{w:?}");
                }
            }
        }
    }

    /// A word's key read out of its text ([`word_hash::key_in`]) is its key
    /// ([`word_hash::word_key`]), at every length and wherever it sits; two words of up to 16
    /// bytes have one key only when they are one word (the key is their zero-padded bytes).
    #[test]
    fn a_key_read_from_the_text_is_the_words_key() {
        use word_hash::{key_in, word_key};
        let text: Vec<u8> = (0..200u32).map(|i| (i * 37 % 251) as u8 + 1).collect();
        for at in 0..text.len() {
            for n in 1..=20.min(text.len() - at) {
                let w = &text[at..at + n];
                match key_in(&text, at, n) {
                    Some(k) => assert_eq!(k, word_key(w), "at {at}, {n} bytes"),
                    None => assert!(n > 16 || at + 16 > text.len(), "at {at}, {n} bytes"),
                }
                if n <= 16 {
                    let mut padded = [0u8; 16];
                    padded[..n].copy_from_slice(w);
                    let (x, y) = word_key(w);
                    assert_eq!(x.to_le_bytes(), padded[..8], "at {at}, {n} bytes");
                    assert_eq!(y.to_le_bytes(), padded[8..], "at {at}, {n} bytes");
                }
            }
        }
    }

    /// `skip_regions` as it was before it skipped the dots of a chunk found to be no host:
    /// every candidate expanded to its chunk.
    fn skip_regions_each_dot(s: &str) -> Vec<(usize, usize)> {
        let b = s.as_bytes();
        let mut out: Vec<(usize, usize)> = Vec::new();
        for i in memchr::memchr3_iter(b'@', b':', b'.', b) {
            if let Some(&(_, e)) = out.last() {
                if i < e {
                    continue;
                }
            }
            let c = b[i];
            let is_candidate = match c {
                b'@' => {
                    i > 0 && i + 1 < b.len() && is_host_byte(b[i - 1]) && is_host_byte(b[i + 1])
                }
                b':' => b[i..].starts_with(b"://") && i > 0 && b[i - 1].is_ascii_alphabetic(),
                _ => {
                    i > 0
                        && i + 1 < b.len()
                        && b[i - 1].is_ascii_alphanumeric()
                        && b[i + 1].is_ascii_alphanumeric()
                }
            };
            if !is_candidate {
                continue;
            }
            let mut start = i;
            while start > 0 && is_chunk_byte(b[start - 1]) {
                start -= 1;
            }
            let mut end = i + 1;
            while end < b.len() && is_chunk_byte(b[end]) {
                end += 1;
            }
            while end > i + 1 && matches!(b[end - 1], b'.' | b',' | b';' | b':' | b'!' | b'?') {
                end -= 1;
            }
            while start < i && matches!(b[start], b'(' | b'[' | b'<' | b'"' | b'\'') {
                start += 1;
            }
            let keep = c == b'@' || c == b':' || looks_like_host(&b[start..end]);
            if keep {
                if let Some(last) = out.last_mut() {
                    if start <= last.1 {
                        last.1 = last.1.max(end);
                        continue;
                    }
                }
                out.push((start, end));
            }
        }
        out
    }

    proptest::proptest! {
        /// Skipping the other dots of a chunk that is no host name finds the same regions.
        #[test]
        fn skip_regions_read_a_chunk_once_and_find_the_same(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "B", "1", ".", "..", "@", "://", ":", "/", " ", "\n", "(", ")", "\"",
                    "dk", "com", "www", "æ", "-", ",", "!", "?", "[", "<", "'", "x.y", "1.1",
                ]),
                0..60,
            )
        ) {
            let s = pieces.concat();
            proptest::prop_assert_eq!(skip_regions(&s), skip_regions_each_dot(&s), "{:?}", s);
        }
    }

    #[test]
    fn token_start_joins_hyphenated_words() {
        let s = "en 25-35-årig og et salgs-team - ikke mere";
        let at = |w: &str| s.find(w).unwrap();
        assert_eq!(token_start(s, at("-årig")), at("25-35"));
        assert_eq!(token_start(s, at("team")), at("salgs"));
        // A dash between spaces joins nothing.
        assert_eq!(token_start(s, at("ikke")), at("ikke"));
        assert!(hyphen_joins_at(s, at("-35")));
        assert!(!hyphen_joins_at(s, at("- ikke")));
    }

    /// The lowercase made as a string has the bytes of the one made in place, for every
    /// character of Latin-1 and Latin Extended-A and on every ad of the repository.
    #[test]
    fn lowercase_is_the_lowercase_in_place() {
        let mut texts = crate::test_ads::all_texts();
        texts.push((0u32..0x250).filter_map(char::from_u32).collect());
        texts.push((0u32..0x250).rev().filter_map(char::from_u32).collect());
        for t in &texts {
            let mut bytes = t.as_bytes().to_vec();
            lowercase_in_place(&mut bytes);
            assert_eq!(lowercase(t).as_bytes(), &bytes[..], "{t:?}");
        }
    }

    /// Every character, answered as `char::is_alphanumeric` answers.
    #[test]
    fn word_chars_are_the_alphanumerics() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn lowercase_keeps_offsets() {
        let s = "FORMÆND Østergård ÅBEN Élan ×";
        let l = lowercase(s);
        assert_eq!(l, "formænd østergård åben élan ×");
        assert_eq!(l.len(), s.len());
    }

    #[test]
    fn case_patterns() {
        assert_eq!(Case::of("formand"), Case::Lower);
        assert_eq!(Case::of("Formanden"), Case::Capital);
        assert_eq!(Case::of("FORMÆND"), Case::Upper);
        assert_eq!(Case::of("ForMand"), Case::Mixed);
        // A replacement for a mixed word takes the case of its first letter.
        assert_eq!(Case::for_replacement("FoRmAnD"), Case::Capital);
        assert_eq!(Case::for_replacement("fORMAND"), Case::Lower);
        assert_eq!(Case::for_replacement("ÆrLiG"), Case::Capital);
        assert_eq!(Case::for_replacement("FORMAND"), Case::Upper);
        assert_eq!(Case::for_replacement("Formand"), Case::Capital);
        assert_eq!(Case::for_replacement("formand"), Case::Lower);
        assert_eq!(Case::Upper.apply("forpersoner"), "FORPERSONER");
        assert_eq!(Case::Capital.apply("ærlig"), "Ærlig");
    }

    #[test]
    fn skip_regions_find_addresses() {
        let s = "Skriv til formand@eksempel.dk eller se https://eksempel.dk/formand-job. Og www.formand.dk, eksempel.dk/formand.";
        let r: Vec<&str> = skip_regions(s).iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(
            r,
            vec![
                "formand@eksempel.dk",
                "https://eksempel.dk/formand-job",
                "www.formand.dk",
                "eksempel.dk/formand"
            ]
        );
    }

    #[test]
    fn sentences_are_not_hosts() {
        let s = "Vi søger en formand.Han skal. Det er 3.5 år. Kl. 12.00 f.eks. i alt.";
        let r: Vec<&str> = skip_regions(s).iter().map(|&(a, b)| &s[a..b]).collect();
        // A missing space after a full stop ("formand.Han") is not a host: the top-level
        // label must be lowercase letters. Abbreviations like "f.eks" may be skipped: harmless.
        assert!(
            r.iter()
                .all(|x| !x.contains("3.5") && !x.contains("formand")),
            "{r:?}"
        );
    }
}
