//! Taking numbers: one open write transaction on the register, inside which the rules are
//! checked, the next number read and the row written; nothing is visible to others until
//! [`Taking::commit`], and a dropped [`Taking`] leaves nothing behind.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, params};

use super::{
    COLUMNS, Entry, NewEntry, RegisterError, Settings, TEST_PAUSE_ENV, entry_of_row, rules,
};
use crate::i18n::Text;
use crate::tr;

/// An open write transaction on the register (`BEGIN IMMEDIATE`): numbers issued through
/// it become visible to others only on [`Taking::commit`]; dropped, it rolls back.
pub struct Taking<'r> {
    tx: rusqlite::Transaction<'r>,
    path: PathBuf,
    settings: &'r Settings,
}

/// Where a document stands against the register, before anything is recorded.
struct Placed {
    year: i32,
    series: String,
    date: NaiveDate,
}

impl<'r> Taking<'r> {
    pub(super) fn new(
        tx: rusqlite::Transaction<'r>,
        path: PathBuf,
        settings: &'r Settings,
    ) -> Taking<'r> {
        Taking { tx, path, settings }
    }

    fn sql(&self, e: rusqlite::Error) -> RegisterError {
        RegisterError::sqlite(&self.path, &e)
    }

    fn rule(&self, message: Text) -> RegisterError {
        RegisterError::rule(&self.path, message)
    }

    /// Checks what every numbered document needs: final, dated, a ký hiệu of this agency;
    /// finds its year and series.
    fn place(&self, entry: &NewEntry) -> Result<Placed, RegisterError> {
        if entry.draft {
            return Err(self.rule(tr!(
                "dự thảo không được lấy số; số chỉ cấp cho văn bản đã ký ban hành",
                "a draft never takes a number; numbers are issued to signed, final documents"
            )));
        }
        rules::check_symbol(&entry.symbol, &self.settings.agency).map_err(|m| self.rule(m))?;
        let Some(date) = entry.date else {
            return Err(self.rule(tr!(
                "văn bản chưa có ngày tháng; số được cấp theo năm của ngày văn bản",
                "the document has no date; a number is issued in the year of the document's date"
            )));
        };
        let year = date.year();
        let series = rules::series_of(&self.settings.series, &entry.doc_type, &entry.symbol, year)
            .map_err(|m| self.rule(m))?;
        Ok(Placed { year, series, date })
    }

    /// Issues a number to a document: the one it already holds under its key (same year
    /// and series, not cancelled; its details are brought up to date), else the next one
    /// of its year and series.
    pub fn issue(&mut self, entry: &NewEntry) -> Result<Entry, RegisterError> {
        let placed = self.place(entry)?;
        let row = self.row_of(entry, &placed);
        if let Some(key) = &entry.key {
            let held: Option<i64> = self
                .tx
                .query_row(
                    "SELECT number FROM entry WHERE doc_key = ?1 AND year = ?2 AND series = ?3 \
                     AND cancelled IS NULL ORDER BY number DESC LIMIT 1",
                    params![key, placed.year, placed.series],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| self.sql(e))?;
            if let Some(number) = held {
                self.tx
                    .execute(
                        "UPDATE entry SET symbol = ?4, date = ?5, doc_type = ?6, summary = ?7, \
                         signer = ?8, recipients = ?9, archive = ?10, copies = ?11 \
                         WHERE year = ?1 AND series = ?2 AND number = ?3",
                        params![
                            placed.year,
                            placed.series,
                            number,
                            row.symbol,
                            row.date,
                            row.doc_type,
                            row.summary,
                            row.signer,
                            row.recipients.join("\n"),
                            row.archive,
                            row.copies
                        ],
                    )
                    .map_err(|e| self.unique_error(e, &row.symbol, number, placed.year))?;
                return Ok(Entry { number, ..row });
            }
        }
        let number: i64 = self
            .tx
            .query_row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM entry WHERE year = ?1 AND series = ?2",
                params![placed.year, placed.series],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))?;
        // When the number was issued (the register's own record; never printed in a
        // document, so documents stay byte-identical).
        let taken_at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| chrono::DateTime::from_timestamp(d.as_secs() as i64, 0))
            .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default();
        self.tx
            .execute(
                "INSERT INTO entry (year, series, number, symbol, date, doc_type, summary, \
                 signer, recipients, archive, copies, doc_key, taken_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    placed.year,
                    placed.series,
                    number,
                    row.symbol,
                    row.date,
                    row.doc_type,
                    row.summary,
                    row.signer,
                    row.recipients.join("\n"),
                    row.archive,
                    row.copies,
                    entry.key,
                    taken_at
                ],
            )
            .map_err(|e| self.unique_error(e, &row.symbol, number, placed.year))?;
        Ok(Entry { number, ..row })
    }

    /// Checks a number the document already carries (given by its workbook): taken in
    /// that year and series by another document is an error naming both. A number the
    /// register holds for this same document (its key) is fine. Nothing is recorded.
    pub fn check_given(&self, entry: &NewEntry, number: i64) -> Result<(), RegisterError> {
        let placed = self.place(entry)?;
        let taken: Option<Entry> = self
            .tx
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM entry WHERE year = ?1 AND series = ?2 AND number = ?3"
                ),
                params![placed.year, placed.series, number],
                entry_of_row,
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let Some(taken) = taken else {
            return Ok(());
        };
        if entry.key.is_some() && taken.key == entry.key {
            return Ok(());
        }
        let this = format!(
            "{}/{} {}",
            rules::number_text(number),
            entry.symbol,
            self.row_of(entry, &placed).type_and_summary()
        );
        let other = format!("{} {}", taken.reference(), taken.type_and_summary());
        let date = taken.date_vi();
        let series = rules::series_label(&placed.series);
        let year = placed.year;
        Err(self.rule(tr!(
            "số {n} của năm {year} ({s}) đã cấp cho văn bản khác: văn bản này là \"{this}\", số \
             đó đã cấp cho \"{other}\" ngày {date}; để trống số để sổ cấp số mới",
            "number {n} of {year} ({s}) was issued to another document: this document is \
             \"{this}\", that number was issued to \"{other}\" dated {date}; leave the number \
             blank for the register to issue one";
            n = Text::same(rules::number_text(number)),
            s = series
        )))
    }

    /// The register row a document makes (number filled in by the caller).
    fn row_of(&self, entry: &NewEntry, placed: &Placed) -> Entry {
        Entry {
            year: placed.year,
            series: placed.series.clone(),
            number: 0,
            symbol: entry.symbol.trim().to_string(),
            date: placed.date.format("%Y-%m-%d").to_string(),
            doc_type: rules::type_label(&entry.doc_type),
            summary: entry.summary.trim().to_string(),
            signer: entry.signer.trim().to_string(),
            recipients: entry
                .recipients
                .iter()
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect(),
            archive: entry.archive.trim().to_string(),
            copies: entry.copies,
            note: String::new(),
            cancelled: None,
            key: entry.key.clone(),
        }
    }

    /// A uniqueness failure said as the rule it is (number + ký hiệu unique in the year).
    fn unique_error(
        &self,
        e: rusqlite::Error,
        symbol: &str,
        number: i64,
        year: i32,
    ) -> RegisterError {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
            let r = format!("{}/{symbol}", rules::number_text(number));
            return self.rule(tr!(
                "số và ký hiệu {r} đã có trong năm {year}; số và ký hiệu là duy nhất trong năm",
                "{r} already exists in {year}; a number and ký hiệu are unique within the year"
            ));
        }
        self.sql(e)
    }

    /// Makes what was issued permanent. The test hook [`TEST_PAUSE_ENV`] waits here.
    pub fn commit(self) -> Result<(), RegisterError> {
        if let Some(ms) = std::env::var(TEST_PAUSE_ENV)
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
        {
            eprintln!("register: pausing");
            std::thread::sleep(Duration::from_millis(ms));
        }
        let path = self.path.clone();
        self.tx
            .commit()
            .map_err(|e| RegisterError::sqlite(&path, &e))
    }
}
