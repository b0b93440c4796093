//! The register's SQLite schema and its migrations.
//!
//! The version is SQLite's `user_version`; [`migrate`] brings an older file up to
//! [`VERSION`] inside one transaction when it is opened, and refuses a file made by a
//! newer vanban. `application_id` marks the file as a vanban register, so that another
//! SQLite database is not taken for one.
//!
//! The rules that must hold whatever program writes to the file live in the schema: a
//! number is unique in its year and series, number + ký hiệu is unique in its year, and
//! rows are never deleted and their number never changed (triggers).

use rusqlite::Connection;

/// "VBSO" — marks a vanban register (`PRAGMA application_id`).
pub const APPLICATION_ID: i32 = 0x5642_534f;

/// The schema version this vanban writes.
pub const VERSION: i32 = 1;

/// Each migration takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 → 1: settings and the entries.
    "CREATE TABLE setting (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE entry (
        id         INTEGER PRIMARY KEY,
        year       INTEGER NOT NULL,
        series     TEXT NOT NULL,
        number     INTEGER NOT NULL CHECK (number >= 1),
        symbol     TEXT NOT NULL,
        date       TEXT NOT NULL,
        doc_type   TEXT NOT NULL,
        summary    TEXT NOT NULL,
        signer     TEXT NOT NULL,
        recipients TEXT NOT NULL,
        archive    TEXT NOT NULL,
        copies     INTEGER,
        note       TEXT NOT NULL DEFAULT '',
        cancelled  TEXT,
        doc_key    TEXT,
        taken_at   TEXT NOT NULL,
        UNIQUE (year, series, number),
        UNIQUE (year, number, symbol)
    ) STRICT;
    CREATE INDEX entry_doc_key ON entry (doc_key) WHERE doc_key IS NOT NULL;
    CREATE TRIGGER entry_never_deleted BEFORE DELETE ON entry
    BEGIN
        SELECT RAISE(ABORT, 'a register entry is never deleted; cancel it instead');
    END;
    CREATE TRIGGER entry_number_fixed BEFORE UPDATE OF year, series, number ON entry
    BEGIN
        SELECT RAISE(ABORT, 'an issued number never changes');
    END;",
];

/// What the file is.
pub enum State {
    /// An empty database (a new file): `init` may make it a register.
    Empty,
    /// A register at this schema version.
    Register(i32),
    /// Some other SQLite database.
    Foreign,
}

pub fn state(conn: &Connection) -> rusqlite::Result<State> {
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok(if app == APPLICATION_ID {
        State::Register(version)
    } else if app == 0 && version == 0 && tables == 0 {
        State::Empty
    } else {
        State::Foreign
    })
}

/// Applies the migrations from `from` to [`VERSION`] in one immediate transaction
/// (re-reading the version inside it, in case another process migrated first).
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let from: i32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i32 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()
}
