//! Word paragraphs and tables → the body Markdown of a template (`body.md.hbs`), in the
//! conventions `document::markdown` reads: headings `##` "I.", `###` "1.", `####` "a)",
//! `#` a centred bold heading (Chương, Phần), `**bold**`, `*italic*`, `-` lists, `---` page
//! breaks, GFM tables with `<<` / `^^` merges, `===` after several header rows and `+++`
//! before the bold totals rows.
//!
//! Text is written so that it prints exactly as typed: the characters Markdown or
//! Handlebars would read as markup are backslash-escaped, and so are the starts of lines
//! that would begin a list or a heading ("1. Sửa đổi…" stays a paragraph). The `{{field}}`
//! the author typed, and MERGEFIELDs, become Handlebars fields, collected in [`Fields`].

use super::wordml::{Align, Block, Notice, Para, Run, Table, VMerge};
use crate::tr;
use crate::workbook::key_of;

/// The fields a template uses: the key–value ones (`{{meta.key}}`) and the tables whose
/// rows hold fields.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    /// (key, the name as typed, a sample value), in order of first use.
    pub meta: Vec<(String, String, String)>,
    pub tables: Vec<TableFields>,
}

/// A table whose row holds fields: one sheet of the sample workbook.
#[derive(Debug, Clone, Default)]
pub struct TableFields {
    /// The key the template iterates (`bang_1`) and the sheet name ("Bảng 1").
    pub key: String,
    pub sheet: String,
    /// (key, header text).
    pub columns: Vec<(String, String)>,
}

impl Fields {
    /// Registers a key–value field and gives its key.
    pub fn meta(&mut self, name: &str, sample: &str) -> String {
        let mut key = key_of(name);
        if key.is_empty() {
            key = "truong".into();
        }
        if !self.meta.iter().any(|(k, _, _)| *k == key) {
            self.meta
                .push((key.clone(), name.trim().to_string(), sample.to_string()));
        }
        key
    }
}

/// Splits `text` into literal pieces and `{{name}}` fields.
pub fn pieces(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}") else {
            break;
        };
        let name = &rest[open + 2..open + 2 + close];
        let name = name
            .trim()
            .trim_start_matches(['#', '/', '>', '!', '&'])
            .trim();
        if name.is_empty() || name.contains('{') {
            out.push((false, rest[..open + 2].to_string()));
            rest = &rest[open + 2..];
            continue;
        }
        if open > 0 {
            out.push((false, rest[..open].to_string()));
        }
        out.push((true, name.to_string()));
        rest = &rest[open + 2 + close + 2..];
    }
    if !rest.is_empty() {
        out.push((false, rest.to_string()));
    }
    out
}

/// Text that prints as written, in a Handlebars string of `template.toml` (not Markdown):
/// only `{{` needs care there, and `{{name}}` fields become `{{meta.key}}`.
pub fn hbs_text(text: &str, fields: &mut Fields) -> String {
    let mut s = String::new();
    for (field, piece) in pieces(text) {
        if field {
            let key = fields.meta(&piece, &format!("[{piece}]"));
            s.push_str(&format!("{{{{meta.{key}}}}}"));
        } else {
            s.push_str(&piece.replace("{{", "\\{{"));
        }
    }
    s
}

/// Escapes literal text for the body Markdown.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '~' | '|' | '&' | '#' | '^' | '{'
            | '}' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\t' | '\u{b}' | '\u{c}' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes what would start a block at the start of a line: a list marker, an ordered
/// list's "1." or "1)", a heading underline or a thematic break.
fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let lead = &line[..line.len() - trimmed.len()];
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 9 {
        let after = &trimmed[digits..];
        if after.starts_with('.') || after.starts_with(')') {
            return format!("{lead}{}\\{}", &trimmed[..digits], after);
        }
    }
    if trimmed.starts_with(['-', '+', '=']) {
        return format!("{lead}\\{trimmed}");
    }
    line.to_string()
}

/// Where fields of a paragraph point: `{{meta.key}}` in the body, `{{key}}` in a table
/// row inside `{{#each}}`.
enum Scope<'a> {
    Meta,
    Row(&'a mut Vec<(String, String)>),
}

