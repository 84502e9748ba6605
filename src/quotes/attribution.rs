//! Attribution: who said a quote, read from the slots where news writing
//! puts the speaker, in this order:
//!
//! 1. after the quote: `"...," Park said`, `"...," said Park, the mayor`,
//!    `"...," as she put it, Park said`;
//! 2. before it, as the subject of the nearest reporting verb:
//!    `Park said: "..."`, `Rubio said Trump is "unelectable"`,
//!    `Mr. Kim, who was in Europe, said: "..."`, `according to X, "..."`,
//!    and a coordinated verb takes its sentence's subject (`Wilson praised
//!    Rubio and said he can "..."`);
//! 3. an introduction ending with a colon, in the sentence or closing the
//!    paragraph before: `Rubio fired back: "..."`;
//! 4. for a phrase quoted inside a sentence with no reporting verb, the
//!    sentence's subject: `Trump called the judge a "hater"`.
//!
//! The phrase found in the slot goes to [`super::speaker`].

use std::ops::Range;

use super::speaker::speaker;
use super::words::{clause_words, is_mark, is_punct, near_end, near_start, Word};
use crate::document::{Attribution, Block, Document, Kind, QuoteSpan, Sentence, Slot};
use crate::lexicon::{
    is_weekday, INTRO_WORDS, NAMING_VERBS, PREPOSITIONS, REPORTING_VERBS, SPEAKER_STOP_WORDS, SPEECH_NOUNS,
    TIME_PHRASE_ENDS, VERB_ADVERBS,
};
use crate::text::fold_lines;

/// Index of a cue starting at `i`, and how many words it spans.
fn cue_at(words: &[Word], i: usize, weak: bool) -> Option<usize> {
    let w = words[i].lower.as_str();
    if w == "according" && words.get(i + 1).is_some_and(|n| n.lower == "to") {
        return Some(2);
    }
    // "as she put it": the speaker is the subject of "put".
    if matches!(w, "put" | "puts") && words.get(i + 1).is_some_and(|n| n.lower == "it") {
        return Some(2);
    }
    if matches!(w, "pointed" | "points" | "went" | "goes")
        && words
            .get(i + 1)
            .is_some_and(|n| n.lower == "out" || n.lower == "on")
    {
        return Some(2);
    }
    if !(REPORTING_VERBS.contains(w) || weak && NAMING_VERBS.contains(w)) {
        return None;
    }
    // "the United States should": a capital inside a clause makes a name.
    if words[i].capitalized && i > 0 && !is_punct(&words[i - 1]) {
        return None;
    }
    // "any states", "the reports", "his comments": a noun, not a verb.
    let noun_form = w.ends_with('s') && !matches!(w, "says" | "tells" | "adds" | "asks" | "writes");
    let determiner = i > 0
        && matches!(
            words[i - 1].lower.as_str(),
            "a" | "an"
                | "the"
                | "any"
                | "some"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "these"
                | "those"
                | "many"
                | "several"
                | "few"
                | "two"
                | "three"
                | "all"
                | "other"
                | "news"
                | "media"
        );
    (!(noun_form && determiner)).then_some(1)
}

fn cue_text(text: &str, words: &[Word], i: usize, n: usize) -> String {
    fold_lines(&text[words[i].range.start..words[i + n - 1].range.end]).into_owned()
}

/// The sentence of `sentences` holding byte `pos`.
fn sentence_at(sentences: &[Sentence], pos: usize) -> Option<Range<usize>> {
    let i = sentences.partition_point(|s| s.range.end.max(s.range.start + 1) <= pos);
    sentences
        .get(i)
        .filter(|s| s.range.start <= pos)
        .map(|s| s.range.clone())
}

