//! Fuzz target: the fast holdings reader against `ron` (issue 16). On any text, the fast reader
//! either declines or gives exactly the records `ron` reads from it; it never reads a plan that
//! `ron` refuses, nor reads one differently (a `holdings: [` line inside a raw string once
//! made it).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(fast) = shiquan::io::plan_file::fast_records::parse(text) {
        match shiquan::io::plan_file::parse_ron(text, "fuzz.ron") {
            Ok(full) => assert_eq!(fast, full, "the fast reader and ron read different records"),
            Err(e) => panic!("the fast reader read a text that ron refuses: {e}"),
        }
    }
});
