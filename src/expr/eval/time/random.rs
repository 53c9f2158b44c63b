//! `java.util.Random`'s 48-bit linear congruential generator, bit for bit, so seeded
//! `new Random(42).nextInt(100)` gives what Java gives.

use std::cell::Cell;

use crate::expr::error::{EvalError, EvalResult};

/// Java's `Random` scrambling of a seed.
pub(super) fn scramble(seed: i64) -> i64 {
    (seed ^ 0x5_DEEC_E66D) & ((1 << 48) - 1)
}

pub(super) fn next_bits(state: &Cell<i64>, bits: u32) -> i32 {
    let next = (state.get().wrapping_mul(0x5_DEEC_E66D).wrapping_add(0xB)) & ((1 << 48) - 1);
    state.set(next);
    (next >> (48 - bits)) as i32
}

pub(super) fn next_int(state: &Cell<i64>, bound: i32) -> i32 {
    if bound & (-bound) == bound {
        return ((i64::from(bound) * i64::from(next_bits(state, 31))) >> 31) as i32;
    }
    loop {
        let bits = next_bits(state, 31);
        let value = bits % bound;
        if bits.wrapping_sub(value).wrapping_add(bound - 1) >= 0 {
            return value;
        }
    }
}

/// `Math.random()`: a double in [0, 1) from the evaluator's seed.
pub(crate) fn math_random(seed: Option<u64>) -> EvalResult<f64> {
    let seed = seed.ok_or_else(|| {
        EvalError::eval("Math.random(): no random seed was given to the expression evaluator")
    })?;
    let state = Cell::new(scramble(seed.cast_signed()));
    let high = i64::from(next_bits(&state, 26));
    let low = i64::from(next_bits(&state, 27));
    #[allow(clippy::cast_precision_loss)]
    Ok(((high << 27) + low) as f64 * (1.0 / (1_i64 << 53) as f64))
}
