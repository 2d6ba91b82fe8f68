//! The four basic facts of a person (基本4情報: name, date of birth, address, sex) as an
//! identity provider states them, reduced to keys that compare equal with the registry's
//! own writing of the same facts — and only then. The reductions undo differences of
//! writing, never of substance: character width, spaces, the prefecture written or not,
//! 丁目・番地・号 or hyphens, 一丁目 or 1丁目, ケ or ヶ, and a few variant forms of the same
//! character that card readers and registries print differently (髙/高). A name spelt
//! differently, another day or another house is another person.

use chrono::NaiveDate;

/// Full-width ASCII to ASCII, the ideographic space to a space, half-width katakana to
/// full-width; then every space removed.
fn fold(input: &str) -> String {
    let converted = super::kana::half_width_to_full_width(input);
    converted
        .chars()
        .filter_map(|c| {
            let c = match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            (!c.is_whitespace()).then_some(c)
        })
        .collect()
}

/// Variant forms of one character that registries and card readers print differently.
const VARIANTS: &[(char, char)] = &[
    ('髙', '高'),
    ('﨑', '崎'),
    ('𠮷', '吉'),
    ('德', '徳'),
    ('栁', '柳'),
    ('濵', '浜'),
    ('瀨', '瀬'),
];

fn variant(c: char) -> char {
    VARIANTS
        .iter()
        .find(|(v, _)| *v == c)
        .map_or(c, |(_, base)| *base)
}

/// The key of a person's name: family and given name as one string, whatever the width
/// or the spaces between them.
pub fn name_key(name: &str) -> String {
    fold(name).chars().map(variant).collect()
}

/// The key of an address (see the module's description).
pub fn address_key(address: &str) -> String {
    let s: String = fold(address)
        .chars()
        .map(|c| match c {
            'ケ' | 'ヵ' => 'ヶ',
            c => variant(c),
        })
        .collect();
    let s = without_prefecture(&s);
    let s = kanji_numbers_to_digits(s);
    block_numbers(&s)
}

fn without_prefecture(s: &str) -> &str {
    for p in ["東京都", "北海道", "大阪府", "京都府"] {
        if let Some(rest) = s.strip_prefix(p) {
            return rest;
        }
    }
    // 〇〇県: the prefecture's name is two or three characters.
    for (i, (at, c)) in s.char_indices().enumerate().take(4) {
        if c == '県' && i >= 2 {
            return &s[at + c.len_utf8()..];
        }
    }
    s
}

fn kanji_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
}

fn is_kanji_number(c: char) -> bool {
    kanji_digit(c).is_some() || matches!(c, '十' | '百' | '千')
}

/// The value of 二十三, 百五, 一〇二 …, or `None`.
fn kanji_value(run: &[char]) -> Option<u32> {
    if run.iter().all(|c| kanji_digit(*c).is_some()) {
        return run.iter().try_fold(0u32, |n, c| {
            n.checked_mul(10)?.checked_add(kanji_digit(*c)?)
        });
    }
    let (mut total, mut digit) = (0u32, None::<u32>);
    for c in run {
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += digit.take().unwrap_or(1) * unit;
            }
            c => digit = Some(kanji_digit(*c)?),
        }
    }
    Some(total + digit.unwrap_or(0))
}

