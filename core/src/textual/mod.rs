//! SIGN_MODE_TEXTUAL (ADR-050): the sign document is the chain's own rendering of the
//! transaction, a CBOR map `{1: [screens]}` whose screens are maps of `1` title (text),
//! `2` content (text), `3` indent (unsigned) and `4` expert (`true`), each key present
//! only when its value is not the default (empty text, indent 0, `false`), keys in
//! ascending order. The device shows every screen and signs SHA-256 of the exact bytes.
//!
//! - [`cbor`]: the strict CBOR reader (shortest forms, definite lengths, no tags);
//! - [`envelope`]: the envelope and screen rules, and the limits below;
//! - [`render`]: the screens of a decoded envelope as review pages, through the same
//!   escaping ([`crate::text::write_visible`]) and paging ([`crate::render`]) as the
//!   other sign modes.
//!
//! The bytes are decoded exactly as x/tx encodes them; any other encoding of the same
//! screens is refused, so no two byte strings the device signs show the same review, and
//! nothing is signed that the review did not show (no trailing bytes, no second envelope,
//! no duplicated key whose other value would go unseen).

pub mod cbor;
pub mod envelope;
pub mod render;

pub use envelope::{decode, Envelope, Screen};
pub use render::render;

/// Most screens one document may hold (the Cosmos app's limit).
pub const MAX_SCREENS: usize = 255;
/// Longest title, in characters (Unicode scalar values; the Cosmos app's limit).
pub const MAX_TITLE_CHARS: usize = 40;
/// Longest content, in characters (the Cosmos app's limit). Longer content is paged
/// like any value; the limit keeps the two apps accepting the same documents.
pub const MAX_CONTENT_CHARS: usize = 550;
/// Deepest indent. x/tx indents one level per nested message or list; 16 levels is far
/// past what the other modes accept (authz nesting 5) and keeps the indent marks and a
/// 40-character title within one review label.
pub const MAX_INDENT: u64 = 16;
/// The title of the first screen: x/tx always starts with the chain id.
pub const CHAIN_ID_TITLE: &str = "Chain id";

/// Why a textual document is refused. Each has a short reason sent back with `0x6984`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextualError {
    // --- CBOR encoding
    /// A length past the end of the document.
    Truncated,
    /// An indefinite-length string, array or map (or a stray "break").
    IndefiniteLength,
    /// An integer or length not in its shortest form.
    NotShortest,
    /// Additional information 28 to 30 (reserved by RFC 8949).
    ReservedInfo,
    Tag,
    InvalidUtf8,
    /// Bytes after the envelope (a second envelope included).
    TrailingBytes,
    // --- the envelope
    /// Not a map of the one key 1 holding an array.
    NotEnvelope,
    NoScreens,
    TooManyScreens,
    // --- a screen
    ScreenNotMap,
    /// A key other than the unsigned integers 1 to 4.
    UnknownKey,
    DuplicateKey,
    KeysOutOfOrder,
    /// A title or content that is not text, an indent that is not an unsigned integer,
    /// an expert flag that is not a boolean.
    WrongType,
    /// An empty title or content, indent 0 or expert `false` written out (x/tx leaves
    /// default values out).
    DefaultEncoded,
    /// Neither title nor content.
    EmptyScreen,
    TitleTooLong,
    ContentTooLong,
    IndentTooDeep,
    /// The first screen is not "Chain id" (x/tx's first screen, at indent 0).
    NoChainId,
    /// The renderer's sink failed (its own error is what is reported).
    Stopped,
}

impl TextualError {
    /// A short, printable ASCII reason for the host.
    pub fn reason(&self) -> &'static str {
        match self {
            TextualError::Truncated => "CBOR: truncated",
            TextualError::IndefiniteLength => "CBOR: indefinite length",
            TextualError::NotShortest => "CBOR: not in shortest form",
            TextualError::ReservedInfo => "CBOR: reserved value",
            TextualError::Tag => "CBOR: tag",
            TextualError::InvalidUtf8 => "CBOR: text not UTF-8",
            TextualError::TrailingBytes => "CBOR: bytes after the document",
            TextualError::NotEnvelope => "Textual: not {1: screens}",
            TextualError::NoScreens => "Textual: no screens",
            TextualError::TooManyScreens => "Textual: over 255 screens",
            TextualError::ScreenNotMap => "Textual: screen not a map",
            TextualError::UnknownKey => "Textual: unknown key",
            TextualError::DuplicateKey => "Textual: duplicate key",
            TextualError::KeysOutOfOrder => "Textual: keys out of order",
            TextualError::WrongType => "Textual: value of wrong type",
            TextualError::DefaultEncoded => "Textual: default value encoded",
            TextualError::EmptyScreen => "Textual: empty screen",
            TextualError::TitleTooLong => "Textual: title over 40 chars",
            TextualError::ContentTooLong => "Textual: content over 550 chars",
            TextualError::IndentTooDeep => "Textual: indent over 16",
            TextualError::NoChainId => "Textual: no chain id first",
            TextualError::Stopped => "Textual: review stopped",
        }
    }
}

impl core::fmt::Display for TextualError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.reason())
    }
}
