//! The small parsers every source shares: page labels as the sites print
//! them, continuation marks, Chinese numerals, bylines in parentheses, and
//! the white space of captured text.

/// A page-list entry's text split into label and name: "第A01版：头版" →
/// ("A01", "头版"), "第01版:一版要闻", "A01： 头版", "01版:要闻",
/// "第01版 要闻". The label is kept as printed; a number alone, with
/// neither 版 nor a colon after it, is not a label.
pub fn page_label(text: &str) -> Option<(String, String)> {
    let text = squeeze(text);
    let rest = text.strip_prefix('第').unwrap_or(&text);
    let letters = rest
        .chars()
        .take_while(char::is_ascii_uppercase)
        .map(char::len_utf8)
        .sum::<usize>();
    if letters > 1 {
        return None;
    }
    let digits = rest[letters..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    if digits == 0 && letters == 0 {
        // "一版：要闻", "第十二版": a Chinese numeral, always with 版.
        let numeral: usize = rest
            .chars()
            .take_while(|&c| chinese_digit(c).is_some() || c == '十')
            .map(char::len_utf8)
            .sum();
        // A colon or nothing after 版: "一版要闻" is a page's name.
        let after = rest[numeral..]
            .trim_start()
            .strip_prefix('版')?
            .trim_start();
        let name = match after.strip_prefix([':', '：']) {
            Some(name) => name.trim(),
            None if after.is_empty() => "",
            None => return None,
        };
        let value = chinese_number(&rest[..numeral]).filter(|&v| v > 0)?;
        return Some((format!("{value:02}"), name.to_owned()));
    }
    if !(1..=3).contains(&digits) {
        return None;
    }
    let label = &rest[..letters + digits];
    let after = rest[letters + digits..].trim_start();
    let (marked, after) = match after.strip_prefix('版') {
        Some(after) => (true, after.trim_start()),
        None => (false, after),
    };
    let (colon, name) = match after.strip_prefix([':', '：']) {
        Some(name) => (true, name.trim()),
        None => (false, after.trim()),
    };
    if !marked && !colon {
        return None;
    }
    Some((label.to_owned(), name.to_owned()))
}

/// The section (叠) of a label: its letter, "A" for "A01".
pub fn section_of(label: &str) -> Option<&str> {
    let first = label.chars().next()?;
    first
        .is_ascii_uppercase()
        .then(|| &label[..first.len_utf8()])
}

/// A page label and a page reference are the same page when their letters
/// and numbers agree without leading zeros: "03" is 第3版, "A05" is A5.
pub fn same_page(label: &str, reference: &str) -> bool {
    page_key(label) == page_key(reference)
}

/// What [`same_page`] compares: the letters, and the number without its
/// leading zeros.
pub fn page_key(label: &str) -> (&str, &str) {
    let digits = label
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(label.len());
    let (letters, number) = label.split_at(digits);
    (letters, number.trim_start_matches('0'))
}

/// Which way a continuation mark points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// 下转第3版: the story goes on on page 3.
    To,
    /// 上接第1版: the story came from page 1.
    From,
}

/// A continuation mark found in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub direction: Direction,
    /// The page as a label: "3", "A5"; Chinese numerals are converted.
    pub page: String,
    /// Where the mark, with its ■ or brackets, lies in the paragraph.
    pub span: std::ops::Range<usize>,
}

/// Every continuation mark in `text`, in order: ■下转第3版, （下转第二版）,
/// (上接第1版), 上接A1版, and the short forms 转第3版 / 接第1版 when they
/// are bracketed or follow ■.
pub fn marks(text: &str) -> Vec<Mark> {
    let mut found = Vec::new();
    let mut search = 0;
    while let Some(offset) = text[search..].find(['转', '接']) {
        let at = search + offset;
        search = at + '转'.len_utf8();
        if let Some(mark) = mark_at(text, at) {
            search = mark.span.end;
            found.push(mark);
        }
    }
    found
}

