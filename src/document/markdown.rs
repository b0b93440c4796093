//! Markdown → body blocks, with pulldown-cmark.
//!
//! The Markdown comes from a template's `body.md.hbs` after Handlebars has filled it in,
//! with every data value backslash-escaped, so the only markup here is the template
//! author's. Supported: headings (`#` centred; `##`–`####` the report's "I.", "1.", "a)"
//! levels), paragraphs, **bold**, *italic*, ~~strike~~, hard line breaks, `-` and `1.`
//! lists, GFM tables with vanban's table conventions, and `---` (a thematic break) as a
//! page break.
//!
//! Table conventions (GFM tables have one header row and no spans, official tables need
//! more):
//! - a cell holding only `<<` merges into the cell on its left (column span);
//! - a cell holding only `^^` merges into the cell above (row span);
//! - a row whose first cell is `===` ends the header: the rows above it (after the GFM
//!   header row) are header rows too, repeated on every page;
//! - a row whose first cell is `+++` starts the totals rows, printed bold.
//!
//! Constructs the writers cannot print (images, raw HTML, footnotes, code blocks) are
//! errors that name the construct and its line, not silently dropped content.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::model::{Align, Block, Cell, Inline, Row, Table};
use super::widths::{self, plain_text};
use crate::i18n::Text;
use crate::tr;

/// A Markdown construct vanban cannot print.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct MarkdownError {
    /// 1-based line in the Markdown (after Handlebars).
    pub line: usize,
    /// What is wrong, in both languages.
    pub message: Text,
}

/// Reads Markdown into body blocks.
pub fn read_markdown(text: &str) -> Result<Vec<Block>, MarkdownError> {
    read_markdown_with(text, &mut |_, _| Ok(None))
}

/// A fenced block with an info string (```` ```chart ````) handed to the caller, which
/// returns the blocks it stands for, or `None` when it does not know the name.
pub type Directive<'a> = dyn FnMut(&str, &str) -> Result<Option<Vec<Block>>, Text> + 'a;

/// Reads Markdown into body blocks; fenced blocks go to `directive` (the template module
/// uses this for charts and comparison tables drawn from the data, which the reader itself
/// knows nothing about).
pub fn read_markdown_with(
    text: &str,
    directive: &mut Directive<'_>,
) -> Result<Vec<Block>, MarkdownError> {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(text, opts).into_offset_iter();
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;

    let mut builder = Builder::default();
    // The fenced block being collected: (info string, text, start offset).
    let mut fenced: Option<(String, String, usize)> = None;
    for (event, range) in parser {
        if let Some((info, body, start)) = &mut fenced {
            match event {
                Event::Text(t) => body.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let line = line_of(*start);
                    let blocks = directive(info, body).map_err(|m| MarkdownError {
                        line,
                        message: tr!(
                            "trong khối ```{info}: {m}",
                            "in the ```{info} block: {m}";
                            m = m
                        ),
                    })?;
                    let Some(blocks) = blocks else {
                        return Err(MarkdownError {
                            line,
                            message: tr!(
                                "không có khối ```{info}; vanban chỉ biết ```chart và ```compare \
                                 (các khối mã khác không được hỗ trợ)",
                                "unknown block ```{info}; vanban knows ```chart and ```compare \
                                 (other code blocks are not supported)"
                            ),
                        });
                    };
                    for b in blocks {
                        builder.close_implicit_paragraph();
                        builder.push_block(b);
                    }
                    fenced = None;
                }
                _ => {}
            }
            continue;
        }
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = &event
            && !info.trim().is_empty()
        {
            fenced = Some((info.trim().to_string(), String::new(), range.start));
            continue;
        }
        if let Event::Start(Tag::Table(aligns)) = &event {
            let source = text.get(range.clone()).unwrap_or_default();
            builder.table_dashes = widths::from_dashes(source, aligns.len());
        }
        builder.event(event).map_err(|message| MarkdownError {
            line: line_of(range.start),
            message,
        })?;
    }
    Ok(builder.finish())
}

/// Where inline content currently goes.
#[derive(Debug)]
enum Frame {
    /// A block container: the document, a list item.
    Blocks(Vec<Block>),
    /// A list being built.
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    /// Inline container: paragraph, heading, emphasis, cell…
    Inlines(InlineKind, Vec<Inline>),
    /// A table being built.
    Table(TableBuilder),
}

#[derive(Debug, Clone, Copy)]
enum InlineKind {
    Paragraph,
    Heading(u8),
    Strong,
    Emph,
    Strike,
    Cell,
}

