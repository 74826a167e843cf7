//! Fuzz target: any bytes through the plan loader. A plan that loads must also save and load
//! again to the same plan (the writer and the reader agree on whatever the fuzzer finds).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(plan) = shiquan::io::load_bytes(data, "fuzz.ron") {
        let text = shiquan::io::to_text(&plan).expect("a loaded plan serialises");
        let again = shiquan::io::load_bytes(text.as_bytes(), "fuzz-again.ron")
            .expect("a saved plan loads");
        assert_eq!(again, plan, "save then load changed the plan");
    }
});
