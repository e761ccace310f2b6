//! The host's offline preview (`milkyway_ledger::preview::review`, the device's own
//! decoder and screen store run on the host with the model's memory) against the device
//! in Speculos, at the boundary where the review turns streamed: the preview says from how
//! many claim-rewards messages the model streams (Nano X from 21, Stax and Flex 57,
//! Nano S+ and Apex P 114); one message fewer must be the standard review, held, its
//! titles "Action i/n"; that many must be the streamed review, its first page "Review
//! long transaction", its titles "Action i". Each is signed and compared page by page: the
//! first page, every screen in order, every title label exactly, the signing question.

use milkyway_e2e::signing::{self, review_shows};
use milkyway_e2e::{Capture, Decision, Device, Flow};
use milkyway_ledger::cli::build;
use milkyway_ledger::denoms::MILKYWAY;
use milkyway_ledger::msgs::coin;
use milkyway_ledger::preview::{self, DeviceOptions, Model, Shape};
use milkyway_ledger::tx::{SignMode, Tx, TxBuilder};

use crate::{check_ends, check_signed, Session};

fn claims(me: &str, n: u32) -> Tx {
    let ids: Vec<u32> = (1..=n).collect();
    TxBuilder::new(MILKYWAY.chain_id)
        .msgs(build::claim_rewards(me, &[], &ids, &[], &[]).unwrap())
        .fee(vec![coin("5000", "umilk")], 4_000_000)
        .account_number(12)
        .sequence(50)
        .build()
        .unwrap()
}

/// The "Action …" labels the flow shows, in order (a label seen on consecutive pages
/// counted once).
fn action_labels(flow: &Flow) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for shot in &flow.shots {
        for line in &shot.screen.lines {
            let text = line.text.trim();
            let Some(rest) = text.strip_prefix("Action ") else { continue };
            if rest.chars().all(|c| c.is_ascii_digit() || c == '/')
                && out.last().map(String::as_str) != Some(text)
            {
                out.push(text.to_owned());
            }
        }
    }
    out
}

fn preview_pages(device: Device) {
    let s = Session::start(device, "sign_preview_pages");
    let key = s.key("milk");
    let model = Model::from_name(device.model()).unwrap();
    let mode = SignMode::Direct;
    let opts = DeviceOptions {
        own_address: Some(&key.address),
        prefix: Some("milk"),
        model,
        ..Default::default()
    };
    let review_of = |n: u32| {
        let bytes = claims(&key.address, n).sign_bytes(mode, &key.public_key).unwrap();
        let review = preview::review(&bytes, mode, &opts).unwrap();
        (bytes, review)
    };
    let streams_from = (1..=200)
        .find(|&n| review_of(n).1.shape == Shape::Streamed)
        .unwrap_or_else(|| panic!("{device}: 200 claims held"));
    for (n, shape) in [(streams_from - 1, Shape::Held), (streams_from, Shape::Streamed)] {
        let what = format!("{device} {n} claims");
        let (bytes, review) = review_of(n);
        assert_eq!(review.shape, shape, "{what}");
        let t = std::time::Instant::now();
        let (flow, reply) = signing::sign_with_review(
            &s.sim,
            &s.client,
            s.path,
            Some("milk"),
            mode,
            &bytes,
            Decision::Approve,
            Capture::Text,
        )
        .unwrap();
        let der = reply.unwrap_or_else(|e| panic!("{what}: {e}\n{}", flow.text()));
        check_signed(&what, &key.public_key, &bytes, &der);
        eprintln!("{what}: {shape:?}, {} pages in {:.0?}", flow.shots.len(), t.elapsed());

        // The first page (a Nano shows a streamed review's subtitle on a page of its own).
        let first = &flow.shots[0].screen;
        assert!(first.contains(&review.title), "{what}: first page\n{}", flow.text());
        if let Some(sub) = &review.subtitle {
            assert!(
                flow.shots[..2].iter().any(|s| s.screen.contains(sub)),
                "{what}: first page\n{}",
                flow.text()
            );
        }
        // Every screen in order, every title's label exactly as the preview numbers it.
        review_shows(&flow, &review.screens).unwrap_or_else(|e| panic!("{what}: {e}"));
        let want: Vec<String> = review
            .screens
            .iter()
            .filter(|(l, _)| l.starts_with("Action"))
            .map(|(l, _)| l.clone())
            .collect();
        assert_eq!(want.len(), n as usize, "{what}");
        assert_eq!(action_labels(&flow), want, "{what}\n{}", flow.text());
        // The signing question, then "Transaction signed".
        assert!(
            flow.contains(&review.sign),
            "{what}: never asks {:?}\n{}",
            review.sign,
            flow.text()
        );
        assert!(!flow.contains(&key.address), "{what}: shows the signer's own address");
        check_ends(&what, &s.sim, &flow, "Transaction signed");
    }
}

milkyway_e2e::on_every_device!(preview_pages);