#[derive(Debug)]
struct Builder {
    stack: Vec<Frame>,
    /// The widths the next table's alignment row asks for, read from its source.
    table_dashes: Option<Vec<f64>>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            stack: vec![Frame::Blocks(Vec::new())],
            table_dashes: None,
        }
    }
}

impl Builder {
    fn finish(mut self) -> Vec<Block> {
        // A well-formed event stream leaves only the root frame.
        match self.stack.drain(..).next() {
            Some(Frame::Blocks(blocks)) => blocks,
            _ => Vec::new(),
        }
    }

    fn push_block(&mut self, block: Block) {
        // Blocks only ever close into a block container; inlines of a tight list item
        // arrive through an implicit paragraph (see `push_inline`).
        if let Some(Frame::Blocks(blocks)) = self.stack.last_mut() {
            blocks.push(block);
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        match self.stack.last_mut() {
            Some(Frame::Inlines(_, xs)) => xs.push(inline),
            // Text directly in a (tight) list item: open an implicit paragraph.
            Some(Frame::Blocks(_)) => {
                self.stack
                    .push(Frame::Inlines(InlineKind::Paragraph, vec![inline]));
            }
            _ => {}
        }
    }

    /// Closes an implicit paragraph opened by `push_inline` in a tight list item.
    fn close_implicit_paragraph(&mut self) {
        if let Some(Frame::Inlines(InlineKind::Paragraph, _)) = self.stack.last()
            && self.stack.len() >= 2
            && matches!(self.stack[self.stack.len() - 2], Frame::Blocks(_))
            && let Some(Frame::Inlines(_, content)) = self.stack.pop()
        {
            self.push_block(Block::Paragraph { content });
        }
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), Text> {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                self.push_inline(Inline::Text {
                    text: t.into_string(),
                });
                Ok(())
            }
            Event::Code(t) => {
                self.push_inline(Inline::Code {
                    text: t.into_string(),
                });
                Ok(())
            }
            Event::SoftBreak => {
                self.push_inline(Inline::Text { text: " ".into() });
                Ok(())
            }
            Event::HardBreak => {
                self.push_inline(Inline::LineBreak);
                Ok(())
            }
            Event::Rule => {
                self.close_implicit_paragraph();
                self.push_block(Block::PageBreak);
                Ok(())
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let h = format!("{:?}", h.trim());
                Err(tr!(
                    "mẫu vanban không dùng được HTML: {h} (muốn in nguyên văn thì viết dấu \
                     gạch chéo ngược trước `<`)",
                    "HTML is not supported in vanban templates: {h} (write the text with a \
                     backslash before `<` to print it literally)"
                ))
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => Err(tr!(
                "mẫu vanban không dùng được công thức toán",
                "math is not supported in vanban templates"
            )),
            Event::FootnoteReference(_) => Err(tr!(
                "mẫu vanban chưa dùng được chú thích cuối trang",
                "footnotes are not supported in vanban templates yet"
            )),
            Event::TaskListMarker(_) => Err(tr!(
                "không dùng được danh sách có ô đánh dấu",
                "task lists are not supported"
            )),
        }
    }

