//! Every user intent, and the keys that ask for it in each mode of the
//! reader, as tables. Dispatch, the help screen and the hints of the bottom
//! bar are all read from them, so none can drift from the keys that really
//! work; the config file rebinds actions by the names here, which are the
//! actions' own.

use std::collections::HashMap;
use std::fmt;

/// Declares the actions with their names in the config file, so that a
/// name cannot exist without its action, nor an action without a name.
macro_rules! actions {
    ($($(#[$doc:meta])* $action:ident => $name:literal,)*) => {
        /// What the user can ask for with a key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $($(#[$doc])* $action,)*
        }

        impl Action {
            /// Every action, in the order they are declared.
            pub const ALL: &[Action] = &[$(Action::$action,)*];

            /// The action's name in the config file's `[keys]`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$action => $name,)*
                }
            }
        }
    };
}

actions! {
    PrevPage => "prev-page",
    NextPage => "next-page",
    PrevArticle => "prev-article",
    NextArticle => "next-article",
    PrevIssue => "prev-issue",
    NextIssue => "next-issue",
    LineUp => "line-up",
    LineDown => "line-down",
    ScreenUp => "screen-up",
    ScreenDown => "screen-down",
    HalfUp => "half-up",
    HalfDown => "half-down",
    Top => "top",
    Bottom => "bottom",
    FocusNext => "focus-next",
    FocusPrev => "focus-prev",
    Open => "open",
    Back => "back",
    ZoomIn => "zoom-in",
    ZoomOut => "zoom-out",
    ZoomReset => "zoom-reset",
    FocusMode => "focus-mode",
    Help => "help",
    Theme => "theme",
    Library => "library",
    ToggleRead => "toggle-read",
    Bookmark => "bookmark",
    Bookmarks => "bookmarks",
    Search => "search",
    SearchLibrary => "search-library",
    NextMatch => "next-match",
    PrevMatch => "prev-match",
    Update => "update",
    /// The page as printed, its articles' areas to pick from.
    PageMap => "page-map",
    /// A picture of the article alone, as large as the screen allows.
    Picture => "picture",
    /// 往期阅读: the month before.
    PrevMonth => "prev-month",
    /// 往期阅读: the month after.
    NextMonth => "next-month",
    /// 往期阅读: the next paper's issues.
    NextPaper => "next-paper",
    PrevPaper => "prev-paper",
    /// A line being typed: the character before the cursor.
    Erase => "erase",
    /// A line being typed: give it up.
    Cancel => "cancel",
    /// A view over reading (the help, 往期阅读, the bookmarks, search
    /// results): close it.
    Close => "close",
    Suspend => "suspend",
    Quit => "quit",
}

/// What the reader is doing, which decides what each key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The pages, the headlines and the article.
    Reading,
    /// The keys of the mode beneath.
    Help,
    /// 往期阅读: the issues of the library by paper and month.
    Library,
    Bookmarks,
    /// The query line of a search has the keyboard.
    SearchInput,
    SearchResults,
    /// A page label being typed, to go to with Enter.
    PageLabel,
    /// The page map (版面图): the page as printed, an article to pick.
    PageMap,
    /// A picture of the article, alone.
    Picture,
}

impl Mode {
    pub const ALL: [Mode; 9] = [
        Mode::Reading,
        Mode::Help,
        Mode::Library,
        Mode::Bookmarks,
        Mode::SearchInput,
        Mode::SearchResults,
        Mode::PageLabel,
        Mode::PageMap,
        Mode::Picture,
    ];

    /// The mode's name, as the help heads its keys.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Reading => "阅读 reading",
            Mode::Help => "帮助 help",
            Mode::Library => "往期阅读 past issues",
            Mode::Bookmarks => "收藏夹 bookmarks",
            Mode::SearchInput => "查找 typing a search",
            Mode::SearchResults => "查找结果 search results",
            Mode::PageLabel => "跳转 typing a page label",
            Mode::PageMap => "版面图 the page map",
            Mode::Picture => "图片 a picture alone",
        }
    }

    /// Whether typed characters are text here rather than commands.
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::SearchInput | Mode::PageLabel)
    }

    fn index(self) -> usize {
        Mode::ALL.iter().position(|m| *m == self).unwrap_or(0)
    }
}

