//! The decree's form rules as the renderer applies them, and where their problems go.
//!
//! A render stops at the first problem; `vanban check` wants every one. Both run the
//! same path ([`super::Renderer`]) with a [`Problems`] sink: in stop mode the first
//! problem becomes the render's error, in collect mode every form problem is kept (with
//! a stable rule name and a hint, for check's report) and rendering goes on with a
//! neutral value in place of the bad one. Each rule is written once, here or on the
//! renderer's path; `check` adds only lints of its own.

use std::cell::RefCell;
use std::collections::HashSet;

use serde_json::Value as Json;

use super::{Location, Renderer, TemplateError};
use crate::document::{PageSetup, Signature};
use crate::i18n::Text;
use crate::layout::Form;
use crate::tr;
use crate::vi;

/// One form rule broken by one document, located at its manifest field.
#[derive(Debug, Clone)]
pub struct FormProblem {
    /// The manifest field, as messages name it (`header.symbol`, `signature.title`).
    pub field: String,
    /// A stable name for tools (`ky-hieu`, `draft-number`, `required`, …).
    pub rule: &'static str,
    pub location: Location,
    /// The render's message, starting with the field's name.
    pub message: Text,
    /// What to do, when there is more to say than the message.
    pub hint: Option<Text>,
}

impl FormProblem {
    /// The error a render stops with.
    pub fn into_error(self) -> TemplateError {
        TemplateError::Manifest {
            location: self.location,
            message: self.message,
        }
    }
}

/// Where the renderer puts what it finds: stop at the first problem (a render), or
/// collect every form problem (check).
///
/// Interior mutability: the renderer's field closures report through a shared borrow.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    collect: bool,
    found: RefCell<Vec<FormProblem>>,
    /// The parts (manifest fields, body files) that could not be rendered: no rule is
    /// judged on them, their value being unknown.
    broken: RefCell<HashSet<String>>,
    /// The first error that is not a form rule (Handlebars, Markdown), in collect mode.
    failure: RefCell<Option<TemplateError>>,
}

impl Problems {
    /// Stop mode: the first problem is the render's error.
    pub(crate) fn stop() -> Problems {
        Problems::default()
    }

    /// Collect mode: every form problem is kept and rendering goes on.
    pub(crate) fn collect() -> Problems {
        Problems {
            collect: true,
            ..Problems::default()
        }
    }

    /// A form rule broken: an error in stop mode; kept in collect mode unless the field's
    /// own value could not be rendered.
    pub(crate) fn form(&self, p: FormProblem) -> Result<(), TemplateError> {
        if !self.collect {
            return Err(p.into_error());
        }
        if !self.broken.borrow().contains(&p.field) {
            self.found.borrow_mut().push(p);
        }
        Ok(())
    }

    /// Something other than a form rule kept `part` from being rendered: an error in
    /// stop mode; in collect mode the first is kept and `part` counts as unknown.
    pub(crate) fn fail(&self, part: &str, e: TemplateError) -> Result<(), TemplateError> {
        if !self.collect {
            return Err(e);
        }
        self.broken.borrow_mut().insert(part.to_string());
        self.failure.borrow_mut().get_or_insert(e);
        Ok(())
    }

    /// Whether anything was found.
    pub(crate) fn is_clean(&self) -> bool {
        self.found.borrow().is_empty() && self.failure.borrow().is_none()
    }

    /// The form problems in the order found, and the first other error.
    pub(crate) fn into_parts(self) -> (Vec<FormProblem>, Option<TemplateError>) {
        (self.found.into_inner(), self.failure.into_inner())
    }
}

/// The abbreviations of Decree 30's table (Phụ lục III §I) spelt with lower-case letters.
const MIXED_CASE: [&str; 4] = ["TTr", "QyĐ", "CTr", "TrS"];

/// How a ký hiệu is written, for the hint of every ký hiệu rule.
pub(crate) fn symbol_hint() -> Text {
    tr!(
        "ký hiệu viết IN HOA, các nhóm chữ nối bằng dấu \"-\" không có dấu cách, không \
         có số và không có \"Số:\", ví dụ \"BC-CNĐP\" (in ra: \"Số: 12/BC-CNĐP\")",
        "write the ký hiệu in UPPER CASE, groups joined by \"-\" without spaces, \
         without the number and without \"Số:\", e.g. \"BC-CNĐP\" (printed: \
         \"Số: 12/BC-CNĐP\")"
    )
}

