//! The textual envelope `{1: [screens]}` and its screens, decoded strictly.
//!
//! [`decode`] checks the whole document once (every rule of [`super`]) and keeps the
//! bytes; [`Envelope::each`] walks the screens again, for each rendering pass, without
//! storing them (no heap, and the review is rendered twice: a dry run, then the pages).

use super::cbor::Reader;
use super::{
    TextualError, CHAIN_ID_TITLE, MAX_CONTENT_CHARS, MAX_INDENT, MAX_SCREENS, MAX_TITLE_CHARS,
};

/// The key of the screens in the envelope map.
const SCREENS_KEY: u64 = 1;
/// The keys of a screen map.
const TITLE: u64 = 1;
const CONTENT: u64 = 2;
const INDENT: u64 = 3;
const EXPERT: u64 = 4;

/// One screen. Absent title or content are `""`; the decoder guarantees that at least
/// one of them is not empty, the limits of [`super`] and `indent <= MAX_INDENT`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Screen<'a> {
    pub title: &'a str,
    pub content: &'a str,
    pub indent: u8,
    pub expert: bool,
}

/// A decoded textual document: every rule checked, the bytes kept for the walks.
#[derive(Clone, Copy, Debug)]
pub struct Envelope<'a> {
    bytes: &'a [u8],
    count: usize,
    chain_id: &'a str,
}

impl<'a> Envelope<'a> {
    /// Number of screens (1 to [`MAX_SCREENS`]).
    pub fn screen_count(&self) -> usize {
        self.count
    }

    /// The content of the first screen, "Chain id".
    pub fn chain_id(&self) -> &'a str {
        self.chain_id
    }

    /// Hands every screen, in order, to `f`; stops at `f`'s first error. (The document
    /// was checked by [`decode`]: only `f` can fail.)
    pub fn each(
        &self,
        f: &mut dyn FnMut(Screen<'a>) -> Result<(), TextualError>,
    ) -> Result<(), TextualError> {
        walk(self.bytes, f).map(|_| ())
    }
}

/// Decodes and checks a whole textual document.
pub fn decode(bytes: &[u8]) -> Result<Envelope<'_>, TextualError> {
    let mut chain_id = None;
    let mut first = true;
    let count = walk(bytes, &mut |s: Screen<'_>| {
        if first {
            first = false;
            if s.title != CHAIN_ID_TITLE || s.indent != 0 || s.expert || s.content.is_empty() {
                return Err(TextualError::NoChainId);
            }
            chain_id = Some(s.content);
        }
        Ok(())
    })?;
    let chain_id = chain_id.ok_or(TextualError::NoScreens)?;
    Ok(Envelope { bytes, count, chain_id })
}

/// Reads the document, handing each screen to `f`; returns the number of screens.
fn walk<'a>(
    bytes: &'a [u8],
    f: &mut dyn FnMut(Screen<'a>) -> Result<(), TextualError>,
) -> Result<usize, TextualError> {
    let mut r = Reader::new(bytes);
    if r.map_len(TextualError::NotEnvelope)? != 1 {
        return Err(TextualError::NotEnvelope);
    }
    if r.unsigned(TextualError::NotEnvelope)? != SCREENS_KEY {
        return Err(TextualError::NotEnvelope);
    }
    let count = r.array_len(TextualError::NotEnvelope)?;
    let count = usize::try_from(count).map_err(|_| TextualError::TooManyScreens)?;
    if count > MAX_SCREENS {
        return Err(TextualError::TooManyScreens);
    }
    if count == 0 {
        return Err(TextualError::NoScreens);
    }
    for _ in 0..count {
        let screen = read_screen(&mut r)?;
        f(screen)?;
    }
    if !r.at_end() {
        return Err(TextualError::TrailingBytes);
    }
    Ok(count)
}

fn read_screen<'a>(r: &mut Reader<'a>) -> Result<Screen<'a>, TextualError> {
    // More than 4 entries means an unknown or a duplicated key, refused when read.
    let entries = r.map_len(TextualError::ScreenNotMap)?;
    let mut screen = Screen::default();
    let mut seen = 0u8;
    let mut last = 0u64;
    for _ in 0..entries {
        let key = r.unsigned(TextualError::UnknownKey)?;
        if !(TITLE..=EXPERT).contains(&key) {
            return Err(TextualError::UnknownKey);
        }
        let bit = match key {
            TITLE => 1u8,
            CONTENT => 2,
            INDENT => 4,
            _ => 8,
        };
        if seen & bit != 0 {
            return Err(TextualError::DuplicateKey);
        }
        if key < last {
            return Err(TextualError::KeysOutOfOrder);
        }
        seen |= bit;
        last = key;
        match key {
            TITLE => {
                screen.title =
                    text(r, TextualError::WrongType, MAX_TITLE_CHARS, TextualError::TitleTooLong)?;
            }
            CONTENT => {
                screen.content = text(
                    r,
                    TextualError::WrongType,
                    MAX_CONTENT_CHARS,
                    TextualError::ContentTooLong,
                )?;
            }
            INDENT => {
                let indent = r.unsigned(TextualError::WrongType)?;
                if indent == 0 {
                    return Err(TextualError::DefaultEncoded);
                }
                if indent > MAX_INDENT {
                    return Err(TextualError::IndentTooDeep);
                }
                screen.indent = u8::try_from(indent).map_err(|_| TextualError::IndentTooDeep)?;
            }
            _ => {
                if !r.boolean(TextualError::WrongType)? {
                    return Err(TextualError::DefaultEncoded);
                }
                screen.expert = true;
            }
        }
    }
    if screen.title.is_empty() && screen.content.is_empty() {
        return Err(TextualError::EmptyScreen);
    }
    Ok(screen)
}

/// A non-empty text of at most `max` characters (`long` when longer, `wrong` when the
/// item is not text).
fn text<'a>(
    r: &mut Reader<'a>,
    wrong: TextualError,
    max: usize,
    long: TextualError,
) -> Result<&'a str, TextualError> {
    let s = r.text(wrong)?;
    if s.is_empty() {
        return Err(TextualError::DefaultEncoded);
    }
    // Bytes bound characters from above: count only when the bytes could exceed `max`
    // (a character is a byte that does not continue the one before).
    if s.len() > max && s.bytes().filter(|b| b & 0xc0 != 0x80).count() > max {
        return Err(long);
    }
    Ok(s)
}
