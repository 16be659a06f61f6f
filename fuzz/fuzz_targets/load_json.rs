//! The JSON loader and validation: never panic; loaded plans round-trip.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(plan) = vanban::Plan::from_json(s) {
        let _ = plan.validate();
        let back = vanban::Plan::from_json(&plan.to_json()).expect("to_json output loads");
        assert_eq!(back, plan);
    }
});
