//! Every user intent, and the keys that ask for it, as one table. The help
//! overlay and the key hints of the bottom bar are generated from it, so
//! they cannot drift from the keys that really work; the config file
//! rebinds actions by the names here.

use std::collections::HashMap;
use std::fmt;

/// What the user can ask for with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    PrevPage,
    NextPage,
    PrevArticle,
    NextArticle,
    PrevIssue,
    NextIssue,
    LineUp,
    LineDown,
    ScreenUp,
    ScreenDown,
    HalfUp,
    HalfDown,
    Top,
    Bottom,
    FocusNext,
    FocusPrev,
    Open,
    Back,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    FocusMode,
    Help,
    Theme,
    Library,
    ToggleRead,
    Bookmark,
    Bookmarks,
    Search,
    SearchLibrary,
    NextMatch,
    PrevMatch,
    Update,
    Suspend,
    Quit,
}

/// One row of the table: an action, its name in the config file, its
/// default keys, its line in the help, and its word in the bottom bar.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub action: Action,
    pub name: &'static str,
    pub keys: &'static [&'static str],
    pub help: &'static str,
    pub hint: Option<&'static str>,
}

const fn bind(
    action: Action,
    name: &'static str,
    keys: &'static [&'static str],
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        action,
        name,
        keys,
        help,
        hint,
    }
}

/// The default keys, in the order the help lists them.
pub const DEFAULTS: &[Binding] = &[
    bind(
        Action::PrevPage,
        "prev-page",
        &["Left", "h"],
        "上一版 previous page",
        Some("上一版"),
    ),
    bind(
        Action::NextPage,
        "next-page",
        &["Right", "l"],
        "下一版 next page",
        Some("下一版"),
    ),
    bind(
        Action::PrevArticle,
        "prev-article",
        &["[", "K"],
        "上一篇 previous article",
        Some("上一篇"),
    ),
    bind(
        Action::NextArticle,
        "next-article",
        &["]", "J"],
        "下一篇 next article",
        Some("下一篇"),
    ),
    bind(
        Action::PrevIssue,
        "prev-issue",
        &["{"],
        "上一期 the issue before, same paper",
        None,
    ),
    bind(
        Action::NextIssue,
        "next-issue",
        &["}"],
        "下一期 the issue after, same paper",
        None,
    ),
    bind(
        Action::Library,
        "library",
        &["i"],
        "往期阅读 past issues, by date",
        None,
    ),
    bind(
        Action::LineUp,
        "line-up",
        &["Up", "k"],
        "上移一行 scroll up; in a list, select up",
        None,
    ),
    bind(
        Action::LineDown,
        "line-down",
        &["Down", "j"],
        "下移一行 scroll down; in a list, select down",
        None,
    ),
    bind(
        Action::ScreenUp,
        "screen-up",
        &["PageUp", "b"],
        "上一屏 a screen up",
        None,
    ),
    bind(
        Action::ScreenDown,
        "screen-down",
        &["PageDown", "Space"],
        "下一屏 a screen down; at the end, the next article",
        None,
    ),
    bind(
        Action::HalfUp,
        "half-up",
        &["Ctrl-u"],
        "上半屏 half a screen up",
        None,
    ),
    bind(
        Action::HalfDown,
        "half-down",
        &["Ctrl-d"],
        "下半屏 half a screen down",
        None,
    ),
    bind(Action::Top, "top", &["Home", "g"], "到顶 to the top", None),
    bind(
        Action::Bottom,
        "bottom",
        &["End", "G"],
        "到底 to the bottom",
        None,
    ),
    bind(
        Action::FocusNext,
        "focus-next",
        &["Tab"],
        "切换栏目 focus: pages → headlines → article",
        None,
    ),
    bind(
        Action::FocusPrev,
        "focus-prev",
        &["BackTab"],
        "反向切换 focus the other way",
        None,
    ),
    bind(
        Action::Open,
        "open",
        &["Enter"],
        "打开 open the selection; go to the page typed",
        None,
    ),
    bind(
        Action::Back,
        "back",
        &["Esc"],
        "返回 back to the article; close",
        None,
    ),
    bind(
        Action::ZoomIn,
        "zoom-in",
        &["+"],
        "放大 wider lines, then fewer panes",
        Some("放大"),
    ),
    bind(
        Action::ZoomOut,
        "zoom-out",
        &["-"],
        "缩小 narrower lines",
        Some("缩小"),
    ),
    bind(
        Action::ZoomReset,
        "zoom-reset",
        &["="],
        "默认 the default width",
        Some("默认"),
    ),
    bind(
        Action::FocusMode,
        "focus-mode",
        &["z"],
        "专注 the article alone",
        None,
    ),
    bind(Action::Help, "help", &["?"], "帮助 this help", Some("帮助")),
    bind(
        Action::Theme,
        "theme",
        &["t"],
        "主题 paper or dark theme",
        None,
    ),
    bind(
        Action::ToggleRead,
        "toggle-read",
        &["u"],
        "已读/未读 mark read or unread",
        None,
    ),
    bind(
        Action::Bookmark,
        "bookmark",
        &["m"],
        "收藏 bookmark the article, or not",
        None,
    ),
    bind(
        Action::Bookmarks,
        "bookmarks",
        &["'"],
        "收藏夹 the bookmarks",
        None,
    ),
    bind(
        Action::Search,
        "search",
        &["/"],
        "查找 find in this issue; // in all",
        None,
    ),
    bind(
        Action::SearchLibrary,
        "search-library",
        &["Ctrl-/", "Ctrl-_", "Ctrl-7"],
        "查找往期 find in every issue",
        None,
    ),
    bind(
        Action::NextMatch,
        "next-match",
        &["n"],
        "下一处 next match",
        None,
    ),
    bind(
        Action::PrevMatch,
        "prev-match",
        &["N"],
        "上一处 previous match",
        None,
    ),
    bind(
        Action::Update,
        "update",
        &["R"],
        "更新 fetch the papers you follow, in the background",
        None,
    ),
    bind(
        Action::Suspend,
        "suspend",
        &["Ctrl-z"],
        "挂起 suspend; fg resumes",
        None,
    ),
    bind(
        Action::Quit,
        "quit",
        &["q", "Ctrl-c"],
        "退出 quit",
        Some("退出"),
    ),
];

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

