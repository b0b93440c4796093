//! The store: drafts, the schema's own guards, keyed re-makes, rollbacks, migrations.

use super::*;

fn settings() -> Settings {
    Settings {
        agency: "CNĐP".into(),
        name: String::new(),
        parent: String::new(),
        series: SeriesRule::Shared,
    }
}

fn report(date: &str) -> NewEntry {
    NewEntry {
        doc_type: "Báo cáo".into(),
        symbol: "BC-CNĐP".into(),
        date: parse_date(date),
        summary: "Tình hình".into(),
        signer: "Nguyễn Văn A".into(),
        ..NewEntry::default()
    }
}

#[test]
fn a_draft_never_takes_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut reg = Register::init(&dir.path().join("r.sqlite"), settings()).unwrap();
    let e = reg
        .take(&NewEntry {
            draft: true,
            ..report("2025-01-02")
        })
        .unwrap_err();
    assert_eq!(e.kind, Kind::Rule);
    assert!(
        e.message.vi.contains("dự thảo không được lấy số"),
        "{}",
        e.message.vi
    );
    assert!(
        e.message.en.contains("a draft never takes a number"),
        "{}",
        e.message.en
    );
    assert!(reg.list(None).unwrap().is_empty());
    assert_eq!(
        reg.take(&report("2025-01-02")).unwrap().reference(),
        "01/BC-CNĐP"
    );
}

#[test]
fn the_file_itself_refuses_to_delete_or_renumber() {
    let dir = tempfile::tempdir().unwrap();
    let mut reg = Register::init(&dir.path().join("r.sqlite"), settings()).unwrap();
    reg.take(&report("2025-01-02")).unwrap();
    let del = reg.conn.execute("DELETE FROM entry", []).unwrap_err();
    assert!(del.to_string().contains("never deleted"), "{del}");
    let upd = reg
        .conn
        .execute("UPDATE entry SET number = 5", [])
        .unwrap_err();
    assert!(upd.to_string().contains("never changes"), "{upd}");
    // The same number twice in a year and series is refused by the schema too.
    let dup = reg.conn.execute(
        "INSERT INTO entry (year, series, number, symbol, date, doc_type, summary, signer, \
         recipients, archive, taken_at) VALUES (2025, '', 1, 'X-CNĐP', '2025-01-03', '', '', \
         '', '', '', '')",
        [],
    );
    assert!(dup.is_err());
    assert_eq!(reg.list(None).unwrap().len(), 1);
}

#[test]
fn a_document_made_again_keeps_its_number_and_a_rollback_takes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut reg = Register::init(&dir.path().join("r.sqlite"), settings()).unwrap();
    let keyed = NewEntry {
        key: Some("doc-a".into()),
        ..report("2025-02-02")
    };
    assert_eq!(reg.take(&keyed).unwrap().number, 1);
    assert_eq!(reg.take(&report("2025-02-03")).unwrap().number, 2);
    let again = NewEntry {
        summary: "Tình hình (sửa)".into(),
        ..keyed.clone()
    };
    assert_eq!(reg.take(&again).unwrap().number, 1);
    assert_eq!(reg.list(None).unwrap()[0].summary, "Tình hình (sửa)");
    {
        let mut t = reg.begin().unwrap();
        assert_eq!(t.issue(&report("2025-02-04")).unwrap().number, 3);
        // dropped without commit
    }
    assert_eq!(reg.take(&report("2025-02-05")).unwrap().number, 3);
    // Cancelled, the key no longer holds the number: made again, it takes a new one.
    reg.cancel(2025, 1, None, "Thu hồi").unwrap();
    assert_eq!(reg.take(&keyed).unwrap().number, 4);
}

#[test]
fn schema_versions_are_migrated_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A register file of version 0 (marked as a register, no tables yet) is brought up
    // to the current schema when opened.
    let old = dir.path().join("old.sqlite");
    {
        let c = Connection::open(&old).unwrap();
        c.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .unwrap();
    }
    let reg = Register::open(&old).unwrap();
    let version: i32 = reg
        .conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::VERSION);
    assert!(reg.list(None).unwrap().is_empty());
    // A newer one is refused, naming both versions.
    let newer = dir.path().join("newer.sqlite");
    Register::init(&newer, settings()).unwrap();
    {
        let c = Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", schema::VERSION + 1)
            .unwrap();
    }
    let e = Register::open(&newer).unwrap_err();
    assert!(
        e.message.en.contains("made by a newer vanban (schema 2"),
        "{}",
        e.message.en
    );
    assert!(
        e.message.vi.contains("phiên bản vanban mới hơn"),
        "{}",
        e.message.vi
    );
}