/// The attribution of quote `qi` of `quotes`, if the text gives one.
pub(super) fn attribute(doc: &Document, quotes: &[QuoteSpan], qi: usize) -> Option<Attribution> {
    let (text, blocks) = (doc.text, &doc.blocks);
    let q = &quotes[qi];
    let (tail, own_end) = tail_range(doc, quotes, qi);
    if let Some(a) = after_quote(doc, tail, own_end, q) {
        return Some(a);
    }
    // Before the quote: from the sentence start (or the previous quote) to the mark.
    let first_block = &blocks[q.block];
    let open_pos = q.marks.start;
    let sentence_start =
        sentence_at(doc.sentences_of(q.block), q.range.start).map_or(first_block.range.start, |s| s.start);
    let head_start = {
        let prev_quote = qi
            .checked_sub(1)
            .map(|p| quotes[p].marks.end)
            .filter(|&e| e <= q.range.start && e >= sentence_start);
        prev_quote
            .unwrap_or(sentence_start)
            .max(sentence_start)
            .min(open_pos)
    };
    let head = clause_words(text, head_start..open_pos);
    // The sentence's own subject stands before its first quote; read only
    // when a participle after an earlier quote needs it.
    let sentence_head = (head_start != sentence_start).then(|| {
        let first = quotes.partition_point(|p| p.marks.start < sentence_start);
        let end = quotes
            .get(first)
            .map_or(open_pos, |p| p.marks.start.min(open_pos));
        near_start(text, sentence_start..end)
    });
    let slot = |slot: Slot| {
        move |mut a: Attribution| {
            a.slot = slot;
            a
        }
    };
    let found = before_quote(doc, &head, sentence_head.clone(), q)
        .map(slot(Slot::Before))
        .or_else(|| colon_before(doc, q).map(slot(Slot::Colon)));
    // After an earlier quote in the same sentence, the quote before it
    // speaks for this one too (see `inherit`).
    if found.is_some() || sentence_head.is_some() {
        return found;
    }
    embedded(doc, &head, q)
        .map(slot(Slot::Embedded))
        .or_else(|| previous_sentence(doc, &head, q).map(slot(Slot::Previous)))
}

/// A quote that opens its sentence right after a sentence attributing
/// something to someone, with no quote of its own: `Cummings called him a
/// master at deals. "He showed again and again ..."`.
fn previous_sentence(doc: &Document, head: &[Word], q: &QuoteSpan) -> Option<Attribution> {
    if head.iter().any(|w| !is_punct(w)) {
        return None;
    }
    let sents = doc.sentences_of(q.block);
    let at = sents.partition_point(|s| s.range.end <= q.marks.start);
    let prev = sents.get(at.checked_sub(1)?)?;
    let words = clause_words(doc.text, prev.range.clone());
    if words.iter().any(is_mark) {
        return None;
    }
    let k = (0..words.len()).find(|&i| cue_at(&words, i, true).is_some())?;
    let n = cue_at(&words, k, true)?;
    match subject_before(&words, k) {
        Subject::Phrase(range) => {
            let a = speaker(
                doc.text,
                &words[range],
                cue_text(doc.text, &words, k, n),
                q,
                &doc.entities,
            )?;
            a.entity.is_some().then_some(a)
        }
        _ => None,
    }
}

/// After the quote: to the end of its sentence or the next quote; and
/// where the quote's own sentence ends (a question's tail runs into the
/// next one).
fn tail_range(doc: &Document, quotes: &[QuoteSpan], qi: usize) -> (Range<usize>, usize) {
    let q = &quotes[qi];
    let close_end = q.marks.end;
    // Blocks and sentences are in text order: binary searches keep a text
    // full of quotation marks linear.
    let last_block = block_at(&doc.blocks, q.range.end).unwrap_or(q.block);
    let block = &doc.blocks[last_block];
    let sents = doc.sentences_of(last_block);
    let sentence_end = sentence_at(sents, q.range.end.min(block.range.end.saturating_sub(1)))
        .map_or(block.range.end, |s| s.end);
    // `"Are we done?" Park asked.`: a question or exclamation ends the
    // sentence at the closing mark, and the attribution is the next one.
    // After a period the next sentence is the writer's own.
    let asks = doc.text[q.range.clone()].trim_end().ends_with(['?', '!']);
    let own_end = sentence_end;
    let sentence_end = if sentence_end <= close_end && asks {
        let next = sents.partition_point(|s| s.range.start < close_end);
        sents.get(next).map_or(sentence_end, |s| s.range.end)
    } else {
        sentence_end
    };
    let next_quote = quotes
        .get(qi + 1)
        .map(|o| o.marks.start)
        .filter(|&s| s >= close_end && s < block.range.end);
    let tail = close_end..sentence_end.min(next_quote.unwrap_or(usize::MAX)).max(close_end);
    (tail, own_end)
}

/// Index of the block holding byte `pos`.
fn block_at(blocks: &[Block], pos: usize) -> Option<usize> {
    let i = blocks.partition_point(|b| b.range.end < pos);
    blocks
        .get(i)
        .filter(|b| b.range.start <= pos && pos <= b.range.end)
        .map(|_| i)
}

