//! Fields stated by the file itself: Markdown front matter (`title:`,
//! `author:`, `date:`) and the labelled fields of archive exports
//! (`HEADLINE:`, `BYLINE:`, `DATELINE:`, `SECTION:`...).

use super::byline::byline;
use super::dates::{date_line, strip_date_label};
use super::lines::{Line, LineKind};
use crate::document::Layout;
use crate::lexicon::EXPORT_LABELS;
use crate::text::fold_lines;

/// Front matter between `---` lines at the top fills headline, authors and
/// date. Returns the first line index after it.
pub(super) fn front_matter(text: &str, lines: &[Line], kinds: &mut [LineKind], layout: &mut Layout) -> usize {
    let Some(first) = lines.iter().position(|l| l.start != l.end) else {
        return 0;
    };
    let line = &text[lines[first].start..lines[first].end];
    if line != "---" || lines[first].indent != 0 {
        return 0;
    }
    let Some(close) = (first + 1..lines.len().min(first + 200)).find(|&i| {
        &text[lines[i].start..lines[i].end] == "---" || &text[lines[i].start..lines[i].end] == "..."
    }) else {
        return 0;
    };
    let mut key = String::new();
    for l in &lines[first + 1..close] {
        let content = &text[l.start..l.end];
        if let Some(item) = content.strip_prefix("- ") {
            if key == "author" {
                push_author(&mut layout.authors, item);
            }
            continue;
        }
        let Some((k, _)) = content.split_once(':') else {
            continue;
        };
        key = match k.trim().to_lowercase().as_str() {
            "title" | "headline" => "title",
            "author" | "authors" | "byline" | "creator" | "by" => "author",
            "date" | "published" | "pubdate" | "publishdate" | "published_at" => "date",
            _ => "",
        }
        .to_string();
        let value_start = l.start + k.len() + 1;
        let raw = &text[value_start..l.end];
        let lead = raw.len() - raw.trim_start().len();
        let (vs, ve) = unquote(text, value_start + lead, l.end);
        let value = &text[vs..ve];
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "title" => layout.headline = Some(vs..ve),
            "author" => {
                let list = value.trim_start_matches('[').trim_end_matches(']');
                for name in list.split(',') {
                    push_author(&mut layout.authors, name);
                }
                layout.byline = Some(value.to_string());
            }
            "date" => layout.date = Some(value.to_string()),
            _ => {}
        }
    }
    if layout.byline.is_none() && !layout.authors.is_empty() {
        layout.byline = Some(layout.authors.join(", "));
    }
    for k in kinds.iter_mut().take(close + 1).skip(first) {
        *k = LineKind::Used;
    }
    close + 1
}

fn push_author(authors: &mut Vec<String>, raw: &str) {
    let name = raw.trim().trim_matches(['"', '\'']).trim();
    if !name.is_empty() && !authors.iter().any(|a| a == name) {
        authors.push(name.to_string());
    }
}

fn unquote(text: &str, start: usize, end: usize) -> (usize, usize) {
    let v = &text[start..end];
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return (start + 1, end - 1);
        }
    }
    (start, end)
}

/// The label of a labelled field line (`HEADLINE: ...`) and where its value
/// starts.
fn label_of(line: &str) -> Option<(&str, usize)> {
    let colon = line.as_bytes().iter().take(26).position(|&b| b == b':')?;
    let label = &line[..colon];
    let ok = label.len() >= 2
        && label.as_bytes()[0].is_ascii_uppercase()
        && label.bytes().all(|b| b.is_ascii_uppercase() || b == b'-');
    let rest = &line[colon + 1..];
    (ok && (rest.is_empty() || rest.starts_with(char::is_whitespace)))
        .then(|| (label, colon + 1 + (rest.len() - rest.trim_start().len())))
}

/// Archive exports label their fields: `HEADLINE: ...`, `BYLINE: ...`,
/// `DATELINE: ...`, then metadata such as `SECTION:` and `LOAD-DATE:`. A
/// labelled headline means the lines above the first label are the
/// export's header (publication name, date), not article text.
pub(super) fn labelled_fields(
    text: &str,
    lines: &[Line],
    kinds: &mut [LineKind],
    layout: &mut Layout,
    from: usize,
) {
    let mut first_label = None;
    let mut i = from;
    while i < lines.len() {
        let l = lines[i];
        let content = &text[l.start..l.end];
        let Some((label, value_offset)) = (kinds[i] == LineKind::Text).then(|| label_of(content)).flatten()
        else {
            i += 1;
            continue;
        };
        let value_start = l.start + value_offset;
        let known = matches!(label, "HEADLINE" | "TITLE" | "BYLINE" | "AUTHOR" | "DATELINE")
            || EXPORT_LABELS.contains(label);
        if !known {
            i += 1;
            continue;
        }
        first_label.get_or_insert(i);
        // The value runs on over the following lines of its block.
        let mut end = i + 1;
        while end < lines.len()
            && kinds[end] == LineKind::Text
            && label_of(&text[lines[end].start..lines[end].end]).is_none()
        {
            end += 1;
        }
        let value = value_start..lines[end - 1].end.max(value_start);
        let folded = fold_lines(&text[value.clone()]).trim().to_string();
        match label {
            "HEADLINE" | "TITLE" if layout.headline.is_none() && !folded.is_empty() => {
                layout.headline = Some(value)
            }
            "BYLINE" | "AUTHOR" if layout.byline.is_none() && !folded.is_empty() => {
                let with_by = if folded.to_lowercase().starts_with("by ") {
                    folded.clone()
                } else {
                    format!("By {folded}")
                };
                layout.authors = byline(&with_by).unwrap_or_default();
                layout.byline = Some(folded);
            }
            "DATELINE" if layout.dateline.is_none() && !folded.is_empty() => layout.dateline = Some(folded),
            _ => {}
        }
        for k in kinds.iter_mut().take(end).skip(i) {
            *k = LineKind::Used;
        }
        i = end;
    }
    // Above the first label: the export's header. Keep a date, drop the rest.
    if let (Some(first), Some(_)) = (first_label, &layout.headline) {
        for j in from..first {
            if kinds[j] != LineKind::Text {
                continue;
            }
            let content = &text[lines[j].start..lines[j].end];
            if date_line(content) && layout.date.is_none() {
                layout.date = Some(strip_date_label(content).to_string());
            }
            kinds[j] = LineKind::Used;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse, texts};

    #[test]
    fn front_matter_fills_fields() {
        let text = "---\ntitle: \"Harbor tunnel approved\"\nauthor: Dana Whitfield\ndate: 2024-03-03\n---\n\n# Harbor tunnel approved\n\nBody text here.\n";
        let l = parse(text);
        assert_eq!(&text[l.headline.clone().unwrap()], "Harbor tunnel approved");
        assert_eq!(l.authors, ["Dana Whitfield"]);
        assert_eq!(l.date.as_deref(), Some("2024-03-03"));
        assert_eq!(texts(text, &l.paragraphs), ["Body text here."]);
    }
}
