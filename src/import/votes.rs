//! Candidates with weights: a page may print its date or its paper's name
//! in several places, some surer than others, and the value given by the
//! most weight is taken.

/// Values found, each with its weight and where it was read.
#[derive(Debug)]
pub struct Votes<T> {
    found: Vec<(T, u32, String)>,
}

impl<T> Default for Votes<T> {
    fn default() -> Votes<T> {
        Votes { found: Vec::new() }
    }
}

impl<T: PartialEq + Clone> Votes<T> {
    pub fn add(&mut self, value: T, weight: u32, from: impl Into<String>) {
        self.found.push((value, weight, from.into()));
    }

    /// The value with the most weight in all, ties to the one found first,
    /// and where it was first read.
    pub fn winner(&self) -> Option<(T, String)> {
        let mut totals: Vec<(&T, u32, &str)> = Vec::new();
        for (value, weight, from) in &self.found {
            match totals.iter_mut().find(|(v, _, _)| *v == value) {
                Some(total) => total.1 += weight,
                None => totals.push((value, *weight, from)),
            }
        }
        let best = totals.iter().map(|t| t.1).max()?;
        totals
            .into_iter()
            .find(|t| t.1 == best)
            .map(|(value, _, from)| (value.clone(), from.to_owned()))
    }

    /// How many places gave `value`.
    pub fn agreeing(&self, value: &T) -> usize {
        self.found.iter().filter(|(v, _, _)| v == value).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_with_most_weight_wins() {
        let mut votes = Votes::default();
        votes.add("国务院公报", 2, "title");
        votes.add("人民日报", 3, "title");
        votes.add("国务院公报", 2, "dateline");
        assert_eq!(votes.winner(), Some(("国务院公报", "title".to_owned())));
        assert_eq!(votes.agreeing(&"国务院公报"), 2);
        assert_eq!(Votes::<&str>::default().winner(), None);
    }
}
