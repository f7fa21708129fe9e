//! The ad summary: word count, coded-word counts and the balance verdict.

use crate::diagnostic::{Summary, Verdict};

/// Count words (runs of letters and digits) outside the skipped regions, on bytes: ASCII
/// alphanumerics and Latin letters (UTF-8 lead bytes 0xC3..=0xCF) start or continue a word,
/// continuation bytes keep the state, everything else ends it. A skipped region is given in
/// byte offsets of `text` (one not on character boundaries is counted a byte at a time).
pub fn count_words(text: &str, skips: &[(usize, usize)]) -> usize {
    let mut total = count_str(text);
    for &(s, e) in skips {
        let part = match text.get(s..e) {
            Some(part) => count_str(part),
            None => text.as_bytes().get(s..e).map_or(0, count_range),
        };
        total = total.saturating_sub(part);
    }
    total
}

/// Byte classes: 0 ends a word, 1 starts or continues one, 2 (a UTF-8 continuation byte)
/// keeps the state.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() || (c >= 0xC3 && c <= 0xCF) {
            1
        } else if c >= 0x80 && c < 0xC0 {
            2
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The words of any bytes, a byte at a time through [`CLASS`] (the state carried from byte to
/// byte): what [`count_str`] computes faster for text.
fn count_range(bytes: &[u8]) -> usize {
    let mut n = 0usize;
    let mut in_word = 0usize;
    for &b in bytes {
        let c = CLASS[b as usize] as usize;
        // c == 2 keeps the state; otherwise the state becomes c.
        let w = if c == 2 { in_word } else { c };
        n += w & !in_word & 1;
        in_word = w;
    }
    n
}

/// [`count_range`] for text, eight bytes at a time. In valid UTF-8 a word starts at a byte of
/// class 1 whose previous character is not of class 1, and that character is of class 1 when
/// the previous byte is (an ASCII letter or digit, which is a whole character) or when the
/// previous byte continues a character whose lead byte, the one before it, is 0xC3..=0xCF (a
/// two-byte character; a longer one has a lead byte of class 0). So no state has to be
/// carried from byte to byte, only the last two bytes' classes from word to word.
fn count_str(text: &str) -> usize {
    use crate::text::swar::{in_range7, load, HI, LO7};
    let bytes = text.as_bytes();
    let mut n = 0usize;
    // The class-1, continuation and 0xC3..=0xCF bits (0x80 of each byte) of the previous
    // eight bytes.
    let (mut prev_word, mut prev_cont, mut prev_lead) = (0u64, 0u64, 0u64);
    let mut chunks = bytes.chunks_exact(8);
    let mut step = |x: u64| {
        let hi = x & HI;
        let t = x & LO7;
        let ascii = !hi & HI;
        let alnum =
            ascii & (in_range7(t, b'0', b'9') | in_range7(t | 0x2020_2020_2020_2020, b'a', b'z'));
        let lead = hi & in_range7(t, 0xC3 - 0x80, 0xCF - 0x80);
        let cont = hi & in_range7(t, 0, 0x3F);
        let word = alnum | lead;
        // The same bits one and two bytes back (the earlier word's last bytes shifted in).
        let word1 = (word << 8) | (prev_word >> 56);
        let cont1 = (cont << 8) | (prev_cont >> 56);
        let lead2 = (lead << 16) | (prev_lead >> 48);
        let starts = word & !(word1 | (cont1 & lead2));
        n += starts.count_ones() as usize;
        (prev_word, prev_cont, prev_lead) = (word, cont, lead);
    };
    for c in &mut chunks {
        step(load(c));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // Padded with zero bytes, which are of class 0 and start nothing.
        step(load(rest));
    }
    n
}

/// The verdict: the difference of coded words per 100 words. Neutral when the two sides differ
/// by fewer than 2 words or by less than 0.5 per 100 words; "strongly" from 1.5 per 100 words
/// and a difference of at least 3 words.
pub fn verdict(words: usize, masculine: usize, feminine: usize) -> Verdict {
    if words == 0 {
        return Verdict::Empty;
    }
    let diff = masculine as f64 - feminine as f64;
    let per100 = diff * 100.0 / words as f64;
    if diff.abs() < 2.0 || per100.abs() < 0.5 {
        Verdict::Neutral
    } else if per100.abs() >= 1.5 && diff.abs() >= 3.0 {
        if diff > 0.0 {
            Verdict::StronglyMasculine
        } else {
            Verdict::StronglyFeminine
        }
    } else if diff > 0.0 {
        Verdict::Masculine
    } else {
        Verdict::Feminine
    }
}

pub fn summary(
    words: usize,
    masculine: usize,
    feminine: usize,
    requirements: (usize, usize),
) -> Summary {
    Summary {
        words,
        masculine_coded: masculine,
        feminine_coded: feminine,
        verdict: verdict(words, masculine, feminine),
        must_have: requirements.0,
        nice_to_have: requirements.1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_danish_words() {
        assert_eq!(
            count_words("Vi søger en ærlig, åben kollega – 100 % 😀!", &[]),
            7
        );
        let s = "se formand@eksempel.dk nu";
        assert_eq!(count_words(s, &[(3, 22)]), 2);
        // A skipped region off the character boundaries is counted a byte at a time.
        assert_eq!(count_words("æble og pære", &[(1, 6)]), 3 - 1);
    }

    /// Eight bytes at a time, the count is the one of a byte at a time: on every ad of the
    /// repository (from each of its first 64 byte offsets that is a character boundary), and on
    /// random text over the characters each class and each width of UTF-8 has.
    #[test]
    fn the_word_count_by_words_is_the_one_by_bytes() {
        let mut texts: Vec<String> = Vec::new();
        for (_, text) in crate::test_ads::ads(&["tests/realads", "tests/corpus", "examples"]) {
            for i in (0..64).filter(|&i| text.is_char_boundary(i)) {
                texts.push(text[i..].to_string());
            }
        }
        let alphabet: Vec<char> =
            "aZ09 .-\n\tæøåÆØÅéü×÷ß\u{80}\u{BF}\u{100}ŁДж€—“😀\u{10FFFF}\u{FFFD}"
                .chars()
                .collect();
        texts.extend(crate::test_ads::random_texts(
            &alphabet,
            0..400,
            0x2545_F491_4F6C_DD1Du64,
        ));
        for t in &texts {
            assert_eq!(count_str(t), count_range(t.as_bytes()), "{t:?}");
        }
        // Every byte value once after every other (the pairs and triples of classes).
        let all: String = (0u32..0x250).filter_map(char::from_u32).collect();
        assert_eq!(count_str(&all), count_range(all.as_bytes()));
    }

    #[test]
    fn verdicts() {
        assert_eq!(verdict(0, 0, 0), Verdict::Empty);
        assert_eq!(verdict(300, 0, 0), Verdict::Neutral);
        assert_eq!(verdict(300, 2, 1), Verdict::Neutral);
        assert_eq!(verdict(300, 3, 0), Verdict::Masculine);
        assert_eq!(verdict(300, 6, 0), Verdict::StronglyMasculine);
        assert_eq!(verdict(300, 0, 5), Verdict::StronglyFeminine);
        assert_eq!(verdict(300, 1, 4), Verdict::Feminine);
        assert_eq!(verdict(1000, 4, 0), Verdict::Neutral);
    }
}