/// A binding's word in the bottom bar: the website's word, a shorter one
/// for a narrow bar, and whether it stays however narrow the bar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub word: &'static str,
    pub short: &'static str,
    pub always: bool,
}

/// One row of a mode's table: an action, its default keys, its line in
/// the help, and its word in the bottom bar.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub action: Action,
    pub keys: &'static [&'static str],
    pub help: &'static str,
    pub hint: Option<Hint>,
}

impl Binding {
    /// The action's name in the config file.
    pub fn name(&self) -> &'static str {
        self.action.name()
    }
}

const fn bind(action: Action, keys: &'static [&'static str], help: &'static str) -> Binding {
    Binding {
        action,
        keys,
        help,
        hint: None,
    }
}

const fn hinted(
    action: Action,
    keys: &'static [&'static str],
    help: &'static str,
    word: &'static str,
    short: &'static str,
) -> Binding {
    Binding {
        action,
        keys,
        help,
        hint: Some(Hint {
            word,
            short,
            always: false,
        }),
    }
}

const fn kept(
    action: Action,
    keys: &'static [&'static str],
    help: &'static str,
    word: &'static str,
) -> Binding {
    Binding {
        action,
        keys,
        help,
        hint: Some(Hint {
            word,
            short: word,
            always: true,
        }),
    }
}

/// Moving through the article, or the selection through a list: the same
/// keys in every mode that has a list.
const MOVING: &[Binding] = &[
    bind(
        Action::LineUp,
        &["Up", "k"],
        "上移一行 a line up; in a list, select up",
    ),
    bind(
        Action::LineDown,
        &["Down", "j"],
        "下移一行 a line down; in a list, select down",
    ),
    bind(Action::ScreenUp, &["PageUp", "b"], "上一屏 a screen up"),
    bind(
        Action::ScreenDown,
        &["PageDown", "Space"],
        "下一屏 a screen down; at an article's end, the next article",
    ),
    bind(Action::HalfUp, &["Ctrl-u"], "上半屏 half a screen up"),
    bind(Action::HalfDown, &["Ctrl-d"], "下半屏 half a screen down"),
    bind(Action::Top, &["Home", "g"], "到顶 to the top"),
    bind(Action::Bottom, &["End", "G"], "到底 to the bottom"),
];

/// What every mode has: help and suspending.
const EVERYWHERE: &[Binding] = &[
    kept(Action::Help, &["?"], "帮助 the keys of this mode", "帮助"),
    bind(Action::Suspend, &["Ctrl-z"], "挂起 suspend; fg resumes"),
];

#[rustfmt::skip]
const READING: &[Binding] = &[
    hinted(Action::PrevPage, &["Left", "h"], "上一版 previous page", "上一版", "上版"),
    hinted(Action::NextPage, &["Right", "l"], "下一版 next page", "下一版", "下版"),
    hinted(Action::PrevArticle, &["[", "K"], "上一篇 previous article", "上一篇", "上篇"),
    hinted(Action::NextArticle, &["]", "J"], "下一篇 next article", "下一篇", "下篇"),
    bind(Action::PrevIssue, &["{"], "上一期 the issue before, same paper"),
    bind(Action::NextIssue, &["}"], "下一期 the issue after, same paper"),
    bind(Action::Library, &["i"], "往期阅读 past issues, by date"),
    bind(Action::FocusNext, &["Tab"], "切换栏目 focus: pages → headlines → article"),
    bind(Action::FocusPrev, &["BackTab"], "反向切换 focus the other way"),
    bind(Action::Open, &["Enter"], "打开 open the selection"),
    bind(Action::Back, &["Esc"], "返回 back to the article; end a search"),
    hinted(Action::ZoomIn, &["+"], "放大 wider lines, then fewer panes", "放大", "大"),
    hinted(Action::ZoomOut, &["-"], "缩小 narrower lines", "缩小", "小"),
    hinted(Action::ZoomReset, &["="], "默认 the default width", "默认", "默"),
    bind(Action::FocusMode, &["z"], "专注 the article alone"),
    bind(Action::Theme, &["t"], "主题 paper or dark theme"),
    bind(Action::ToggleRead, &["u"], "已读/未读 mark read or unread"),
    bind(Action::Bookmark, &["m"], "收藏 bookmark the article, or not"),
    bind(Action::Bookmarks, &["'"], "收藏夹 the bookmarks"),
    bind(Action::Search, &["/"], "查找 find in this issue; // in all"),
    bind(Action::SearchLibrary, &["Ctrl-/", "Ctrl-_", "Ctrl-7"], "查找往期 find in every issue"),
    bind(Action::NextMatch, &["n"], "下一处 next match"),
    bind(Action::PrevMatch, &["N"], "上一处 previous match"),
    bind(Action::Update, &["R"], "更新 fetch the papers you follow, in the background"),
    hinted(Action::PageMap, &["v"], "版面图 the page as printed: pick an article on it", "版面图", "版面"),
    bind(Action::Picture, &["p"], "看图 the article's picture alone, as large as the screen allows"),
];

