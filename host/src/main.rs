//! `milkyway-ledger`: see `milkyway-ledger --help`.

fn main() {
    std::process::exit(milkyway_ledger::cli::run(std::env::args_os()));
}