/// The Markdown of a run list (one line per Word line), with bold/italic markers.
fn inline(runs: &[Run], scope: &mut Scope<'_>, fields: &mut Fields, plain: bool) -> String {
    // Group runs by formatting; each group's text is escaped then marked.
    let mut out = String::new();
    let mut i = 0;
    while i < runs.len() {
        let (b, it) = (runs[i].bold && !plain, runs[i].italic && !plain);
        let mut j = i;
        let mut text = String::new();
        while j < runs.len() && (runs[j].bold && !plain) == b && (runs[j].italic && !plain) == it {
            match &runs[j].field {
                Some(f) => {
                    text.push_str("{{");
                    text.push_str(f);
                    text.push_str("}}");
                }
                None => text.push_str(&runs[j].text),
            }
            j += 1;
        }
        let mut body = String::new();
        for (field, piece) in pieces(&text) {
            if field {
                match scope {
                    Scope::Meta => {
                        let key = fields.meta(&piece, &format!("[{piece}]"));
                        body.push_str(&format!("{{{{meta.{key}}}}}"));
                    }
                    Scope::Row(cols) => {
                        let mut key = key_of(&piece);
                        if key.is_empty() {
                            key = format!("cot_{}", cols.len() + 1);
                        }
                        if !cols.iter().any(|(k, _)| *k == key) {
                            cols.push((key.clone(), piece.clone()));
                        }
                        body.push_str(&format!("{{{{{key}}}}}"));
                    }
                }
            } else {
                body.push_str(&escape(&piece));
            }
        }
        out.push_str(&mark(&body, b, it));
        i = j;
    }
    out
}