/// Kanji numbers written as a block's number (before 丁目, 番, 号 or a hyphen) become
/// digits; a kanji number in a place's name (八幡町, 三条) stays as it is.
fn kanji_numbers_to_digits(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if is_kanji_number(chars[i]) {
            let end = (i..chars.len())
                .find(|&j| !is_kanji_number(chars[j]))
                .unwrap_or(chars.len());
            let next: String = chars[end..].iter().take(2).collect();
            let numbered = next.starts_with("丁目")
                || next.starts_with('番')
                || next.starts_with('号')
                || next.starts_with('-');
            match kanji_value(&chars[i..end]) {
                Some(n) if numbered => out.push_str(&n.to_string()),
                _ => out.extend(&chars[i..end]),
            }
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// 1丁目2番地の3, 1丁目2番3号 and 1-2-3 all become 1-2-3.
fn block_numbers(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let after_digit = |out: &String| out.chars().last().is_some_and(|c| c.is_ascii_digit());
    while i < chars.len() {
        let rest: String = chars[i..].iter().take(3).collect();
        let digit_before = after_digit(&out);
        let skip = if !digit_before {
            0
        } else if rest.starts_with("番地の") {
            3
        } else if rest.starts_with("丁目") || rest.starts_with("番地") {
            2
        } else if matches!(
            chars[i],
            '番' | '号' | 'の' | '-' | '‐' | '‑' | '–' | '—' | '―' | '−' | 'ー' | 'ｰ'
        ) {
            1
        } else {
            0
        };
        if skip > 0 {
            out.push('-');
            i += skip;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.replace("--", "-")
}

/// The sex as the registry writes it (`male`, `female`), from the OpenID Connect claim
/// (`male`, `female`) or the card's code (JIS X 0303: 1, 2). Anything else is unknown.
pub fn sex_key(claim: &str) -> Option<&'static str> {
    match claim.trim().to_ascii_lowercase().as_str() {
        "male" | "1" | "男" | "男性" => Some("male"),
        "female" | "2" | "女" | "女性" => Some("female"),
        _ => None,
    }
}

/// A date of birth as the claim writes it: `1990-05-01` (OpenID Connect) or `19900501`.
pub fn birth_date(claim: &str) -> Option<NaiveDate> {
    let s = fold(claim);
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&s, "%Y%m%d"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_across_width_spaces_and_variant_forms() {
        assert_eq!(name_key("山田 太郎"), name_key("山田太郎"));
        assert_eq!(name_key("山田\u{3000}太郎"), "山田太郎");
        assert_eq!(name_key("髙橋 一郎"), name_key("高橋一郎"));
        assert_eq!(name_key("ＳＭＩＴＨ ＪＯＨＮ"), "SMITHJOHN");
        assert_ne!(name_key("山田 太郎"), name_key("山田 大郎"));
    }

    #[test]
    fn addresses_compare_across_the_ways_blocks_are_written() {
        let registry = address_key("星ヶ丘県星ヶ丘市本町1丁目2番3号");
        assert_eq!(registry, "星ヶ丘市本町1-2-3");
        for card in [
            "星ヶ丘県星ヶ丘市本町一丁目２番３号",
            "星ケ丘市本町1-2-3",
            "星ヶ丘県 星ヶ丘市 本町１－２－３",
            "星ヶ丘県星ヶ丘市本町1丁目2番地の3",
            "星ヶ丘県星ヶ丘市本町一丁目二番三号",
        ] {
            assert_eq!(address_key(card), registry, "{card}");
        }
        assert_ne!(address_key("星ヶ丘市本町1丁目2番4号"), registry);
        assert_ne!(address_key("星ヶ丘市中央町1丁目2番3号"), registry);
    }

    #[test]
    fn a_number_in_a_place_name_stays_a_name() {
        assert_eq!(address_key("東京都八幡町十二番地"), "八幡町12");
        assert_eq!(
            address_key("北海道札幌市中央区北三条西二十三丁目"),
            "札幌市中央区北三条西23"
        );
        assert_eq!(address_key("京都府京都市"), "京都市");
        assert_eq!(address_key("鹿児島県鹿児島市"), "鹿児島市");
    }

    #[test]
    fn sex_and_birth_date_claims() {
        assert_eq!(sex_key("male"), Some("male"));
        assert_eq!(sex_key("2"), Some("female"));
        assert_eq!(sex_key("other"), None);
        assert_eq!(
            birth_date("1990-05-01"),
            NaiveDate::from_ymd_opt(1990, 5, 1)
        );
        assert_eq!(birth_date("19900501"), NaiveDate::from_ymd_opt(1990, 5, 1));
        assert_eq!(birth_date("1990-02-30"), None);
    }
}
