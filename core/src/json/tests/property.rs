//! Properties of both readers, checked against a reference reader that leans on `std`.

extern crate std;

use super::generate::*;
use super::reference::*;
use super::*;
use std::string::String;
use std::vec::Vec;

#[test]
fn generated_documents_round_trip() {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let mut objects = 0;
    for _ in 0..3000 {
        let tree = gen_tree(&mut rng, 5);
        if matches!(tree, Tree::Obj(_)) {
            objects += 1;
        }
        let mut doc = Vec::new();
        write_tree(&mut doc, &tree, &mut rng);
        let root = match parse(&doc, MAX_DEPTH) {
            Ok(v) => v,
            Err(e) => panic!("{e}: {}", String::from_utf8_lossy(&doc)),
        };
        assert_eq!(root.raw(), &doc[..]);
        assert_eq!(read_tree(root), tree);
    }
    assert!(objects > 500);
}

/// Mutated documents: the reader never panics, agrees with the reference on what is
/// acceptable, and whatever it accepts reads back consistently.
#[test]
fn mutated_documents_agree_with_reference() {
    let mut rng = Rng(0xfeed_beef_cafe_f00d);
    let mut seeds: Vec<Vec<u8>> = [DELEGATE_POOL, WASM_LIQUID_STAKE, USER_PREFERENCES, AUTHZ_EXEC]
        .iter()
        .map(|d| d.to_vec())
        .collect();
    for _ in 0..200 {
        let tree = gen_tree(&mut rng, 4);
        let mut doc = Vec::new();
        write_tree(&mut doc, &tree, &mut rng);
        seeds.push(doc);
    }
    let (mut accepted, mut rejected) = (0, 0);
    for round in 0..40_000 {
        let mut doc = seeds[round % seeds.len()].clone();
        for _ in 0..1 + rng.below(3) {
            mutate(&mut doc, &mut rng);
        }
        let depth = if rng.chance(90) { MAX_DEPTH } else { rng.below(6) };
        let got = parse(&doc, depth);
        assert_eq!(
            got.is_ok(),
            reference_accepts(&doc, depth),
            "depth {depth}, {:?} -> {got:?}",
            String::from_utf8_lossy(&doc)
        );
        match got {
            Ok(v) => {
                accepted += 1;
                assert!(core::str::from_utf8(&doc).is_ok());
                assert_eq!(v.raw(), &doc[..]);
                let _ = read_tree(v);
            }
            Err(e) => {
                rejected += 1;
                assert!((e.offset() as usize) <= doc.len());
            }
        }
    }
    // The mutations exercise both sides.
    assert!(accepted > 2000, "accepted {accepted}");
    assert!(rejected > 20_000, "rejected {rejected}");
}
