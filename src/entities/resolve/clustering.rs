//! The clustering the resolution passes share: one node per mention (tagged
//! or added by a pass), links between nodes, and a disjoint-set forest that
//! the linking passes join.

use std::ops::Range;

use crate::document::{Kind, TaggedMention};
use crate::hash::FxHashMap;
use crate::lexicon::LEGAL_SUFFIXES;
use crate::text::fold_lines;

/// One mention as resolution sees it.
#[derive(Clone, Debug)]
pub(super) struct Node {
    pub range: Range<usize>,
    pub kind: Kind,
    pub block: usize,
    /// The words as written, line breaks folded.
    pub surface: String,
    /// Comparison key (see [`key`]; organizations also drop a legal suffix).
    pub key: String,
    /// Added by resolution ("the agency", a defined acronym): no vote on
    /// kind and never the entity's name.
    pub derived: bool,
}

/// Nodes, the links added with them, and the sets joined so far.
pub(super) struct Clustering {
    /// Nodes; in text order once [`Clustering::sort`] has run.
    pub nodes: Vec<Node>,
    /// Added nodes and the node each belongs to.
    links: Vec<(usize, usize)>,
    /// Acronyms the text defines and the node of the name they stand for.
    pub defined: Vec<(String, usize)>,
    /// Nodes that are a one-word short form of a longer name ("Park").
    pub short_form: Vec<bool>,
    dsu: Dsu,
}

impl Clustering {
    /// One node per tagged mention.
    pub fn new(text: &str, mentions: &[TaggedMention]) -> Clustering {
        let nodes = mentions
            .iter()
            .map(|m| {
                let surface = fold_lines(&text[m.range.clone()]).into_owned();
                let k = key(&surface);
                Node {
                    range: m.range.clone(),
                    kind: m.kind,
                    block: m.block,
                    key: if m.kind == Kind::Organization {
                        org_key(&k)
                    } else {
                        k
                    },
                    surface,
                    derived: false,
                }
            })
            .collect();
        Clustering {
            nodes,
            links: Vec::new(),
            defined: Vec::new(),
            short_form: Vec::new(),
            dsu: Dsu(Vec::new()),
        }
    }

    /// Adds a node that belongs with node `owner`.
    pub fn add_linked(&mut self, node: Node, owner: usize) {
        self.links.push((self.nodes.len(), owner));
        self.nodes.push(node);
    }

    /// Puts the nodes in text order (links and definitions follow them),
    /// and joins every added node with its owner.
    pub fn sort(&mut self) {
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by_key(|&i| (self.nodes[i].range.start, self.nodes[i].range.end));
        let mut new_index = vec![0; self.nodes.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        self.nodes = order.iter().map(|&i| self.nodes[i].clone()).collect();
        for link in &mut self.links {
            *link = (new_index[link.0], new_index[link.1]);
        }
        for d in &mut self.defined {
            d.1 = new_index[d.1];
        }
        let n = self.nodes.len();
        self.dsu = Dsu((0..n).collect());
        self.short_form = vec![false; n];
        for &(a, b) in &self.links {
            self.dsu.union(a, b);
        }
    }

    /// Joins the sets of nodes `a` and `b`.
    pub fn union(&mut self, a: usize, b: usize) {
        self.dsu.union(a, b);
    }

    /// The representative of node `i`'s set (the earliest node in it).
    pub fn root(&mut self, i: usize) -> usize {
        self.dsu.find(i)
    }
}

/// Comparison key: lower case, periods and possessives dropped, a leading
/// "the" dropped, spaces collapsed.
pub(super) fn key(surface: &str) -> String {
    // Built in one string: this runs for every mention.
    let dropped = |c: &char| !matches!(c, '.' | '’' | '\'');
    let mut out = String::with_capacity(surface.len());
    for w in surface.split_whitespace() {
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        let before = out.len();
        if w.is_ascii() {
            out.extend(w.chars().map(|c| c.to_ascii_lowercase()).filter(dropped));
        } else {
            out.extend(w.to_lowercase().chars().filter(dropped));
        }
        // A word of periods and apostrophes only is no word.
        if out.len() == before {
            out.truncate(start);
        }
    }
    if out.starts_with("the ") {
        out.replace_range(..4, "");
    }
    out
}

/// Key of an organization name without a trailing legal suffix.
pub(super) fn org_key(k: &str) -> String {
    let mut words: Vec<&str> = k.split(' ').collect();
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL_SUFFIXES.contains(w)) {
        words.pop();
    }
    words.join(" ")
}

/// Links the first node of every key with the later ones (short forms
/// excepted: "Park" may be two people).
pub(super) fn link_same_key(c: &mut Clustering) {
    let full: Vec<bool> = c.short_form.iter().map(|&s| !s).collect();
    link_alike(c, &full);
    // Short forms no full name took ("Stadia" before both "Stadia Pro" and
    // "Google Stadia") are, when alike, one entity rather than one each.
    let roots: Vec<usize> = (0..c.nodes.len()).map(|i| c.root(i)).collect();
    let mut size = vec![0usize; roots.len()];
    for &r in &roots {
        size[r] += 1;
    }
    let alone: Vec<bool> = (0..roots.len())
        .map(|i| c.short_form[i] && size[roots[i]] == 1)
        .collect();
    link_alike(c, &alone);
}

/// Links the first of the `chosen` nodes of every key with the later ones.
fn link_alike(c: &mut Clustering, chosen: &[bool]) {
    let mut pairs = Vec::new();
    let mut by_key: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, node) in c.nodes.iter().enumerate().filter(|&(i, _)| chosen[i]) {
        match by_key.get(node.key.as_str()) {
            Some(&j) => pairs.push((i, j)),
            None => {
                by_key.insert(&node.key, i);
            }
        }
    }
    for (a, b) in pairs {
        c.union(a, b);
    }
}

/// A disjoint-set forest.
struct Dsu(Vec<usize>);

impl Dsu {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }

    /// Joins the sets of `a` and `b`; the earlier mention's root wins.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(key("The U.S. Transit Agency"), "us transit agency");
        assert_eq!(key("Salesforce’s"), "salesforces");
        assert_eq!(key("the"), "the");
        assert_eq!(key("The . Acme"), "acme");
        assert_eq!(key("  ÉLAN  Co.  "), "élan co");
        assert_eq!(key("The Theatre"), "theatre");
        assert_eq!(org_key("acme inc"), "acme");
        assert_eq!(org_key("acme gmbh"), "acme");
        assert_eq!(org_key("inc"), "inc");
    }
}
