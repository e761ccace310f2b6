//! Stack high-water measurement, built only with `--features stack_probe` (benchmarks,
//! never a release): at start the free stack is painted with a pattern; the measurement
//! instruction reports how deep the stack has ever reached since (the lowest address
//! whose pattern was overwritten).
//!
//! APDU: `55 F0 00 00 00` → `stack_size (u32 BE) | high_water (u32 BE)`, in bytes.

/// Instruction byte of the measurement (outside the Cosmos protocol's range).
pub const INS_STACK_PROBE: u8 = 0xF0;

const PATTERN: u8 = 0x5A;
/// Bytes below the current stack pointer left unpainted (the painting loop's own frame).
const RED_ZONE: usize = 256;

extern "C" {
    // Bounds of the stack region, from the SDK's link script.
    static _stack: u8;
    static _estack: u8;
}

fn bounds() -> (usize, usize) {
    // Only the addresses of the linker symbols are taken, never their contents.
    (core::ptr::addr_of!(_stack) as usize, core::ptr::addr_of!(_estack) as usize)
}

fn stack_pointer() -> usize {
    let sp: usize;
    // SAFETY: reads the stack pointer register.
    unsafe { core::arch::asm!("mov {}, sp", out(reg) sp) };
    sp
}

/// Paints the free stack below the current frame. Call first thing in `sample_main`.
#[inline(never)]
pub fn paint() {
    let (bottom, _) = bounds();
    let top = stack_pointer().saturating_sub(RED_ZONE);
    let mut at = bottom;
    while at < top {
        // SAFETY: `bottom..top` is the unused part of the app's stack region, below
        // the live frames.
        unsafe { core::ptr::write_volatile(at as *mut u8, PATTERN) };
        at = at.saturating_add(1);
    }
}

/// `(stack size, deepest use)` in bytes.
pub fn measure() -> (u32, u32) {
    let (bottom, top) = bounds();
    let mut at = bottom;
    // SAFETY: reads inside the stack region.
    while at < top && unsafe { core::ptr::read_volatile(at as *const u8) } == PATTERN {
        at = at.saturating_add(1);
    }
    let size = u32::try_from(top.saturating_sub(bottom)).unwrap_or(u32::MAX);
    let used = u32::try_from(top.saturating_sub(at)).unwrap_or(u32::MAX);
    (size, used)
}

/// The reply data of the measurement instruction.
pub fn reply() -> [u8; 8] {
    let (size, used) = measure();
    let mut out = [0u8; 8];
    for (dst, src) in out.iter_mut().zip(size.to_be_bytes().iter().chain(used.to_be_bytes().iter()))
    {
        *dst = *src;
    }
    out
}
