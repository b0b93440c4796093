//! The integration tests, as ONE test binary: each module was a binary of its own, and
//! every binary linked typst and krilla again (on two cores, linking dominated the test
//! run). Tests drive the real `vanban` binary and read back what it writes; fixtures are
//! found from `CARGO_MANIFEST_DIR`, so no test depends on the current folder.

mod common;

mod authoring;
mod batch;
mod docx_schema;
mod errors;
mod family_circular;
mod family_minutes;
mod family_report;
mod fonts;
mod form_measure;
mod import;
mod manifest_places;
mod messages;
mod parity;
mod pdf_standard;
mod pipes;
mod real_workbooks;
mod register;
mod render_report;
mod safety;
mod serve;
mod toolkit;
mod truth;
mod widths;
