//! The acceptance cases of the typography rules: first-fit, no indent, in
//! both ambiguous-width modes; then headlines, set by `headline_lines`.

use epaper::layout::{Ambiguous, LayoutOptions, Prepared, headline_lines, lay_out};

fn lines(text: &str, width: usize, ambiguous: Ambiguous) -> Vec<String> {
    let options = LayoutOptions::new(width).indent(0).ambiguous(ambiguous);
    lay_out(text, &options)
        .line_texts()
        .map(str::to_owned)
        .collect()
}

/// `case(text, width, "a|b|c")` in narrow mode, and in wide mode too unless
/// a wide result is given separately.
fn case(text: &str, width: usize, expected: &str) {
    let expected: Vec<&str> = expected.split('|').collect();
    assert_eq!(
        lines(text, width, Ambiguous::Narrow),
        expected,
        "{text} at {width}, narrow"
    );
}

fn case_wide(text: &str, width: usize, expected: &str) {
    let expected: Vec<&str> = expected.split('|').collect();
    assert_eq!(
        lines(text, width, Ambiguous::Wide),
        expected,
        "{text} at {width}, wide"
    );
}

#[test]
fn case_01_hanzi_break_anywhere() {
    case("中文排版需求", 5, "中文|排版|需求");
    case_wide("中文排版需求", 5, "中文|排版|需求");
}

#[test]
fn case_02_comma_pushes_out() {
    case("我们，你们", 4, "我|们，|你们");
    case_wide("我们，你们", 4, "我|们，|你们");
}

#[test]
fn case_03_question_and_exclamation_marks() {
    case("你好吗？我很好！", 6, "你好|吗？我|很好！");
    case_wide("你好吗？我很好！", 6, "你好|吗？我|很好！");
}

#[test]
fn case_04_colon() {
    case("原因有二：一是", 8, "原因有|二：一是");
    case_wide("原因有二：一是", 8, "原因有|二：一是");
}

#[test]
fn case_05_title_marks() {
    case("据《人民日报》", 4, "据|《人|民日|报》");
    case_wide("据《人民日报》", 4, "据|《人|民日|报》");
}

#[test]
fn case_06_brackets() {
    case("据新华社（北京）电", 10, "据新华社|（北京）电");
    case_wide("据新华社（北京）电", 10, "据新华社|（北京）电");
}

#[test]
fn case_07_quotes() {
    case("党员“五个好”", 5, "党员|“五个|好”");
    // “ and ” are two cells wide: “五 fills a line, and so does 好”.
    case_wide("党员“五个好”", 5, "党员|“五|个|好”");
}

#[test]
fn case_08_quote_after_colon() {
    case("他说：“好。”然后", 8, "他说：|“好。”然|后");
    case_wide("他说：“好。”然后", 8, "他说：|“好。”|然后");
}

#[test]
fn case_09_decimal() {
    case("较上届降低2.4岁", 11, "较上届降低|2.4岁");
    case_wide("较上届降低2.4岁", 11, "较上届降低|2.4岁");
}

#[test]
fn case_10_percentage_and_comma() {
    case("干部占35.8%，每个", 9, "干部占|35.8%，每|个");
    case_wide("干部占35.8%，每个", 9, "干部占|35.8%，每|个");
}

#[test]
fn case_11_number_in_quotes() {
    case("至少配备1名“80后”干部", 9, "至少配备1|名“80后”|干部");
    // 名“80后” is ten cells wide; the break after 80 is the last one left.
    case_wide("至少配备1名“80后”干部", 9, "至少配备1|名“80|后”干部");
}

#[test]
fn case_12_latin_word() {
    case("使用Rust语言编写", 7, "使用|Rust语|言编写");
    case_wide("使用Rust语言编写", 7, "使用|Rust语|言编写");
}

#[test]
fn case_13_spaces() {
    case("我用 ratatui 写界面", 10, "我用|ratatui 写|界面");
    case_wide("我用 ratatui 写界面", 10, "我用|ratatui 写|界面");
}

