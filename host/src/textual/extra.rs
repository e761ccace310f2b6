//! Messages the device does not clear-sign (not in `milkyway_core::catalog`) that the
//! host can still render in SIGN_MODE_TEXTUAL: the device shows a textual document's
//! screens whatever its messages, so these are reviewed in words, not blind-signed.
//! Described with the catalog's own types, by proto field number, name and kind.

use milkyway_core::schema::{many, one, Kind, MsgSchema, Nested, View};

/// `cosmos.bank.v1beta1.Input` and `Output` (the same shape).
static BANK_INPUT: Nested = Nested {
    name: "Input",
    fields: &[one(1, "address", "Address", Kind::Addr), many(2, "coins", "Coins", Kind::Coin)],
};
static BANK_OUTPUT: Nested = Nested {
    name: "Output",
    fields: &[one(1, "address", "Address", Kind::Addr), many(2, "coins", "Coins", Kind::Coin)],
};

pub static MESSAGES: &[MsgSchema] = &[
    // cosmos-sdk v0.50 x/bank/proto/cosmos/bank/v1beta1/tx.proto: MsgMultiSend
    // {1 inputs repeated Input, 2 outputs repeated Output}; bank.proto: Input/Output
    // {1 address string, 2 coins repeated Coin}.
    MsgSchema {
        type_url: "/cosmos.bank.v1beta1.MsgMultiSend",
        amino_name: "cosmos-sdk/MsgMultiSend",
        title: "Multi-send",
        fields: &[
            many(1, "inputs", "Inputs", Kind::Msg(&BANK_INPUT)),
            many(2, "outputs", "Outputs", Kind::Msg(&BANK_OUTPUT)),
        ],
        view: View::Generic,
    },
];
