//! The issue as a program sees it once loaded: pages in file order, their
//! articles, and the continuation links between fragments of one story.
//!
//! The serde attributes here define format 1 (docs/FORMAT.md); the field
//! name lists beside each type feed the unknown-field warnings and are tested
//! against the serialised form so they cannot drift.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Serialize, Serializer};

use super::date::Date;

/// A page label as printed on the page: "03", "A01".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PageLabel(pub String);

/// The identifier of an article fragment, unique within an issue.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

/// The identifier of a section (叠), such as "A".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SectionId(pub String);

/// The format's objects are JSON objects only. serde's derive would also
/// read a struct from an array of its fields in order; the types below
/// derive with `remote = "Self"`, which makes the derived code an inherent
/// function, and these impls let it see only objects.
macro_rules! objects_only {
    ($($name:ident: $what:literal),*) => {$(
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                struct ObjectVisitor;
                impl<'de> Visitor<'de> for ObjectVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$name, A::Error> {
                        $name::deserialize(MapAccessDeserializer::new(map))
                    }
                }
                deserializer.deserialize_map(ObjectVisitor)
            }
        }
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $name::serialize(self, serializer)
            }
        }
    )*};
}
objects_only!(
    Issue: "an issue: one JSON object {…}",
    Section: "a section object {\"id\": …, \"name\": …}",
    Page: "a page object {\"label\": …, \"name\": …, \"articles\": […]}",
    Article: "an article object {\"title\": …}",
    Image: "an image object {\"caption\": …}",
    PageImage: "a page picture object {\"src\": …, \"width\": …, \"height\": …}"
);

macro_rules! display_inner {
    ($($name:ident),*) => {$(
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    )*};
}
display_inner!(PageLabel, ArticleId, SectionId);

/// One issue of a publication: format 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Issue {
    pub format: u64,
    pub publication: String,
    pub date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
}

impl Issue {
    pub const FIELDS: &'static [&'static str] = &[
        "format",
        "publication",
        "date",
        "edition",
        "source",
        "sections",
        "pages",
    ];

    pub fn article(&self, at: ArticleRef) -> Option<&Article> {
        self.pages.get(at.page)?.articles.get(at.article)
    }

    /// What the library lists the issue by, as [`super::header`] reads it
    /// from a file.
    pub fn header(&self) -> super::Header {
        super::Header {
            publication: self.publication.clone(),
            date: self.date,
            edition: self.edition.clone(),
            pages: self.pages.len(),
        }
    }

    pub fn section(&self, id: &SectionId) -> Option<&Section> {
        self.sections.iter().find(|section| &section.id == id)
    }

    pub fn article_count(&self) -> usize {
        self.pages.iter().map(|page| page.articles.len()).sum()
    }

    /// The page a person means by `wanted`: the label as printed, or the
    /// same letters and number without leading zeros in any case, so that
    /// "3" finds "03" and "a5" finds "A05"; else a bare number is the
    /// page at that place, so that "4" finds the fourth page of a paper
    /// whose labels are A01….
    pub fn find_page(&self, wanted: &str) -> Option<usize> {
        let wanted = wanted.trim();
        if let Some(exact) = self.pages.iter().position(|p| p.label.as_str() == wanted) {
            return Some(exact);
        }
        let key = label_key(wanted);
        if let Some(found) = self
            .pages
            .iter()
            .position(|p| label_key(p.label.as_str()) == key)
        {
            return Some(found);
        }
        if !wanted.is_empty() && wanted.bytes().all(|b| b.is_ascii_digit()) {
            let place: usize = wanted.parse().ok()?;
            return (1..=self.pages.len()).contains(&place).then(|| place - 1);
        }
        None
    }
}

/// A label's letters in upper case and its number without leading zeros.
fn label_key(label: &str) -> (String, String) {
    let digits_at = label
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(label.len());
    let (letters, number) = label.split_at(digits_at);
    let number = number.trim_start_matches('0');
    (letters.to_uppercase(), number.to_owned())
}

/// A section (叠) of the paper, which groups pages: "A 要闻".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Section {
    pub id: SectionId,
    pub name: String,
}

impl Section {
    pub const FIELDS: &'static [&'static str] = &["id", "name"];
}

/// One page (版面) with its articles in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Page {
    pub label: PageLabel,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<SectionId>,
    /// The page as printed (版面图), which the articles' areas are on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<PageImage>,
    pub articles: Vec<Article>,
}

impl Page {
    pub const FIELDS: &'static [&'static str] = &["label", "name", "section", "image", "articles"];
}

/// A page's picture: where it is, and its size in the pixels its articles'
/// areas are measured in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct PageImage {
    /// A path relative to the issue file, or an http(s) URL.
    pub src: String,
    pub width: u32,
    pub height: u32,
}

