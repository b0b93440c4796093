//! Any bytes as a workbook (the first byte picks .xlsx, .xls, .ods or .xlsb): the reader must
//! return a Dataset or an error, never panic or abort.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    vanban::workbook::fuzzing::read_workbook(data);
});