/// `"...," Park said`, `"...," said Park, the mayor`, `"...," the agency
/// said`, `"...," as she put it, Park said`.
fn after_quote(doc: &Document, tail: Range<usize>, own_end: usize, q: &QuoteSpan) -> Option<Attribution> {
    if tail.is_empty() {
        return None;
    }
    let text = doc.text;
    let words = clause_words(text, near_start(text, tail));
    let mut start = 0;
    while start < words.len() && matches!(words[start].lower.as_str(), "," | "—" | "–" | "-") {
        start += 1;
    }
    let dash = start > 0 && matches!(words[start - 1].lower.as_str(), "—" | "–" | "-");
    let words = &words[start..];
    if words.is_empty() {
        return None;
    }
    // Readers' comments and pull quotes: `"..." ― Jane Roe`.
    if (dash || words[0].lower == "―") && words.len() <= 8 {
        let name: Vec<Word> = words.iter().filter(|w| w.lower != "―").cloned().collect();
        if name.first().is_some_and(|w| w.capitalized)
            && !name
                .iter()
                .any(|w| cue_at(std::slice::from_ref(w), 0, false).is_some())
        {
            return speaker(text, &name, "―".to_string(), q, &doc.entities).map(|mut a| {
                a.slot = Slot::Dash;
                a
            });
        }
    }
    if is_punct(&words[0]) {
        return None;
    }
    let limit = words.len().min(40);
    let k = (0..limit).find(|&i| cue_at(words, i, false).is_some())?;
    let n = cue_at(words, k, false)?;
    // `"...," adding that ...`: a participle goes on with the sentence's
    // subject, found before the quote.
    if words[k].lower.ends_with("ing") && k == 0 {
        return None;
    }
    // Nothing that ends a clause may come between quote and cue (a period
    // in brackets, as in "(D-Mo.)", does not end one).
    let mut depth = 0usize;
    for w in &words[..k] {
        match w.lower.as_str() {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            "." | "!" | "?" | ";" | ":" if depth == 0 => return None,
            _ if is_mark(w) => return None,
            _ => {}
        }
    }
    let cue = cue_text(text, words, k, n);
    // Cue first: "said Park", "according to Reuters".
    let cue_first = || {
        let np = noun_phrase_after(&words[k + n..]);
        let said = speaker(text, &words[k + n..k + n + np], cue.clone(), q, &doc.entities);
        match named_after_description(doc, q, &words[k + n..], np, said.as_ref()) {
            Some(name) => speaker(text, name, cue.clone(), q, &doc.entities).or(said),
            None => said,
        }
    };
    let subject_end = trim_adverbs(&words[..k]);
    if subject_end == 0 {
        return cue_first();
    }
    // The whole stretch before the verb is its subject, appositives and
    // all; or, after an aside (`"...," as his father dreamed, Mr. Turry
    // said`), the part after the aside.
    let full = &words[..subject_end];
    if full.len() <= 30 && plausible_subject(full) {
        return speaker(text, full, cue, q, &doc.entities);
    }
    let aside = full.iter().rposition(|w| w.lower == ",").map(|c| &full[c + 1..]);
    if let Some(aside) = aside.filter(|a| !a.is_empty() && plausible_subject(a)) {
        return speaker(text, aside, cue, q, &doc.entities);
    }
    // The quoted clause goes on past the mark, and a cue after its comma
    // opens the attribution: `"This will be a challenge" for Clinton, said
    // Kunin`. The cue's noun phrase must be a name or end the clause
    // (`said the days when ...` is no attribution), and the cue must stand
    // in the quote's sentence (a question's may end at its mark); a
    // participle (`Benioff weighed in, telling Cook, "..."`) goes on with
    // a subject of its own (`according to` is no participle).
    let np = noun_phrase_after(&words[k + n..]);
    let closes = words[k + n..].first().is_some_and(|w| w.capitalized)
        || words
            .get(k + n + np)
            .is_none_or(|w| matches!(w.lower.as_str(), "," | "." | "!" | "?" | ";"));
    if words[subject_end..k].iter().any(|w| w.lower == ",")
        && np > 0
        && closes
        && words[k].range.start < own_end
        && (words[k].lower == "according" || !words[k].lower.ends_with("ing"))
    {
        return cue_first();
    }
    None
}

/// The name an appositive gives to a description after a cue: `said his
/// best friend at Lehigh, Bruce Turry`, `wrote the ambassador at the
/// time, John E. Herbst`. `np` words of `words` are the description,
/// which `said` read without finding a person in it.
fn named_after_description<'w>(
    doc: &Document,
    q: &QuoteSpan,
    words: &'w [Word],
    np: usize,
    said: Option<&Attribution>,
) -> Option<&'w [Word]> {
    let person = |a: &Attribution| {
        a.entity
            .is_some_and(|e| doc.entities.entities[e].kind == Kind::Person)
    };
    if np == 0 || words[0].capitalized || said.is_some_and(person) {
        return None;
    }
    // The description may run on past where the phrase stopped (`at the
    // time`), up to its comma.
    let comma = (np..words.len().min(np + 8))
        .find(|&i| words[i].lower == ",")
        .filter(|&c| {
            words[np..c]
                .iter()
                .all(|w| !is_mark(w) && !matches!(w.lower.as_str(), "." | "!" | "?" | ";" | ":"))
        })?;
    let rest = &words[comma + 1..];
    let len = noun_phrase_after(rest);
    let name = &rest[..len];
    let a = speaker(doc.text, name, String::new(), q, &doc.entities)?;
    (name.first()?.capitalized && person(&a)).then_some(name)
}

