"""A Python client of the MilkyWay Ledger app's APDU protocol (docs/protocol.md), for the
Ragger suite in tests/standalone."""
