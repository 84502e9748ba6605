//! Short forms: a surname or first name joins the full name it belongs to
//! (`Park`, `Ms. Park` with `Elena Park`), and a one-word organization name
//! the longer name it shortens (`City` for `Kingsport City`). Each short
//! form joins the nearest preceding full name, so two people who share a
//! surname stay apart; a title such as `Ms.` picks the woman.

use super::clustering::Clustering;
use crate::document::Kind;
use crate::entities::gazetteer::Gazetteer;
use crate::hash::FxHashMap;

/// Full names (people and organizations of two words or more) by their
/// first and last word.
fn full_names_by_end(c: &Clustering) -> FxHashMap<String, Vec<usize>> {
    let mut by_end: FxHashMap<String, Vec<usize>> = FxHashMap::default();
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
        by_end.entry(last.to_string()).or_default().push(f);
        if first != last {
            by_end.entry(first.to_string()).or_default().push(f);
        }
    }
    by_end
}

/// Joins each one-word mention with the full name it shortens.
pub(super) fn link_short_forms(c: &mut Clustering, text: &str, gazetteer: &Gazetteer) {
    let by_end = full_names_by_end(c);
    for i in 0..c.nodes.len() {
        if c.nodes[i].key.contains(' ') || c.nodes[i].derived {
            continue;
        }
        let owners: Vec<usize> = by_end
            .get(c.nodes[i].key.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|&f| c.nodes[f].kind == Kind::Person || c.nodes[i].kind == Kind::Organization)
            .collect();
        if owners.is_empty() {
            continue;
        }
        c.short_form[i] = true;
        // "Ms. Park" is not David Park.
        let owners = match honorific_female(text, c.nodes[i].range.start) {
            Some(female) => {
                let fitting: Vec<usize> = owners
                    .iter()
                    .copied()
                    .filter(|&f| {
                        let first = c.nodes[f].key.split(' ').next().unwrap_or("");
                        gazetteer.female(first) != Some(!female)
                    })
                    .collect();
                if fitting.is_empty() {
                    owners
                } else {
                    fitting
                }
            }
            None => owners,
        };
        let mut roots: Vec<usize> = owners.iter().map(|&o| c.root(o)).collect();
        roots.sort_unstable();
        roots.dedup();
        let start = c.nodes[i].range.start;
        let preceding = owners
            .iter()
            .copied()
            .filter(|&o| c.nodes[o].range.start < start)
            .max();
        match (preceding, roots.len()) {
            (Some(p), _) => c.union(i, p),
            (None, 1) => c.union(i, owners[0]),
            _ => {}
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