/// `Park said: "..."`, `Park told reporters, "..."`, `according to Reuters,
/// "..."`, `Rubio said Trump is "unelectable"`. `head` is the clause before
/// the quote; `sentence` the start of its sentence up to the first quote,
/// when the clause starts after an earlier quote.
fn before_quote(
    doc: &Document,
    head: &[Word],
    sentence: Option<Range<usize>>,
    q: &QuoteSpan,
) -> Option<Attribution> {
    if let Some(a) = possessive_claim(doc, head, q) {
        return Some(a);
    }
    // The nearest cue first; an earlier one when it gives no speaker or
    // one that names nobody ("saying anybody who complains about a
    // microphone", "Obama said it would tell").
    let mut fallback = None;
    let cues = (0..head.len())
        .rev()
        .filter(|&i| cue_at(head, i, true).is_some())
        .take(3);
    for k in cues {
        let n = cue_at(head, k, true)?;
        // The quote follows the cue within its clause, with no other
        // attribution between them.
        let between = &head[k + n..];
        if between.len() > 40
            || between
                .iter()
                .any(|w| matches!(w.lower.as_str(), ";" | "." | "!" | "?"))
        {
            return None;
        }
        match verb_speaker(doc, head, sentence.clone(), k, n, q) {
            Some(a) if a.entity.is_some() => return Some(a),
            Some(a) => {
                fallback.get_or_insert(a);
            }
            None => {}
        }
    }
    fallback
}

/// The speaker of the cue at `k` (of `n` words) in `head`.
fn verb_speaker(
    doc: &Document,
    head: &[Word],
    sentence: Option<Range<usize>>,
    k: usize,
    n: usize,
    q: &QuoteSpan,
) -> Option<Attribution> {
    let text = doc.text;
    let between = &head[k + n..];
    let cue = cue_text(text, head, k, n);
    if head[k].lower == "according" {
        let np = noun_phrase_after(between);
        return speaker(text, &between[..np], cue, q, &doc.entities);
    }
    // `X said ..., adding that "..."`: a participle's subject is the
    // sentence's, unless a name stands right before it ("Clinton asking").
    let participle = head[k].lower.ends_with("ing");
    let after_name = k > 0 && head[k - 1].capitalized;
    // "O'Malley interjected to say": the subject of the verb before "to".
    let verb = if k >= 2 && head[k - 1].lower == "to" {
        k - 2
    } else {
        k
    };
    let subject = if participle && !after_name {
        Subject::Coordinated
    } else {
        subject_before(head, verb)
    };
    match subject {
        Subject::Phrase(range) => speaker(text, &head[range], cue, q, &doc.entities),
        Subject::Inverted => {
            // `Said Councilwoman Joyce Whitman: "..."`.
            let np = noun_phrase_after(between);
            speaker(text, &between[..np], cue, q, &doc.entities)
        }
        Subject::Coordinated => match sentence {
            Some(range) => {
                let words = clause_words(text, range);
                speaker(text, sentence_subject(&words), cue, q, &doc.entities)
            }
            None => speaker(text, sentence_subject(&head[..k]), cue, q, &doc.entities),
        },
    }
}

/// `Trump's claim that there were "thousands of shootings"`: the quote is
/// the possessor's words.
fn possessive_claim(doc: &Document, head: &[Word], q: &QuoteSpan) -> Option<Attribution> {
    let noun = head.iter().rposition(|w| SPEECH_NOUNS.contains(&w.lower))?;
    if noun < 2 || !matches!(head[noun - 1].lower.as_str(), "'s" | "’s") || head.len() - noun > 12 {
        return None;
    }
    let end = noun - 1;
    let start = head[..end]
        .iter()
        .rposition(|w| !w.capitalized)
        .map_or(0, |p| p + 1);
    // "Ryan told CNN that Ginsburg's comments "...": the teller speaks.
    if start == end || (0..start).any(|i| cue_at(head, i, true).is_some()) {
        return None;
    }
    let cue = fold_lines(&doc.text[head[noun].range.clone()]).into_owned();
    named_subject(doc, &head[start..end], q).map(|mut a| {
        a.cue = cue;
        a
    })
}

/// Where the subject of a verb is.
enum Subject {
    /// These words before it.
    Phrase(Range<usize>),
    /// After it: the verb opens its clause.
    Inverted,
    /// Its sentence's subject: the verb follows "and" or "but".
    Coordinated,
}

