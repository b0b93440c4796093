//! The outgoing-document register (sổ đăng ký văn bản đi): where document numbers are
//! issued and recorded, safely when several clerks or processes take numbers at once.
//!
//! One SQLite file (rusqlite with its bundled SQLite, so nothing to install) in WAL mode,
//! its schema versioned and migrated on open ([`schema`]). The numbering rules are pure
//! functions ([`rules`]); this module applies them inside one `BEGIN IMMEDIATE`
//! transaction ([`Taking`]), which takes SQLite's write lock before the next number is
//! read, so concurrent processes get distinct consecutive numbers, and a process killed in
//! the middle leaves nothing behind (its transaction never committed). Numbers are never
//! deleted or reused: a withdrawn document is cancelled, with its reason in Ghi chú.
//!
//! `vanban render --register` holds a [`Taking`] while the document is made and its files
//! are written ([`Numbering`]), so a render that fails takes no number. The printed book
//! (Phụ lục IV) is [`book`].
//!
//! Not here: the command line (`cli/register.rs`), the document's rendering (`render`).

pub mod book;
mod error;
pub mod numbering;
pub mod rules;
mod schema;
mod taking;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

pub use error::{Kind, RegisterError};
pub use numbering::{Numbered, number_document};
pub use rules::SeriesRule;
pub use taking::Taking;

use crate::tr;

/// How long a process waits for another one's transaction before giving up. Taking a
/// number holds the lock for milliseconds; a render holding it makes one document
/// (~0.1 s), so this is generous.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Test-only: when set to n, a transaction that takes a number waits n ms before it
/// commits, after printing `register: pausing` on stderr, so that a test can kill the
/// process in the middle. Not meant for users (README, "Test-only").
pub const TEST_PAUSE_ENV: &str = "VANBAN_TEST_REGISTER_PAUSE_MS";

/// What a register is set up with (`register init`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// The issuing agency's abbreviation, as in the ký hiệu ("CNĐP").
    pub agency: String,
    /// The agency's name for the book's cover ("CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG"); may be empty.
    pub name: String,
    /// The parent agency for the cover ("BỘ CÔNG THƯƠNG"); may be empty.
    pub parent: String,
    /// How administrative documents are numbered.
    #[serde(serialize_with = "series_setting")]
    pub series: SeriesRule,
}

fn series_setting<S: serde::Serializer>(rule: &SeriesRule, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rule.to_setting())
}

/// A document to be numbered: what the register records of it.
#[derive(Debug, Clone, Default)]
pub struct NewEntry {
    /// Tên loại ("Báo cáo", "BÁO CÁO"); empty for a công văn.
    pub doc_type: String,
    /// Ký hiệu ("BC-CNĐP", "2025/TT-BCT").
    pub symbol: String,
    /// The document's date: its year is the numbering year.
    pub date: Option<NaiveDate>,
    /// Trích yếu.
    pub summary: String,
    /// Người ký.
    pub signer: String,
    /// Nơi nhận (without the "Lưu:" line).
    pub recipients: Vec<String>,
    /// Đơn vị, người nhận bản lưu: the "Lưu:" line's text ("VT, CNĐP").
    pub archive: String,
    /// Số lượng bản.
    pub copies: Option<u32>,
    /// A draft (DỰ THẢO) never takes a number.
    pub draft: bool,
    /// The document's identity (a batch job and its output name, a rendered file), so a
    /// document made again keeps its number; `None` always takes a new one.
    pub key: Option<String>,
}

/// One row of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub year: i32,
    /// The series inside the year (see [`rules::series_of`]); `""` is the shared one.
    pub series: String,
    pub number: i64,
    pub symbol: String,
    /// ISO date, `2025-11-05`.
    pub date: String,
    /// Tên loại as the register writes it ("Báo cáo").
    pub doc_type: String,
    pub summary: String,
    pub signer: String,
    pub recipients: Vec<String>,
    pub archive: String,
    pub copies: Option<u32>,
    /// Ghi chú.
    pub note: String,
    /// The reason, when the number was cancelled.
    pub cancelled: Option<String>,
    #[serde(skip)]
    pub key: Option<String>,
}

