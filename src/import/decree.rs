//! The parts of a Decree 30 document, recognised in a Word document's paragraphs and tables.
//!
//! Recognition goes by Word's meaning, not by any writer's XML: the header is the first
//! table that holds the Quốc hiệu; the left column holds the agencies, then "Số: …/…" (and
//! a công văn's "V/v …"), the right column the Quốc hiệu, Tiêu ngữ and the place-and-date
//! line; tên loại and trích yếu are the centred bold paragraphs after it; "Kính gửi:" its
//! addressees; the closing table starts with "Nơi nhận:" (or holds only signatures, as a
//! biên bản does); a section break after the closing starts an appendix ("Phụ lục …").
//! What is not recognised stays in the body, so nothing is lost.

use super::wordml::{Align, Block, Para, Table, WordDoc};

/// A signature block as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signature {
    pub authority: String,
    pub head: String,
    pub title: String,
    pub hint: String,
    pub name: String,
}

/// An appendix: label, title, note, orientation, body.
#[derive(Debug, Clone, Default)]
pub struct Appendix {
    pub label: String,
    pub title: String,
    pub note: String,
    pub landscape: bool,
    pub body: Vec<Block>,
}

/// The recognised document.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    pub draft: Option<String>,
    pub parent_agency: String,
    pub agency: String,
    /// The number as printed ("45", "05"), empty when left blank.
    pub number: String,
    pub symbol: String,
    pub place: String,
    /// ISO date, or empty for the blank draft form.
    pub date: String,
    /// The year of a blank date line ("ngày … tháng … năm 2025").
    pub blank_year: String,
    pub date_line: bool,
    pub doc_type: String,
    pub summary: String,
    pub addressees: Vec<String>,
    pub body: Vec<Block>,
    pub recipients: Vec<String>,
    pub signatures: Vec<Signature>,
    pub appendices: Vec<Appendix>,
    /// The main part is landscape.
    pub landscape: bool,
    /// Whether the Decree 30 header was found at all.
    pub found_header: bool,
    /// Only the agency block (a register book's cover).
    pub agency_only: bool,
    /// What recognition could not place (a landscape section that is not an appendix).
    pub notices: Vec<super::wordml::Notice>,
}

/// Spaces of any kind (Word's no-break spaces in a blank date) to plain, trimmed.
fn clean(s: &str) -> String {
    s.replace(['\u{a0}', '\t'], " ").trim().to_string()
}

fn lines_of(cells: &[&super::wordml::Cell]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for c in cells {
        for p in &c.paras {
            let italic =
                !p.runs.is_empty() && p.runs.iter().all(|r| r.italic || r.text.trim().is_empty());
            for line in p.text().split('\n') {
                let line = clean(line);
                if !line.is_empty() {
                    out.push((line, italic));
                }
            }
        }
    }
    out
}

fn is_national(s: &str) -> bool {
    let u = s.to_uppercase();
    u.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA") || u.contains("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA")
}