/// [`symbol_problem`] as a whole sentence naming the ký hiệu.
pub(crate) fn symbol_problem_text(symbol: &str) -> Option<Text> {
    let reason = symbol_problem(symbol)?;
    let symbol = symbol.trim();
    Some(tr!(
        "ký hiệu \"{symbol}\" không đúng thể thức: {reason}",
        "the ký hiệu \"{symbol}\" is not in the form Decree 30 requires: {reason}";
        reason = reason
    ))
}

/// Why a ký hiệu is malformed, or `None` when it has the shape `BC-CNĐP`: upper-case
/// groups of letters and digits joined by `-` (or `/` for the year part of legal
/// documents), no spaces, no number in front.
pub(crate) fn symbol_problem(symbol: &str) -> Option<Text> {
    let s = symbol.trim();
    if s.is_empty() {
        return None;
    }
    // "12/BC-CNĐP": the number was written into the ký hiệu (a 4-digit year, as in the
    // ký hiệu of legal documents "2012/TT-BCT", is allowed).
    let first = s.split(['/', '-']).next().unwrap_or("");
    let number_first = s.contains('/')
        && !first.is_empty()
        && first.chars().all(|c| c.is_ascii_digit())
        && first.len() != 4;
    if s.to_lowercase().starts_with("số") || number_first {
        return Some(tr!(
            "có cả số văn bản hoặc \"Số:\" — số ghi ở header.number",
            "it includes the number or \"Số:\" — the number goes in header.number"
        ));
    }
    if s.chars().any(char::is_whitespace) {
        return Some(tr!("có dấu cách", "it has spaces"));
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '/'))
    {
        return Some(tr!(
            "có ký tự \"{c}\" không dùng trong ký hiệu",
            "it has the character \"{c}\", which a ký hiệu does not use"
        ));
    }
    // Lower case only inside the decree's mixed-case abbreviations (VN-FORMAT §1.5:
    // TTr, QyĐ, CTr, TrS).
    if s.split(['-', '/'])
        .any(|g| g.chars().any(char::is_lowercase) && !MIXED_CASE.contains(&g))
    {
        return Some(tr!("có chữ thường", "it has lower-case letters"));
    }
    if s.split(['-', '/']).any(str::is_empty) {
        return Some(tr!(
            "có nhóm rỗng giữa các dấu \"-\"",
            "it has an empty group between \"-\" signs"
        ));
    }
    None
}

/// The ký hiệu's year: a legal normative document carries it ("2025/TT-BCT",
/// VN-FORMAT §2.2); an administrative one does not ("BC-CNĐP").
pub(crate) fn symbol_year_problem(form: Form, symbol: &str) -> Option<Text> {
    let year_first = symbol.split_once('/').is_some_and(|(y, rest)| {
        y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty()
    });
    match form {
        Form::Nd30 if year_first => Some(tr!(
            "\"{symbol}\": ký hiệu của văn bản hành chính không ghi năm (ví dụ \"BC-CNĐP\")",
            "\"{symbol}\": an administrative document's ký hiệu carries no year \
             (e.g. \"BC-CNĐP\")"
        )),
        Form::Nd78 | Form::Nd34 if !year_first => Some(tr!(
            "\"{symbol}\": ký hiệu của văn bản quy phạm pháp luật bắt đầu bằng năm ban hành \
             (ví dụ \"2025/TT-BCT\", in ra \"Số: …/2025/TT-BCT\")",
            "\"{symbol}\": a legal normative document's ký hiệu starts with its year \
             (e.g. \"2025/TT-BCT\", printed \"Số: …/2025/TT-BCT\")"
        )),
        _ => None,
    }
}

