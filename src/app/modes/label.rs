//! A page label being typed (`3`, `A5`, `b02`), gone to with Enter.

use crate::app::keymap::{Action, Key};
use crate::app::{Effect, State};

/// Characters a label can have.
const LONGEST: usize = 8;

impl State {
    /// The keys while a label is typed: letters and digits type, Enter
    /// goes, Esc gives up; any other key gives up and does what it does in
    /// reading.
    pub(crate) fn label_key(&mut self, key: Key, action: Option<Action>) -> Effect {
        let Some(typed) = &mut self.goto else {
            return Effect::None;
        };
        match action {
            Some(Action::Open) => {
                self.go_to_typed_page();
                return Effect::None;
            }
            Some(Action::Cancel) => {
                self.goto = None;
                return Effect::None;
            }
            Some(Action::Erase) => {
                typed.pop();
                if typed.is_empty() {
                    self.goto = None;
                }
                return Effect::None;
            }
            _ => {}
        }
        if let Some(c) = key.typed().filter(char::is_ascii_alphanumeric) {
            if typed.len() < LONGEST {
                typed.push(c);
            }
            return Effect::None;
        }
        self.goto = None;
        let action = self.keymap.action(crate::app::Mode::Reading, key);
        self.reading_key(key, action)
    }

    fn go_to_typed_page(&mut self) {
        let Some(typed) = self.goto.take() else {
            return;
        };
        let found = self
            .issue
            .as_ref()
            .and_then(|issue| issue.find_page(&typed));
        match found {
            Some(page) => self.open_page(page),
            None => self.say(format!("没有第{typed}版")),
        }
    }
}
