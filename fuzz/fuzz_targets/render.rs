//! The full path: text → plan → DOCX and PDF. A plan that validates must
//! render; one that does not must be refused with Error::Invalid.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let Ok(parsed) = vanban::plaintext::parse(s) else { return };
    let plan = parsed.plan;
    let valid = !plan.validate().has_errors();
    match (plan.to_docx(), valid) {
        (Ok(_), true) | (Err(vanban::Error::Invalid(_)), false) => {}
        (r, _) => panic!("to_docx: valid={valid} gave {:?}", r.err()),
    }
    match (plan.to_pdf(), valid) {
        (Ok(_), true) | (Err(vanban::Error::Invalid(_)), false) => {}
        (r, _) => panic!("to_pdf: valid={valid} gave {:?}", r.err()),
    }
});
