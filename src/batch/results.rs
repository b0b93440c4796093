//! The results workbook beside the outputs (`vanban-ket-qua.xlsx`): one row per
//! document — job, source row, file names, status, pages, error — so a clerk can check a
//! run in Excel, filter the failures and find the row to correct.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::{BatchError, Shard, Summary};
use crate::i18n::{Lang, Text};
use crate::tr;

/// The results workbook's file name (one per shard with `--shard`).
pub fn file_name(shard: Option<Shard>) -> String {
    match shard {
        Some(s) => format!("vanban-ket-qua.shard-{}-of-{}.xlsx", s.k, s.n),
        None => "vanban-ket-qua.xlsx".into(),
    }
}

/// Column headers of the results sheet.
pub fn headers() -> [Text; 10] {
    [
        Text::same("STT"),
        tr!("Việc", "Job"),
        tr!("Bảng tính / sheet", "Workbook / sheet"),
        tr!("Dòng", "Row"),
        tr!("Tên", "Name"),
        Text::same("PDF"),
        Text::same("DOCX"),
        tr!("Trạng thái", "Status"),
        tr!("Số trang", "Pages"),
        tr!("Lỗi hoặc ghi chú", "Error or note"),
    ]
}

/// Writes the results workbook atomically, its headers, status words and messages in
/// `lang`. (The sheet keeps the name "Kết quả" in both languages, like the file.)
pub fn write(path: &Path, summary: &Summary, lang: Lang) -> Result<(), BatchError> {
    let bytes = build(summary, lang).map_err(|e| BatchError::Output {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    crate::output::write_atomic(path, &bytes).map_err(|source| BatchError::Output {
        path: path.to_path_buf(),
        source,
    })
}

fn build(summary: &Summary, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let headers = headers();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Kết quả")?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h.get(lang), &bold)?;
    }
    let widths = [6.0, 18.0, 40.0, 6.0, 36.0, 40.0, 40.0, 10.0, 7.0, 80.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (i, d) in summary.documents.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, 1, &d.job)?;
        let sheet = match &d.sheet {
            Some(s) => format!("{} ({s})", d.workbook),
            None => d.workbook.clone(),
        };
        ws.write_string(r, 2, &sheet)?;
        if let Some(row) = d.row {
            ws.write_number(r, 3, f64::from(row))?;
        }
        ws.write_string(r, 4, d.name.as_deref().unwrap_or(""))?;
        let file = |ext: &str| {
            d.files
                .iter()
                .find(|f| f.ends_with(ext))
                .cloned()
                .unwrap_or_default()
        };
        ws.write_string(r, 5, file(".pdf"))?;
        ws.write_string(r, 6, file(".docx"))?;
        ws.write_string(r, 7, d.status.word().get(lang))?;
        if let Some(p) = d.pages {
            ws.write_number(r, 8, p as f64)?;
        }
        let text = d
            .error
            .as_ref()
            .or(d.note.as_ref())
            .map_or("", |t| t.get(lang));
        ws.write_string(r, 9, text)?;
    }
    let last = summary.documents.len() as u32;
    ws.autofilter(0, 0, last, headers.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 0)?;
    wb.save_to_buffer()
}
