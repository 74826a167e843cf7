//! Fuzz target: any bytes through the list importer, read both as a CSV list and as a workbook
//! (calamine picks XLSX, XLS, XLSB or ODS by the bytes), with and without skipping bad rows.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shiquan::io::import::{ImportOptions, ListFormat, read_list_bytes};

fuzz_target!(|data: &[u8]| {
    for skip_bad_rows in [false, true] {
        let options = ImportOptions {
            sheet: None,
            skip_bad_rows,
        };
        let _ = read_list_bytes(data, "fuzz.csv", ListFormat::Csv, &options);
        let _ = read_list_bytes(data, "fuzz.xlsx", ListFormat::Xlsx, &options);
    }
});
