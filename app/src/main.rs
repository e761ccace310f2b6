#![no_std]
#![no_main]

use ledger_device_sdk::io::{init_comm, ApduHeader, Reply};
use ledger_device_sdk::nbgl::{NbglGlyph, NbglHomeAndSettings};
use ledger_device_sdk::include_gif;

ledger_device_sdk::set_panic!(ledger_device_sdk::exiting_panic);
ledger_device_sdk::define_comm!(COMM);

enum Instruction { GetVersion }

impl TryFrom<ApduHeader> for Instruction {
    type Error = Reply;
    fn try_from(h: ApduHeader) -> Result<Self, Reply> {
        match h.ins { 0 => Ok(Instruction::GetVersion), _ => Err(Reply(0x6D00)) }
    }
}

#[cfg(target_os = "apex_p")]
const ICON: NbglGlyph = NbglGlyph::from_include(include_gif!("../icons/milkyway_48x48.png", NBGL));
#[cfg(any(target_os = "stax", target_os = "flex"))]
const ICON: NbglGlyph = NbglGlyph::from_include(include_gif!("../icons/milkyway_64x64.gif", NBGL));
#[cfg(any(target_os = "nanosplus", target_os = "nanox"))]
const ICON: NbglGlyph = NbglGlyph::from_include(include_gif!("../icons/milkyway_14x14.gif", NBGL));

#[no_mangle]
extern "C" fn sample_main(_arg0: u32) {
    let comm = init_comm(&COMM);
    comm.set_expected_cla(0x55);
    let mut home = NbglHomeAndSettings::new().glyph(&ICON).infos("MilkyWay", env!("CARGO_PKG_VERSION"), "MilkyWay");
    home.show_and_return();
    loop {
        let cmd = comm.next_command();
        match cmd.decode::<Instruction>() {
            Ok(Instruction::GetVersion) => { let _ = cmd.reply(&[0, 0, 1, 0, 0, 0, 0, 0, 0], Reply(0x9000)); }
            Err(sw) => { let _ = comm.send(&[], sw); }
        }
    }
}
