//! The stack high-water part of the report: its JSON (per device), the Markdown section
//! and the summary's stack cell, both written from that JSON, so that `--only stack` can
//! merge a new stack session into the report of the last full run.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use milkyway_e2e::Device;
use serde_json::{json, Value};

use crate::measure::{mode_label, Stack};
use crate::report::{loadavg, machine, STACK_TARGET_PERCENT};

/// The heading of the stack section (the merge finds the section by it).
pub const HEADING: &str = "## Stack high-water mark (stack_probe build)";
/// The summary table's stack column (the merge finds the column by it).
pub const SUMMARY_COLUMN: &str = "stack high-water (≤ 75 %)";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunKind {
    /// `make bench`: everything.
    Full,
    /// `bench --only stack`.
    StackOnly,
}

/// Which run measured the stack: when, at which commit, on what load.
#[derive(Clone, Debug)]
pub struct StackRun {
    pub kind: RunKind,
    pub machine: Value,
    pub jobs: usize,
    pub load_start: String,
    pub load_end: String,
    pub took: Duration,
}

impl StackRun {
    pub fn now(kind: RunKind, jobs: usize, load_start: &str, took: Duration) -> StackRun {
        StackRun {
            kind,
            machine: machine(),
            jobs,
            load_start: load_start.to_string(),
            load_end: loadavg(),
            took,
        }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "kind": match self.kind {
                RunKind::Full => "make bench (full run)",
                RunKind::StackOnly => "bench --only stack",
            },
            "date": self.machine["date"],
            "commit": self.machine["commit"],
            "uncommitted_changes": self.machine["uncommitted_changes"],
            "jobs": self.jobs,
            "seconds": self.took.as_secs_f64(),
            "loadavg_start": self.load_start,
            "loadavg_end": self.load_end,
        })
    }
}

/// One device's `stack` object.
pub fn to_json(stack: &Result<Stack, String>, probe_elf: &Path, run: &StackRun) -> Value {
    match stack {
        Err(e) => {
            json!({"error": e, "probe_elf": probe_elf.to_string_lossy(), "run": run.to_json()})
        }
        Ok(st) => json!({
            "size_bytes": st.size,
            "fresh_app_per_step": true,
            "steps": st.steps.iter().map(|s| json!({
                "step": s.what,
                "mode": s.doc.as_ref().map(|d| mode_label(d.mode)),
                "sign_doc_bytes": s.doc.as_ref().map(|d| d.bytes),
                "screens": s.doc.as_ref().map(|d| d.screens),
                "high_water_bytes": s.high_water,
                "percent": 100.0 * s.high_water as f64 / st.size.max(1) as f64,
            })).collect::<Vec<_>>(),
            "high_water_bytes": st.high_water(),
            "high_water_percent": st.percent(),
            "target_percent": STACK_TARGET_PERCENT,
            "target_met": st.percent() <= STACK_TARGET_PERCENT,
            "probe_elf": probe_elf.to_string_lossy(),
            "run": run.to_json(),
        }),
    }
}

fn ok(met: bool) -> &'static str {
    if met {
        "yes"
    } else {
        "**NO**"
    }
}

/// `(high-water, size)` of a device's `stack` object, if it has them.
fn figures(stack: &Value) -> Option<(u64, u64)> {
    Some((stack["high_water_bytes"].as_u64()?, stack["size_bytes"].as_u64()?))
}

fn percent(hw: u64, size: u64) -> f64 {
    100.0 * hw as f64 / size.max(1) as f64
}

/// The summary table's stack cell.
pub fn summary_cell(stack: &Value) -> String {
    match figures(stack) {
        Some((hw, size)) => {
            let p = percent(hw, size);
            format!("{hw} of {size} bytes = {p:.0} %: {}", ok(p <= STACK_TARGET_PERCENT))
        }
        None => "not measured (see below)".into(),
    }
}

/// One step read back from the JSON: what, mode, sign doc bytes, screens, high-water.
type StepRow = (String, String, Option<u64>, Option<u64>, u64);