impl Entry {
    /// "05/BC-CNĐP".
    pub fn reference(&self) -> String {
        format!("{}/{}", rules::number_text(self.number), self.symbol)
    }

    /// "05": the number as printed after "Số:".
    pub fn number_text(&self) -> String {
        rules::number_text(self.number)
    }

    /// Column (3) of the book: tên loại and trích yếu ("Báo cáo tình hình …").
    pub fn type_and_summary(&self) -> String {
        let summary = self.summary.replace('\n', " ");
        if summary.is_empty() {
            self.doc_type.clone()
        } else {
            format!("{} {summary}", self.doc_type)
        }
    }

    /// Column (10), Ghi chú: the note, and a cancellation with its reason.
    pub fn remarks(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(reason) = &self.cancelled {
            parts.push(format!("Đã hủy: {reason}"));
        }
        if !self.note.is_empty() {
            parts.push(self.note.clone());
        }
        parts.join("; ")
    }

    /// The entry as `register list --format json` and the service's `GET /api/register`
    /// give it: every field, with the reference ("05/BC-CNĐP") and Ghi chú as printed.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert("reference".into(), self.reference().into());
            o.insert("remarks".into(), self.remarks().into());
        }
        v
    }

    /// The date as the book prints it: `05/11/2025`.
    pub fn date_vi(&self) -> String {
        NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|_| self.date.clone())
    }
}

/// An open register.
pub struct Register {
    conn: Connection,
    path: PathBuf,
    settings: Settings,
}

impl std::fmt::Debug for Register {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Register")
            .field("path", &self.path)
            .field("settings", &self.settings)
            .finish()
    }
}

fn connect(path: &Path, create: bool) -> Result<Connection, RegisterError> {
    use rusqlite::OpenFlags as F;
    let mut flags = F::SQLITE_OPEN_READ_WRITE | F::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= F::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags).map_err(|e| {
        if !create && !path.exists() {
            RegisterError::store(
                path,
                tr!(
                    "không có tệp sổ này; tạo sổ bằng `vanban register init`",
                    "no such register file; make one with `vanban register init`"
                ),
            )
        } else {
            RegisterError::sqlite(path, &e)
        }
    })?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| RegisterError::sqlite(path, &e))?;
    Ok(conn)
}

