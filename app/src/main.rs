//! MilkyWay Ledger app: a thin device layer over `milkyway-core`.
//!
//! The core decodes every APDU header and payload and every sign document; this crate
//! only moves bytes between the SDK's I/O, the secure element's crypto and NBGL screens.

#![no_std]
#![no_main]
// Nothing the host sends may panic the device: no unwrap/expect/panic, no unchecked
// indexing or arithmetic (checked by `make test` with clippy on the device target).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]

mod crypto;
mod settings;
#[cfg(feature = "stack_probe")]
mod stack_probe;
mod handlers {
    pub mod address;
    pub mod sign;
    pub mod version;
}
mod ui {
    pub mod address;
    pub mod home;
    pub mod sign;
    pub mod status;
}

use core::mem::MaybeUninit;

use handlers::sign::After;
use ledger_device_sdk::io::{init_comm, ApduHeader, Reply};
use milkyway_core::apdu::{Instruction, StatusWord};
use milkyway_core::session::Refusal;
use milkyway_core::sign_flow::Kind;

ledger_device_sdk::set_panic!(ledger_device_sdk::exiting_panic);
ledger_device_sdk::define_comm!(COMM);

/// The typed instruction of an APDU header, decoded by the core's protocol rules.
pub enum Decoded {
    App(Instruction),
    /// Benchmark builds only: report the stack high-water mark.
    #[cfg(feature = "stack_probe")]
    StackProbe,
}

impl TryFrom<ApduHeader> for Decoded {
    type Error = Reply;

    fn try_from(h: ApduHeader) -> Result<Self, Reply> {
        #[cfg(feature = "stack_probe")]
        if h.cla == milkyway_core::apdu::CLA && h.ins == stack_probe::INS_STACK_PROBE {
            return Ok(Decoded::StackProbe);
        }
        Instruction::decode(h.cla, h.ins, h.p1, h.p2)
            .map(Decoded::App)
            .map_err(|sw| Reply(sw.code()))
    }
}

/// A handler's answer: reply data and a status word.
pub enum Outcome {
    Data(heapless::Vec<u8, 128>),
    Status(StatusWord),
    /// A refused request: its status word, and for 0x6984 the reason as reply data.
    Refused(Refusal),
}

/// The signing state, in a static rather than in `sample_main`'s frame: it lives for the
/// app's life, and `sample_main`'s frame would hold it (and the temporary it is built
/// in) under every review. Uninitialized (`.bss`: an app has no `.data`) until
/// `start_signer`.
static mut SIGNER: MaybeUninit<handlers::sign::Signer> = MaybeUninit::uninit();

/// Builds the signer in its own frame, popped before the APDU loop starts.
#[inline(never)]
fn start_signer() {
    // SAFETY: called once, before any use of SIGNER, in the app's single thread.
    unsafe { (*core::ptr::addr_of_mut!(SIGNER)).write(handlers::sign::Signer::take_once()) };
}

#[no_mangle]
extern "C" fn sample_main(_arg0: u32) {
    #[cfg(feature = "stack_probe")]
    stack_probe::paint();
    let comm = init_comm(&COMM);
    start_signer();
    let mut home = ui::home::home();
    home.show_and_return();
    ui::status::register_home(&mut home);
    loop {
        let command = comm.next_command();
        let decoded = command.decode::<Decoded>();
        let outcome = match decoded {
            Err(reply) => {
                let _ = command.reply(&[], reply);
                continue;
            }
            #[cfg(feature = "stack_probe")]
            Ok(Decoded::StackProbe) => {
                let mut data = heapless::Vec::new();
                let _ = data.extend_from_slice(&stack_probe::reply());
                Outcome::Data(data)
            }
            Ok(Decoded::App(Instruction::GetVersion)) => handlers::version::get_version(),
            Ok(Decoded::App(Instruction::GetAddress { show })) => {
                let data = command.get_data();
                let mut payload = heapless::Vec::<u8, 128>::new();
                if payload.extend_from_slice(data).is_err() {
                    let _ = command.reply(&[], Reply(StatusWord::WrongLength.code()));
                    continue;
                }
                let comm = command.into_comm();
                let (outcome, reviewed) = handlers::address::get_address(comm, &payload, show);
                // The status screen only follows a review that was shown: a request
                // refused before (bad path, prefix...) is answered and nothing is drawn.
                if reviewed {
                    let ok = matches!(outcome, Outcome::Data(_));
                    reply(comm, outcome);
                    ui::status::address(ok);
                    continue;
                }
                reply(comm, outcome);
                continue;
            }
            Ok(Decoded::App(Instruction::Sign { chunk, mode })) => {
                let policy = settings::policy();
                // The chunk is copied out of the APDU buffer: the review may take the
                // screen (and the I/O) before the chunk is answered.
                let mut data = [0u8; 255];
                let len = command.get_data().len();
                let Some(dst) = data.get_mut(..len) else {
                    let _ = command.reply(&[], Reply(StatusWord::WrongLength.code()));
                    continue;
                };
                dst.copy_from_slice(command.get_data());
                let comm = command.into_comm();
                // SAFETY: written by `start_signer` before the loop; this is the only
                // reference to it, in the app's single thread.
                let signer = unsafe { (*core::ptr::addr_of_mut!(SIGNER)).assume_init_mut() };
                let (outcome, after) =
                    signer.receive(comm, chunk, mode, data.get(..len).unwrap_or(&[]), policy);
                reply(comm, outcome);
                match after {
                    After::Done { kind: Kind::Transaction, signed } => {
                        ui::status::transaction(signed)
                    }
                    After::Done { kind: Kind::Message, signed } => ui::status::message(signed),
                    After::Refused => ui::status::refused(),
                    After::Nothing => {}
                }
                continue;
            }
        };
        reply(command.into_comm(), outcome);
    }
}

fn reply(comm: &mut ledger_device_sdk::io::Comm, outcome: Outcome) {
    let _ = match outcome {
        Outcome::Data(d) => comm.send(&d, Reply(StatusWord::Ok.code())),
        Outcome::Status(sw) => comm.send(&[], Reply(sw.code())),
        Outcome::Refused(r) if r.status == StatusWord::DataInvalid => {
            comm.send(r.reason.as_bytes(), Reply(r.status.code()))
        }
        Outcome::Refused(r) => comm.send(&[], Reply(r.status.code())),
    };
}
