//! Lines out and answers in, over any reader and writer: standard input
//! and output in the app, byte buffers in the tests.
//!
//! Every line written is neutralised (`text::neutralise`), so that nothing
//! read from a catalogue, an enquiry or the keyboard can act on the
//! terminal. Lines are not wrapped: a screen reader or braille display
//! wraps to its own width, and a line broken mid-sentence is read as two.

use crate::text::{hazard, neutralise};
use std::io::{self, BufRead, Write};

/// The longest answer read, in bytes (the longest enquiry field, its
/// notes, is 20,000 characters); the rest of a longer line is skipped.
pub const MAX_ANSWER_BYTES: usize = 100_000;

/// One line of input.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// The answer, its control and invisible characters left out.
    Text(String),
    /// A line longer than `MAX_ANSWER_BYTES`, skipped whole.
    TooLong,
    /// End of input (Ctrl-D, or the end of a piped file).
    End,
}

pub struct Console<R, W> {
    input: R,
    out: W,
    /// Write each answer after its prompt, so that a transcript of piped
    /// answers reads as a conversation (a terminal echoes them itself).
    echo: bool,
}

impl<R: BufRead, W: Write> Console<R, W> {
    pub fn new(input: R, out: W, echo: bool) -> Console<R, W> {
        Console { input, out, echo }
    }

    /// The reader and writer back (the tests read what was written).
    pub fn into_parts(self) -> (R, W) {
        (self.input, self.out)
    }

    /// Writes `text`, one line per line of it, made inert.
    pub fn say(&mut self, text: &str) -> io::Result<()> {
        for line in text.split('\n') {
            writeln!(self.out, "{}", neutralise(line))?;
        }
        Ok(())
    }

    /// An empty line, between one part and the next.
    pub fn gap(&mut self) -> io::Result<()> {
        writeln!(self.out)
    }

    /// Writes the prompt (no line break after it) and reads the answer.
    pub fn ask(&mut self, prompt: &str) -> io::Result<Line> {
        write!(self.out, "{} ", neutralise(prompt))?;
        self.out.flush()?;
        let line = self.read_line()?;
        match &line {
            Line::Text(t) if self.echo => writeln!(self.out, "{}", neutralise(t))?,
            Line::TooLong if self.echo => writeln!(self.out, "(too long to repeat)")?,
            Line::Text(_) | Line::TooLong => {}
            // Ctrl-D leaves the cursor after the prompt: what follows
            // starts a line of its own.
            Line::End => writeln!(self.out)?,
        }
        Ok(line)
    }

    /// One line of input, at most `MAX_ANSWER_BYTES` long.
    fn read_line(&mut self) -> io::Result<Line> {
        let mut bytes = Vec::new();
        let mut too_long = false;
        let mut any = false;
        loop {
            let available = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                if !any {
                    return Ok(Line::End);
                }
                break;
            }
            any = true;
            let (chunk, used, done) = match available.iter().position(|b| *b == b'\n') {
                Some(p) => (&available[..p], p + 1, true),
                None => (available, available.len(), false),
            };
            if bytes.len() + chunk.len() > MAX_ANSWER_BYTES {
                too_long = true;
            } else {
                bytes.extend_from_slice(chunk);
            }
            self.input.consume(used);
            if done {
                break;
            }
        }
        if too_long {
            return Ok(Line::TooLong);
        }
        Ok(Line::Text(clean(&String::from_utf8_lossy(&bytes))))
    }
}

/// An answer as typed or pasted: a Windows line end dropped, tabs as
/// spaces, control and invisible characters left out.
fn clean(text: &str) -> String {
    text.strip_suffix('\r')
        .unwrap_or(text)
        .chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if hazard(c).is_some() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Vec<Line> {
        let mut c = Console::new(input, Vec::new(), false);
        let mut got = Vec::new();
        loop {
            let line = c.ask("?").unwrap();
            let end = line == Line::End;
            got.push(line);
            if end {
                return got;
            }
        }
    }

    #[test]
    fn answers_are_read_a_line_at_a_time_and_cleaned() {
        assert_eq!(
            lines(b"one\r\ntwo\tthree\n\x1b[31mred\xff\nlast"),
            [
                Line::Text("one".into()),
                Line::Text("two three".into()),
                Line::Text("[31mred\u{fffd}".into()),
                Line::Text("last".into()),
                Line::End
            ]
        );
        assert_eq!(lines(b""), [Line::End]);
        assert_eq!(lines(b"\n"), [Line::Text(String::new()), Line::End]);
    }

    #[test]
    fn a_line_too_long_is_skipped_whole() {
        let mut input = vec![b'x'; MAX_ANSWER_BYTES + 1];
        input.extend_from_slice(b"\nnext\n");
        assert_eq!(
            lines(&input),
            [Line::TooLong, Line::Text("next".into()), Line::End]
        );
    }

    #[test]
    fn what_is_said_is_made_inert() {
        let mut c = Console::new(&b""[..], Vec::new(), false);
        c.say("Jane\u{1b}]0;x\u{7}\nline two").unwrap();
        assert_eq!(
            String::from_utf8(c.out).unwrap(),
            "Jane<U+001B>]0;x<U+0007>\nline two\n"
        );
    }
}
