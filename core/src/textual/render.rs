//! The screens of a textual document as review pages.
//!
//! Each screen becomes one review screen (more when its content is long): the label is
//! one `>` per indent level (ADR-050 annex 2: "each line of the screen starts with a
//! number of `>` characters equal to the screen's indentation level"), a space and the
//! title; the value is the content. Both are written with the other modes' rules
//! ([`crate::text::write_visible`]: printable ASCII as is, everything else escaped) and
//! paged by the same code ([`crate::render`]: 200 characters a page, "Title (2/3)").
//!
//! Expert screens are shown like every other screen, in every mode: they are part of
//! the signed bytes, and the review shows everything that is signed.

use core::fmt::Write;

use super::envelope::Envelope;
use super::TextualError;
use crate::error::Error;
use crate::render::{with_emitter, Buf, Sink, LABEL_CHARS};
use crate::text::{write_visible, Text};

/// Renders every screen of `envelope` into `sink`. A title that does not fit a review
/// label once escaped and after its indent marks is refused as too long to display.
pub fn render<'s>(envelope: &Envelope<'_>, sink: &'s mut Sink<'s>) -> Result<(), Error> {
    with_emitter(sink, &mut |emit| {
        let mut label: Buf<LABEL_CHARS> = Buf::new();
        let mut failed = None;
        let walked = envelope.each(&mut |screen| {
            label.clear();
            let content = Text::Plain(screen.content);
            let shown = write_label(&mut label, screen.indent, screen.title)
                .map_err(|_| Error::ValueTooLong)
                .and_then(|()| {
                    emit.screen(label.as_str(), &|o| {
                        write_visible(o, &content).map_err(|_| Error::ValueTooLong)
                    })
                });
            shown.map_err(|e| {
                failed = Some(e);
                TextualError::Stopped
            })
        });
        match (failed, walked) {
            (Some(e), _) => Err(e),
            (None, Ok(())) => Ok(()),
            // Not reached: the document was decoded before (fail closed all the same).
            (None, Err(_)) => Err(Error::ValueOutOfRange),
        }
    })
}

/// `>>> Title`: the indent marks, then the visible title.
fn write_label(out: &mut dyn Write, indent: u8, title: &str) -> core::fmt::Result {
    for _ in 0..indent {
        out.write_char('>')?;
    }
    if indent > 0 && !title.is_empty() {
        out.write_char(' ')?;
    }
    write_visible(out, &Text::Plain(title))
}