/// The subject of the verb at `k` in `words`: back over adverbs to the
/// clause boundary, past parentheticals and, when a comma (or a dash)
/// stands right before the verb (`X, a Y at Z, said`), past the appositive
/// it closes. After a relative pronoun (`a surrogate who said`) the subject
/// is the pronoun's antecedent.
fn subject_before(words: &[Word], k: usize) -> Subject {
    subject_of(words, k, true)
}

/// [`subject_before`], following a relative pronoun back at most once so
/// that a run of pronouns costs no more than one scan.
fn subject_of(words: &[Word], k: usize, follow_relative: bool) -> Subject {
    let mut end = k;
    while end > 0 && adverb_or_auxiliary(&words[end - 1]) {
        end -= 1;
    }
    let comma_like = |w: &Word| matches!(w.lower.as_str(), "," | "—" | "–" | "-" | "--");
    let comma_before_verb = end > 0 && comma_like(&words[end - 1]);
    // Commas passed scanning back: the appositive closes at the first and
    // opens at the second; before it, the subject's own clause begins.
    let mut commas = 0;
    let mut from = end;
    let mut depth = 0usize;
    while from > 0 {
        let w = &words[from - 1];
        let inside_appositive = comma_before_verb && commas < 2;
        match w.lower.as_str() {
            ")" | "]" => depth += 1,
            "(" | "[" => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            ";" | ":" | "." => break,
            // "Cruz, Blackwell wrote": a comma not closing an appositive
            // ends the subject.
            _ if comma_like(w) && !comma_before_verb => break,
            // "Seaman, who lives outside the capital, Sacramento, said":
            // a relative clause after a comma is the appositive.
            "who" | "whose" | "which" if comma_before_verb && from >= 2 && words[from - 2].lower == "," => {}
            _ if comma_like(w) => commas += 1,
            "that" | "which" | "who" | "whom" | "whose" | "what" | "and" | "but" | "while" | "because"
            | "when" | "after" | "before" | "since" | "if" | "although" | "though" | "until" | "unless"
            | "whether"
                if !inside_appositive =>
            {
                break
            }
            _ if is_mark(w) => break,
            _ => {}
        }
        from -= 1;
    }
    let before = from.checked_sub(1).map(|i| words[i].lower.as_str());
    // "a campaign surrogate who said", "Beck, who has in the past
    // described": nothing, or only an auxiliary or adverb, between the
    // relative pronoun and the verb, so the pronoun is the subject and its
    // antecedent speaks.
    if follow_relative
        && from >= 2
        && matches!(before, Some("who" | "which" | "that"))
        && (from == end || adverb_or_auxiliary(&words[from]))
    {
        match subject_of(words, from - 1, false) {
            Subject::Phrase(r) => return Subject::Phrase(r),
            _ if from == end => return Subject::Inverted,
            _ => {}
        }
    }
    if from == end {
        return match before {
            Some("and" | "but") => Subject::Coordinated,
            _ => Subject::Inverted,
        };
    }
    Subject::Phrase(from..end)
}

/// An auxiliary or adverb between a subject and its verb ("has", "also",
/// "quietly"); a capitalized word is a name ("Will").
fn adverb_or_auxiliary(w: &Word) -> bool {
    !w.capitalized && (VERB_ADVERBS.contains(&w.lower) || is_ly_adverb(w))
}

/// An adverb in -ly ("quietly", "later") between a subject and its verb.
fn is_ly_adverb(w: &Word) -> bool {
    !w.capitalized
        && w.lower.len() > 4
        && w.lower.ends_with("ly")
        && w.lower.chars().all(|c| c.is_alphabetic())
}

/// The subject of a sentence (given up to some point): the words before
/// its first verb-like word that have a name or a pronoun in their head
/// (see [`super::speaker`], which sets aside introductory phrases and
/// appositives); leading conjunctions dropped.
fn sentence_subject(words: &[Word]) -> &[Word] {
    let start = words
        .iter()
        .position(|w| {
            !matches!(
                w.lower.as_str(),
                "but" | "and" | "so" | "yet" | "still" | "now" | "or"
            )
        })
        .unwrap_or(words.len());
    let words = &words[start..];
    let stop = words.iter().position(is_mark).unwrap_or(words.len());
    let words = skip_opening_clause(&words[..stop]);
    let mut first = None;
    let mut named = false;
    for v in 1..words.len() {
        let w = &words[v - 1];
        named |= (w.capitalized && !INTRO_WORDS.contains(&w.lower))
            || matches!(w.lower.as_str(), "he" | "she" | "they" | "we" | "i" | "it");
        if verb_like(&words[v]) && !words[v].capitalized {
            let region = &words[..v];
            first.get_or_insert(region);
            if named {
                return region;
            }
        }
    }
    first.unwrap_or(words)
}

