//! Flash and RAM of an app ELF, read with llvm-size and llvm-nm (on PATH after
//! scripts/env.sh, from the Debian llvm package).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

/// The sections that go to flash: code, read-only data (with the sign buffer),
/// relocations applied at start, and the app's NVM data (settings).
pub const FLASH_SECTIONS: [&str; 4] = [".text", ".rodata", ".rel_flash", ".nvm_data"];

/// Flash and RAM of one ELF, in bytes.
#[derive(Clone, Debug)]
pub struct Sizes {
    /// Size of every allocated section (llvm-size -A).
    pub sections: BTreeMap<String, u64>,
    /// Sum of [`FLASH_SECTIONS`].
    pub flash: u64,
    /// From the first flash section's start to the last one's end (alignment padding
    /// between sections included).
    pub flash_span: u64,
    /// The heap: the SDK's `HEAP_MEM` array inside `.bss`.
    pub heap: u64,
    /// `.bss` without the heap.
    pub bss: u64,
    /// `.data`.
    pub data: u64,
    /// `_estack - _stack`.
    pub stack: u64,
    /// `MILKYWAY_SIGN_BYTES` is in `.rodata`.
    pub sign_buffer_in_rodata: bool,
}

impl Sizes {
    pub fn ram(&self) -> u64 {
        self.bss + self.heap + self.data + self.stack
    }

    pub fn to_json(&self) -> Value {
        json!({
            "sections": self.sections,
            "flash_bytes": self.flash,
            "flash_span_bytes": self.flash_span,
            "bss_bytes": self.bss,
            "heap_bytes": self.heap,
            "data_bytes": self.data,
            "stack_reserve_bytes": self.stack,
            "ram_bytes": self.ram(),
            "sign_buffer_in_rodata": self.sign_buffer_in_rodata,
        })
    }
}

fn run(tool: &str, args: &[&str], elf: &Path) -> Result<String, String> {
    let out = Command::new(tool).args(args).arg(elf).output().map_err(|e| {
        format!("cannot run {tool} ({e}): it comes with the llvm package (make setup)")
    })?;
    if !out.status.success() {
        return Err(format!(
            "{tool} {} {}: {}",
            args.join(" "),
            elf.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Size and address of every section of `elf` whose name starts with a dot.
pub fn sections(elf: &Path) -> Result<BTreeMap<String, (u64, u64)>, String> {
    let mut out = BTreeMap::new();
    for line in run("llvm-size", &["-A", "-d"], elf)?.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if let [name, size, addr] = f[..] {
            if let (Ok(size), Ok(addr)) = (size.parse::<u64>(), addr.parse::<u64>()) {
                if name.starts_with('.') {
                    out.insert(name.to_string(), (size, addr));
                }
            }
        }
    }
    Ok(out)
}

/// Reads the sizes of `elf`.
pub fn sizes(elf: &Path) -> Result<Sizes, String> {
    // llvm-size -A -d: "section size addr" lines.
    let mut sections = BTreeMap::new();
    let mut addrs = BTreeMap::new();
    for line in run("llvm-size", &["-A", "-d"], elf)?.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if let [name, size, addr] = f[..] {
            if let (Ok(size), Ok(addr)) = (size.parse::<u64>(), addr.parse::<u64>()) {
                if name.starts_with('.') {
                    sections.insert(name.to_string(), size);
                    addrs.insert(name.to_string(), addr);
                }
            }
        }
    }
    let get = |n: &str| sections.get(n).copied().unwrap_or(0);
    let flash = FLASH_SECTIONS.iter().map(|s| get(s)).sum();
    let present: Vec<&str> = FLASH_SECTIONS.iter().copied().filter(|s| get(s) > 0).collect();
    let start = present.iter().map(|s| addrs[*s]).min().unwrap_or(0);
    let end = present.iter().map(|s| addrs[*s] + get(s)).max().unwrap_or(0);

    // llvm-nm -S: "addr [size] type name".
    let mut syms: BTreeMap<String, (u64, Option<u64>)> = BTreeMap::new();
    for line in run("llvm-nm", &["-S"], elf)?.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let (addr, size, name) = match f[..] {
            [a, s, _t, n] => (a, Some(s), n),
            [a, _t, n] => (a, None, n),
            _ => continue,
        };
        let Ok(addr) = u64::from_str_radix(addr, 16) else {
            continue;
        };
        let size = size.and_then(|s| u64::from_str_radix(s, 16).ok());
        syms.insert(name.to_string(), (addr, size));
    }
    let sym = |n: &str| {
        syms.get(n).map(|s| s.0).ok_or_else(|| format!("{}: no symbol {n}", elf.display()))
    };
    let stack = sym("_estack")? - sym("_stack")?;
    let bss_total = sym("_ebss")? - sym("_bss")?;
    let heap = syms
        .iter()
        .find(|(n, _)| n.contains("HEAP_MEM"))
        .and_then(|(_, s)| s.1)
        .ok_or_else(|| format!("{}: no HEAP_MEM symbol with a size", elf.display()))?;
    let sign_buffer_in_rodata = match (syms.get("MILKYWAY_SIGN_BYTES"), addrs.get(".rodata")) {
        (Some((a, _)), Some(r)) => *a >= *r && *a < r + get(".rodata"),
        _ => false,
    };
    Ok(Sizes {
        flash,
        flash_span: end.saturating_sub(start),
        heap,
        bss: bss_total.saturating_sub(heap),
        data: get(".data"),
        stack,
        sign_buffer_in_rodata,
        sections,
    })
}