#[test]
fn case_14_interpunct() {
    case("马克·吐温", 4, "马|克·|吐温");
    case_wide("马克·吐温", 4, "马|克·|吐温");
}

#[test]
fn case_15_range() {
    case("气温5～10度", 5, "气温|5～10|度");
    case_wide("气温5～10度", 5, "气温|5～10|度");
}

#[test]
fn case_16_dash() {
    case("他说——这是", 5, "他说|——这|是");
    // Each — is two cells: —— alone fills four.
    case_wide("他说——这是", 5, "他说|——|这是");
}

#[test]
fn case_17_ellipsis() {
    case("等等……然后", 5, "等|等……|然后");
    case_wide("等等……然后", 5, "等等|……|然后");
}

#[test]
fn case_18_quotes_at_the_edge() {
    case("评为“五个好”", 12, "评为“五个好”");
    case_wide("评为“五个好”", 12, "评为“五个|好”");
}

#[test]
fn case_19_percentage_then_comma() {
    case("35.8%，", 6, "35.8%|，");
    let options = LayoutOptions::new(8).indent(0).hanging(true);
    let laid = lay_out("35.8%，", &options);
    assert_eq!(laid.line_texts().collect::<Vec<_>>(), ["35.8%，"]);
    assert!(laid.lines[0].hanging);
}

#[test]
fn case_20_narrowest_widths() {
    case("1中文", 2, "1|中|文");
    case("中文", 1, "中|文");
    case_wide("1中文", 2, "1|中|文");
    case_wide("中文", 1, "中|文");
}

#[test]
fn case_21_a_mark_set_apart_is_a_symbol() {
    // "?" is the key's name: it keeps its form, and still never starts a
    // line.
    let text = "记不住的时候，按 ?。帮助浮层会盖在阅读界面上";
    case(text, 16, "记不住的时候，|按 ?。帮助浮层会|盖在阅读界面上");
    case_wide(text, 16, "记不住的时候，|按 ?。帮助浮层会|盖在阅读界面上");
}

#[test]
fn case_22_brackets_in_latin_text_keep_their_form() {
    let text = "newspaper (电子报) the way";
    case(text, 18, "newspaper (电子报)|the way");
    case_wide(text, 18, "newspaper (电子报)|the way");
}

#[test]
fn case_23_marks_of_latin_text_keep_their_form() {
    let text = "e.g. foo, bar等";
    case(text, 40, "e.g. foo, bar等");
    case_wide(text, 40, "e.g. foo, bar等");
}

#[test]
fn case_24_marks_of_chinese_text_are_full_width() {
    case("“他说,好”", 40, "“他说，好”");
    case_wide("“他说,好”", 40, "“他说，好”");
    // Full-width, they take a cell more, and the comma never starts a line.
    case("（注:见上）又见(图)", 12, "（注：见上）|又见（图）");
    case_wide("（注:见上）又见(图)", 12, "（注：见上）|又见（图）");
}

#[test]
fn case_25_quotes_of_chinese_text_break_as_brackets() {
    // UAX #14 would keep 入 with “ since Latin follows, pushing 输 down
    // and leaving the first line short by 4 cells.
    let text = "在终端输入“epaper 文件名”即可打开";
    case(text, 16, "在终端输入|“epaper 文件名”|即可打开");
    case_wide(text, 16, "在终端输入|“epaper 文件|名”即可打开");
    case(text, 12, "在终端输入|“epaper 文件|名”即可打开");
    case_wide(text, 12, "在终端输入|“epaper 文|件名”即可打|开");
}

#[test]
fn case_26_quotes_of_latin_text_keep_their_rules() {
    // Neither neighbour of the quotation marks is East Asian: “hi” holds
    // to its word, and the ’ of don’t is part of it.
    case("say “hi” now", 4, "say|“hi”|now");
    // Wide, “hi” takes 6 cells and is split; never after “.
    case_wide("say “hi” now", 4, "say|“hi|”|now");
    case("don’t stop", 5, "don’t|stop");
    case_wide("don’t stop", 5, "don’|t|stop");
}