impl PageImage {
    pub const FIELDS: &'static [&'static str] = &["src", "width", "height"];
}

/// What an entry in a page's headline list is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Article,
    Photo,
    Ad,
    Notice,
}

impl Kind {
    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
    fn is_article(&self) -> bool {
        *self == Kind::Article
    }
}

/// Where an article sits in an issue: page index and article index, both
/// in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleRef {
    pub page: usize,
    pub article: usize,
}

/// The fragments around this one in a continued story, derived on load
/// from the `continues` fields.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Links {
    /// The fragment this one carries on ("上接").
    pub continued_from: Option<ArticleRef>,
    /// The fragment that carries this one on ("下转").
    pub continues_to: Option<ArticleRef>,
}

/// One entry of a page: an article, a photo, an ad or a notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Article {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ArticleId>,
    #[serde(default, skip_serializing_if = "Kind::is_article")]
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
    /// Where the article is on its page's picture: polygons of
    /// `x1, y1, x2, y2, …` in the picture's pixels (a rectangle is four
    /// points).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<Vec<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continues: Option<ArticleId>,
    #[serde(skip)]
    pub links: Links,
}

impl Article {
    pub const FIELDS: &'static [&'static str] = &[
        "id",
        "kind",
        "kicker",
        "title",
        "subtitle",
        "byline",
        "paragraphs",
        "images",
        "areas",
        "continues",
    ];
}

/// A picture printed with an article, known by its caption and credit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Image {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
}

impl Image {
    pub const FIELDS: &'static [&'static str] = &["caption", "credit", "src"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_found_as_people_type_them() {
        let page = |label: &str| Page {
            label: PageLabel(label.to_owned()),
            name: String::new(),
            section: None,
            image: None,
            articles: Vec::new(),
        };
        let issue = Issue {
            format: 1,
            publication: "p".into(),
            date: "2021-11-05".parse().unwrap(),
            edition: None,
            source: None,
            sections: Vec::new(),
            pages: vec![page("01"), page("03"), page("A05"), page("B10"), page("Z")],
        };
        for (wanted, found) in [
            ("03", Some(1)),
            ("3", Some(1)),
            ("003", Some(1)),
            ("a5", Some(2)),
            ("A05", Some(2)),
            ("b10", Some(3)),
            ("z", Some(4)),
            // No label 4: the fourth page.
            ("4", Some(3)),
            ("9", None),
            ("A5x", None),
            ("", None),
        ] {
            assert_eq!(issue.find_page(wanted), found, "{wanted}");
        }
    }

    fn keys(value: &serde_json::Value) -> Vec<String> {
        value.as_object().unwrap().keys().cloned().collect()
    }

    fn sorted(fields: &[&str]) -> Vec<String> {
        let mut fields: Vec<String> = fields.iter().map(|f| (*f).to_owned()).collect();
        fields.sort();
        fields
    }

    /// The field lists name exactly what serde reads and writes.
    #[test]
    fn field_lists_match_the_serde_types() {
        let image = Image {
            caption: Some("c".into()),
            credit: Some("c".into()),
            src: Some("s".into()),
        };
        let article = Article {
            id: Some(ArticleId("1".into())),
            kind: Kind::Photo,
            kicker: Some("k".into()),
            title: "t".into(),
            subtitle: Some("s".into()),
            byline: Some("b".into()),
            paragraphs: vec!["p".into()],
            images: vec![image],
            areas: vec![vec![0.0, 0.0, 10.0, 0.0, 10.0, 10.0]],
            continues: Some(ArticleId("2".into())),
            links: Links::default(),
        };
        let section = Section {
            id: SectionId("A".into()),
            name: "要闻".into(),
        };
        let page = Page {
            label: PageLabel("01".into()),
            name: "n".into(),
            section: Some(section.id.clone()),
            image: Some(PageImage {
                src: "p.jpg".into(),
                width: 100,
                height: 200,
            }),
            articles: vec![article],
        };
        let issue = Issue {
            format: 1,
            publication: "p".into(),
            date: "2021-11-05".parse().unwrap(),
            edition: Some("e".into()),
            source: Some("s".into()),
            sections: vec![section],
            pages: vec![page],
        };
        let value = serde_json::to_value(&issue).unwrap();
        assert_eq!(sorted(Issue::FIELDS), keys(&value));
        assert_eq!(sorted(Section::FIELDS), keys(&value["sections"][0]));
        let page = &value["pages"][0];
        assert_eq!(sorted(Page::FIELDS), keys(page));
        assert_eq!(sorted(Article::FIELDS), keys(&page["articles"][0]));
        assert_eq!(
            sorted(Image::FIELDS),
            keys(&page["articles"][0]["images"][0])
        );
        assert_eq!(sorted(PageImage::FIELDS), keys(&page["image"]));
    }
}
