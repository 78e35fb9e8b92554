//! The rules of format 1 that serde's types cannot state (docs/FORMAT.md,
//! "Rules"), and the continuation links they make safe to follow.
//!
//! Runs on a normalised issue. Every broken rule is reported, not only the
//! first, so one run of `epaper check` shows all there is to fix.

use std::collections::HashMap;

use super::diagnostic::{JsonPath, Problem};
use super::types::{ArticleRef, Issue, Links};

/// Checks `issue` and, when its continuations are sound, fills in each
/// article's [`Links`].
pub fn validate(issue: &mut Issue) -> Vec<(Problem, JsonPath)> {
    let mut problems = Vec::new();
    if issue.publication.is_empty() {
        problems.push((
            Problem::Blank {
                field: "publication",
                why: "name the paper, such as 人民日报",
            },
            JsonPath::root().key("publication"),
        ));
    }
    sections_and_labels(issue, &mut problems);
    pictures_and_areas(issue, &mut problems);
    let ids = titles_and_ids(issue, &mut problems);
    let links = link_continuations(issue, &ids, &mut problems);
    for (at, link) in links {
        issue.pages[at.page].articles[at.article].links = link;
    }
    problems
}

fn page_path(page: usize) -> JsonPath {
    JsonPath::root().key("pages").index(page)
}

fn article_path(at: ArticleRef) -> JsonPath {
    page_path(at.page).key("articles").index(at.article)
}

fn sections_and_labels(issue: &Issue, problems: &mut Vec<(Problem, JsonPath)>) {
    let mut sections: HashMap<&str, JsonPath> = HashMap::new();
    for (i, section) in issue.sections.iter().enumerate() {
        let path = JsonPath::root().key("sections").index(i).key("id");
        if section.id.as_str().is_empty() {
            let why = "a section needs an id that pages name, such as \"A\"";
            problems.push((Problem::Blank { field: "id", why }, path));
        } else if let Some(first) = sections.get(section.id.as_str()) {
            let id = section.id.to_string();
            problems.push((
                Problem::DuplicateSection {
                    id,
                    first: first.clone(),
                },
                path,
            ));
        } else {
            sections.insert(section.id.as_str(), path);
        }
    }
    if issue.pages.is_empty() {
        problems.push((Problem::NoPages, JsonPath::root().key("pages")));
    }
    let mut labels: HashMap<&str, JsonPath> = HashMap::new();
    for (i, page) in issue.pages.iter().enumerate() {
        let path = page_path(i).key("label");
        let label = page.label.as_str();
        if label.is_empty() {
            let why = "give the page number as printed, such as \"03\" or \"A01\"";
            problems.push((
                Problem::Blank {
                    field: "label",
                    why,
                },
                path,
            ));
        } else if let Some(first) = labels.get(label) {
            let (label, first) = (label.to_owned(), first.clone());
            problems.push((Problem::DuplicateLabel { label, first }, path));
        } else {
            labels.insert(label, path);
        }
        if let Some(section) = &page.section
            && !sections.contains_key(section.as_str())
        {
            problems.push((
                Problem::UnknownSection {
                    section: section.to_string(),
                    declared: issue.sections.iter().map(|s| s.id.to_string()).collect(),
                },
                page_path(i).key("section"),
            ));
        }
    }
}

/// Pixels an area's point may lie past the picture's edge: image maps are
/// drawn by hand, and their outlines often reach a little over.
pub const AREA_SLACK: f64 = 16.0;

/// A page picture has a size, and each article's areas are polygons of at
/// least three points on its page's picture.
fn pictures_and_areas(issue: &Issue, problems: &mut Vec<(Problem, JsonPath)>) {
    for (page, p) in issue.pages.iter().enumerate() {
        if let Some(image) = &p.image {
            let path = page_path(page).key("image");
            if image.src.is_empty() {
                let why = "give the picture's path, relative to the issue file, or its URL";
                problems.push((
                    Problem::Blank { field: "src", why },
                    path.clone().key("src"),
                ));
            }
            for (field, value) in [("width", image.width), ("height", image.height)] {
                if value == 0 {
                    problems.push((Problem::ZeroSize { field }, path.clone().key(field)));
                }
            }
        }
        for (article, a) in p.articles.iter().enumerate() {
            if a.areas.is_empty() {
                continue;
            }
            let at = ArticleRef { page, article };
            let Some(image) = &p.image else {
                problems.push((Problem::AreasWithoutImage, article_path(at).key("areas")));
                continue;
            };
            // A picture with no size is in error already; its areas have
            // nothing to be inside.
            let sized = image.width > 0 && image.height > 0;
            for (i, area) in a.areas.iter().enumerate() {
                let path = article_path(at).key("areas").index(i);
                let numbers = area.len();
                if numbers % 2 == 1 {
                    problems.push((Problem::OddPoints { numbers }, path));
                    continue;
                }
                if numbers < 6 {
                    problems.push((Problem::FewPoints { numbers }, path));
                    continue;
                }
                let inside = |value: f64, most: u32| {
                    value.is_finite()
                        && (-AREA_SLACK..=f64::from(most) + AREA_SLACK).contains(&value)
                };
                if !sized {
                    continue;
                }
                if let Some(&[x, y]) = area
                    .chunks_exact(2)
                    .find(|xy| !inside(xy[0], image.width) || !inside(xy[1], image.height))
                {
                    problems.push((
                        Problem::OutsidePicture {
                            point: format!("({x}, {y})"),
                            width: image.width,
                            height: image.height,
                        },
                        path,
                    ));
                }
            }
        }
    }
}