#[test]
fn case_27_straight_quotes_between_hanzi() {
    // The first opens, the second closes: no line ends in " or starts
    // with one.
    let text = "他说\"你好\"然后\"再见\"";
    case(text, 6, "他说|\"你好\"|然后|\"再见\"");
    case_wide(text, 6, "他说|\"你好\"|然后|\"再见\"");
}

#[test]
fn case_28_an_unbreakable_run_breaks_where_least_is_lost() {
    // The break before “Conflicts” (after 、) is the one to take.
    let text = "字段有“Provides” 、“Conflicts”等几种";
    case(text, 24, "字段有“Provides” 、|“Conflicts”等几种");
    case_wide(text, 24, "字段有“Provides” 、|“Conflicts”等几种");
    // Too long for a line: the closing marks start the next line before
    // the word is split.
    case("Hello！”）", 6, "Hello|！”）");
    case_wide("Hello！”）", 6, "Hello|！”）");
    // …… is split last; before it a closing mark would start a line.
    case_wide("等等……然后", 5, "等等|……|然后");
    // A number too long for the line starts a line of its own.
    case("共1234567890123456789人", 10, "共|1234567890|123456789|人");
    case_wide("共1234567890123456789人", 10, "共|1234567890|123456789|人");
}

#[test]
fn case_29_urls_break_only_after_their_separators() {
    // Not https:|//github.com: the URL starts a line and breaks after //.
    let text = "源码在 https://github.com/example/epaper 上";
    case(text, 13, "源码在|https://|github.com/|example/|epaper 上");
    case_wide(text, 13, "源码在|https://|github.com/|example/|epaper 上");
}

#[test]
fn case_30_no_opening_bracket_at_a_line_end() {
    // Not 追踪页（http|s://: the bracket goes down with its URL.
    let text = "提交到问题追踪页（https://github.com/epaper-reader/epaper/issues）。";
    case(
        text,
        20,
        "提交到问题追踪页|（https://github.|com/epaper-reader/|epaper/issues）。",
    );
    case_wide(
        text,
        26,
        "提交到问题追踪页（https://|github.com/epaper-reader/|epaper/issues）。",
    );
    case("（（（（（（", 4, "（（|（（|（（");
}

#[test]
fn case_31_full_width_digits_are_a_number() {
    // Before, ４５ and ３５．８％ broke between their digits as hanzi do.
    let text = "４５岁的他说增长了３５．８％";
    case(text, 12, "４５岁的他说|增长了|３５．８％");
    case_wide(text, 12, "４５岁的他说|增长了|３５．８％");
    case("会议于１２：３０开始", 10, "会议于|１２：３０|开始");
    case_wide("会议于１２：３０开始", 10, "会议于|１２：３０|开始");
}

fn headline(text: &str, width: usize, ambiguous: Ambiguous) -> Vec<String> {
    let options = LayoutOptions::new(width).indent(0).ambiguous(ambiguous);
    let prepared = Prepared::new(text, options.punctuation);
    headline_lines(&prepared, &options)
        .iter()
        .map(|line| prepared.text()[line.start..line.end].to_owned())
        .collect()
}

/// `headline_case(text, width, "a|b")`: the headline's lines, narrow.
fn headline_case(text: &str, width: usize, expected: &str) {
    let expected: Vec<&str> = expected.split('|').collect();
    assert_eq!(
        headline(text, width, Ambiguous::Narrow),
        expected,
        "headline {text} at {width}, narrow"
    );
}

fn headline_case_wide(text: &str, width: usize, expected: &str) {
    let expected: Vec<&str> = expected.split('|').collect();
    assert_eq!(
        headline(text, width, Ambiguous::Wide),
        expected,
        "headline {text} at {width}, wide"
    );
}

const SEED: &str = "配强班子 绘好蓝图 凝聚开启新征程的磅礴力量";

