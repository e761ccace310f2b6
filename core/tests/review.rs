//! The screen store and collector of the device's review (`milkyway_core::review`).

use milkyway_core::review::{Collector, Placed, ScreenStore, MAX_HELD_SCREENS};

#[test]
fn screens_come_back_nul_terminated_and_numbered_at_the_end() {
    let mut bytes = [0u8; 256];
    let mut s = ScreenStore::new(&mut bytes);
    s.push("Action", "Restake", Some(1)).unwrap();
    s.push("Amount", "1 MILK", None).unwrap();
    s.push("Action", "Vote", Some(2)).unwrap();
    assert_eq!(s.len(), 3);
    assert_eq!(s.get(1), Some(("Amount", "1 MILK")));
    assert_eq!(s.get_c(1), Some((&b"Amount\0"[..], &b"1 MILK\0"[..])));
    s.number(Some(2));
    assert_eq!(s.get(0), Some(("Action 1/2", "Restake")));
    assert_eq!(s.get(2), Some(("Action 2/2", "Vote")));
    s.number(None);
    assert_eq!(s.get(2), Some(("Action 2", "Vote")));
    assert_eq!(s.get(3), None);
    s.clear();
    assert!(s.is_empty() && s.get(0).is_none());
}

#[test]
fn a_screen_that_does_not_fit_writes_nothing() {
    let mut bytes = [0u8; 40];
    let mut s = ScreenStore::new(&mut bytes);
    s.push("Memo", "0123456789", None).unwrap(); // 5 + 5 + 11 = 21 bytes
    assert!(s.push("Memo", "0123456789abcdef", None).is_err());
    assert_eq!(s.len(), 1);
    s.push("Fee", "1 MILK", None).unwrap(); // 5 + 4 + 7 = 16: 37 of 40
    assert_eq!(s.get(1), Some(("Fee", "1 MILK")));
    assert!(s.push("", "", None).is_err(), "6 bytes more do not fit");
}

#[test]
fn at_most_255_screens_are_held() {
    let mut bytes = [0u8; 8192];
    let mut s = ScreenStore::new(&mut bytes);
    for i in 0..MAX_HELD_SCREENS {
        s.push("L", "v", Some(i + 1)).unwrap();
    }
    assert!(s.push("L", "v", None).is_err());
    s.number(Some(MAX_HELD_SCREENS));
    assert_eq!(s.get(254), Some(("Action 255/255", "v")));
}

#[test]
fn the_collector_turns_streamed_when_the_store_overflows() {
    let mut bytes = [0u8; 64];
    let mut c = Collector::new(&mut bytes);
    assert_eq!(c.place("Action", "Claim rewards", Some(1)), Placed::Held);
    assert_eq!(c.place("Pool", "1", None), Placed::Held);
    // 5 + 20 + 14 and 5 + 5 + 2 bytes held: 51 of 64. The next does not fit.
    assert_eq!(c.place("Action", "Claim rewards", Some(2)), Placed::Overflow);
    assert!(c.streaming);
    // The held title is numbered without a count, as a streamed review shows it.
    assert_eq!(c.store.get(0), Some(("Action 1", "Claim rewards")));
    assert_eq!(c.place("Pool", "2", None), Placed::Show);
    c.reset();
    assert!(!c.streaming && c.store.is_empty());
}
