//! The plain-text parser: never panics; what it reads round-trips.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(parsed) = vanban::plaintext::parse(s) {
        let _ = parsed.plan.validate();
        let text = parsed.plan.to_text();
        let back = vanban::Plan::from_text(&text).expect("to_text output parses");
        assert_eq!(back, parsed.plan, "round trip\n{text}");
    }
});