fn table_text(t: &Table) -> String {
    t.rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.text()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Recognises the parts of `doc`.
pub fn recognise(doc: &WordDoc) -> Parts {
    let mut parts = Parts {
        date_line: true,
        ..Parts::default()
    };
    let blocks = &doc.blocks;
    let mut i = 0;
    // A draft mark above the header.
    let header_at = blocks.iter().position(|b| match b {
        Block::Table(t) => is_national(&table_text(t)),
        _ => false,
    });
    let agency_block = match blocks.first() {
        Some(Block::Table(t)) if is_agency_only(t) => Some(0),
        _ => None,
    };
    let Some(header_at) = header_at.filter(|&h| h <= 3).or(agency_block) else {
        parts.body = blocks.clone();
        parts.landscape = doc.last_landscape;
        return parts;
    };
    parts.found_header = true;
    while i < header_at {
        if let Block::Para(p) = &blocks[i] {
            let t = clean(&p.text());
            if t.to_uppercase().starts_with("DỰ THẢO") {
                parts.draft = Some(t);
            }
        }
        i += 1;
    }
    if let Block::Table(t) = &blocks[header_at] {
        header(t, &mut parts);
        parts.agency_only = agency_block == Some(header_at) && !is_national(&table_text(t));
    }
    i = header_at + 1;
    // Tên loại and trích yếu: centred bold paragraphs.
    let mut titles = Vec::new();
    while let Some(Block::Para(p)) = blocks.get(i) {
        let t = p.text();
        if clean(&t).is_empty() {
            if titles.is_empty() {
                i += 1;
                continue;
            }
            break;
        }
        if p.align == Align::Center && all_bold(p) && !clean(&t).starts_with("Kính gửi") {
            titles.push(t);
            i += 1;
        } else {
            break;
        }
    }
    if let Some(first) = titles.first() {
        let f = clean(first);
        if f == f.to_uppercase() && f.chars().any(char::is_alphabetic) && !f.contains('\n') {
            parts.doc_type = f;
            titles.remove(0);
        }
    }
    if parts.summary.is_empty() {
        parts.summary = titles
            .iter()
            .map(|t| t.split('\n').map(clean).collect::<Vec<_>>().join("\n"))
            .collect::<Vec<_>>()
            .join("\n");
    }
    // Kính gửi.
    while let Some(Block::Para(p)) = blocks.get(i) {
        let t = clean(&p.text());
        if t.is_empty() {
            i += 1;
            continue;
        }
        if let Some(rest) = t.strip_prefix("Kính gửi") {
            let rest = rest.trim_start_matches(':').trim();
            for line in rest.split('\n') {
                push_item(&mut parts.addressees, line);
            }
            i += 1;
            // "Kính gửi:" followed by "- A;" paragraphs.
            while let Some(Block::Para(q)) = blocks.get(i) {
                let t = clean(&q.text());
                if rest.is_empty() && t.starts_with('-') {
                    push_item(&mut parts.addressees, &t);
                    i += 1;
                } else {
                    break;
                }
            }
        }
        break;
    }
    // The closing table: the last table before the first appendix section that holds
    // "Nơi nhận" or only signatures.
    let end_of_main = blocks[i..]
        .iter()
        .position(|b| matches!(b, Block::Para(p) if p.section_end.is_some()))
        .map_or(blocks.len(), |k| i + k + 1);
    let closing = (i..end_of_main).rev().find(|&k| match &blocks[k] {
        Block::Table(t) => is_closing(t),
        _ => false,
    });
    let body_end = closing.unwrap_or(end_of_main);
    parts.body = blocks[i..body_end]
        .iter()
        .filter(|b| !matches!(b, Block::Para(p) if clean(&p.text()).is_empty() && !p.page_break_before && p.section_end.is_none()))
        .cloned()
        .collect();
    if let Some(k) = closing
        && let Block::Table(t) = &blocks[k]
    {
        closing_table(t, &mut parts);
    }
    // The section the main part ends with.
    let main_section = blocks[..end_of_main].iter().rev().find_map(|b| match b {
        Block::Para(p) => p.section_end,
        _ => None,
    });
    parts.landscape = main_section.unwrap_or(doc.last_landscape && end_of_main >= blocks.len());
    if end_of_main < blocks.len() {
        appendices(&blocks[end_of_main..], doc.last_landscape, &mut parts);
    }
    parts
}

fn all_bold(p: &Para) -> bool {
    p.runs
        .iter()
        .any(|r| !r.text.trim().is_empty() || r.field.is_some())
        && p.runs
            .iter()
            .all(|r| r.bold || (r.text.trim().is_empty() && r.field.is_none()))
}

fn push_item(list: &mut Vec<String>, line: &str) {
    let t = clean(line);
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("-"))
        .unwrap_or(&t);
    let t = t.trim().trim_end_matches([';', '.', ',']).trim();
    if !t.is_empty() {
        list.push(t.to_string());
    }
}

