//! Any text as a template body: Handlebars, the Markdown reader and the document model must
//! return a document or an error, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        vanban::workbook::fuzzing::template_body(text);
    }
});
