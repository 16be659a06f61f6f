//! The TOML loader and validation: never panic; loaded plans round-trip.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(plan) = vanban::Plan::from_toml(s) {
        let _ = plan.validate();
        let back = vanban::Plan::from_toml(&plan.to_toml()).expect("to_toml output loads");
        assert_eq!(back, plan);
    }
});