fn header(t: &Table, parts: &mut Parts) {
    let width = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let left: Vec<_> = t.rows.iter().filter_map(|r| r.cells.first()).collect();
    let right: Vec<_> = t
        .rows
        .iter()
        .filter(|r| r.cells.len() > 1 && width > 1)
        .filter_map(|r| r.cells.last())
        .collect();
    let mut agency = Vec::new();
    let mut seen_number = false;
    let mut vv = Vec::new();
    for (line, _) in lines_of(&left) {
        if let Some(rest) = line
            .strip_prefix("Số")
            .filter(|r| r.trim_start().starts_with(':'))
        {
            seen_number = true;
            let rest = rest.trim_start().trim_start_matches(':').trim();
            match rest.split_once('/') {
                Some((n, s)) => {
                    parts.number = clean(n);
                    parts.symbol = clean(s);
                }
                None => parts.symbol = clean(rest),
            }
        } else if !seen_number {
            agency.push(line);
        } else {
            // Under the number: a công văn's trích yếu ("V/v …", maybe on several lines).
            vv.push(line);
        }
    }
    if agency.len() >= 2 {
        parts.parent_agency = agency.remove(0);
    }
    parts.agency = agency.join("\n");
    if !vv.is_empty() {
        parts.summary = vv.join("\n");
    }
    parts.date_line = false;
    for (line, _) in lines_of(&right) {
        if is_national(&line) || line.starts_with("Độc lập") {
            continue;
        }
        if let Some((place, date)) = line.split_once(", ngày") {
            parts.date_line = true;
            parts.place = clean(place);
            let nums: Vec<&str> = date
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .collect();
            match nums.as_slice() {
                [d, m, y] => {
                    let (d, m, y) = (
                        d.parse::<u32>().unwrap_or(0),
                        m.parse::<u32>().unwrap_or(0),
                        y.parse::<i32>().unwrap_or(0),
                    );
                    parts.date = format!("{y:04}-{m:02}-{d:02}");
                }
                [y] => parts.blank_year = (*y).to_string(),
                _ => {}
            }
        }
    }
}

/// A one-row table with upper-case agency lines on the left and nothing on the right.
fn is_agency_only(t: &Table) -> bool {
    let [row] = t.rows.as_slice() else {
        return false;
    };
    let left = row
        .cells
        .first()
        .map(|c| lines_of(&[c]))
        .unwrap_or_default();
    let right_empty = row
        .cells
        .iter()
        .skip(1)
        .all(|c| clean(&c.text()).is_empty());
    right_empty && (1..=3).contains(&left.len()) && left.iter().all(|(l, _)| *l == l.to_uppercase())
}

fn is_closing(t: &Table) -> bool {
    let first = t
        .rows
        .first()
        .and_then(|r| r.cells.first())
        .map(|c| clean(&c.text()))
        .unwrap_or_default();
    first.starts_with("Nơi nhận") || (t.rows.len() <= 2 && signature_like(t))
}

/// Every cell of the table reads as a signature block: a few upper-case lines, then a
/// name.
fn signature_like(t: &Table) -> bool {
    let width = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    width > 0
        && (0..width).all(|c| {
            let cells: Vec<_> = t.rows.iter().filter_map(|r| r.cells.get(c)).collect();
            let lines = lines_of(&cells);
            lines.len() >= 2 && lines.len() <= 6 && {
                let first = &lines[0].0;
                *first == first.to_uppercase()
            }
        })
}

/// The closing table, column by column (a biên bản puts titles and names in two rows).
fn closing_table(t: &Table, parts: &mut Parts) {
    let width = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for c in 0..width {
        let cells: Vec<_> = t.rows.iter().filter_map(|r| r.cells.get(c)).collect();
        let lines = lines_of(&cells);
        let Some((first, _)) = lines.first() else {
            continue;
        };
        if first.starts_with("Nơi nhận") {
            for (line, _) in &lines[1..] {
                push_item(&mut parts.recipients, line);
            }
            continue;
        }
        parts.signatures.push(signature(&lines));
    }
}