#[test]
fn headline_01_breaks_between_phrases() {
    // First-fit leaves 量 alone: 配强班子 绘好蓝图 凝聚开启新征程的磅礴力|量.
    headline_case(SEED, 40, "配强班子 绘好蓝图|凝聚开启新征程的磅礴力量");
    headline_case_wide(SEED, 40, "配强班子 绘好蓝图|凝聚开启新征程的磅礴力量");
}

#[test]
fn headline_02_a_phrase_too_long_is_balanced() {
    // First-fit: …|争取早日打赢疫情防控歼灭|战.
    let text = "严格严密落实各项防控措施 争取早日打赢疫情防控歼灭战";
    headline_case(
        text,
        24,
        "严格严密落实各项防控措施|争取早日打赢疫|情防控歼灭战",
    );
    headline_case_wide(
        text,
        24,
        "严格严密落实各项防控措施|争取早日打赢疫|情防控歼灭战",
    );
}

#[test]
fn headline_03_breaks_after_a_question() {
    // First-fit: …新在哪里？释|放什么信号？
    let text = "重要时间节点举办的这个展会新在哪里?释放什么信号?";
    headline_case(
        text,
        40,
        "重要时间节点举办的这个展会新在哪里？|释放什么信号？",
    );
    headline_case_wide(
        text,
        40,
        "重要时间节点举办的这个展会新在哪里？|释放什么信号？",
    );
}

#[test]
fn headline_04_one_line_when_it_fits() {
    headline_case(SEED, 42, SEED);
    headline_case_wide(SEED, 42, SEED);
}

#[test]
fn headline_05_ideographic_space_between_phrases() {
    // The space between phrases goes at the break, as a space does.
    headline_case("自立自强\u{3000}勇争先", 10, "自立自强|勇争先");
    headline_case_wide("自立自强\u{3000}勇争先", 10, "自立自强|勇争先");
}

#[test]
fn headline_06_no_phrases_lines_of_even_length() {
    // First-fit: 中文排版需|求.
    headline_case("中文排版需求", 10, "中文排|版需求");
    headline_case_wide("中文排版需求", 10, "中文排|版需求");
}

#[test]
fn headline_07_numbers_stay_whole() {
    let text = "我国成功发射遥感三十二号02组卫星";
    headline_case(text, 20, "我国成功发射遥感|三十二号02组卫星");
    headline_case_wide(text, 20, "我国成功发射遥感|三十二号02组卫星");
}

#[test]
fn headline_08_breaks_where_a_clause_or_quotation_ends() {
    // Never 他说：“好|。”…: the 。” stays with 好.
    let text = "他说：“好。”然后就走";
    headline_case(text, 12, "他说：“好。”|然后就走");
    // Wide quotes make 他说：“好。” 14 cells; “好。” on a line of its own
    // would leave 好 alone, so 然 joins it.
    headline_case_wide(text, 12, "他说：|“好。”然|后就走");
}

#[test]
fn headline_09_ambiguous_quotes_count_as_they_are_drawn() {
    // Before an opening quotation mark is a better break than inside.
    let text = "党员争当“五个好”先锋";
    headline_case(text, 13, "党员争当|“五个好”先锋");
    // “五个好”先锋 is 14 cells when quotes are wide: two lines still,
    // of even length.
    headline_case_wide(text, 13, "党员争当“五|个好”先锋");
}

#[test]
fn headline_10_spaces_beside_latin_words_are_not_phrase_breaks() {
    // The spaces around Rust part words: the break goes after the clause.
    let text = "一个用 Rust 写成的小程序，把电子报原样搬进终端窗口";
    headline_case(
        text,
        42,
        "一个用 Rust 写成的小程序，|把电子报原样搬进终端窗口",
    );
    headline_case_wide(
        text,
        42,
        "一个用 Rust 写成的小程序，|把电子报原样搬进终端窗口",
    );
    // In English every space parts words: the lines are balanced.
    let text = "Reading the paper in a terminal";
    headline_case(text, 24, "Reading the paper|in a terminal");
    headline_case_wide(text, 24, "Reading the paper|in a terminal");
}