/// The words after an opening introductory phrase or clause, which holds
/// no subject of the sentence: "Following a late meeting, the council
/// issued ..." (the subject follows the comma), "Though she called ..."
/// (the clause's own subject follows its first word).
fn skip_opening_clause(words: &[Word]) -> &[Word] {
    // "A month later, he ...", "Last week, the council ...": a short
    // phrase of time before a comma.
    if let Some(c) = words.iter().take(5).position(|w| w.lower == ",") {
        if c >= 2 && TIME_PHRASE_ENDS.contains(&words[c - 1].lower) {
            return &words[c + 1..];
        }
    }
    if !words
        .first()
        .is_some_and(|w| super::speaker::opens_intro(w, words.len()))
    {
        return words;
    }
    match words.iter().position(|w| w.lower == ",") {
        Some(c) => &words[c + 1..],
        None => &words[1..],
    }
}

/// A word that most likely is a verb: a reporting or naming verb, an
/// auxiliary, or a lower-case word in -ed (the subject ends before it).
fn verb_like(w: &Word) -> bool {
    let lower = w.lower.as_str();
    REPORTING_VERBS.contains(lower)
        || NAMING_VERBS.contains(lower)
        || VERB_ADVERBS.contains(lower)
        || (lower.len() > 4 && lower.ends_with("ed") && lower.chars().all(|c| c.is_alphabetic()))
}

/// `Rubio fired back: "..."` and a paragraph ending `... he said:` before
/// a paragraph that is the quote: the introduction's subject.
fn colon_before(doc: &Document, q: &QuoteSpan) -> Option<Attribution> {
    let text = doc.text;
    let open = q.marks.start;
    let block = &doc.blocks[q.block];
    let before_in_block = text[block.range.start..open].trim_end();
    let intro = if before_in_block.ends_with(':') {
        let s = sentence_at(
            doc.sentences_of(q.block),
            block.range.start.max(open.saturating_sub(1)),
        )
        .map_or(block.range.start, |s| s.start.min(open));
        s..open
    } else if before_in_block.is_empty() && q.block > 0 {
        let prev = q.block - 1;
        let last = doc.sentences_of(prev).last()?.range.clone();
        if !text[last.clone()].trim_end().ends_with(':') {
            return None;
        }
        last
    } else {
        return None;
    };
    let words = clause_words(text, near_end(text, intro));
    let words = match words.iter().rposition(is_mark) {
        Some(m) => &words[m + 1..],
        None => &words[..],
    };
    if let Some(k) = (0..words.len()).rev().find(|&i| cue_at(words, i, true).is_some()) {
        let n = cue_at(words, k, true)?;
        let cue = cue_text(text, words, k, n);
        return match subject_before(words, k) {
            Subject::Phrase(range) => speaker(text, &words[range], cue, q, &doc.entities),
            Subject::Inverted => {
                let np = noun_phrase_after(&words[k + n..]);
                speaker(text, &words[k + n..k + n + np], cue, q, &doc.entities)
            }
            Subject::Coordinated => speaker(text, sentence_subject(&words[..k]), cue, q, &doc.entities),
        };
    }
    named_subject(doc, sentence_subject(words), q).or_else(|| last_named(doc, words, q))
}

/// The last person or body named in an introduction ending with a colon,
/// when its subject names no one: `The timing doesn't surprise pollster
/// Daron Shaw:`, `More from Blumenthal and Cohen:`, `Pollsters agree -
/// Carl Bialik:`. A possessive (`Sanders' surge`) names no speaker.
fn last_named(doc: &Document, words: &[Word], q: &QuoteSpan) -> Option<Attribution> {
    let span = words.first()?.range.start..words.last()?.range.end;
    let m = doc
        .entities
        .starting_in(&span)
        .filter(|m| {
            m.range.end <= span.end
                && matches!(
                    doc.entities.entities[m.entity].kind,
                    Kind::Person | Kind::Organization
                )
                && !words
                    .iter()
                    .find(|w| w.range.start >= m.range.end)
                    .is_some_and(|w| matches!(w.lower.as_str(), "'s" | "’s" | "'" | "’"))
        })
        .last()?;
    let first = words.iter().position(|w| w.range.start >= m.range.start)?;
    let end = words.iter().rposition(|w| w.range.end <= m.range.end)? + 1;
    named_subject(doc, words.get(first..end)?, q)
}

/// A phrase quoted inside a sentence with no reporting verb: `Trump called
/// the judge a "hater"`, `Clinton celebrated, declaring it "another super
/// Tuesday"`. The sentence's subject, when it names a person or body or is
/// a pronoun.
fn embedded(doc: &Document, head: &[Word], q: &QuoteSpan) -> Option<Attribution> {
    if head.iter().filter(|w| !is_punct(w)).count() < 2 || head.iter().any(is_mark) {
        return None;
    }
    named_subject(doc, sentence_subject(head), q)
}