#[rustfmt::skip]
const PICTURE: &[Binding] = &[
    hinted(Action::NextPage, &["Right", "l"], "下一张 the next picture", "下一张", "下张"),
    hinted(Action::PrevPage, &["Left", "h"], "上一张 the picture before", "上一张", "上张"),
    kept(Action::Close, &["Esc", "q"], "返回 back to the article", "返回"),
    bind(Action::Picture, &["p"], "返回 back to the article"),
];

const QUITTING: &[Binding] = &[kept(Action::Quit, &["q", "Ctrl-c"], "退出 quit", "退出")];

#[rustfmt::skip]
const HELP: &[Binding] = &[
    kept(Action::Close, &["Esc", "q"], "关闭 close the help", "关闭"),
    bind(Action::Help, &["?"], "关闭 close the help"),
    bind(Action::Suspend, &["Ctrl-z"], "挂起 suspend; fg resumes"),
];

#[rustfmt::skip]
const LIBRARY: &[Binding] = &[
    hinted(Action::Open, &["Enter"], "打开 open the issue", "打开", "开"),
    hinted(Action::PrevMonth, &["Left", "h"], "上月 the month before", "上月", "上月"),
    hinted(Action::NextMonth, &["Right", "l"], "下月 the month after", "下月", "下月"),
    hinted(Action::NextPaper, &["Tab"], "换报纸 the next paper", "换报纸", "换报"),
    bind(Action::PrevPaper, &["BackTab"], "换报纸 the paper before"),
    kept(Action::Close, &["Esc", "q"], "返回 back to reading", "返回"),
    bind(Action::Library, &["i"], "返回 back to reading"),
];

#[rustfmt::skip]
const BOOKMARKS: &[Binding] = &[
    hinted(Action::Open, &["Enter"], "打开 open the article", "打开", "开"),
    hinted(Action::Bookmark, &["m"], "取消收藏 remove the bookmark", "取消收藏", "删"),
    kept(Action::Close, &["Esc", "q"], "返回 back to reading", "返回"),
    bind(Action::Bookmarks, &["'"], "返回 back to reading"),
];

#[rustfmt::skip]
const SEARCH_INPUT: &[Binding] = &[
    kept(Action::Open, &["Enter"], "查找 search for the words typed", "查找"),
    kept(Action::Cancel, &["Esc"], "取消 cancel", "取消"),
    bind(Action::Erase, &["Backspace"], "删除 erase the last character"),
    bind(Action::Suspend, &["Ctrl-z"], "挂起 suspend; fg resumes"),
];

#[rustfmt::skip]
const SEARCH_RESULTS: &[Binding] = &[
    hinted(Action::Open, &["Enter"], "打开 open the article at its first match", "打开", "开"),
    hinted(Action::Search, &["/"], "重新查找 change the search", "重新查找", "改"),
    kept(Action::Close, &["Esc", "q"], "返回 back to reading", "返回"),
];

#[rustfmt::skip]
const PAGE_LABEL: &[Binding] = &[
    kept(Action::Open, &["Enter"], "确认 go to the page typed: 3 → 第03版, a5 → 第A05版", "确认"),
    kept(Action::Cancel, &["Esc"], "取消 cancel", "取消"),
    bind(Action::Erase, &["Backspace"], "删除 erase the last character"),
    bind(Action::Suspend, &["Ctrl-z"], "挂起 suspend; fg resumes"),
];