/// `text` between `**`/`*` markers, with its outer spaces (and line breaks) left outside
/// so the markers stay next to words; each line is marked on its own.
fn mark(text: &str, bold: bool, italic: bool) -> String {
    let m = match (bold, italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => return text.to_string(),
    };
    text.split('\n')
        .map(|line| {
            let core = line.trim();
            if core.is_empty() {
                return line.to_string();
            }
            let start = line.len() - line.trim_start().len();
            let end = line.trim_end().len();
            format!("{}{m}{core}{m}{}", &line[..start], &line[end..])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn all_bold(p: &Para) -> bool {
    p.runs
        .iter()
        .any(|r| !r.text.trim().is_empty() || r.field.is_some())
        && p.runs
            .iter()
            .all(|r| r.bold || (r.text.trim().is_empty() && r.field.is_none()))
}

/// The heading level a bold paragraph's numbering gives: "I." → 2, "1." → 3, "a)" → 4.
fn heading_level(text: &str) -> Option<u8> {
    let t = text.trim_start();
    let roman = t
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
        .count();
    if roman > 0 && t[roman..].starts_with(". ") {
        return Some(2);
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && t[digits..].starts_with(". ") && !t[digits + 2..].starts_with(char::is_numeric)
    {
        return Some(3);
    }
    let mut cs = t.chars();
    if let (Some(c), Some(')')) = (cs.next(), cs.next())
        && (c.is_ascii_lowercase() || c == 'đ')
    {
        return Some(4);
    }
    None
}

/// One paragraph as a Markdown block (without the blank line after it).
fn paragraph(p: &Para, fields: &mut Fields, notices: &mut Vec<Notice>) -> String {
    if p.runs
        .iter()
        .any(|r| r.underline && !r.text.trim().is_empty())
    {
        notices.push(Notice {
            place: p.place,
            what: tr!(
                "chữ gạch chân — Markdown không có gạch chân, giữ chữ thường",
                "underlined text — Markdown has no underline; kept as plain text"
            ),
        });
    }
    let text = p.text();
    let bold = all_bold(p);
    let first_line = text.trim_start();
    let mut scope = Scope::Meta;
    // Word's heading styles ("Heading 1", "Heading1", "Tiêu đề 1" saved as "Heading1"):
    // a heading whatever the runs say, its level from its numbering when it has one.
    let styled = p.style.as_deref().is_some_and(|s| {
        let s = s.to_ascii_lowercase().replace(' ', "");
        s.starts_with("heading") && s[7..].chars().all(|c| c.is_ascii_digit()) && s.len() > 7
    });
    if styled && !text.contains('\n') {
        let level = heading_level(first_line).unwrap_or(2);
        let body = inline(&p.runs, &mut scope, fields, true);
        return format!("{} {}", "#".repeat(level as usize), body.trim());
    }
    if bold && !text.contains('\n') {
        if let Some(level) = heading_level(first_line) {
            let body = inline(&p.runs, &mut scope, fields, true);
            return format!("{} {}", "#".repeat(level as usize), body.trim());
        }
        if p.align == Align::Center {
            let body = inline(&p.runs, &mut scope, fields, true);
            return format!("# {}", body.trim());
        }
    }
    let list = first_line.starts_with("- ")
        || first_line.starts_with("+ ")
        || first_line.starts_with("• ");
    let md = inline(&p.runs, &mut scope, fields, false);
    let md = md.trim().to_string();
    let lines: Vec<String> = md
        .split('\n')
        .map(|l| escape_line_start(l.trim()))
        .filter(|l| !l.is_empty())
        .collect();
    let joined = lines.join("\\\n");
    if list {
        // "- text" (its dash typed by the author) → a Markdown list item.
        let rest = joined
            .trim_start_matches("\\")
            .trim_start_matches(['-', '+', '•'])
            .trim_start();
        return format!("- {rest}");
    }
    joined
}

/// Body blocks → Markdown.
pub fn body(blocks: &[Block], fields: &mut Fields, notices: &mut Vec<Notice>) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for b in blocks {
        match b {
            Block::Para(p) => {
                if p.page_break_before && !out.is_empty() {
                    out.push_str("---\n\n");
                    in_list = false;
                }
                if p.text().trim().is_empty() {
                    continue;
                }
                let md = paragraph(p, fields, notices);
                let is_item = md.starts_with("- ");
                if in_list && !is_item {
                    out.push('\n');
                }
                out.push_str(&md);
                out.push('\n');
                if !is_item {
                    out.push('\n');
                }
                in_list = is_item;
            }
            Block::Table(t) => {
                if in_list {
                    out.push('\n');
                    in_list = false;
                }
                out.push_str(&table(t, fields));
                out.push('\n');
            }
        }
    }
    if in_list {
        out.push('\n');
    }
    out.trim_end().to_string() + "\n"
}

/// A cell's text on one line (GFM cells cannot hold line breaks).
fn cell_md(cell: &super::wordml::Cell, scope: &mut Scope<'_>, fields: &mut Fields) -> String {
    let mut parts = Vec::new();
    for p in &cell.paras {
        let bold = all_bold(p);
        let md = inline(&p.runs, scope, fields, bold);
        let md = md.replace('\n', " ");
        let md = md.trim().to_string();
        if !md.is_empty() {
            parts.push(md);
        }
    }
    parts.join(" ")
}

fn row_bold(cells: &[super::wordml::Cell]) -> bool {
    let paras: Vec<&Para> = cells.iter().flat_map(|c| c.paras.iter()).collect();
    paras.iter().any(|p| !p.text().trim().is_empty())
        && paras
            .iter()
            .filter(|p| !p.text().trim().is_empty())
            .all(|p| all_bold(p))
}

/// A Word table → a GFM table with vanban's conventions.
fn table(t: &Table, fields: &mut Fields) -> String {
    let cols = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.span).sum::<usize>())
        .max()
        .unwrap_or(0);
    if cols == 0 {
        return String::new();
    }
    let header_rows = t.rows.iter().take_while(|r| r.header).count().max(1);
    // Totals: trailing all-bold rows after the body (never the whole table).
    let mut totals_from = t.rows.len();
    while totals_from > header_rows + 1 && row_bold(&t.rows[totals_from - 1].cells) {
        totals_from -= 1;
    }
    let mut align = vec![Align::Left; cols];
    if let Some(r) = t.rows.get(header_rows) {
        let mut c = 0;
        for cell in &r.cells {
            if c < cols {
                align[c] = cell.paras.first().map_or(Align::Left, |p| p.align);
            }
            c += cell.span;
        }
    }
    let mut lines = Vec::new();
    let mut table_fields: Option<TableFields> = None;
    for (ri, row) in t.rows.iter().enumerate() {
        let mut cols_of_row: Vec<(String, String)> = Vec::new();
        let has_fields = ri >= header_rows && row.cells.iter().any(|c| c.text().contains("{{"));
        let mut cells = Vec::new();
        for cell in &row.cells {
            let text = if cell.vmerge == VMerge::Continue {
                "^^".to_string()
            } else if has_fields {
                let mut scope = Scope::Row(&mut cols_of_row);
                cell_md(cell, &mut scope, fields)
            } else {
                cell_md(cell, &mut Scope::Meta, fields)
            };
            cells.push(text);
            for _ in 1..cell.span {
                cells.push("<<".into());
            }
        }
        while cells.len() < cols {
            cells.push(String::new());
        }
        let line = format!("| {} |", cells.join(" | "));
        if ri == totals_from {
            lines.push("| +++ |".to_string());
        }
        if has_fields {
            let tf = table_fields.get_or_insert_with(|| TableFields {
                key: format!("bang_{}", t.number),
                sheet: format!("Bảng {}", t.number),
                columns: Vec::new(),
            });
            for c in cols_of_row {
                if !tf.columns.iter().any(|(k, _)| *k == c.0) {
                    tf.columns.push(c);
                }
            }
            lines.push(format!("{{{{#each {}}}}}", tf.key));
            lines.push(line);
            lines.push("{{/each}}".into());
        } else {
            lines.push(line);
        }
        if ri == 0 {
            let delim: Vec<&str> = align
                .iter()
                .map(|a| match a {
                    Align::Center => ":---:",
                    Align::Right => "---:",
                    Align::Left => ":---",
                    Align::Justify => "---",
                })
                .collect();
            lines.push(format!("|{}|", delim.join("|")));
        }
        if header_rows > 1 && ri + 1 == header_rows {
            lines.push("| === |".into());
        }
    }
    if let Some(tf) = table_fields {
        fields.tables.push(tf);
    }
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_and_headings() {
        assert_eq!(escape_line_start("1. Sửa đổi"), "1\\. Sửa đổi");
        assert_eq!(escape_line_start("- x"), "\\- x");
        assert_eq!(heading_level("I. TÌNH HÌNH"), Some(2));
        assert_eq!(heading_level("2. Xuất"), Some(3));
        assert_eq!(heading_level("a) Hỗ trợ"), Some(4));
        assert_eq!(heading_level("Hà Nội"), None);
        assert_eq!(mark(" x y ", true, false), " **x y** ");
    }

    #[test]
    fn word_heading_styles_are_headings() {
        let para = |style: &str, text: &str| Para {
            style: Some(style.into()),
            runs: vec![Run {
                text: text.into(),
                ..Run::default()
            }],
            ..Para::default()
        };
        let mut f = Fields::default();
        let mut n = Vec::new();
        assert_eq!(
            paragraph(&para("Heading2", "1. Thị trường"), &mut f, &mut n),
            "### 1. Thị trường"
        );
        assert_eq!(
            paragraph(&para("Heading1", "KẾT LUẬN"), &mut f, &mut n),
            "## KẾT LUẬN"
        );
        assert_eq!(
            paragraph(&para("Normal", "1. Sửa đổi"), &mut f, &mut n),
            "1\\. Sửa đổi"
        );
    }

    #[test]
    fn fields_split() {
        let p = pieces("Tỉnh {{ ten tinh }} có {{so}} {{");
        assert_eq!(p[1], (true, "ten tinh".to_string()));
        assert_eq!(p[3], (true, "so".to_string()));
        let mut f = Fields::default();
        assert_eq!(hbs_text("Số {{so}}", &mut f), "Số {{meta.so}}");
    }
}
