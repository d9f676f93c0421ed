//! libyaml's event parser (libyaml-safer: the C library ported function by
//! function to safe Rust) as the events the quick path understands.
//! Anything else — an anchor, an alias, a tag, a directive, a second
//! document, a syntax error — is [`Bail`]: the caller parses the file again
//! with serde-saphyr, which explains it.

use libyaml_safer::{EventData, Mark, Parser, ScalarStyle};

use super::Bail;
use crate::spec::span::Pos;

/// One event of a single-document stream, with where its node starts.
#[derive(Debug)]
pub enum Event {
    Scalar { text: String, plain: bool, pos: Pos },
    MapStart(Pos),
    MapEnd,
    SeqStart(Pos),
    SeqEnd,
    DocumentEnd,
    StreamEnd,
}

/// The events of a text, parsed as they are asked for.
pub struct Events<'a> {
    parser: Parser<&'a mut &'a [u8]>,
    peeked: Option<Event>,
    text: &'a str,
}

impl<'a> Events<'a> {
    /// Events of `text` (whose bytes `input` holds), past the stream and
    /// document starts.
    pub fn new(text: &'a str, input: &'a mut &'a [u8]) -> Result<Self, Bail> {
        let mut parser = Parser::new();
        parser.set_input_string(input);
        let mut events = Events {
            parser,
            peeked: None,
            text,
        };
        events.document_start()?;
        Ok(events)
    }

    /// The next event, left in place.
    pub fn peek(&mut self) -> Result<&Event, Bail> {
        let event = match self.peeked.take() {
            Some(event) => event,
            None => self.parse()?,
        };
        Ok(self.peeked.insert(event))
    }

    /// The next event, taken.
    pub fn next(&mut self) -> Result<Event, Bail> {
        match self.peeked.take() {
            Some(event) => Ok(event),
            None => self.parse(),
        }
    }

    /// The stream must hold one document, with no directives.
    fn document_start(&mut self) -> Result<(), Bail> {
        let stream = self.parser.parse().map_err(|_| Bail)?;
        let document = self.parser.parse().map_err(|_| Bail)?;
        match (stream.data, document.data) {
            (
                EventData::StreamStart { .. },
                EventData::DocumentStart {
                    version_directive: None,
                    tag_directives,
                    ..
                },
            ) if tag_directives.is_empty() => Ok(()),
            _ => Err(Bail),
        }
    }

    fn parse(&mut self) -> Result<Event, Bail> {
        let event = self.parser.parse().map_err(|_| Bail)?;
        let pos = position(event.start_mark).ok_or(Bail)?;
        match event.data {
            EventData::Scalar {
                anchor: None,
                tag: None,
                value,
                style,
                ..
            } => scalar(value, style, (event.start_mark, event.end_mark), self.text),
            EventData::MappingStart {
                anchor: None,
                tag: None,
                ..
            } => Ok(Event::MapStart(pos)),
            EventData::SequenceStart {
                anchor: None,
                tag: None,
                ..
            } => Ok(Event::SeqStart(pos)),
            EventData::MappingEnd => Ok(Event::MapEnd),
            EventData::SequenceEnd => Ok(Event::SeqEnd),
            EventData::DocumentEnd { .. } => Ok(Event::DocumentEnd),
            EventData::StreamEnd => Ok(Event::StreamEnd),
            // Anchors, tags, aliases and a second document.
            _ => Err(Bail),
        }
    }
}

/// A libyaml position (0-based) as ours (1-based; columns in characters
/// in both).
fn position(mark: Mark) -> Option<Pos> {
    let line = u32::try_from(mark.line).ok()?.checked_add(1)?;
    let col = u32::try_from(mark.column).ok()?.checked_add(1)?;
    Some(Pos::new(line, col))
}

/// A scalar from `start` to `end` in `source`. Plain and quoted text
/// over several lines is left to serde-saphyr: libyaml is laxer about how
/// far its lines are indented.
fn scalar(
    text: String,
    style: ScalarStyle,
    (start, end): (Mark, Mark),
    source: &str,
) -> Result<Event, Bail> {
    let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
    let pos = match block {
        true if text.is_empty() => return Err(Bail),
        true => block_start(source, start),
        false if end.line != start.line => return Err(Bail),
        false => position(start),
    };
    Ok(Event::Scalar {
        plain: style == ScalarStyle::Plain,
        text,
        pos: pos.ok_or(Bail)?,
    })
}

/// Where serde-saphyr places a block scalar (`|`, `>`): at the text of its
/// first line, the line after the indicator at `mark` (libyaml places it at
/// the indicator). `None` when that line is blank: the quick path leaves
/// such a scalar to serde-saphyr.
fn block_start(source: &str, mark: Mark) -> Option<Pos> {
    let after = source.get(usize::try_from(mark.index).ok()?..)?;
    let next = &after[after.find('\n')? + 1..];
    let indent = next.bytes().take_while(|&b| b == b' ').count();
    match next.as_bytes().get(indent) {
        None | Some(b'\n' | b'\r' | b'\t') => None,
        Some(_) => Some(Pos::new(
            u32::try_from(mark.line).ok()?.checked_add(2)?,
            u32::try_from(indent).ok()?.checked_add(1)?,
        )),
    }
}