#[rustfmt::skip]
const PAGE_MAP: &[Binding] = &[
    hinted(Action::Open, &["Enter"], "打开 open the article selected", "打开", "开"),
    hinted(Action::NextArticle, &["]", "J"], "下一篇 the next area, in reading order", "下一篇", "下篇"),
    hinted(Action::PrevArticle, &["[", "K"], "上一篇 the area before", "上一篇", "上篇"),
    bind(Action::LineDown, &["Down", "j"], "下一篇 the next area"),
    bind(Action::LineUp, &["Up", "k"], "上一篇 the area before"),
    bind(Action::Top, &["Home", "g"], "第一篇 the first area"),
    bind(Action::Bottom, &["End", "G"], "最后一篇 the last area"),
    hinted(Action::NextPage, &["Right", "l"], "下一版 the next page's map", "下一版", "下版"),
    hinted(Action::PrevPage, &["Left", "h"], "上一版 the page before's map", "上一版", "上版"),
    kept(Action::Close, &["Esc", "q"], "返回 back to reading", "返回"),
    bind(Action::PageMap, &["v"], "返回 back to reading"),
];

/// The groups of bindings a mode has, in the order its help lists them.
pub fn table(mode: Mode) -> &'static [&'static [Binding]] {
    match mode {
        Mode::Reading => &[READING, MOVING, EVERYWHERE, QUITTING],
        Mode::Help => &[HELP, MOVING],
        Mode::Library => &[LIBRARY, MOVING, EVERYWHERE],
        Mode::Bookmarks => &[BOOKMARKS, MOVING, EVERYWHERE],
        Mode::SearchInput => &[SEARCH_INPUT],
        Mode::SearchResults => &[SEARCH_RESULTS, MOVING, EVERYWHERE],
        Mode::PageLabel => &[PAGE_LABEL],
        Mode::PageMap => &[PAGE_MAP, EVERYWHERE],
        Mode::Picture => &[PICTURE, EVERYWHERE],
    }
}

fn rows(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    table(mode).iter().flat_map(|group| group.iter())
}

/// Each action once, with its default keys and help where it first
/// appears: what the config file can rebind.
pub fn actions() -> Vec<&'static Binding> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for mode in Mode::ALL {
        for binding in rows(mode) {
            if !seen.contains(&binding.action) {
                seen.push(binding.action);
                out.push(binding);
            }
        }
    }
    out
}

/// The key that quits from every mode, whatever the config says.
pub const ALWAYS_QUITS: Key = Key {
    code: KeyCode::Char('c'),
    ctrl: true,
    alt: false,
};

/// A key as the app sees it, apart from any terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Left,
    Right,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    F(u8),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Shift-Tab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Space", KeyCode::Char(' ')),
];

impl Key {
    pub fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// The character the key types into a line, if it types one.
    pub fn typed(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt && !c.is_control() => Some(c),
            _ => None,
        }
    }
}

/// Why a key name in the config cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" is not a key; write a character (\"j\", \"?\"), a name (Left, PageDown, Enter, Esc, Tab, Space, F1 …) or Ctrl-/Alt- and one of those"
)]
pub struct BadKey(pub String);

impl std::str::FromStr for Key {
    type Err = BadKey;

    fn from_str(text: &str) -> Result<Key, BadKey> {
        let bad = || BadKey(text.to_owned());
        let mut key = Key::plain(KeyCode::Esc);
        let mut rest = text;
        loop {
            if let Some(after) = rest.strip_prefix("Ctrl-") {
                key.ctrl = true;
                rest = after;
            } else if let Some(after) = rest.strip_prefix("Alt-") {
                key.alt = true;
                rest = after;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if key.ctrl { c.to_ascii_lowercase() } else { c }),
            _ => {
                if let Some(&(_, code)) = NAMED.iter().find(|(name, _)| *name == rest) {
                    code
                } else if let Some(n) = rest.strip_prefix('F').and_then(|n| n.parse().ok()) {
                    if !(1..=24).contains(&n) {
                        return Err(bad());
                    }
                    KeyCode::F(n)
                } else {
                    return Err(bad());
                }
            }
        };
        Ok(key)
    }
}

