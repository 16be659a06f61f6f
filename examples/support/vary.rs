//! Plans that differ from one timing iteration to the next (issue 14): each
//! variant has its own number and one paragraph changed, so no cache —
//! ours, krilla's, the allocator's — can serve a repeated input.

use vanban::text::Text;
use vanban::Plan;

/// `n` variants of `plan`: variant `i` has number `i + 1` (a draft keeps its
/// blank number) and ` (bản i)` added to its first preamble paragraph (or to
/// its title when it has no preamble).
#[allow(dead_code)]
pub fn variants(plan: &Plan, n: usize) -> Vec<Plan> {
    (0..n)
        .map(|i| {
            let mut p = plan.clone();
            if p.number.is_some() {
                p.number = Some(i as u32 + 1);
            }
            let target = match p.preamble.first_mut() {
                Some(t) => t,
                None => &mut p.title,
            };
            *target = Text::markup(&format!("{} (bản {i})", target.to_markup()));
            p
        })
        .collect()
}

/// Cycles through the variants: a different plan every call.
#[allow(dead_code)]
pub struct Cycle<'a> {
    plans: &'a [Plan],
    next: usize,
}

#[allow(dead_code)]
impl<'a> Cycle<'a> {
    pub fn new(plans: &'a [Plan]) -> Cycle<'a> {
        Cycle { plans, next: 0 }
    }
    pub fn next_plan(&mut self) -> &'a Plan {
        let p = &self.plans[self.next % self.plans.len()];
        self.next += 1;
        p
    }
}
