//! The ad summary: word count, coded-word counts and the balance verdict.

use crate::diagnostic::{Summary, Verdict};

/// Count words (runs of letters and digits) outside the skipped regions, on bytes: ASCII
/// alphanumerics and Latin letters (UTF-8 lead bytes 0xC3..=0xCF) start or continue a word,
/// continuation bytes keep the state, everything else ends it.
pub fn count_words(bytes: &[u8], skips: &[(usize, usize)]) -> usize {
    let mut total = count_range(bytes);
    for &(s, e) in skips {
        total = total.saturating_sub(count_range(&bytes[s..e]));
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
            count_words(
                "Vi søger en ærlig, åben kollega – 100 % 😀!".as_bytes(),
                &[]
            ),
            7
        );
        let s = "se formand@eksempel.dk nu";
        assert_eq!(count_words(s.as_bytes(), &[(3, 22)]), 2);
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