    fn start(&mut self, tag: Tag<'_>) -> Result<(), Text> {
        match tag {
            Tag::Paragraph => {
                self.close_implicit_paragraph();
                self.stack
                    .push(Frame::Inlines(InlineKind::Paragraph, Vec::new()));
            }
            Tag::Heading { level, .. } => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                };
                self.stack
                    .push(Frame::Inlines(InlineKind::Heading(level), Vec::new()));
            }
            Tag::Strong => self.push_inline_frame(InlineKind::Strong),
            Tag::Emphasis => self.push_inline_frame(InlineKind::Emph),
            Tag::Strikethrough => self.push_inline_frame(InlineKind::Strike),
            Tag::List(start) => {
                self.close_implicit_paragraph();
                self.stack.push(Frame::List {
                    ordered: start.is_some(),
                    start: start.unwrap_or(1),
                    items: Vec::new(),
                });
            }
            Tag::Item => self.stack.push(Frame::Blocks(Vec::new())),
            Tag::Table(aligns) => {
                let dashes = self.table_dashes.take();
                self.stack
                    .push(Frame::Table(TableBuilder::new(&aligns, dashes)));
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(Frame::Table(t)) = self.stack.last_mut() {
                    t.rows.push(Vec::new());
                }
            }
            Tag::TableCell => self
                .stack
                .push(Frame::Inlines(InlineKind::Cell, Vec::new())),
            Tag::Link { .. } => {} // the link text prints; the target is dropped
            Tag::BlockQuote(_) => {
                return Err(tr!(
                    "không dùng được trích dẫn (`>`)",
                    "block quotes (`>`) are not supported"
                ));
            }
            Tag::CodeBlock(_) => {
                return Err(tr!(
                    "không dùng được khối mã (thụt vào 4 dấu cách hoặc rào bằng ```); \
                     hãy bỏ phần thụt đầu dòng",
                    "code blocks (indented by 4 spaces or fenced with ```) are not supported; \
                     remove the indentation"
                ));
            }
            Tag::HtmlBlock => {
                return Err(tr!(
                    "không dùng được khối HTML",
                    "HTML blocks are not supported"
                ));
            }
            Tag::Image { .. } => {
                return Err(tr!(
                    "phần thân văn bản chưa chèn được hình ảnh",
                    "images are not supported in the body yet"
                ));
            }
            Tag::FootnoteDefinition(_) => {
                return Err(tr!(
                    "chưa dùng được chú thích cuối trang",
                    "footnotes are not supported yet"
                ));
            }
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_)
            | Tag::Superscript
            | Tag::Subscript => {
                return Err(tr!(
                    "không dùng được cấu trúc Markdown này",
                    "this Markdown construct is not supported"
                ));
            }
        }
        Ok(())
    }

    fn push_inline_frame(&mut self, kind: InlineKind) {
        if matches!(self.stack.last(), Some(Frame::Blocks(_))) {
            self.stack
                .push(Frame::Inlines(InlineKind::Paragraph, Vec::new()));
        }
        self.stack.push(Frame::Inlines(kind, Vec::new()));
    }

    fn end(&mut self, tag: TagEnd) -> Result<(), Text> {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => {
                if let Some(Frame::Inlines(kind, content)) = self.stack.pop() {
                    let block = match kind {
                        InlineKind::Heading(level) => Block::Heading { level, content },
                        _ => Block::Paragraph { content },
                    };
                    self.push_block(block);
                }
            }
            TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough => {
                if let Some(Frame::Inlines(kind, content)) = self.stack.pop() {
                    let inline = match kind {
                        InlineKind::Strong => Inline::Strong { content },
                        InlineKind::Emph => Inline::Emph { content },
                        _ => Inline::Strike { content },
                    };
                    self.push_inline(inline);
                }
            }
            TagEnd::Item => {
                self.close_implicit_paragraph();
                if let Some(Frame::Blocks(blocks)) = self.stack.pop()
                    && let Some(Frame::List { items, .. }) = self.stack.last_mut()
                {
                    items.push(blocks);
                }
            }
            TagEnd::List(_) => {
                if let Some(Frame::List {
                    ordered,
                    start,
                    items,
                }) = self.stack.pop()
                {
                    self.push_block(Block::List {
                        ordered,
                        start,
                        items,
                    });
                }
            }
            TagEnd::TableCell => {
                if let Some(Frame::Inlines(_, content)) = self.stack.pop()
                    && let Some(Frame::Table(t)) = self.stack.last_mut()
                    && let Some(row) = t.rows.last_mut()
                {
                    row.push(content);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {}
            TagEnd::Table => {
                if let Some(Frame::Table(t)) = self.stack.pop() {
                    let table = t.build()?;
                    self.push_block(Block::Table(table));
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// Collects raw table rows, then resolves vanban's span and section markers.
#[derive(Debug)]
struct TableBuilder {
    aligns: Vec<Align>,
    /// The widths the alignment row's dashes ask for ([`widths::from_dashes`]).
    dashes: Option<Vec<f64>>,
    rows: Vec<Vec<Vec<Inline>>>,
}

/// What a raw cell says.
#[derive(Debug, Clone, PartialEq)]
enum Mark {
    Content,
    MergeLeft,
    MergeUp,
}

impl TableBuilder {
    fn new(aligns: &[Alignment], dashes: Option<Vec<f64>>) -> Self {
        TableBuilder {
            dashes,
            aligns: aligns
                .iter()
                .map(|a| match a {
                    Alignment::Right => Align::Right,
                    Alignment::Center => Align::Center,
                    _ => Align::Left,
                })
                .collect(),
            rows: Vec::new(),
        }
    }

    fn build(self) -> Result<Table, Text> {
        let ncols = self.aligns.len();
        // Split the rows into header, body and totals at the marker rows.
        let mut header = Vec::new();
        let mut body = Vec::new();
        let mut totals = Vec::new();
        let mut header_end_seen = false;
        let mut in_totals = false;
        for (i, row) in self.rows.into_iter().enumerate() {
            let first = row.first().map(|c| plain_text(c)).unwrap_or_default();
            match first.trim() {
                "===" => {
                    if header_end_seen || in_totals {
                        return Err(tr!(
                            "bảng có nhiều hơn một dòng `===`",
                            "a table has more than one `===` row"
                        ));
                    }
                    header.append(&mut body);
                    header_end_seen = true;
                    continue;
                }
                "+++" => {
                    if in_totals {
                        return Err(tr!(
                            "bảng có nhiều hơn một dòng `+++`",
                            "a table has more than one `+++` row"
                        ));
                    }
                    in_totals = true;
                    continue;
                }
                _ => {}
            }
            if i == 0 {
                header.push(row);
            } else if in_totals {
                totals.push(row);
            } else {
                body.push(row);
            }
        }
        let aligns = self.aligns;
        let header_rows = resolve_spans(header, ncols, |_| Align::Center)?;
        let body_rows = resolve_spans(body, ncols, |c| aligns[c])?;
        let totals_rows = resolve_spans(totals, ncols, |c| aligns[c])?;
        let widths = self
            .dashes
            .unwrap_or_else(|| widths::from_content(ncols, &header_rows, &body_rows, &totals_rows));
        Ok(Table {
            columns: aligns,
            widths,
            header: header_rows,
            body: body_rows,
            totals: totals_rows,
        })
    }
}

/// Turns raw rows with `<<`/`^^` marks into rows of spanning cells. Spans stay inside
/// one section (header, body or totals).
fn resolve_spans(
    raw: Vec<Vec<Vec<Inline>>>,
    ncols: usize,
    align_of: impl Fn(usize) -> Align,
) -> Result<Vec<Row>, Text> {
    // owner[r][c] = (row, index in that row's cells) of the cell covering (r, c)
    let mut owner: Vec<Vec<Option<(usize, usize)>>> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    for (r, raw_row) in raw.into_iter().enumerate() {
        let mut cells: Vec<Cell> = Vec::new();
        let mut own = vec![None; ncols];
        let mut raw_cells = raw_row.into_iter();
        for c in 0..ncols {
            let content = raw_cells.next().unwrap_or_default();
            let mark = match plain_text(&content).trim() {
                "<<" => Mark::MergeLeft,
                "^^" => Mark::MergeUp,
                _ => Mark::Content,
            };
            match mark {
                Mark::Content => {
                    own[c] = Some((r, cells.len()));
                    cells.push(Cell {
                        col: c,
                        colspan: 1,
                        rowspan: 1,
                        align: align_of(c),
                        content,
                    });
                }
                Mark::MergeLeft => {
                    let left = if c > 0 { own[c - 1] } else { None };
                    let Some((orow, oidx)) = left else {
                        let col = c + 1;
                        return Err(tr!(
                            "`<<` ở cột {col} không có ô bên trái để gộp vào",
                            "`<<` in column {col} has no cell on its left to merge into"
                        ));
                    };
                    let cell = if orow == r {
                        cells.get_mut(oidx)
                    } else {
                        rows.get_mut(orow).and_then(|row| row.cells.get_mut(oidx))
                    };
                    if let Some(cell) = cell {
                        cell.colspan = cell.colspan.max(c - cell.col + 1);
                    }
                    own[c] = left;
                }
                Mark::MergeUp => {
                    let above = if r > 0 {
                        owner.get(r - 1).and_then(|o| o[c])
                    } else {
                        None
                    };
                    let Some((orow, oidx)) = above else {
                        let col = c + 1;
                        return Err(tr!(
                            "`^^` ở cột {col} không có ô phía trên để gộp vào",
                            "`^^` in column {col} has no cell above it to merge into"
                        ));
                    };
                    if let Some(cell) = rows.get_mut(orow).and_then(|row| row.cells.get_mut(oidx)) {
                        cell.rowspan = cell.rowspan.max(r - orow + 1);
                    }
                    own[c] = above;
                }
            }
        }
        owner.push(own);
        rows.push(Row { cells });
    }
    Ok(rows)
}

impl crate::i18n::Bilingual for MarkdownError {
    fn text(&self) -> Text {
        let line = self.line;
        tr!("dòng {line}: {m}", "line {line}: {m}"; m = self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn paragraphs_headings_and_styles() {
        let blocks =
            read_markdown("# Phần I\n\n## I. TÌNH HÌNH\n\nMột **đậm** và *nghiêng*.\n").unwrap();
        assert_eq!(blocks.len(), 3);
        assert_eq!(
            blocks[0],
            Block::Heading {
                level: 1,
                content: vec![text("Phần I")]
            }
        );
        assert_eq!(
            blocks[2],
            Block::Paragraph {
                content: vec![
                    text("Một "),
                    Inline::Strong {
                        content: vec![text("đậm")]
                    },
                    text(" và "),
                    Inline::Emph {
                        content: vec![text("nghiêng")]
                    },
                    text("."),
                ]
            }
        );
    }

    #[test]
    fn escaped_punctuation_is_text() {
        let blocks =
            read_markdown(r#"\*x\* \| a \| \#read\(\"/etc/passwd\"\) \$x\$ \<w:p\>"#).unwrap();
        let Block::Paragraph { content } = &blocks[0] else {
            panic!("expected a paragraph, got {blocks:?}")
        };
        assert_eq!(
            plain_text(content),
            r#"*x* | a | #read("/etc/passwd") $x$ <w:p>"#
        );
    }

    #[test]
    fn tight_and_loose_lists() {
        let blocks = read_markdown("- một\n- hai\n\n1. ba\n2. bốn\n").unwrap();
        assert_eq!(blocks.len(), 2);
        let Block::List { ordered, items, .. } = &blocks[0] else {
            panic!("expected a list")
        };
        assert!(!ordered);
        assert_eq!(
            items[1],
            vec![Block::Paragraph {
                content: vec![text("hai")]
            }]
        );
        assert!(matches!(
            blocks[1],
            Block::List {
                ordered: true,
                start: 1,
                ..
            }
        ));
    }

    #[test]
    fn table_with_group_header_spans_and_totals() {
        let md = "\
| STT | Tỉnh | IIP | << |
|:---:|:-----|----:|---:|
| ^^ | ^^ | Tháng | Cùng kỳ |
| === |
| 1 | Hà Nội | 105,2 | 6,1 |
| 2 | Huế | 99,0 | -1,0 |
| +++ |
| | **Cả nước** | 104,1 | 5,0 |
";
        let blocks = read_markdown(md).unwrap();
        let Block::Table(t) = &blocks[0] else {
            panic!("expected a table, got {blocks:?}")
        };
        assert_eq!(t.header.len(), 2);
        assert_eq!(t.body.len(), 2);
        assert_eq!(t.totals.len(), 1);
        let top = &t.header[0].cells;
        assert_eq!(top.len(), 3);
        assert_eq!((top[0].rowspan, top[2].colspan), (2, 2));
        // The second header row keeps only the two leaf cells, at columns 2 and 3.
        let second: Vec<usize> = t.header[1].cells.iter().map(|c| c.col).collect();
        assert_eq!(second, vec![2, 3]);
        assert_eq!(t.body[0].cells[2].align, Align::Right);
        assert_eq!(t.widths.len(), 4);
    }

    #[test]
    fn unsupported_constructs_name_the_line() {
        let err = read_markdown("Một\n\n<div>x</div>\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.en.contains("HTML"));
        let err = read_markdown("Một\n\n    mã\n").unwrap_err();
        assert!(err.message.en.contains("code blocks"));
    }

    #[test]
    fn unsupported_constructs_in_vietnamese() {
        use crate::i18n::{Bilingual, Lang};
        let err = read_markdown("Một\n\n<div>x</div>\n").unwrap_err();
        assert_eq!(err.message(Lang::Vi), "dòng 3: không dùng được khối HTML");
        assert_eq!(
            err.message(Lang::En),
            "line 3: HTML blocks are not supported"
        );
        let err = read_markdown("| a | b |\n|---|---|\n| << | x |\n").unwrap_err();
        assert!(
            err.message.vi.contains("`<<` ở cột 1 không có ô bên trái"),
            "{}",
            err.message.vi
        );
        let err = read_markdown_with("```mermaid\nx\n```\n", &mut |_, _| Ok(None)).unwrap_err();
        assert!(err.message.vi.starts_with("không có khối ```mermaid"));
        assert_ne!(err.message.vi, err.message.en);
    }

    #[test]
    fn thematic_break_is_a_page_break() {
        let blocks = read_markdown("Một\n\n---\n\nHai\n").unwrap();
        assert_eq!(blocks[1], Block::PageBreak);
    }
}