/// Where an id is: the article that has it, unless another has it too (a
/// `continues` naming it is then already in error, and points nowhere).
struct IdPlace {
    first: ArticleRef,
    unique: bool,
}

/// Checks titles and id uniqueness; returns where each id is.
fn titles_and_ids<'a>(
    issue: &'a Issue,
    problems: &mut Vec<(Problem, JsonPath)>,
) -> HashMap<&'a str, IdPlace> {
    let mut ids: HashMap<&str, IdPlace> = HashMap::new();
    for (page, p) in issue.pages.iter().enumerate() {
        for (article, a) in p.articles.iter().enumerate() {
            let at = ArticleRef { page, article };
            if a.title.is_empty() {
                let why = "every article needs a title (a photo or notice too)";
                problems.push((
                    Problem::Blank {
                        field: "title",
                        why,
                    },
                    article_path(at).key("title"),
                ));
            }
            let Some(id) = &a.id else { continue };
            match ids.get_mut(id.as_str()) {
                Some(seen) => {
                    problems.push((
                        Problem::DuplicateId {
                            id: id.to_string(),
                            first: article_path(seen.first).key("id"),
                        },
                        article_path(at).key("id"),
                    ));
                    seen.unique = false;
                }
                None => {
                    ids.insert(
                        id.as_str(),
                        IdPlace {
                            first: at,
                            unique: true,
                        },
                    );
                }
            }
        }
    }
    ids
}

/// The links the `continues` fields make, or none when any is broken.
fn link_continuations(
    issue: &Issue,
    ids: &HashMap<&str, IdPlace>,
    problems: &mut Vec<(Problem, JsonPath)>,
) -> HashMap<ArticleRef, Links> {
    let mut links: HashMap<ArticleRef, Links> = HashMap::new();
    let before = problems.len();
    for (page, p) in issue.pages.iter().enumerate() {
        for (article, a) in p.articles.iter().enumerate() {
            let Some(target) = &a.continues else { continue };
            let at = ArticleRef { page, article };
            let path = article_path(at).key("continues");
            let id = target.to_string();
            match ids.get(target.as_str()) {
                None => problems.push((Problem::ContinuesMissing { id }, path)),
                // The duplicate is reported; which one is meant is unknowable.
                Some(place) if !place.unique => {}
                Some(IdPlace { first: next, .. }) if next.page == page => {
                    problems.push((Problem::ContinuesSamePage { id }, path));
                }
                Some(&IdPlace { first: next, .. }) => {
                    let entry = links.entry(next).or_default();
                    if let Some(first) = entry.continued_from {
                        let first = article_path(first).key("continues");
                        problems.push((Problem::ContinuedTwice { id, first }, path));
                    } else {
                        entry.continued_from = Some(at);
                        links.entry(at).or_default().continues_to = Some(next);
                    }
                }
            }
        }
    }
    if problems.len() == before {
        problems.extend(cycles(issue, &links));
    }
    if problems.len() > before {
        links.clear();
    }
    links
}

/// With at most one link in and one out per fragment, every chain either
/// starts at a fragment nothing continues, or is a circle.
fn cycles(issue: &Issue, links: &HashMap<ArticleRef, Links>) -> Vec<(Problem, JsonPath)> {
    let mut on_a_chain: HashMap<ArticleRef, bool> = HashMap::new();
    for (&start, link) in links {
        if link.continued_from.is_some() {
            continue;
        }
        let mut at = Some(start);
        while let Some(here) = at {
            on_a_chain.insert(here, true);
            at = links.get(&here).and_then(|l| l.continues_to);
        }
    }
    let mut in_circles: Vec<ArticleRef> = links
        .keys()
        .filter(|at| !on_a_chain.contains_key(at))
        .copied()
        .collect();
    in_circles.sort();
    let mut reported = Vec::new();
    for start in in_circles {
        if on_a_chain.contains_key(&start) {
            continue;
        }
        let mut cycle = Vec::new();
        let mut here = start;
        loop {
            on_a_chain.insert(here, true);
            let id = issue.article(here).and_then(|a| a.id.as_ref());
            cycle.push(id.map_or_else(String::new, ToString::to_string));
            match links.get(&here).and_then(|l| l.continues_to) {
                Some(next) if next != start => here = next,
                _ => break,
            }
        }
        cycle.push(cycle[0].clone());
        reported.push((
            Problem::Cycle { cycle },
            article_path(start).key("continues"),
        ));
    }
    reported
}