/// An attribution to `subject` when it is a name or a pronoun; the cue is
/// left empty, since no verb says how the words were spoken.
fn named_subject(doc: &Document, subject: &[Word], q: &QuoteSpan) -> Option<Attribution> {
    let a = speaker(doc.text, subject, String::new(), q, &doc.entities)?;
    let text = &doc.text[a.speaker.clone()];
    let pronoun = matches!(
        text.to_lowercase().as_str(),
        "he" | "she" | "they" | "we" | "i" | "it"
    );
    (a.entity.is_some() || pronoun).then_some(a)
}

/// Whether words before a verb can be its subject: they start like a noun
/// phrase (a capital, a determiner, a pronoun, a number) and hold no verb
/// before their first comma ("including provisions he said" is no subject).
fn plausible_subject(words: &[Word]) -> bool {
    let Some(first) = words
        .iter()
        .find(|w| !matches!(w.lower.as_str(), "," | "—" | "–"))
    else {
        return false;
    };
    let starts = first.capitalized
        || first.lower.chars().next().is_some_and(|c| !c.is_alphabetic())
        || matches!(
            first.lower.as_str(),
            "a" | "an"
                | "the"
                | "his"
                | "her"
                | "its"
                | "their"
                | "he"
                | "she"
                | "they"
                | "we"
                | "i"
                | "it"
                | "one"
                | "two"
                | "some"
                | "many"
                | "several"
                | "this"
                | "that"
                | "these"
                | "those"
                | "both"
        );
    let head: Vec<&Word> = words.iter().take_while(|w| w.lower != ",").collect();
    // "retired Air Force general Lloyd Newton": lower-case words before a
    // name.
    let described_name = head.len() <= 8 && head.iter().any(|w| w.capitalized);
    (starts || described_name)
        && !head.iter().skip(1).any(|w| verb_like(w) && !w.capitalized)
        && !PREPOSITIONS.contains(&first.lower)
}

/// Number of words ending the subject once trailing adverbs and auxiliaries
/// ("also", "has") are dropped.
fn trim_adverbs(words: &[Word]) -> usize {
    let mut end = words.len();
    while end > 0 && (VERB_ADVERBS.contains(&words[end - 1].lower) || words[end - 1].lower == ",") {
        end -= 1;
    }
    end
}