/// A signing authority as Decree 30 writes it (II.7.b): "KT", "kt." and "Ký thay" are all
/// "KT."; `None` when it is none of TM., Q., KT., TL., TUQ. or empty.
pub(crate) fn authority_form(typed: &str) -> Option<&'static str> {
    let t: String = unicode_normalization::UnicodeNormalization::nfc(typed.trim()).collect();
    let t = vi::lower(t.trim_end_matches('.').trim());
    Some(match t.as_str() {
        "" => "",
        "tm" | "thay mặt" => "TM.",
        "q" | "quyền" => "Q.",
        "kt" | "ký thay" | "kí thay" => "KT.",
        "tl" | "thừa lệnh" => "TL.",
        "tuq" | "thừa ủy quyền" | "thừa uỷ quyền" => "TUQ.",
        _ => return None,
    })
}

/// The form rules the renderer applies on its path, with the template's places and the
/// workbook's cells for their messages.
impl Renderer<'_> {
    /// Margins: 20/20/30/15 mm unless the manifest says otherwise, and then inside the
    /// ranges of the document's form.
    pub(super) fn page(&self, form: Form, problems: &Problems) -> Result<PageSetup, TemplateError> {
        let mut page = PageSetup::default();
        let [(t_lo, t_hi), (b_lo, b_hi), (l_lo, l_hi), (r_lo, r_hi)] = form.margin_ranges();
        if let Some(p) = &self.template.manifest.page {
            page.landscape = p.landscape;
            let checks = [
                (
                    "page.margin_top_mm",
                    p.margin_top_mm,
                    t_lo,
                    t_hi,
                    &mut page.margin_top_mm,
                ),
                (
                    "page.margin_bottom_mm",
                    p.margin_bottom_mm,
                    b_lo,
                    b_hi,
                    &mut page.margin_bottom_mm,
                ),
                (
                    "page.margin_left_mm",
                    p.margin_left_mm,
                    l_lo,
                    l_hi,
                    &mut page.margin_left_mm,
                ),
                (
                    "page.margin_right_mm",
                    p.margin_right_mm,
                    r_lo,
                    r_hi,
                    &mut page.margin_right_mm,
                ),
            ];
            for (name, value, lo, hi, slot) in checks {
                match value {
                    Some(v) if !(lo..=hi).contains(&v) => problems.form(self.problem(
                        name,
                        "margin",
                        tr!(
                            "{v} mm nằm ngoài khoảng {lo}–{hi} mm mà {d} quy định",
                            "{v} mm is outside the range of {lo}–{hi} mm that {d} sets";
                            d = decree(form)
                        ),
                        None,
                    ))?,
                    Some(v) => *slot = v,
                    None => {}
                }
            }
        }
        Ok(page)
    }

    /// Builds the signature lines from the authority form (Decree 30 II.7.b).
    pub(super) fn signature(
        &self,
        problems: &Problems,
        prefix: &str,
        authority: &str,
        head: &str,
        title: &str,
        name: String,
    ) -> Result<Signature, TemplateError> {
        let report = |field: &str, message: Text| {
            problems.form(self.problem(&format!("{prefix}.{field}"), "signature", message, None))
        };
        let authority = authority_form(authority).unwrap_or(authority.trim());
        let lines = match authority {
            "" => {
                if title.is_empty() {
                    report(
                        "title",
                        tr!(
                            "chức vụ của người ký đang để trống (ví dụ \"CỤC TRƯỞNG\")",
                            "the signer's position is empty (e.g. \"CỤC TRƯỞNG\")"
                        ),
                    )?;
                }
                vec![vi::upper(title)]
            }
            "Q." => {
                if head.is_empty() {
                    report(
                        "head",
                        tr!(
                            "với \"Q.\" (quyền) ghi chức vụ của người đứng đầu, ví dụ \
                                 \"CỤC TRƯỞNG\"",
                            "with \"Q.\" (acting head) give the head's position, e.g. \
                                 \"CỤC TRƯỞNG\""
                        ),
                    )?;
                }
                vec![format!("Q. {}", vi::upper(head))]
            }
            "TM." | "KT." | "TL." | "TUQ." => {
                if head.is_empty() || title.is_empty() {
                    report(
                        if head.is_empty() { "head" } else { "title" },
                        tr!(
                            "với \"{authority}\" ghi cả chức vụ người đứng đầu (ví dụ \
                                 \"CỤC TRƯỞNG\") và chức vụ của người ký (ví dụ \
                                 \"PHÓ CỤC TRƯỞNG\")",
                            "with \"{authority}\" give both the head (e.g. \"CỤC TRƯỞNG\") \
                                 and the signer's own position (e.g. \"PHÓ CỤC TRƯỞNG\")"
                        ),
                    )?;
                }
                vec![format!("{authority} {}", vi::upper(head)), vi::upper(title)]
            }
            other => {
                report(
                    "authority",
                    tr!(
                        "\"{other}\" không phải thẩm quyền ký theo Nghị định 30; dùng một trong \
                             TM., Q., KT., TL., TUQ. hoặc để trống",
                        "\"{other}\" is not a signing authority of Decree 30; use one of TM., \
                             Q., KT., TL., TUQ. or leave it empty"
                    ),
                )?;
                vec![vi::upper(title)]
            }
        };
        if name.trim().is_empty() {
            report(
                "name",
                tr!(
                    "họ tên người ký đang để trống",
                    "the signer's name is empty"
                ),
            )?;
        }
        Ok(Signature {
            lines,
            hint: String::new(),
            name,
        })
    }

    /// A part Decree 30 requires (the issuing agency; the tên loại and trích yếu where the
    /// template gives them — a công văn gives no tên loại) that came out empty: its
    /// template line, and the workbook cell when the manifest reads it straight from one
    /// (`agency = "{{meta.co_quan}}"`).
    pub(super) fn required(
        &self,
        field: &str,
        raw: &str,
        value: &str,
        ctx: &Json,
        problems: &Problems,
    ) -> Result<(), TemplateError> {
        let always = field == "header.agency";
        if !value.trim().is_empty() || (!always && raw.trim().is_empty()) {
            return Ok(());
        }
        let path: Option<Vec<String>> = raw
            .trim()
            .strip_prefix("{{")
            .and_then(|r| r.strip_suffix("}}"))
            .map(str::trim)
            .filter(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            })
            .map(|p| p.split('.').map(str::to_string).collect());
        let cell = path.as_deref().and_then(|p| {
            self.locator
                .as_ref()?
                .locate(&crate::template::helpers::Place {
                    path: Some(p),
                    row: None,
                    key: p.last().map(String::as_str),
                    value: &Json::Null,
                    row_number: ctx.get(crate::batch::ROW_NUMBER_KEY).and_then(Json::as_u64),
                })
        });
        let what = match field {
            "header.agency" => tr!("tên cơ quan ban hành", "the issuing agency"),
            "header.doc_type" => tr!("tên loại văn bản", "the document type (tên loại)"),
            _ => tr!("trích yếu nội dung", "the summary (trích yếu)"),
        };
        let message = match cell {
            Some(at) => tr!(
                "{what} để trống (ô {at} không có giá trị); Nghị định 30 bắt buộc có thành phần này",
                "{what} is empty (the cell {at} is blank); Decree 30 requires it";
                what = what,
                at = at
            ),
            None => tr!(
                "{what} để trống sau khi điền dữ liệu; Nghị định 30 bắt buộc có thành phần này",
                "{what} is empty after the data is filled in; Decree 30 requires it";
                what = what
            ),
        };
        problems.form(self.problem(field, "required", message, None))
    }

    /// Nơi nhận ends with the archive line "Lưu: VT, …" (Decree 30, ô 9b; VN-FORMAT §1):
    /// the last non-empty entry of `[distribution] recipients` after the data is filled in.
    /// A document without Nơi nhận (a biên bản) has nothing to end.
    pub(super) fn closing_line(
        &self,
        recipients: &[String],
        problems: &Problems,
    ) -> Result<(), TemplateError> {
        let Some(last) = recipients.last() else {
            return Ok(());
        };
        if is_luu_vt(last) {
            return Ok(());
        }
        // The manifest entry it came from: the last one that filled in to this text.
        let index = self
            .template
            .manifest
            .distribution
            .recipients
            .len()
            .saturating_sub(1);
        let field = format!("recipients[{index}]");
        let line = last.trim();
        problems.form(self.problem(
            &field,
            "noi-nhan",
            tr!(
                "dòng cuối của Nơi nhận phải là \"Lưu: VT, …\" (đang là \"{line}\")",
                "the last line of Nơi nhận must be \"Lưu: VT, …\" (it is \"{line}\")"
            ),
            Some(tr!(
                "thêm dòng cuối \"Lưu: VT, <viết tắt đơn vị soạn thảo>\" vào [distribution] \
                 recipients, ví dụ \"Lưu: VT, CNĐP\"",
                "end [distribution] recipients with \"Lưu: VT, <drafting unit>\", e.g. \
                 \"Lưu: VT, CNĐP\""
            )),
        ))
    }

    /// A form rule broken at the manifest field `field`; the message names the field.
    pub(super) fn problem(
        &self,
        field: &str,
        rule: &'static str,
        message: Text,
        hint: Option<Text>,
    ) -> FormProblem {
        FormProblem {
            field: field.to_string(),
            rule,
            location: self.template.manifest_location(field),
            message: message.map(|m| format!("{field}: {m}")),
            hint,
        }
    }
}