/// The steps of a `stack` object. An object of the first report's format (`marks`,
/// cumulative) reads as steps without documents.
fn steps(stack: &Value) -> Vec<StepRow> {
    if let Some(steps) = stack["steps"].as_array() {
        return steps
            .iter()
            .map(|s| {
                (
                    s["step"].as_str().unwrap_or("").to_string(),
                    s["mode"].as_str().unwrap_or("").to_string(),
                    s["sign_doc_bytes"].as_u64(),
                    s["screens"].as_u64(),
                    s["high_water_bytes"].as_u64().unwrap_or(0),
                )
            })
            .collect();
    }
    stack["marks"]
        .as_array()
        .map(|marks| {
            marks
                .iter()
                .map(|m| {
                    (
                        format!("{} (earlier run, cumulative)", m["after"].as_str().unwrap_or("")),
                        String::new(),
                        None,
                        None,
                        m["high_water_bytes"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A sentence naming the run: kind, date, commit, uncommitted changes, load.
fn describe_run(run: &Value) -> String {
    let files: Vec<&str> = run["uncommitted_changes"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f.as_str()).collect())
        .unwrap_or_default();
    let commit = run["commit"].as_str().unwrap_or("");
    format!(
        "`{}` of {}, commit `{}`{}, {} device(s) at a time, {:.1} min, load average (1, 5, 15 min) {} at the start, {} at the end",
        run["kind"].as_str().unwrap_or("?"),
        run["date"].as_str().unwrap_or("?"),
        commit.get(..12).unwrap_or(commit),
        if files.is_empty() {
            String::new()
        } else {
            format!(" (with uncommitted changes to {})", files.join(", "))
        },
        run["jobs"],
        run["seconds"].as_f64().unwrap_or(0.0) / 60.0,
        run["loadavg_start"].as_str().unwrap_or("?"),
        run["loadavg_end"].as_str().unwrap_or("?"),
    )
}

/// The Markdown stack section, from the report JSON's `devices` (each with `device` and
/// `stack`). Ends with an empty line.
pub fn section(devices: &[Value]) -> String {
    let mut o = String::new();
    let w = &mut o;
    writeln!(w, "{HEADING}").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "The `stack_probe` build (`cargo build --profile probe --features stack_probe`: the \
         release settings plus the probe) paints the free stack at start; APDU `55 F0 00 00 00` \
         answers the stack size and the deepest use since start. Each step runs in a freshly \
         started app (painted anew): idle is the app started and the address read; every \
         other step signs one document with the review approved automatically (walked to the \
         end, then approved) and the signature verified, and the mark is read after it, so \
         each cell is that document's own deepest use (app start, review, NBGL drawing and \
         signing included), in bytes and in % of the device's stack. The high-water mark is \
         the largest of them."
    )
    .unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "The documents: restake-1 in each mode; the largest documents (32 KiB, the sign \
         buffer full with a memo, the longest the app takes: some 30 screens in Amino JSON, \
         where each memo character is six sign bytes, and some 165 in DIRECT); and the most \
         deeply nested documents the core accepts, as stack depth follows nesting, not size. \
         The core's decoders are iterative (the JSON parser keeps a fixed array of 24 \
         levels), but validating and rendering a message recurse once per authz `MsgExec` \
         level (at most 5 around a message, `milkyway_core::msg::MAX_NESTING`) and the \
         renderer recurses once per level of a contract message it shows leaf by leaf (at \
         most 16, `MAX_JSON_DEPTH`; an unknown contract's message is shown so, clear-signed \
         under \"Unverified contract call\", no blind signing or expert mode needed). The \
         innermost object holds three leaves, so that one of them completes a batch of three \
         screens, which the app hands to NBGL from inside the renderer at its deepest. A \
         DIRECT document reaches both limits at once; an Amino JSON document is one JSON \
         document of at most 24 levels (4 for the sign doc and envelope, 3 per `MsgExec`), \
         so it holds either the deepest contract message (16 levels, one `MsgExec`) or the \
         most `MsgExec` (5, a message of 5 levels). The number of messages does \
         not deepen the stack: they are walked one after the other."
    )
    .unwrap();
    writeln!(w).unwrap();

    let named: Vec<(&str, &Value)> = devices
        .iter()
        .filter_map(|d| Some((d["device"].as_str()?, &d["stack"])))
        .filter(|(_, s)| !s.is_null())
        .collect();
    if named.is_empty() {
        writeln!(w, "Not measured.").unwrap();
        writeln!(w).unwrap();
        return o;
    }

    // Which run measured each device.
    let mut runs: Vec<(String, Vec<&str>)> = Vec::new();
    for (d, s) in &named {
        let r = if s["run"].is_null() {
            "the full run described at the top".to_string()
        } else {
            describe_run(&s["run"])
        };
        match runs.iter_mut().find(|(x, _)| *x == r) {
            Some((_, ds)) => ds.push(d),
            None => runs.push((r, vec![d])),
        }
    }
    if runs.len() == 1 {
        writeln!(w, "Measured by {}.", runs[0].0).unwrap();
    } else {
        for (r, ds) in &runs {
            writeln!(w, "- {}: measured by {r}.", ds.join(", ")).unwrap();
        }
    }
    writeln!(w).unwrap();

    // Rows: every step of any device, in order of first appearance.
    let mut rows: Vec<(String, String, Option<u64>, Option<u64>)> = Vec::new();
    for (_, s) in &named {
        for (what, mode, bytes, screens, _) in steps(s) {
            if !rows.iter().any(|r| r.0 == what && r.1 == mode) {
                rows.push((what, mode, bytes, screens));
            }
        }
    }
    write!(w, "| step (each in a freshly started app) | mode | sign doc (bytes) | screens |")
        .unwrap();
    for (d, _) in &named {
        write!(w, " {d} |").unwrap();
    }
    writeln!(w).unwrap();
    writeln!(w, "|---|---|---:|---:|{}", "---:|".repeat(named.len())).unwrap();
    let dash = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
    for (what, mode, bytes, screens) in &rows {
        write!(
            w,
            "| {} | {} | {} | {} |",
            what,
            if mode.is_empty() { "–" } else { mode },
            dash(*bytes),
            dash(*screens)
        )
        .unwrap();
        for (_, s) in &named {
            let size = s["size_bytes"].as_u64().unwrap_or(0);
            let cell = steps(s)
                .into_iter()
                .find(|x| &x.0 == what && &x.1 == mode)
                .map(|x| format!("{} ({:.0} %)", x.4, percent(x.4, size)))
                .unwrap_or_else(|| "–".into());
            write!(w, " {cell} |").unwrap();
        }
        writeln!(w).unwrap();
    }
    write!(w, "| stack (bytes) | | | |").unwrap();
    for (_, s) in &named {
        write!(w, " {} |", dash(s["size_bytes"].as_u64())).unwrap();
    }
    writeln!(w).unwrap();
    write!(w, "| **high-water** | | | |").unwrap();
    for (_, s) in &named {
        match figures(s) {
            Some((hw, size)) => write!(w, " **{hw} ({:.0} %)** |", percent(hw, size)).unwrap(),
            None => write!(
                w,
                " not measured: {} |",
                s["error"].as_str().unwrap_or("no figures").replace('|', "/")
            )
            .unwrap(),
        }
    }
    writeln!(w).unwrap();
    write!(w, "| ≤ 75 % | | | |").unwrap();
    for (_, s) in &named {
        let cell = match figures(s) {
            Some((hw, size)) => ok(percent(hw, size) <= STACK_TARGET_PERCENT),
            None => "–",
        };
        write!(w, " {cell} |").unwrap();
    }
    writeln!(w).unwrap();
    writeln!(w).unwrap();
    o
}

/// Replaces the stack section of a report's Markdown (from [`HEADING`] to the next `## `
/// heading) and the stack cells of the summary table for the devices in `cells`.
pub fn merge_markdown(
    md: &str,
    section: &str,
    cells: &[(String, String)],
) -> Result<String, String> {
    let start = md
        .find(&format!("{HEADING}\n"))
        .ok_or_else(|| format!("the report has no \"{HEADING}\" section"))?;
    let after = start + HEADING.len() + 1;
    let end = md[after..].find("\n## ").map(|i| after + i + 1).unwrap_or(md.len());
    let mut out = String::with_capacity(md.len() + section.len());
    out.push_str(&md[..start]);
    out.push_str(section);
    out.push_str(&md[end..]);

    // The summary: the first table whose header has the stack column.
    let mut lines: Vec<String> = out.lines().map(str::to_string).collect();
    let cells_of = |l: &str| -> Vec<String> {
        l.trim().trim_matches('|').split('|').map(|c| c.trim().to_string()).collect()
    };
    let header = lines
        .iter()
        .position(|l| l.starts_with('|') && l.contains(SUMMARY_COLUMN))
        .ok_or("the report's summary has no stack column")?;
    let col = cells_of(&lines[header])
        .iter()
        .position(|c| c == SUMMARY_COLUMN)
        .ok_or("the report's summary has no stack column")?;
    let mut replaced = 0;
    for line in lines.iter_mut().skip(header + 2) {
        if !line.starts_with('|') {
            break;
        }
        let mut c = cells_of(line);
        let Some((_, new)) = cells.iter().find(|(d, _)| c.first() == Some(d)) else {
            continue;
        };
        if let Some(slot) = c.get_mut(col) {
            *slot = new.clone();
            replaced += 1;
        }
        *line = format!("| {} |", c.join(" | "));
    }
    if replaced == 0 && !cells.is_empty() {
        return Err("no device of the stack run is in the report's summary".into());
    }
    let mut s = lines.join("\n");
    if out.ends_with('\n') {
        s.push('\n');
    }
    Ok(s)
}

/// Puts the new `stack` objects into the report's JSON (a device the report lacks is
/// added with its stack alone) and records the run.
pub fn merge_json(
    report: &mut Value,
    stacks: &[(Device, Value)],
    run: &StackRun,
) -> Result<(), String> {
    let devices = report["devices"].as_array_mut().ok_or("the report JSON has no devices")?;
    for (d, stack) in stacks {
        let name = d.to_string();
        match devices.iter_mut().find(|x| x["device"] == name.as_str()) {
            Some(x) => x["stack"] = stack.clone(),
            None => devices.push(json!({"device": name, "stack": stack})),
        }
    }
    report["stack_run"] = run.to_json();
    Ok(())
}

/// `--only stack`: merges the stack sessions into `md` and `json` (the report of the
/// last full run, which must exist).
pub fn merge(
    md_path: &Path,
    json_path: &Path,
    stacks: &[(Device, Result<Stack, String>)],
    run: &StackRun,
) -> Result<(), String> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| {
            format!(
                "--only stack merges into the last full report, but {}: {e} (run make bench first)",
                p.display()
            )
        })
    };
    let md = read(md_path)?;
    let mut report: Value = serde_json::from_str(&read(json_path)?)
        .map_err(|e| format!("{}: {e}", json_path.display()))?;
    let new: Vec<(Device, Value)> =
        stacks.iter().map(|(d, s)| (*d, to_json(s, &crate::measure::probe_elf(*d), run))).collect();
    merge_json(&mut report, &new, run)?;
    let devices = report["devices"].as_array().cloned().unwrap_or_default();
    let cells: Vec<(String, String)> =
        new.iter().map(|(d, s)| (d.to_string(), summary_cell(s))).collect();
    let md = merge_markdown(&md, &section(&devices), &cells)?;
    std::fs::write(md_path, md).map_err(|e| format!("{}: {e}", md_path.display()))?;
    std::fs::write(json_path, serde_json::to_string_pretty(&report).unwrap() + "\n")
        .map_err(|e| format!("{}: {e}", json_path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::{StackDoc, StackStep};
    use milkyway_ledger::tx::SignMode;

    fn run() -> StackRun {
        StackRun {
            kind: RunKind::StackOnly,
            machine: json!({"date": "2026-11-21 10:00 UTC", "commit": "0123456789abcdef", "uncommitted_changes": []}),
            jobs: 2,
            load_start: "1.00 1.00 1.00".into(),
            load_end: "2.00 2.00 2.00".into(),
            took: Duration::from_secs(600),
        }
    }

    fn stack(hw: u32) -> Stack {
        Stack {
            size: 20000,
            steps: vec![
                StackStep { what: "idle".into(), doc: None, high_water: 4000 },
                StackStep {
                    what: "deepest".into(),
                    doc: Some(StackDoc { mode: SignMode::Direct, bytes: 841, screens: 18 }),
                    high_water: hw,
                },
            ],
        }
    }

    const MD: &str = "# Report\n\nIntro.\n\n## Against the targets\n\n\
        | device | flash (≤ 160 KiB) | stack high-water (≤ 75 %) | largest |\n\
        |---|---|---|---|\n\
        | nanosp | 130.2 KiB: yes | 6520 of 31872 bytes = 20 %: yes | 32768 bytes: yes |\n\
        | nanox | 131.6 KiB: yes | 6904 of 19564 bytes = 35 %: yes | 32768 bytes: yes |\n\
        \n- a note\n\n## RAM\n\nram table\n\n\
        ## Stack high-water mark (stack_probe build)\n\nold text\n\n| old | table |\n\n\
        ## Capacity\n\ncapacity text\n";

    #[test]
    fn merge_replaces_the_stack_section_and_cells_only() {
        let r = run();
        let nanox = to_json(&Ok(stack(16000)), Path::new("/x"), &r);
        let devices = vec![
            json!({"device": "nanosp", "stack": {"size_bytes": 31872, "high_water_bytes": 6520,
                "marks": [{"after": "idle", "high_water_bytes": 3688}]}}),
            json!({"device": "nanox", "stack": nanox}),
        ];
        let cells = vec![("nanox".to_string(), summary_cell(&devices[1]["stack"]))];
        let md = merge_markdown(MD, &section(&devices), &cells).unwrap();
        assert!(md.starts_with("# Report\n\nIntro.\n\n## Against the targets\n"));
        assert!(md.contains(
            "| nanosp | 130.2 KiB: yes | 6520 of 31872 bytes = 20 %: yes | 32768 bytes: yes |"
        ));
        assert!(md.contains(
            "| nanox | 131.6 KiB: yes | 16000 of 20000 bytes = 80 %: **NO** | 32768 bytes: yes |"
        ));
        assert!(md.contains("\n- a note\n\n## RAM\n\nram table\n\n## Stack high-water mark"));
        assert!(!md.contains("old text"));
        assert!(md.ends_with("\n\n## Capacity\n\ncapacity text\n"), "{md}");
        assert!(md.contains("| deepest | DIRECT | 841 | 18 | – | 16000 (80 %) |"), "{md}");
        assert!(md.contains("| idle | – | – | – | – | 4000 (20 %) |"), "{md}");
        assert!(
            md.contains("| **high-water** | | | | **6520 (20 %)** | **16000 (80 %)** |"),
            "{md}"
        );
        assert!(md.contains("| ≤ 75 % | | | | yes | **NO** |"), "{md}");
        assert!(md.contains("- nanosp: measured by the full run described at the top."), "{md}");
        assert!(md.contains("- nanox: measured by `bench --only stack` of 2026-11-21 10:00 UTC, commit `0123456789ab`"), "{md}");
        // Merging twice gives the same report.
        assert_eq!(merge_markdown(&md, &section(&devices), &cells).unwrap(), md);
    }

    #[test]
    fn merge_json_replaces_stacks_and_adds_missing_devices() {
        let r = run();
        let mut report = json!({"devices": [
            {"device": "nanosp", "sizes": {"flash_bytes": 1}, "stack": {"old": true}},
            {"device": "stax", "stack": {"old": true}},
        ], "core": {"rows": []}});
        let new = vec![
            (Device::NanoSPlus, to_json(&Ok(stack(7000)), Path::new("/p"), &r)),
            (Device::Flex, to_json(&Err("no probe".into()), Path::new("/p"), &r)),
        ];
        merge_json(&mut report, &new, &r).unwrap();
        let d = report["devices"].as_array().unwrap();
        assert_eq!(d[0]["sizes"]["flash_bytes"], 1);
        assert_eq!(d[0]["stack"]["high_water_bytes"], 7000);
        assert_eq!(d[0]["stack"]["target_met"], true);
        assert_eq!(d[1]["stack"]["old"], true);
        assert_eq!(d[2]["device"], "flex");
        assert_eq!(d[2]["stack"]["error"], "no probe");
        assert_eq!(report["stack_run"]["kind"], "bench --only stack");
        assert_eq!(report["core"]["rows"], json!([]));
    }

    #[test]
    fn markdown_without_the_section_is_refused() {
        assert!(merge_markdown("# Report\n", "x", &[]).is_err());
    }
}
