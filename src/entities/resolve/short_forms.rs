//! Short forms: a surname or first name joins the full name it belongs to
//! (`Park`, `Ms. Park` with `Elena Park`; `Vargas Llosa` with `Mario Vargas
//! Llosa`), and a one-word organization name
//! the longer name it shortens (`City` for `Kingsport City`). Each short
//! form joins the nearest preceding full name, so two people who share a
//! surname stay apart; a title such as `Ms.` picks the woman.

use super::clustering::Clustering;
use crate::document::Kind;
use crate::entities::gazetteer::Gazetteer;
use crate::hash::FxHashMap;

/// Full names (people and organizations of two words or more) by their
/// first and last word, each list in text order: `(all, people only)`.
fn full_names_by_end(c: &Clustering) -> FxHashMap<String, (Vec<usize>, Vec<usize>)> {
    let mut by_end: FxHashMap<String, (Vec<usize>, Vec<usize>)> = FxHashMap::default();
    for (f, node) in c.nodes.iter().enumerate() {
        let long = matches!(node.kind, Kind::Person | Kind::Organization)
            && node.key.split(' ').count() >= 2
            && !node.derived;
        if !long {
            continue;
        }
        let k = node.key.as_str();
        let first = k.split(' ').next().unwrap_or(k);
        let last = k.rsplit(' ').next().unwrap_or(k);
        let person = node.kind == Kind::Person;
        for end in [last, first] {
            let lists = by_end.entry(end.to_string()).or_default();
            // Nodes come in text order, so each list stays sorted.
            if lists.0.last() != Some(&f) {
                lists.0.push(f);
                if person {
                    lists.1.push(f);
                }
            }
        }
    }
    by_end
}

/// People's full names of three words or more that open with a common
/// first name, by each shorter ending of two words or more (`vargas
/// llosa`, and `w bush` for `george w bush`), each list in text order: a
/// surname of two words or a name without its first name shortens them as
/// a surname does. (A name opening with another word, `Crooked Hillary
/// Clinton` from a headline, is no better a name than its ending.)
fn full_names_by_ending(c: &Clustering, gazetteer: &Gazetteer) -> FxHashMap<String, Vec<usize>> {
    let mut by_ending: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (f, node) in c.nodes.iter().enumerate() {
        if node.kind != Kind::Person || node.derived {
            continue;
        }
        let k = node.key.as_str();
        let Some((first, rest)) = k.split_once(' ') else {
            continue;
        };
        if !rest.contains(' ') || gazetteer.first_name(first) != 1 {
            continue;
        }
        for (at, _) in k.match_indices(' ') {
            let ending = &k[at + 1..];
            if !ending.contains(' ') {
                break;
            }
            // Each ending of a name is another string, so a list holds a
            // name once.
            by_ending.entry(ending.to_string()).or_default().push(f);
        }
    }
    by_ending
}

/// Full names looked at around each short form, at most: enough for any
/// article, and a bound on the work when thousands share a surname.
const NEAREST: usize = 64;

/// Joins each one-word mention, and each person's name that ends a longer
/// one, with the full name it shortens: the nearest one before it (that
/// fits the title's sex, when there is a title), or
/// the only one after it.
pub(super) fn link_short_forms(c: &mut Clustering, text: &str, gazetteer: &Gazetteer) {
    let by_end = full_names_by_end(c);
    let by_ending = full_names_by_ending(c, gazetteer);
    for i in 0..c.nodes.len() {
        let node = &c.nodes[i];
        if node.derived {
            continue;
        }
        let owners = if node.key.contains(' ') {
            if node.kind != Kind::Person {
                continue;
            }
            match by_ending.get(node.key.as_str()) {
                Some(owners) => owners,
                None => continue,
            }
        } else {
            let Some((all, people)) = by_end.get(node.key.as_str()) else {
                continue;
            };
            // A person's name stands only for a person; an organization's
            // one-word name for either.
            if node.kind == Kind::Organization {
                all
            } else {
                people
            }
        };
        if owners.is_empty() {
            continue;
        }
        c.short_form[i] = true;
        let start = c.nodes[i].range.start;
        let before = owners.partition_point(|&o| c.nodes[o].range.start < start);
        // "Ms. Park" is not David Park.
        let fits = |f: usize| match honorific_female(text, start) {
            Some(female) => {
                let first = c.nodes[f].key.split(' ').next().unwrap_or("");
                gazetteer.female(first) != Some(!female)
            }
            None => true,
        };
        let nearest = owners[..before].iter().rev().take(NEAREST).copied();
        let preceding = nearest
            .clone()
            .find(|&f| fits(f))
            .or_else(|| owners[..before].last().copied());
        if let Some(p) = preceding {
            c.union(i, p);
            continue;
        }
        // Only later full names: join them when they are all one entity.
        if owners.len() <= NEAREST {
            let mut roots: Vec<usize> = owners.iter().map(|&o| c.root(o)).collect();
            roots.sort_unstable();
            roots.dedup();
            if roots.len() == 1 {
                c.union(i, owners[0]);
            }
        }
    }
}

/// `Some(true)` after "Ms."/"Mrs.", `Some(false)` after "Mr.", for the
/// mention starting at `start`.
pub(super) fn honorific_female(text: &str, start: usize) -> Option<bool> {
    let before = text[..start].trim_end();
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    match word.trim_end_matches('.').to_lowercase().as_str() {
        "ms" | "mrs" | "miss" | "madam" | "madame" | "mme" | "dame" | "lady" | "queen" | "princess" => {
            Some(true)
        }
        "mr" | "sir" | "lord" | "king" | "prince" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honorifics() {
        let t = "said Ms. Park and Mr Lee and Park";
        assert_eq!(honorific_female(t, t.find("Park").unwrap()), Some(true));
        assert_eq!(honorific_female(t, t.find("Lee").unwrap()), Some(false));
        assert_eq!(honorific_female(t, t.rfind("Park").unwrap()), None);
    }
}
