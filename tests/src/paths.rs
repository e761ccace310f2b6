//! Where things are: the repository, the app's Cargo.toml and ELFs, the cargo target dir,
//! the setup's cache, the golden snapshots.

use std::path::PathBuf;

use crate::device::Device;

/// The repository root (the directory that holds `app/`, `tests/`, `Cargo.toml`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// The host workspace's cargo target directory (`$CARGO_TARGET_DIR` or `<repo>/target`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => {
            let d = PathBuf::from(d);
            if d.is_absolute() {
                d
            } else {
                repo_root().join(d)
            }
        }
        None => repo_root().join("target"),
    }
}

/// The release ELF of the device app for `device`, as scripts/build-app.sh leaves it.
/// `$MILKYWAY_APP_DIR` overrides the app directory (default `<repo>/app`).
pub fn app_elf(device: Device) -> PathBuf {
    let app_dir = std::env::var_os("MILKYWAY_APP_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("app"));
    app_dir.join("target").join(device.target()).join("release").join("milkyway-ledger-app")
}

/// The setup's cache (`$MILKYWAY_CACHE` or `~/.cache/milkyway-ledger`): Speculos' virtualenv.
pub fn cache_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("MILKYWAY_CACHE") {
        return PathBuf::from(d);
    }
    let home =
        std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/root"));
    home.join(".cache").join("milkyway-ledger")
}

/// Golden snapshots, reviewed and committed: `tests/snapshots/<model>/<test>/`.
pub fn snapshots_dir() -> PathBuf {
    repo_root().join("tests").join("snapshots")
}

/// Where a failing snapshot comparison writes what it saw: `tests/snapshots-tmp/` (gitignored).
pub fn snapshots_tmp_dir() -> PathBuf {
    repo_root().join("tests").join("snapshots-tmp")
}