impl Register {
    /// Makes a new register file. Refuses a file that already exists (a register is
    /// never overwritten).
    pub fn init(path: &Path, settings: Settings) -> Result<Register, RegisterError> {
        if settings.agency.trim().is_empty() || settings.agency.chars().any(char::is_whitespace) {
            let agency = &settings.agency;
            return Err(RegisterError::rule(
                path,
                tr!(
                    "\"{agency}\": --agency là chữ viết tắt của cơ quan ban hành như trong ký \
                     hiệu (ví dụ CNĐP), không có khoảng trắng",
                    "\"{agency}\": --agency is the issuing agency's abbreviation as in the \
                     ký hiệu (e.g. CNĐP), with no spaces"
                ),
            ));
        }
        if path.exists() {
            return Err(RegisterError::store(
                path,
                tr!(
                    "tệp đã có; sổ đăng ký không bao giờ bị ghi đè (chọn tên khác, hoặc dùng sổ \
                     này)",
                    "the file already exists; a register is never overwritten (choose another \
                     name, or use this register)"
                ),
            ));
        }
        let mut conn = connect(path, true)?;
        let sql = |e: rusqlite::Error| RegisterError::sqlite(path, &e);
        // WAL is a property of the file: set once, every later connection uses it.
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .map_err(sql)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(RegisterError::store(
                path,
                tr!(
                    "hệ thống tệp này không hỗ trợ chế độ WAL của SQLite",
                    "this file system does not support SQLite's WAL mode"
                ),
            ));
        }
        schema::migrate(&mut conn).map_err(sql)?;
        let tx = conn.transaction().map_err(sql)?;
        for (key, value) in [
            ("agency", settings.agency.as_str()),
            ("name", settings.name.as_str()),
            ("parent", settings.parent.as_str()),
            ("series", &settings.series.to_setting()),
        ] {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)",
                params![key, value],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(Register {
            conn,
            path: path.to_path_buf(),
            settings,
        })
    }

    /// Opens a register, migrating its schema to this vanban's version.
    pub fn open(path: &Path) -> Result<Register, RegisterError> {
        if !path.is_file() {
            return Err(RegisterError::store(
                path,
                tr!(
                    "không có tệp sổ này; tạo sổ bằng `vanban register init`",
                    "no such register file; make one with `vanban register init`"
                ),
            ));
        }
        let mut conn = connect(path, false)?;
        let sql = |e: rusqlite::Error| RegisterError::sqlite(path, &e);
        match schema::state(&conn).map_err(sql)? {
            schema::State::Register(v) if v > schema::VERSION => {
                let current = schema::VERSION;
                return Err(RegisterError::store(
                    path,
                    tr!(
                        "sổ được tạo bởi một phiên bản vanban mới hơn (lược đồ {v}, bản này hiểu \
                         đến {current}); hãy cập nhật vanban",
                        "the register was made by a newer vanban (schema {v}; this one knows up \
                         to {current}); update vanban"
                    ),
                ));
            }
            schema::State::Register(v) if v < schema::VERSION => {
                schema::migrate(&mut conn).map_err(sql)?;
            }
            schema::State::Register(_) => {}
            schema::State::Empty | schema::State::Foreign => {
                return Err(RegisterError::store(
                    path,
                    tr!(
                        "tệp này không phải sổ đăng ký của vanban; tạo sổ bằng `vanban register \
                         init`",
                        "this file is not a vanban register; make one with `vanban register init`"
                    ),
                ));
            }
        }
        let settings = read_settings(&conn).map_err(sql)?;
        Ok(Register {
            conn,
            path: path.to_path_buf(),
            settings,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    fn sql(&self, e: rusqlite::Error) -> RegisterError {
        RegisterError::sqlite(&self.path, &e)
    }

    /// Starts taking numbers: SQLite's write lock is taken now (`BEGIN IMMEDIATE`) and
    /// held until [`Taking::commit`]; dropping the [`Taking`] rolls everything back.
    pub fn begin(&mut self) -> Result<Taking<'_>, RegisterError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| RegisterError::sqlite(&path, &e))?;
        Ok(Taking::new(tx, path, &self.settings))
    }

    /// Takes the next number for one document, in its own transaction.
    pub fn take(&mut self, entry: &NewEntry) -> Result<Entry, RegisterError> {
        let mut taking = self.begin()?;
        let issued = taking.issue(entry)?;
        taking.commit()?;
        Ok(issued)
    }

    /// Every entry, or those of one year, by year, series and number.
    pub fn list(&self, year: Option<i32>) -> Result<Vec<Entry>, RegisterError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM entry WHERE ?1 IS NULL OR year = ?1 \
                 ORDER BY year, series, number"
            ))
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(params![year], entry_of_row)
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    /// Cancels an issued number: it stays in the register, marked with the reason, and
    /// is never issued again. `symbol` picks the entry when separate series give the same
    /// number to two documents of the year.
    pub fn cancel(
        &mut self,
        year: i32,
        number: i64,
        symbol: Option<&str>,
        reason: &str,
    ) -> Result<Entry, RegisterError> {
        let path = self.path.clone();
        if reason.trim().is_empty() {
            return Err(RegisterError::rule(
                &path,
                tr!(
                    "cần ghi lý do hủy số (--reason), để ghi vào cột Ghi chú",
                    "a cancellation needs its reason (--reason), for the Ghi chú column"
                ),
            ));
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| RegisterError::sqlite(&path, &e))?;
        let sql = |e: rusqlite::Error| RegisterError::sqlite(&path, &e);
        let found: Vec<Entry> = {
            let mut stmt = tx
                .prepare(&format!(
                    "SELECT {COLUMNS} FROM entry WHERE year = ?1 AND number = ?2 \
                     AND (?3 IS NULL OR symbol = ?3) ORDER BY series"
                ))
                .map_err(sql)?;
            stmt.query_map(params![year, number, symbol], entry_of_row)
                .map_err(sql)?
                .collect::<Result<_, _>>()
                .map_err(sql)?
        };
        let n = rules::number_text(number);
        let entry = match found.as_slice() {
            [] => {
                return Err(RegisterError::rule(
                    &path,
                    tr!(
                        "không có số {n} trong năm {year}",
                        "there is no number {n} in {year}"
                    ),
                ));
            }
            [one] => one.clone(),
            many => {
                let refs = many
                    .iter()
                    .map(Entry::reference)
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(RegisterError::rule(
                    &path,
                    tr!(
                        "năm {year} có nhiều văn bản số {n} ({refs}); chọn một bằng --symbol",
                        "{year} has several documents numbered {n} ({refs}); pick one with \
                         --symbol"
                    ),
                ));
            }
        };
        if let Some(earlier) = &entry.cancelled {
            let r = entry.reference();
            return Err(RegisterError::rule(
                &path,
                tr!(
                    "số {r} đã hủy trước đó (lý do: {earlier})",
                    "{r} was already cancelled (reason: {earlier})"
                ),
            ));
        }
        tx.execute(
            "UPDATE entry SET cancelled = ?1 WHERE year = ?2 AND series = ?3 AND number = ?4",
            params![reason.trim(), entry.year, entry.series, entry.number],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(Entry {
            cancelled: Some(reason.trim().to_string()),
            ..entry
        })
    }

    /// A consistent copy of the register to `out`, made with SQLite's online backup
    /// while others may be taking numbers; written to a temporary file and renamed into
    /// place, so `out` is never half-written.
    pub fn backup(&self, out: &Path) -> Result<(), RegisterError> {
        let dir = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let io = |e: std::io::Error| {
            let reason = crate::i18n::io_reason(&e);
            let o = out.display();
            RegisterError::store(
                &self.path,
                tr!("không ghi được {o}: {r}", "cannot write {o}: {r}"; r = reason),
            )
        };
        let tmp = tempfile::Builder::new()
            .prefix(".vanban-")
            .suffix(".part")
            .tempfile_in(&dir)
            .map_err(io)?;
        {
            let mut dst = Connection::open(tmp.path()).map_err(|e| self.sql(e))?;
            let backup =
                rusqlite::backup::Backup::new(&self.conn, &mut dst).map_err(|e| self.sql(e))?;
            backup
                .run_to_completion(256, Duration::from_millis(5), None)
                .map_err(|e| self.sql(e))?;
        }
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist(out).map_err(|e| io(e.error))?;
        Ok(())
    }

    /// The years that have entries, oldest first.
    pub fn years(&self) -> Result<Vec<i32>, RegisterError> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT year FROM entry ORDER BY year")
            .map_err(|e| self.sql(e))?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }
}

const COLUMNS: &str = "year, series, number, symbol, date, doc_type, summary, signer, \
                       recipients, archive, copies, note, cancelled, doc_key";

fn entry_of_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    let recipients: String = r.get(8)?;
    Ok(Entry {
        year: r.get(0)?,
        series: r.get(1)?,
        number: r.get(2)?,
        symbol: r.get(3)?,
        date: r.get(4)?,
        doc_type: r.get(5)?,
        summary: r.get(6)?,
        signer: r.get(7)?,
        recipients: recipients
            .split('\n')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        archive: r.get(9)?,
        copies: r.get(10)?,
        note: r.get(11)?,
        cancelled: r.get(12)?,
        key: r.get(13)?,
    })
}

fn read_settings(conn: &Connection) -> rusqlite::Result<Settings> {
    let get = |key: &str| -> rusqlite::Result<String> {
        Ok(conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or_default())
    };
    Ok(Settings {
        agency: get("agency")?,
        name: get("name")?,
        parent: get("parent")?,
        series: SeriesRule::parse(&[get("series")?]),
    })
}

/// Reads `2025-11-05` or `05/11/2025` (the forms the command line accepts).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    crate::vi::parse_date(s.trim()).ok()
}

#[cfg(test)]
mod tests;
