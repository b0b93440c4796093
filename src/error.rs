//! The library's error type: one variant per stage, each already carrying the file,
//! sheet, cell or template line it is about. The stage tells a bad workbook from a bad
//! template; the CLI turns that into the exit code (`src/cli/exit.rs`).

use std::path::PathBuf;

use crate::docx::DocxError;
use crate::pdf::PdfError;
use crate::template::TemplateError;
use crate::workbook::WorkbookError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Workbook(#[from] WorkbookError),
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error("cannot write the DOCX: {0}")]
    Docx(#[from] DocxError),
    #[error("cannot write {}: {source}", .path.display())]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The outgoing-document register refused the number or could not be used.
    #[error(transparent)]
    Register(#[from] crate::register::RegisterError),
}

impl crate::i18n::Bilingual for Error {
    fn text(&self) -> crate::i18n::Text {
        match self {
            Error::Workbook(e) => e.text(),
            Error::Template(e) => e.text(),
            Error::Pdf(e) => e.text(),
            Error::Docx(e) => crate::tr!(
                "không tạo được tệp DOCX: {e}",
                "cannot write the DOCX: {e}";
                e = e
            ),
            Error::Register(e) => e.text(),
            Error::Output { path, source } => {
                let path = path.display();
                crate::tr!(
                    "không ghi được {path}: {reason}",
                    "cannot write {path}: {reason}";
                    reason = crate::i18n::io_reason(source)
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Every error a user can meet says something in both languages, and says it
    //! differently: an empty text, or a Vietnamese text equal to the English one, means a
    //! message was left untranslated.

    use std::path::PathBuf;

    use super::Error;
    use crate::batch::BatchError;
    use crate::catalog::NewError;
    use crate::i18n::{Bilingual, Text};
    use crate::preview::PreviewError;
    use crate::template::{Location, TemplateError};
    use crate::vi::ViError;
    use crate::workbook::{CellRef, FileFormat, LabelClash, RowSetting, WorkbookError};

    fn path() -> PathBuf {
        PathBuf::from("mau/bao-cao.xlsx")
    }

    fn workbook_errors() -> Vec<WorkbookError> {
        let (path, sheet) = (path(), "Tỉnh".to_string());
        vec![
            WorkbookError::NotFound { path: path.clone() },
            WorkbookError::Unreadable {
                path: path.clone(),
                reason: Text::new("không có quyền", "permission denied"),
            },
            WorkbookError::UnsupportedType {
                path: path.clone(),
                extension: ".csv".into(),
            },
            WorkbookError::NotAWorkbook {
                path: path.clone(),
                format: FileFormat::Xlsx,
                detail: Text::same("invalid zip header"),
            },
            WorkbookError::SheetUnreadable {
                path: path.clone(),
                sheet: sheet.clone(),
                detail: "bad record".into(),
            },
            WorkbookError::SheetNotFound {
                path: path.clone(),
                sheet: sheet.clone(),
                available: vec!["Dữ liệu".into()],
            },
            WorkbookError::RowZero {
                path: path.clone(),
                sheet: sheet.clone(),
                what: RowSetting::HeaderRow,
            },
            WorkbookError::RowZero {
                path: path.clone(),
                sheet: sheet.clone(),
                what: RowSetting::LastRow,
            },
            WorkbookError::HeaderRowBeyondSheet {
                path: path.clone(),
                sheet: sheet.clone(),
                row: 9,
                last: 3,
            },
            WorkbookError::LastRowAboveHeader {
                path: path.clone(),
                sheet: sheet.clone(),
                row: 2,
                header: 5,
            },
            WorkbookError::DuplicateLabel {
                path,
                sheet,
                clash: Box::new(LabelClash {
                    key: "so".into(),
                    first_label: "Số".into(),
                    first: CellRef::new(1, 0),
                    second_label: "Số:".into(),
                    second: CellRef::new(4, 0),
                }),
            },
        ]
    }

    fn template_errors() -> Vec<TemplateError> {
        let location = Location {
            file: "mau/template.toml".into(),
            line: 3,
            column: 1,
            source_line: Some("name = \"\"".into()),
        };
        let m = || Text::new("tên trống", "the name is empty");
        vec![
            TemplateError::Io {
                path: "mau".into(),
                message: Text::new("không có thư mục này", "no such folder"),
            },
            TemplateError::Manifest {
                location: location.clone(),
                message: m(),
            },
            TemplateError::Syntax {
                location: location.clone(),
                message: m(),
                hint: Some(Box::new(Text::new("đóng khối", "close the block"))),
            },
            TemplateError::UnknownField {
                location: location.clone(),
                field: "meta.ten".into(),
                suggestion: Some("meta.ten_tinh".into()),
            },
            TemplateError::UnknownField {
                location: location.clone(),
                field: "meta.ten".into(),
                suggestion: None,
            },
            TemplateError::Render {
                location,
                message: m(),
            },
            TemplateError::Data { message: m() },
            TemplateError::Form {
                file: "mau/template.toml".into(),
                field: "header.symbol".into(),
                message: m(),
            },
            TemplateError::Markdown {
                file: "mau/body.md.hbs".into(),
                line: 4,
                message: Text::new("không dùng được ảnh", "images are not supported"),
                text: "![x](y.png)".into(),
            },
        ]
    }

    fn vi_errors() -> Vec<ViError> {
        vec![
            ViError::NotANumber("abc".into()),
            ViError::Empty,
            ViError::OutOfRange {
                value: "4000".into(),
                range: Text::new("từ 1 đến 3999", "1 to 3999"),
            },
            ViError::NotWhole("1,5".into()),
            ViError::BadDate("32/13/2025".into()),
            ViError::BadTime("25:00".into()),
            ViError::BadOption {
                what: Text::new("loại kỳ báo cáo", "period kind"),
                value: "tuần".into(),
                expected: Text::new("tháng, quý", "month, quarter"),
            },
        ]
    }

    fn assert_bilingual(what: &str, t: &Text) {
        assert!(
            !t.vi.trim().is_empty() && !t.en.trim().is_empty(),
            "{what}: empty text {t:?}"
        );
        assert_ne!(t.vi, t.en, "{what}: the same text in both languages");
    }

    #[test]
    fn every_error_is_said_in_both_languages_and_differently() {
        let io = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let mut all: Vec<(String, Text)> = Vec::new();
        let mut add = |e: &dyn Bilingual| all.push((format!("{:?}", e.text().en), e.text()));
        for e in workbook_errors() {
            add(&e);
            add(&Error::Workbook(e));
        }
        for e in template_errors() {
            add(&e);
            add(&Error::Template(e));
        }
        for e in vi_errors() {
            add(&e);
        }
        add(&Error::Output {
            path: "out/a.pdf".into(),
            source: io(),
        });
        add(&Error::Docx(crate::docx::DocxError::InvalidPage(
            Text::new("lề quá rộng", "the margins are too wide"),
        )));
        add(&PreviewError::NoSuchPage { page: 3, pages: 1 });
        add(&PreviewError::Png {
            page: 1,
            message: "encoder".into(),
        });
        add(&NewError::UnknownFamily {
            family: "x".into(),
            known: "bao-cao-thang".into(),
        });
        add(&NewError::NotEmpty { dir: "mau".into() });
        add(&NewError::Write {
            path: "mau/template.toml".into(),
            source: io(),
        });
        add(&BatchError::File {
            path: "lo.toml".into(),
            message: Text::new("chưa có việc nào", "no jobs"),
        });
        add(&BatchError::Job {
            job: "tinh".into(),
            source: Box::new(Error::Workbook(WorkbookError::NotFound { path: path() })),
        });
        add(&BatchError::Plan {
            message: Text::new("trùng tên", "two documents with one name"),
        });
        add(&BatchError::Output {
            path: "out".into(),
            source: io(),
        });
        for (what, t) in &all {
            assert_bilingual(what, t);
        }
        assert!(all.len() > 40, "{}", all.len());
    }

    /// The settings of template.toml: a wrong value is explained in both languages.
    #[test]
    fn every_setting_error_is_bilingual() {
        for path in [
            "template.form",
            "template.sizes",
            "draft.position",
            "workbook.legacy",
            "data.tinh.kind",
            "data.tinh.rows",
            "data.tinh.numbers",
            "template.pdf_standard",
        ] {
            let t = crate::template::setting_error(path, "x").expect(path);
            assert_bilingual(path, &t);
        }
        assert!(crate::template::setting_error("header.agency", "x").is_none());
    }
}