fn signature(lines: &[(String, bool)]) -> Signature {
    let mut s = Signature::default();
    let mut rest: Vec<&(String, bool)> = lines.iter().collect();
    if let Some(last) = rest.pop() {
        s.name = last.0.clone();
    }
    if let Some(pos) = rest.iter().position(|(_, italic)| *italic) {
        s.hint = rest[pos..]
            .iter()
            .map(|l| l.0.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        rest.truncate(pos);
    }
    let mut upper: Vec<String> = rest.iter().map(|l| l.0.clone()).collect();
    if let Some(first) = upper.first().cloned() {
        for a in ["KT.", "TM.", "Q.", "TL.", "TUQ."] {
            if let Some(head) = first.strip_prefix(a) {
                s.authority = a.to_string();
                s.head = head.trim().to_string();
                upper.remove(0);
                break;
            }
        }
    }
    s.title = upper.join("\n");
    s
}

fn appendices(blocks: &[Block], last_landscape: bool, parts: &mut Parts) {
    let mut start = 0;
    while start < blocks.len() {
        let end = blocks[start..]
            .iter()
            .position(|b| matches!(b, Block::Para(p) if p.section_end.is_some()))
            .map_or(blocks.len(), |k| start + k + 1);
        let section = &blocks[start..end];
        let landscape = match section.last() {
            Some(Block::Para(p)) if p.section_end.is_some() => p.section_end == Some(true),
            _ => last_landscape,
        };
        let mut a = Appendix {
            landscape,
            ..Appendix::default()
        };
        let mut k = 0;
        let mut heads: Vec<(usize, String, bool)> = Vec::new();
        while let Some(Block::Para(p)) = section.get(k) {
            let t = clean(&p.text());
            if t.is_empty() && heads.is_empty() {
                k += 1;
                continue;
            }
            if p.align == Align::Center && !t.is_empty() && heads.len() < 3 {
                heads.push((k, t, all_bold(p)));
                k += 1;
            } else {
                break;
            }
        }
        let mut used = 0;
        // "Phụ lục I" (or any first line) above a bold title.
        let labelled = heads
            .get(used)
            .is_some_and(|(_, t, _)| t.starts_with("Phụ lục") || t.starts_with("PHỤ LỤC"))
            || matches!(heads.get(used + 1), Some((_, _, true)));
        if labelled && let Some((_, t, _)) = heads.get(used) {
            a.label = t.clone();
            used += 1;
        }
        if let Some((_, t, true)) = heads.get(used) {
            a.title = t.clone();
            used += 1;
        }
        if let Some((_, t, _)) = heads.get(used)
            && t.starts_with('(')
        {
            a.note = t.clone();
            used += 1;
        }
        if let Some((at, _, _)) = heads.get(used) {
            k = *at;
        }
        a.body = section[k..]
            .iter()
            .filter(|b| !matches!(b, Block::Para(p) if clean(&p.text()).is_empty()))
            .cloned()
            .collect();
        if a.label.is_empty() && a.title.is_empty() {
            // Not an appendix: a section of the body, whose orientation a template's body
            // cannot change.
            if landscape && let Some(super::wordml::Block::Para(p)) = section.first() {
                parts.notices.push(super::wordml::Notice {
                    place: p.place,
                    what: crate::tr!(
                        "phần (section) khổ ngang không phải phụ lục — nội dung đưa vào thân văn bản, khổ dọc; thêm tiêu đề \"Phụ lục …\" nếu muốn trang ngang",
                        "a landscape section that is not an appendix — its content goes into the body, in portrait; give it a \"Phụ lục …\" heading for landscape pages"
                    ),
                });
            }
            parts.body.extend(section.iter().cloned());
        } else {
            parts.appendices.push(a);
        }
        start = end;
    }
}