/// The mark whose 转 or 接 is at byte `at`, if it is one.
fn mark_at(text: &str, at: usize) -> Option<Mark> {
    let before = &text[..at];
    let (direction, mut start) = if let Some(head) = before.strip_suffix('下') {
        (Direction::To, head.len())
    } else if let Some(head) = before.strip_suffix('上') {
        (Direction::From, head.len())
    } else if text[at..].starts_with('转') {
        (Direction::To, at)
    } else {
        (Direction::From, at)
    };
    let long = start < at;
    let rest = &text[at + '转'.len_utf8()..];
    let trimmed = rest.trim_start();
    let trimmed = trimmed.strip_prefix('第').unwrap_or(trimmed).trim_start();
    let (page, used) = page_reference(trimmed)?;
    let after = trimmed[used..].trim_start().strip_prefix('版')?;
    let mut end = text.len() - after.len();
    // The opening bracket or ■ before the mark, and the closing bracket.
    let head = text[..start].trim_end();
    let opened = if let Some(h) = head.strip_suffix(['（', '(']) {
        start = h.len();
        true
    } else if let Some(h) = head.strip_suffix(['■', '□', '◆', '▲']) {
        start = h.len();
        true
    } else {
        false
    };
    if !long && !opened {
        return None;
    }
    let tail = &text[end..];
    let tail_trimmed = tail.trim_start();
    if let Some(close) = tail_trimmed.strip_prefix(['）', ')']) {
        end = text.len() - close.len();
    }
    Some(Mark {
        direction,
        page,
        span: start..end,
    })
}

/// A page number at the start of `text`: "3", "A05", "二", "十二"; the
/// label and the bytes it took.
fn page_reference(text: &str) -> Option<(String, usize)> {
    let letters: usize = text
        .chars()
        .take_while(char::is_ascii_uppercase)
        .map(char::len_utf8)
        .sum();
    if letters > 1 {
        return None;
    }
    let digits: usize = text[letters..]
        .chars()
        .take_while(char::is_ascii_digit)
        .map(char::len_utf8)
        .sum();
    if digits > 3 {
        return None;
    }
    if digits > 0 {
        let used = letters + digits;
        return Some((text[..used].to_owned(), used));
    }
    let numeral: usize = text[letters..]
        .chars()
        .take_while(|&c| chinese_digit(c).is_some() || c == '十')
        .map(char::len_utf8)
        .sum();
    let value = chinese_number(&text[letters..letters + numeral])?;
    Some((format!("{}{value}", &text[..letters]), letters + numeral))
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// 一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23, 一〇二 → 102.
pub fn chinese_number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if let Some((tens, ones)) = text.split_once('十') {
        let tens = if tens.is_empty() { 1 } else { single(tens)? };
        let ones = if ones.is_empty() { 0 } else { single(ones)? };
        return Some(tens * 10 + ones);
    }
    if text.chars().count() > 3 {
        return None;
    }
    text.chars().try_fold(0u32, |n, c| {
        n.checked_mul(10)?.checked_add(chinese_digit(c)?)
    })
}

fn single(text: &str) -> Option<u32> {
    let mut chars = text.chars();
    let digit = chinese_digit(chars.next()?)?;
    chars.next().is_none().then_some(digit)
}

/// A byline printed at the end of the text in parentheses, "…清正。(蒙组轩)"
/// or "（本报记者 某某）": the paragraph without it, and the byline. Only
/// a short name after the end of a sentence, or a paragraph of its own,
/// counts.
pub fn closing_byline(paragraph: &str) -> Option<(&str, &str)> {
    let trimmed = paragraph.trim_end();
    let inner_end = trimmed.strip_suffix([')', '）'])?;
    let open = inner_end.rfind(['(', '（'])?;
    let name = inner_end[open..].trim_start_matches(['(', '（']).trim();
    let count = name.chars().count();
    if name.is_empty()
        || count > 24
        || name.contains(['。', '，', ',', '；', '！', '？', '(', '（'])
    {
        return None;
    }
    if !marks(&trimmed[open..]).is_empty() {
        // （下转第二版） is a continuation mark, not a name.
        return None;
    }
    let before = trimmed[..open].trim_end();
    let after_sentence =
        before.is_empty() || before.ends_with(['。', '！', '？', '”', '」', '…', '.', '!', '?']);
    after_sentence.then_some((before, name))
}

/// A byline given as a paragraph of its own at the start: "■ 本报记者 某某"
/// or "本报记者 某某" alone; the name.
pub fn opening_byline(paragraph: &str) -> Option<&str> {
    let text = paragraph.trim();
    let stripped = text.strip_prefix('■').map(str::trim_start);
    let body = stripped.unwrap_or(text);
    let reporter = [
        "本报记者",
        "记者",
        "全媒体记者",
        "特约记者",
        "通讯员",
        "新华社记者",
    ]
    .iter()
    .any(|word| body.contains(word));
    let short =
        body.chars().count() <= 40 && !body.contains(['。', '，', '；']) && marks(text).is_empty();
    (short && (stripped.is_some() && !body.is_empty() || reporter && body.len() == text.len()))
        .then_some(body)
}

