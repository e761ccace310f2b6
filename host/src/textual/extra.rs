//! Types the device does not clear-sign (not in `milkyway_core::catalog`) that the host
//! can still render in SIGN_MODE_TEXTUAL: messages (the device shows a textual document's
//! screens whatever its messages, so these are reviewed in words, not blind-signed) and
//! what an envelope may hold besides messages (public keys, other signers' infos, auth
//! params as an extension option). Described with the catalog's own types, by proto
//! field number, name and kind (cosmos-sdk v0.50 protos).

use milkyway_core::schema::{many, one, EnumDef, Kind, MsgSchema, Nested, View};

/// `cosmos.tx.signing.v1beta1.SignMode` by value (a sparse enum: the values not listed
/// are empty names, refused when met).
static SIGN_MODE_NAMES: [&str; 128] = sign_mode_names();

const fn sign_mode_names() -> [&'static str; 128] {
    let mut names = [""; 128];
    names[0] = "SIGN_MODE_UNSPECIFIED";
    names[1] = "SIGN_MODE_DIRECT";
    names[2] = "SIGN_MODE_TEXTUAL";
    names[3] = "SIGN_MODE_DIRECT_AUX";
    names[127] = "SIGN_MODE_LEGACY_AMINO_JSON";
    names
}

static SIGN_MODE: EnumDef = EnumDef { shown: &SIGN_MODE_NAMES, proto: &SIGN_MODE_NAMES };

/// `cosmos.crypto.multisig.v1beta1.CompactBitArray`.
static COMPACT_BIT_ARRAY: Nested = Nested {
    name: "CompactBitArray",
    fields: &[
        one(1, "extra_bits_stored", "Extra bits stored", Kind::U32),
        one(2, "elems", "Elems", Kind::InlineJson),
    ],
};
/// `cosmos.tx.v1beta1.ModeInfo.Single` and `.Multi`, and `ModeInfo` (a oneof of them).
static MODE_SINGLE: Nested =
    Nested { name: "Single", fields: &[one(1, "mode", "Mode", Kind::Enum(&SIGN_MODE))] };
static MODE_MULTI: Nested = Nested {
    name: "Multi",
    fields: &[
        one(1, "bitarray", "Bitarray", Kind::Msg(&COMPACT_BIT_ARRAY)),
        many(2, "mode_infos", "Mode infos", Kind::Msg(&MODE_INFO)),
    ],
};
static MODE_INFO: Nested = Nested {
    name: "ModeInfo",
    fields: &[
        one(1, "single", "Single", Kind::Msg(&MODE_SINGLE)),
        one(2, "multi", "Multi", Kind::Msg(&MODE_MULTI)),
    ],
};
/// `cosmos.tx.v1beta1.SignerInfo`: the envelope's "Other signer" entries.
pub static SIGNER_INFO: Nested = Nested {
    name: "SignerInfo",
    fields: &[
        one(1, "public_key", "Public key", Kind::AnyMsg),
        one(2, "mode_info", "Mode info", Kind::Msg(&MODE_INFO)),
        one(3, "sequence", "Sequence", Kind::U64),
    ],
};

/// A type that is no message a transaction carries: its URL and fields.
const fn described(
    type_url: &'static str,
    fields: &'static [milkyway_core::schema::Field],
) -> MsgSchema {
    MsgSchema { type_url, amino_name: "", title: "", fields, view: View::Generic }
}

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
    // Public keys (`cosmos.crypto.*`): `key` bytes, or a threshold of keys.
    described("/cosmos.crypto.secp256k1.PubKey", &[one(1, "key", "Key", Kind::InlineJson)]),
    described("/cosmos.crypto.ed25519.PubKey", &[one(1, "key", "Key", Kind::InlineJson)]),
    described(
        "/cosmos.crypto.multisig.LegacyAminoPubKey",
        &[
            one(1, "threshold", "Threshold", Kind::U32),
            many(2, "public_keys", "Public keys", Kind::AnyMsg),
        ],
    ),
    // `cosmos.auth.v1beta1.Params`, as an extension option may carry it.
    described(
        "/cosmos.auth.v1beta1.Params",
        &[
            one(1, "max_memo_characters", "Max memo characters", Kind::U64),
            one(2, "tx_sig_limit", "Tx sig limit", Kind::U64),
            one(3, "tx_size_cost_per_byte", "Tx size cost per byte", Kind::U64),
            one(4, "sig_verify_cost_ed25519", "Sig verify cost ed25519", Kind::U64),
            one(5, "sig_verify_cost_secp256k1", "Sig verify cost secp256k1", Kind::U64),
        ],
    ),
];
