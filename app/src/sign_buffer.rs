//! Where SIGN chunks collect: a fixed region of the app's flash.
//!
//! RAM is the scarce resource (the Nano X gives the app about 30 KiB for everything),
//! flash is not, and the secure element maps flash into the address space, so the core
//! decodes the document in place. The same buffer serves all five devices: one code
//! path, one limit, measured in Speculos on each. Only the length lives in RAM; stale
//! bytes beyond it are never read.
//!
//! Placement: the region is a zero-filled block in `.rodata`, i.e. in the app's first
//! flash segment, which the OS lets the app rewrite with `nvm_write` (the SDK itself
//! rewrites `.rodata` pages when it applies relocations). It is not in `.nvm_data` on
//! purpose: Speculos (0.27.1 and its current master) maps only the segment holding
//! `.text` plus one 4 KiB page, so a larger `.nvm_data` faults in the emulator at start
//! (measured: 16 KiB there exits the app before the home screen). The region is
//! declared in assembly and reached through an `extern` static, so the compiler knows
//! nothing of its contents and every read is a real load from flash.

use milkyway_core::session::SignBuffer;

/// Largest sign document accepted (the issue asks for at least 16 KiB everywhere).
pub const CAPACITY: usize = 32 * 1024;

// 512-byte alignment: whole flash pages on every device (256 B on Nano X, 512 B on the
// others), so rewriting the buffer never touches a page shared with other data.
core::arch::global_asm!(
    ".section .rodata.milkyway_sign_bytes,\"a\",%progbits",
    ".balign 512",
    ".global MILKYWAY_SIGN_BYTES",
    "MILKYWAY_SIGN_BYTES:",
    ".zero {capacity}",
    ".balign 512",
    ".previous",
    capacity = const CAPACITY,
);

extern "C" {
    static MILKYWAY_SIGN_BYTES: [u8; CAPACITY];
}

fn region() -> &'static [u8; CAPACITY] {
    // SAFETY: the symbol is the CAPACITY-byte block above. Writes go through `nvm_write`
    // in `append` only, and no reference returned here is kept across an `append`.
    unsafe { &*core::ptr::addr_of!(MILKYWAY_SIGN_BYTES) }
}

/// The flash-backed sign buffer.
pub struct FlashBuffer {
    len: usize,
}

impl FlashBuffer {
    pub const fn new() -> Self {
        FlashBuffer { len: 0 }
    }
}

impl SignBuffer for FlashBuffer {
    fn capacity(&self) -> usize {
        CAPACITY
    }

    fn bytes(&self) -> &[u8] {
        region().get(..self.len).unwrap_or(&[])
    }

    fn clear(&mut self) {
        self.len = 0;
    }

    fn append(&mut self, data: &[u8]) -> Result<(), ()> {
        let end = self.len.checked_add(data.len()).ok_or(())?;
        if end > CAPACITY {
            return Err(());
        }
        if data.is_empty() {
            return Ok(());
        }
        let dst = region().get(self.len..end).ok_or(())?.as_ptr();
        let len = u32::try_from(data.len()).map_err(|_| ())?;
        // SAFETY: `dst..dst+len` lies inside SIGN_BYTES (checked above), which is in the
        // app's own `.nvm_data` flash section; `nvm_write` copies `len` bytes from `data`.
        unsafe {
            ledger_secure_sdk_sys::nvm_write(
                dst as *mut core::ffi::c_void,
                data.as_ptr() as *mut core::ffi::c_void,
                len,
            );
        }
        self.len = end;
        Ok(())
    }
}
