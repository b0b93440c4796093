//! Any bytes as a Word document for `vanban import`: the reader, the recogniser and the
//! template writer must return a template folder's files or an error, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = vanban::import::make(data, "fuzz", &vanban::import::Options::default());
});