/// Length of the noun phrase at the start of `words` (after a cue).
pub(super) fn noun_phrase_after(words: &[Word]) -> usize {
    // "said that ...", "told how ...": a clause, not a speaker.
    if words.first().is_some_and(|w| {
        matches!(
            w.lower.as_str(),
            "that" | "how" | "what" | "whether" | "if" | "why" | "when"
        ) || PREPOSITIONS.contains(&w.lower)
    }) {
        return 0;
    }
    let mut n = 0;
    let mut depth = 0usize;
    while n < words.len() && n < 16 {
        let w = &words[n];
        match w.lower.as_str() {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && is_punct(w) && !matches!(w.lower.as_str(), "'" | "’" | "-" | "&" | "." | ")") {
            break;
        }
        if n > 0 && depth == 0 && (SPEAKER_STOP_WORDS.contains(&w.lower) || is_weekday(&w.lower)) {
            break;
        }
        n += 1;
    }
    n
}
#[cfg(test)]
mod tests {
    use super::super::test_speakers as speakers;

    /// The speakers of an article's quotes, by the whole analysis (names
    /// need the entity pass).
    fn analyzed_speakers(text: &str) -> Vec<Option<String>> {
        let decoded = crate::input::decode(text.as_bytes()).unwrap();
        let record = crate::pipeline::analyze(&decoded, &crate::pipeline::Options::default());
        record.quotes.into_iter().map(|q| q.speaker).collect()
    }

    #[test]
    fn a_colon_introduction_gives_the_last_name_in_it() {
        let text = "Polls shift in Iowa\n\nThe early surge did not surprise the veteran pollster Daron Shaw of Austin: \"Lesser-known candidates often lead this early in a race.\"\n";
        assert_eq!(analyzed_speakers(text), [Some("Daron Shaw".to_string())]);
    }

    #[test]
    fn a_description_named_by_its_appositive_gives_the_name() {
        let text = "Harbour plan stalls\n\nThe council met on Monday to vote on the harbour plan.\n\n\"We never thought it would pass,\" said his oldest friend at college, Martin Okafor, who now runs a ferry company.\n";
        assert_eq!(analyzed_speakers(text), [Some("Martin Okafor".to_string())]);
    }

    /// `said` after the quoted clause goes on names the speaker; `said` with
    /// no name, and a participle after a speaker of its own, do not.
    #[test]
    fn a_cue_after_the_quoted_clause_goes_on_names_its_speaker() {
        let text = "Ferry fares rise\n\nThe new fares mark \"the end of cheap crossings\" for island families, said Martin Okafor, who chairs the riders' group.\n\nThe plan is \"a step too far\" for the council, said the days when fares were low are gone.\n\n\"We miss the old boats,\" Okafor weighed in, telling Whitfield, \"the ferries were our life.\"\n";
        assert_eq!(
            analyzed_speakers(text),
            [Some("Martin Okafor".to_string()), None, None, None]
        );
    }

    #[test]
    fn attribution_patterns() {
        type Case<'a> = (&'a str, &'a [(&'a str, Option<&'a str>)]);
        let cases: &[Case] = &[
            ("\"This is big,\" Park said.", &[("This is big,", Some("Park"))]),
            (
                "\"This is big,\" said Elena Park, the mayor.",
                &[("This is big,", Some("Elena Park"))],
            ),
            (
                "Park told reporters, \"This is big.\"",
                &[("This is big.", Some("Park"))],
            ),
            (
                "Hugh Hill, a doctor at the clinic, said: \"We are full.\"",
                &[("We are full.", Some("Hugh Hill"))],
            ),
            (
                "\"We are ready,\" the agency said in a statement.",
                &[("We are ready,", Some("the agency"))],
            ),
            (
                "\"We are ready,\" said a spokeswoman for the council.",
                &[("We are ready,", Some("a spokeswoman for the council"))],
            ),
            (
                "According to the report, \"costs will rise sharply next year.\"",
                &[("costs will rise sharply next year.", Some("the report"))],
            ),
            (
                "\"We will appeal,\" Park said, \"and we will win.\"",
                &[
                    ("We will appeal,", Some("Park")),
                    ("and we will win.", Some("Park")),
                ],
            ),
            (
                "\"Nobody believes it,\" he said. \"Nobody at all.\"",
                &[("Nobody believes it,", Some("he")), ("Nobody at all.", Some("he"))],
            ),
            (
                "\"This was not bad luck. It was a choice,\" Assistant U.S. Attorney Lena Hoffmann told the court.",
                &[("This was not bad luck. It was a choice,", Some("Assistant U.S. Attorney Lena Hoffmann"))],
            ),
            (
                "\"It will not pass this year at all,\" Park also said.",
                &[("It will not pass this year at all,", Some("Park"))],
            ),
            (
                "\"The water came up faster than expected.\" The crews left.",
                &[("The water came up faster than expected.", None)],
            ),
            // An opening clause holds no subject of the sentence.
            (
                "Though she called the ruling \"outrageous\" the senator kept calm.",
                &[("outrageous", Some("she"))],
            ),
            // A comma that closes no appositive ends the subject.
            (
                "Cruz, Blackwell wrote \"has consistently shown a deep commitment to the cause.\"",
                &[("has consistently shown a deep commitment to the cause.", Some("Blackwell"))],
            ),
            // A relative clause after a comma is an appositive.
            (
                "Michael Seaman, who lives outside the state capital, Sacramento, said he still \"prays that the senator wins in the end.\"",
                &[("prays that the senator wins in the end.", Some("Michael Seaman"))],
            ),
            // Words after a relative pronoun that start no noun phrase:
            // the pronoun is the subject, and its antecedent speaks.
            (
                "Nora Vance, who has in the past described the plan as \"a costly mistake,\" spoke first.",
                &[("a costly mistake,", Some("Nora Vance"))],
            ),
            // A capitalized auxiliary is a name.
            (
                "Will told reporters, \"This is big.\"",
                &[("This is big.", Some("Will"))],
            ),
            // A phrase of time before a comma holds no subject.
            (
                "Nora Vance spoke first. A month later, she wrote an essay and explained why \"the plan failed.\"",
                &[("the plan failed.", Some("she"))],
            ),
            // A capitalized word inside a clause is a name, not a verb.
            (
                "The senator said the United States should \"lead the world again with its allies.\"",
                &[("lead the world again with its allies.", Some("The senator"))],
            ),
            (
                "O'Malley interjected to say \"the debate is rigged against all of us here.\"",
                &[("the debate is rigged against all of us here.", Some("O'Malley"))],
            ),
        ];
        for (text, want) in cases {
            let got = speakers(text);
            let want: Vec<(String, Option<String>)> = want
                .iter()
                .map(|(q, s)| (q.to_string(), s.map(String::from)))
                .collect();
            assert_eq!(got, want, "case {text}");
        }
    }
}