/// White space as captured pages write it made plain: runs of spaces,
/// no-break spaces, ideographic spaces and line breaks become one space,
/// and the ends are trimmed.
pub fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Two titles name the same story when they agree but for white space.
pub fn same_title(a: &str, b: &str) -> bool {
    let strip = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect::<String>()
    };
    strip(a) == strip(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_labels_in_the_forms_sites_print() {
        let cases = [
            ("第01版:一版要闻", Some(("01", "一版要闻"))),
            ("第03版:国内新闻•广告", Some(("03", "国内新闻•广告"))),
            ("第A01版：头版", Some(("A01", "头版"))),
            ("A01： 头版", Some(("A01", "头版"))),
            ("01版:要闻", Some(("01", "要闻"))),
            ("第01版 要闻", Some(("01", "要闻"))),
            ("  第02版：要闻  ", Some(("02", "要闻"))),
            ("第12版", Some(("12", ""))),
            ("一版：要闻", Some(("01", "要闻"))),
            ("第十二版", Some(("12", ""))),
            ("一版要闻", None),
            ("第〇版", None),
            ("2021年", None),
            ("12 要闻", None),
            ("第1234版：要闻", None),
            ("AB1版：要闻", None),
        ];
        for (text, want) in cases {
            let got = page_label(text);
            let want = want.map(|(l, n)| (l.to_owned(), n.to_owned()));
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn marks_in_both_styles() {
        type Found<'a> = &'a [(Direction, &'a str, &'a str)];
        let cases: [(&str, Found); 9] = [
            ("门外。■下转第3版", &[(Direction::To, "3", "■下转第3版")]),
            (
                "门外。■下转第3版  ■上接第1版  坚持",
                &[
                    (Direction::To, "3", "■下转第3版"),
                    (Direction::From, "1", "■上接第1版"),
                ],
            ),
            ("（下转第二版）", &[(Direction::To, "2", "（下转第二版）")]),
            (
                "(上接第十二版)",
                &[(Direction::From, "12", "(上接第十二版)")],
            ),
            ("下转A5版", &[(Direction::To, "A5", "下转A5版")]),
            ("（转第3版）", &[(Direction::To, "3", "（转第3版）")]),
            ("■接第1版", &[(Direction::From, "1", "■接第1版")]),
            ("他转第3版的文章", &[]),
            ("承接第一版的精神", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<_> = marks(text)
                .into_iter()
                .map(|m| (m.direction, m.page, &text[m.span]))
                .collect();
            let want: Vec<_> = want.iter().map(|&(d, p, s)| (d, p.to_owned(), s)).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn chinese_numerals() {
        for (text, n) in [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十三", 23),
            ("一〇二", 102),
        ] {
            assert_eq!(chinese_number(text), Some(n), "{text}");
        }
        assert_eq!(chinese_number(""), None);
        assert_eq!(chinese_number("四二九四九六七二九九"), None);
        assert!(marks("正文（下转第四二九四九六七二九九版）").is_empty());
        assert_eq!(chinese_number("十十"), None);
    }

    #[test]
    fn bylines_at_the_end_and_the_start() {
        assert_eq!(
            closing_byline("确保换届风清气正。(蒙组轩)"),
            Some(("确保换届风清气正。", "蒙组轩"))
        );
        assert_eq!(
            closing_byline("（本报记者 李明 王芳）"),
            Some(("", "本报记者 李明 王芳"))
        );
        assert_eq!(closing_byline("增长了三成（同比）"), None);
        assert_eq!(closing_byline("有序推进。（下转第二版）"), None);
        assert_eq!(opening_byline("■上接第1版"), None);
        assert_eq!(closing_byline("完成。（见下图，左为某某）"), None);
        assert_eq!(
            opening_byline("■ 海南日报全媒体记者 李艳玫"),
            Some("海南日报全媒体记者 李艳玫")
        );
        assert_eq!(opening_byline("本报记者 某某"), Some("本报记者 某某"));
        assert_eq!(opening_byline("本报记者近日走访了十个村庄，看到……"), None);
    }

    #[test]
    fn pages_compare_without_leading_zeros() {
        assert!(same_page("03", "3"));
        assert!(same_page("A05", "A5"));
        assert!(!same_page("A05", "5"));
        assert!(!same_page("13", "3"));
        assert_eq!(section_of("A01"), Some("A"));
        assert_eq!(section_of("01"), None);
    }
}
