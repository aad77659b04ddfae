//! Whether a text is one emoji: one pictograph, with what may follow it in a single emoji
//! (a presentation selector, a skin tone, a keycap, tags, or more pictographs joined by ZWJ), a
//! flag of two regional indicators, or a keycap (`#️⃣`, `1️⃣`).
//!
//! A small check rather than Unicode's full emoji tables: it takes the ranges where emoji
//! live, which is what an icon argument needs to tell an emoji from a word.

/// The longest emoji sequence taken, in chars (a family of four with skin tones is 15).
const MAX_CHARS: usize = 24;

const VARIATION_TEXT: char = '\u{fe0e}';
const VARIATION_EMOJI: char = '\u{fe0f}';
const ZWJ: char = '\u{200d}';
const KEYCAP: char = '\u{20e3}';

/// Whether `text` is one emoji.
pub(super) fn is_one_emoji(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() || chars.len() > MAX_CHARS {
        return false;
    }
    if is_regional_indicator(chars[0]) {
        return chars.len() == 2 && is_regional_indicator(chars[1]);
    }
    if matches!(chars[0], '0'..='9' | '#' | '*') {
        return matches!(chars[1..], [KEYCAP] | [VARIATION_EMOJI, KEYCAP]);
    }
    let mut expect_pictograph = true;
    for &c in &chars {
        if expect_pictograph {
            if !is_pictograph(c) {
                return false;
            }
            expect_pictograph = false;
        } else if c == ZWJ {
            expect_pictograph = true;
        } else if !(c == VARIATION_EMOJI
            || c == VARIATION_TEXT
            || c == KEYCAP
            || is_skin_tone(c)
            || is_tag(c))
        {
            return false;
        }
    }
    !expect_pictograph
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

fn is_skin_tone(c: char) -> bool {
    ('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
}

fn is_tag(c: char) -> bool {
    ('\u{e0020}'..='\u{e007f}').contains(&c)
}

/// A char of Unicode's emoji ranges (Extended_Pictographic, roughly).
fn is_pictograph(c: char) -> bool {
    matches!(c,
        '\u{a9}' | '\u{ae}' | '\u{203c}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{21aa}'
        | '\u{231a}'..='\u{23ff}'
        | '\u{24c2}'
        | '\u{25aa}'..='\u{25fe}'
        | '\u{2600}'..='\u{27bf}'
        | '\u{2934}' | '\u{2935}'
        | '\u{2b05}'..='\u{2b55}'
        | '\u{3030}' | '\u{303d}' | '\u{3297}' | '\u{3299}'
        | '\u{1f000}'..='\u{1f1e5}'
        | '\u{1f200}'..='\u{1f3fa}'
        | '\u{1f400}'..='\u{1faff}')
}

#[cfg(test)]
mod tests {
    use super::is_one_emoji;

    #[test]
    fn single_emoji_of_every_shape_are_taken() {
        for emoji in [
            "🔥",
            "⭐",
            "❤️",
            "☀",
            "✅",
            "👍🏽",
            "👩‍💻",
            "👨‍👩‍👧‍👦",
            "🏳️‍🌈",
            "🇫🇷",
            "#️⃣",
            "1⃣",
            "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
            "©️",
            "🫠",
        ] {
            assert!(is_one_emoji(emoji), "{emoji}");
        }
    }

    #[test]
    fn words_and_several_emoji_are_not() {
        for text in [
            "",
            "a",
            "fire",
            "🔥🔥",
            "🔥 ",
            " 🔥",
            "🇫",
            "🇫🇷🇫",
            "1",
            "12⃣",
            "👩‍",
            "‍👩",
            "🔥a",
            "é",
        ] {
            assert!(!is_one_emoji(text), "{text:?}");
        }
    }
}
