//! Golden snapshots of flows: the text of every screen and its PNG, compared against the
//! reviewed files under `tests/snapshots/<model>/<test>/`.
//!
//! - Normal run: a difference (or a missing golden) fails, and what was seen is written to
//!   `tests/snapshots-tmp/<model>/<test>/` (gitignored) for a look.
//! - `GOLDEN=1`: the golden files are (re)written from this run instead. Review them
//!   (`git diff`, an image viewer) before committing.
//!
//! Files: `screens.txt` (numbered screens, one text line per line) and `00000.png`,
//! `00001.png`… (one per screen). Images are compared pixel by pixel after decoding, so a
//! different PNG encoder does not matter, a different pixel does.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use crate::device::Device;
use crate::nav::Flow;
use crate::{paths, Error, Result};

/// Whether this run records golden snapshots (`GOLDEN=1`).
pub fn golden_mode() -> bool {
    std::env::var("GOLDEN").map(|v| v == "1" || v.eq_ignore_ascii_case("true")).unwrap_or(false)
}

/// Compares `flow` with the golden snapshot `tests/snapshots/<model>/<test>/`, or records it
/// with `GOLDEN=1`.
pub fn check(device: Device, test: &str, flow: &Flow) -> Result<()> {
    check_in(
        &paths::snapshots_dir(),
        &paths::snapshots_tmp_dir(),
        device,
        test,
        flow,
        golden_mode(),
    )
}