/// The keys in force: the defaults with the config's changes.
#[derive(Debug, Clone)]
pub struct Keymap {
    by_key: HashMap<Key, Action>,
    /// For each binding of [`DEFAULTS`], in its order, its keys now.
    keys: Vec<(Binding, Vec<Key>)>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap::new(&[])
    }
}

impl Keymap {
    /// The defaults, with each action in `changes` bound to the keys given
    /// there instead; a key given to one action is taken from any other.
    pub fn new(changes: &[(Action, Vec<Key>)]) -> Keymap {
        let mut keys: Vec<(Binding, Vec<Key>)> = DEFAULTS
            .iter()
            .map(|binding| {
                let defaults = binding
                    .keys
                    .iter()
                    .map(|name| name.parse().expect("a default key name that parses"))
                    .collect();
                (*binding, defaults)
            })
            .collect();
        for (action, new_keys) in changes {
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
        Keymap { by_key, keys }
    }

    pub fn action(&self, key: Key) -> Option<Action> {
        self.by_key.get(&key).copied()
    }

    /// Each binding with its keys, in the order of the help.
    pub fn bindings(&self) -> impl Iterator<Item = (&Binding, &[Key])> {
        self.keys
            .iter()
            .map(|(binding, keys)| (binding, keys.as_slice()))
    }

    /// The bottom bar's hints: the first key of each hinted action and its
    /// word, `← 上一版`.
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        self.bindings()
            .filter_map(|(binding, keys)| Some((keys.first()?.to_string(), binding.hint?)))
            .collect()
    }

    /// The config names of the actions left with no key, in the order of
    /// the help.
    pub fn unbound(&self) -> Vec<&'static str> {
        self.keys
            .iter()
            .filter(|(_, keys)| keys.is_empty())
            .map(|(binding, _)| binding.name)
            .collect()
    }
}

/// The action named `name` in the config file.
pub fn action_named(name: &str) -> Option<Action> {
    DEFAULTS.iter().find(|b| b.name == name).map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_parses_and_no_key_is_bound_twice() {
        let mut seen = HashMap::new();
        for binding in DEFAULTS {
            for name in binding.keys {
                let key: Key = name.parse().unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(seen.insert(key, binding.action), None, "{name} bound twice");
            }
        }
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
            .hints()
            .into_iter()
            .map(|(key, word)| format!("{key} {word}"))
            .collect();
        assert_eq!(
            hints.join(" "),
            "← 上一版 → 下一版 [ 上一篇 ] 下一篇 + 放大 − 缩小 = 默认 ? 帮助 q 退出"
        );
    }

    #[test]
    fn a_rebound_key_leaves_its_old_action() {
        let keymap = Keymap::new(&[
            (Action::NextPage, vec![Key::char('n')]),
            (Action::Quit, vec![Key::char('l')]),
        ]);
        assert_eq!(keymap.action(Key::char('n')), Some(Action::NextPage));
        assert_eq!(keymap.action(Key::plain(KeyCode::Right)), None);
        assert_eq!(keymap.action(Key::char('l')), Some(Action::Quit));
        assert_eq!(keymap.action(Key::char('q')), None);
        assert_eq!(keymap.hints()[1], ("n".to_owned(), "下一版"));
    }
}