impl fmt::Display for Key {
    /// As the help and the bottom bar show it: arrows as arrows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char('-') => f.write_str("−"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::F(n) => write!(f, "F{n}"),
        }
    }
}

/// One mode's keys in force.
#[derive(Debug, Clone)]
struct ModeKeys {
    by_key: HashMap<Key, Action>,
    /// For each binding of the mode's table, in its order, its keys now.
    keys: Vec<(&'static Binding, Vec<Key>)>,
}

/// A hint of the bottom bar with the key in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub action: Action,
    pub key: String,
    pub hint: Hint,
}

/// The keys in force: the defaults with the config's changes, mode by mode.
#[derive(Debug, Clone)]
pub struct Keymap {
    modes: Vec<ModeKeys>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::new(&[])
    }
}

impl Keymap {
    /// The defaults, with each action in `changes` bound to the keys given
    /// there instead, in every mode that has the action; in such a mode a
    /// key given to one action is taken from any other.
    pub fn new(changes: &[(Action, Vec<Key>)]) -> Keymap {
        let modes = Mode::ALL
            .iter()
            .map(|&mode| {
                let mut keys: Vec<(&'static Binding, Vec<Key>)> = rows(mode)
                    .map(|binding| {
                        let defaults = binding
                            .keys
                            .iter()
                            .map(|name| name.parse().expect("a default key name that parses"))
                            .collect();
                        (binding, defaults)
                    })
                    .collect();
                for (action, new_keys) in changes {
                    if !keys.iter().any(|(b, _)| b.action == *action) {
                        continue;
                    }
                    for (binding, bound) in &mut keys {
                        if binding.action == *action {
                            bound.clone_from(new_keys);
                        } else {
                            bound.retain(|key| !new_keys.contains(key));
                        }
                    }
                }
                let by_key = keys
                    .iter()
                    .flat_map(|(binding, bound)| bound.iter().map(|key| (*key, binding.action)))
                    .collect();
                ModeKeys { by_key, keys }
            })
            .collect();
        Keymap { modes }
    }

    fn mode(&self, mode: Mode) -> &ModeKeys {
        &self.modes[mode.index()]
    }

    /// What `key` does in `mode`.
    pub fn action(&self, mode: Mode, key: Key) -> Option<Action> {
        self.mode(mode).by_key.get(&key).copied()
    }

    /// Each binding of `mode` with its keys, in the order of the help.
    pub fn bindings(&self, mode: Mode) -> impl Iterator<Item = (&'static Binding, &[Key])> {
        self.mode(mode)
            .keys
            .iter()
            .map(|(binding, keys)| (*binding, keys.as_slice()))
    }

    /// The first key that does `action` in `mode`.
    pub fn key_of(&self, mode: Mode, action: Action) -> Option<Key> {
        self.bindings(mode)
            .find(|(binding, keys)| binding.action == action && !keys.is_empty())
            .and_then(|(_, keys)| keys.first().copied())
    }

    /// The bottom bar's hints in `mode`: the first key of each hinted
    /// action and its words, `← 上一版`.
    pub fn hints(&self, mode: Mode) -> Vec<Shown> {
        self.bindings(mode)
            .filter_map(|(binding, keys)| {
                Some(Shown {
                    action: binding.action,
                    key: keys.first()?.to_string(),
                    hint: binding.hint?,
                })
            })
            .collect()
    }

    /// The names of the actions that have no key left in a mode that
    /// has them (a config gave their keys to others, or none).
    pub fn unbound(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        for keys in &self.modes {
            for (binding, bound) in &keys.keys {
                if bound.is_empty() && !names.contains(&binding.name()) {
                    names.push(binding.name());
                }
            }
        }
        names
    }

    /// The keys of every mode as Markdown tables, for the README.
    pub fn markdown(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for mode in Mode::ALL {
            let _ = write!(
                out,
                "\n**{}**\n\n| keys | action |\n|---|---|\n",
                mode.title()
            );
            for (binding, keys) in self.bindings(mode) {
                let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                let _ = writeln!(
                    out,
                    "| {} | {} |",
                    keys.join(" ").replace('|', "\\|"),
                    binding.help.replace('|', "\\|")
                );
            }
            if mode.takes_text() {
                out.push_str("| other keys | type into the line |\n");
            }
        }
        out
    }
}

/// The action named `name` in the config file.
pub fn action_named(name: &str) -> Option<Action> {
    Action::ALL.iter().copied().find(|a| a.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_every_mode_each_default_key_parses_and_does_one_thing() {
        for mode in Mode::ALL {
            let mut seen = HashMap::new();
            for binding in rows(mode) {
                for name in binding.keys {
                    let key: Key = name.parse().unwrap_or_else(|e| panic!("{e}"));
                    assert_eq!(
                        seen.insert(key, binding.action),
                        None,
                        "{name} bound twice in {mode:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_mode_has_a_way_out() {
        let keymap = Keymap::default();
        for mode in Mode::ALL {
            let out = [Action::Back, Action::Close, Action::Cancel, Action::Quit]
                .iter()
                .any(|&action| keymap.key_of(mode, action).is_some());
            assert!(out, "{mode:?} has no way out");
        }
    }

    /// So that the config can rebind an action by its name alone.
    #[test]
    fn an_action_has_the_same_default_keys_in_every_mode() {
        for first in actions() {
            for mode in Mode::ALL {
                for binding in rows(mode).filter(|b| b.action == first.action) {
                    assert_eq!(binding.keys, first.keys, "{} in {mode:?}", first.name());
                }
            }
        }
    }

    #[test]
    fn names_are_unique_and_found() {
        for action in Action::ALL {
            assert_eq!(action_named(action.name()), Some(*action));
        }
        assert_eq!(action_named("no-such"), None);
    }

    #[test]
    fn keys_read_as_written() {
        let ctrl_d = Key {
            code: KeyCode::Char('d'),
            ctrl: true,
            alt: false,
        };
        assert_eq!("Ctrl-d".parse(), Ok(ctrl_d));
        assert_eq!("Ctrl-D".parse(), Ok(ctrl_d));
        assert_eq!("Space".parse(), Ok(Key::char(' ')));
        assert_eq!("F5".parse(), Ok(Key::plain(KeyCode::F(5))));
        assert_eq!("J".parse(), Ok(Key::char('J')));
        assert!("Hyper-x".parse::<Key>().is_err());
        assert!("F99".parse::<Key>().is_err());
        assert!("".parse::<Key>().is_err());
    }

    #[test]
    fn the_bottom_bar_says_what_the_website_says() {
        let hints: Vec<String> = Keymap::default()
            .hints(Mode::Reading)
            .into_iter()
            .map(|shown| format!("{} {}", shown.key, shown.hint.word))
            .collect();
        assert_eq!(
            hints.join(" "),
            "← 上一版 → 下一版 [ 上一篇 ] 下一篇 + 放大 − 缩小 = 默认 v 版面图 ? 帮助 q 退出"
        );
    }

    #[test]
    fn a_rebound_key_leaves_its_old_action_in_the_modes_that_have_both() {
        let keymap = Keymap::new(&[
            (Action::NextPage, vec![Key::char('n')]),
            (Action::Quit, vec![Key::char('l')]),
        ]);
        let reading = Mode::Reading;
        assert_eq!(
            keymap.action(reading, Key::char('n')),
            Some(Action::NextPage)
        );
        assert_eq!(keymap.action(reading, Key::plain(KeyCode::Right)), None);
        assert_eq!(keymap.action(reading, Key::char('l')), Some(Action::Quit));
        assert_eq!(keymap.action(reading, Key::char('q')), None);
        assert_eq!(keymap.hints(reading)[1].key, "n");
        // 往期阅读 has no quit: its `l` still goes a month on.
        assert_eq!(
            keymap.action(Mode::Library, Key::char('l')),
            Some(Action::NextMonth)
        );
    }

    #[test]
    fn an_action_left_without_keys_is_named() {
        assert!(Keymap::default().unbound().is_empty());
        let keymap = Keymap::new(&[
            (Action::Top, vec![]),
            (Action::Bottom, vec![Key::char('G')]),
        ]);
        assert_eq!(keymap.unbound(), ["top"]);
    }
}