/// Whether a Nơi nhận entry is the archive line: "Lưu:" and, among its words, "VT"
/// (the văn thư keeps a copy).
pub(crate) fn is_luu_vt(entry: &str) -> bool {
    let e = entry.trim().trim_start_matches('-').trim();
    let Some(rest) = e.strip_prefix("Lưu") else {
        return false;
    };
    let rest = rest.trim_start();
    let Some(rest) = rest.strip_prefix(':') else {
        return false;
    };
    rest.split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "VT")
}

/// "Nghị định 30/2020/NĐ-CP", in the reader's language.
fn decree(form: Form) -> Text {
    let n = form.decree_number();
    tr!("Nghị định {n}", "Decree {n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luu_vt() {
        assert!(is_luu_vt("Lưu: VT, CNĐP"));
        assert!(is_luu_vt("- Lưu: VT, PC, CNĐP."));
        assert!(!is_luu_vt("Lưu: CNĐP"));
        assert!(!is_luu_vt("Như trên"));
        assert!(!is_luu_vt("Lưu VT"));
    }

    #[test]
    fn symbols() {
        let en = |s: &str| symbol_problem(s).map(|t| t.en);
        assert_eq!(en("BC-CNĐP"), None);
        assert_eq!(en("BNV-VP"), None);
        assert_eq!(en("2012/TT-BCT"), None);
        assert!(en("BC - CNĐP").unwrap().contains("spaces"));
        assert!(en("bc-cndp").unwrap().contains("lower"));
        assert!(en("BC--CNĐP").unwrap().contains("empty"));
        assert!(en("Số: 12/BC-CNĐP").unwrap().contains("number"));
        assert!(en("12/BC-CNĐP").unwrap().contains("number"));
        assert!(en("BC_CNĐP").unwrap().contains('_'));
        let vi = symbol_problem("bc-cndp").unwrap().vi;
        assert_eq!(vi, "có chữ thường");
    }

    #[test]
    fn symbol_years() {
        assert!(symbol_year_problem(Form::Nd30, "BC-CNĐP").is_none());
        assert!(symbol_year_problem(Form::Nd30, "2025/BC-CNĐP").is_some());
        assert!(symbol_year_problem(Form::Nd34, "2025/TT-BCT").is_none());
        assert!(symbol_year_problem(Form::Nd34, "TT-BCT").is_some());
    }

    #[test]
    fn collect_mode_keeps_every_problem_and_skips_broken_fields() {
        let p = |field: &str| FormProblem {
            field: field.into(),
            rule: "required",
            location: Location {
                file: "t".into(),
                line: 1,
                column: 1,
                source_line: None,
            },
            message: Text::same(field),
            hint: None,
        };
        let stop = Problems::stop();
        assert!(stop.form(p("header.agency")).is_err());
        let all = Problems::collect();
        all.form(p("header.agency")).unwrap();
        all.fail("header.summary", p("x").into_error()).unwrap();
        all.form(p("header.summary")).unwrap();
        all.form(p("header.symbol")).unwrap();
        let (found, failure) = all.into_parts();
        let fields: Vec<_> = found.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["header.agency", "header.symbol"]);
        assert!(failure.is_some());
    }
}