/// [`check`] with explicit folders and mode (for the harness' own tests).
pub fn check_in(
    golden_root: &Path,
    tmp_root: &Path,
    device: Device,
    test: &str,
    flow: &Flow,
    record: bool,
) -> Result<()> {
    let golden = golden_root.join(device.model()).join(test);
    if record {
        write_flow(&golden, flow)?;
        eprintln!(
            "GOLDEN: recorded {} screens in {} — review before committing",
            flow.shots.len(),
            golden.display()
        );
        return Ok(());
    }
    let mut problems = Vec::new();
    match fs::read_to_string(golden.join("screens.txt")) {
        Err(_) => problems.push(format!(
            "no golden snapshot at {} (record it with GOLDEN=1, review, commit)",
            golden.display()
        )),
        Ok(expected) => {
            if expected != flow.text() {
                problems
                    .push(format!("screen text differs:\n{}", line_diff(&expected, &flow.text())));
            }
            let expected_pngs = png_files(&golden)?;
            let actual_pngs: Vec<&Vec<u8>> =
                flow.shots.iter().filter_map(|s| s.png.as_ref()).collect();
            if expected_pngs.len() != actual_pngs.len() {
                problems.push(format!(
                    "{} screenshots expected, {} taken",
                    expected_pngs.len(),
                    actual_pngs.len()
                ));
            }
            for (i, (path, actual)) in expected_pngs.iter().zip(actual_pngs).enumerate() {
                let expected = fs::read(path)?;
                if let Some(why) = image_difference(&expected, actual)? {
                    problems.push(format!("screenshot {i:05}.png differs: {why}"));
                }
            }
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let tmp = tmp_root.join(device.model()).join(test);
    write_flow(&tmp, flow)?;
    Err(Error::msg(format!(
        "{device} snapshot {test:?} does not match:\n- {}\nwhat this run saw is in {}; if the change is intended, \
         rerun with GOLDEN=1 to record it and review the new files",
        problems.join("\n- "),
        tmp.display()
    )))
}

/// Writes `screens.txt` and the PNGs of `flow` into `dir`, replacing what was there.
fn write_flow(dir: &Path, flow: &Flow) -> Result<()> {
    fs::create_dir_all(dir)?;
    for old in png_files(dir)? {
        fs::remove_file(old)?;
    }
    fs::write(dir.join("screens.txt"), flow.text())?;
    let mut n = 0;
    for shot in &flow.shots {
        if let Some(png) = &shot.png {
            fs::write(dir.join(format!("{n:05}.png")), png)?;
            n += 1;
        }
    }
    Ok(())
}

fn png_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries {
            let p = e?.path();
            if p.extension().is_some_and(|x| x == "png") {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Decodes a PNG to (width, height, RGBA8 pixels).
pub fn decode_png(png: &[u8]) -> Result<(u32, u32, Vec<u8>)> {
    let mut decoder = png::Decoder::new(Cursor::new(png));
    // Palette and low bit depths become 8-bit RGB(A); so equal pictures compare equal
    // whatever their encoding.
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| Error::msg(format!("bad PNG: {e}")))?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).map_err(|e| Error::msg(format!("bad PNG: {e}")))?;
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf.chunks(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        png::ColorType::GrayscaleAlpha => {
            buf.chunks(2).flat_map(|p| [p[0], p[0], p[0], p[1]]).collect()
        }
        png::ColorType::Indexed => return Err(Error::msg("PNG palette not expanded")),
    };
    Ok((info.width, info.height, rgba))
}

/// `None` when the two PNGs show the same pixels, else what differs.
pub fn image_difference(expected: &[u8], actual: &[u8]) -> Result<Option<String>> {
    let (ew, eh, e) = decode_png(expected)?;
    let (aw, ah, a) = decode_png(actual)?;
    if (ew, eh) != (aw, ah) {
        return Ok(Some(format!("size {ew}x{eh} expected, {aw}x{ah} seen")));
    }
    let differing = e.chunks(4).zip(a.chunks(4)).filter(|(x, y)| x != y).count();
    Ok(if differing == 0 {
        None
    } else {
        Some(format!("{differing} of {} pixels differ", ew * eh))
    })
}

/// A short line-by-line difference for error messages.
fn line_diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let mut out = Vec::new();
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i).copied(), a.get(i).copied());
        if x != y {
            out.push(format!(
                "  line {}: expected {:?}, seen {:?}",
                i + 1,
                x.unwrap_or("<none>"),
                y.unwrap_or("<none>")
            ));
        }
        if out.len() >= 12 {
            out.push("  …".to_string());
            break;
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nav::Shot;
    use crate::screen::{Screen, TextLine};

    fn png(w: u32, h: u32, pixel: [u8; 3]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            let mut writer = enc.write_header().unwrap();
            let data: Vec<u8> = (0..w * h).flat_map(|_| pixel).collect();
            writer.write_image_data(&data).unwrap();
        }
        out
    }

    fn flow(texts: &[&str], pixel: [u8; 3]) -> Flow {
        Flow {
            shots: texts
                .iter()
                .map(|t| Shot {
                    screen: Screen {
                        lines: vec![TextLine { text: t.to_string(), x: 0, y: 0, w: 0, h: 0 }],
                    },
                    png: Some(png(4, 3, pixel)),
                })
                .collect(),
        }
    }

    #[test]
    fn record_then_compare() {
        let root = std::env::temp_dir().join(format!("mw-snap-{}", std::process::id()));
        let (golden, tmp) = (root.join("golden"), root.join("tmp"));
        let f = flow(&["Review", "Sign transaction?"], [0, 0, 0]);

        // No golden yet: fails and writes what it saw.
        let err = check_in(&golden, &tmp, Device::Flex, "t", &f, false).unwrap_err().to_string();
        assert!(err.contains("no golden snapshot"), "{err}");
        assert!(tmp.join("flex/t/00001.png").exists());

        check_in(&golden, &tmp, Device::Flex, "t", &f, true).unwrap();
        assert_eq!(fs::read_to_string(golden.join("flex/t/screens.txt")).unwrap(), f.text());
        check_in(&golden, &tmp, Device::Flex, "t", &f, false).unwrap();

        // Text changes, pixel changes and screen count changes are caught.
        let err = check_in(
            &golden,
            &tmp,
            Device::Flex,
            "t",
            &flow(&["Review", "Sign tx?"], [0, 0, 0]),
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("screen text differs") && err.contains("Sign tx?"), "{err}");
        let err = check_in(
            &golden,
            &tmp,
            Device::Flex,
            "t",
            &flow(&["Review", "Sign transaction?"], [0, 0, 1]),
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("00000.png differs: 12 of 12 pixels differ"), "{err}");
        let err = check_in(&golden, &tmp, Device::Flex, "t", &flow(&["Review"], [0, 0, 0]), false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("2 screenshots expected, 1 taken"), "{err}");

        // Re-recording a shorter flow removes the stale PNGs.
        check_in(&golden, &tmp, Device::Flex, "t", &flow(&["Review"], [0, 0, 0]), true).unwrap();
        assert!(!golden.join("flex/t/00001.png").exists());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn same_pixels_in_other_encodings_are_equal() {
        let rgb = png(2, 2, [10, 20, 30]);
        let mut rgba = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut rgba, 2, 2);
            enc.set_color(png::ColorType::Rgba);
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&[10, 20, 30, 255].repeat(4)).unwrap();
        }
        assert_eq!(image_difference(&rgb, &rgba).unwrap(), None);
        assert!(image_difference(&rgb, &png(2, 3, [10, 20, 30]))
            .unwrap()
            .unwrap()
            .contains("size"));
        assert!(decode_png(b"not a png").is_err());
    }
}
