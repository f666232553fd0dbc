//! Taking over the terminal and always giving it back: on quit, on error,
//! on panic (a hook), on SIGINT, SIGTERM, SIGHUP or SIGQUIT (the event loop
//! is told, and leaves through the same door), when the terminal goes away
//! (hung up: nothing to give back, and no panic for it), and for a while on
//! Ctrl-Z (suspended, then taken again and redrawn on `fg`).

use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::{Terminal, backend::CrosstermBackend};
use std::io::{self, Stdout};
use std::mem::ManuallyDrop;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, the alternate screen, mouse reports and a hidden cursor, undone
/// when dropped.
pub struct TerminalGuard {
    /// Whether mouse reports are on (so that a resume puts them back).
    mouse: bool,
    /// Never dropped: ratatui's `Terminal` shows the cursor when dropped and
    /// panics (through `eprintln!`) when that fails, as it does on a
    /// terminal that has hung up. `restore` does the same without failing.
    pub terminal: ManuallyDrop<Tui>,
}

impl TerminalGuard {
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        install_panic_hook();
        take(mouse)?;
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(terminal) => Ok(TerminalGuard {
                mouse,
                terminal: ManuallyDrop::new(terminal),
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Gives the terminal back and stops the process, as Ctrl-Z does in
    /// other full-screen programs; returns once it is continued (`fg`),
    /// having taken the terminal again, ready for a full redraw.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        // SIGTSTP's own action (stop), even though qualplan watches for it.
        signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
        self.resume()
    }

    /// Takes the terminal again (after being continued, or on SIGCONT after
    /// a stop from outside), and makes the next draw a full one.
    pub fn resume(&mut self) -> io::Result<()> {
        take(self.mouse)?;
        // `Terminal::clear` would ask the terminal where its cursor is,
        // which cannot be read while the event thread reads the keys;
        // `resize` clears and forgets the last frame without asking.
        let size = self.terminal.size()?;
        self.terminal
            .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

impl TerminalGuard {
    /// Writes what the app asked of the terminal, between frames.
    pub fn send(&mut self, out: &Output) -> io::Result<()> {
        use std::io::Write;
        let backend = self.terminal.backend_mut();
        match out {
            Output::Clipboard(text) => backend.write_all(osc52(text).as_bytes())?,
            Output::Mouse(true) => execute!(backend, EnableMouseCapture)?,
            Output::Mouse(false) => execute!(backend, DisableMouseCapture)?,
        }
        if let Output::Mouse(on) = out {
            self.mouse = *on;
        }
        backend.flush()
    }
}

/// What the app asks of the terminal itself, beside drawing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// Put this text on the clipboard (OSC 52).
    Clipboard(String),
    /// Mouse reports on (the app takes clicks) or off (the terminal
    /// selects text).
    Mouse(bool),
}

/// The OSC 52 sequence that puts `text` on the system clipboard: the
/// terminal does it, so it works over SSH too. The text goes base64
/// encoded; the sequence ends with ST.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x1b\\", base64(text.as_bytes()))
}

/// Standard base64 (RFC 4648, with padding).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Raw mode, the alternate screen, mouse reports (when `mouse`), bracketed
/// paste, no cursor.
fn take(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let setup = execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
    .and_then(|()| {
        if mouse {
            execute!(io::stdout(), EnableMouseCapture)
        } else {
            Ok(())
        }
    });
    if let Err(e) = setup {
        restore();
        return Err(e);
    }
    Ok(())
}

/// Puts the terminal back as it was. Safe to call more than once, and on a
/// terminal that is gone (every failure is ignored).
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// How long the terminal has to say what its background is.
pub const ASK_FOR: std::time::Duration = std::time::Duration::from_millis(100);

/// Asks the terminal for its background colour (OSC 11), followed by a
/// request every terminal answers (primary device attributes): the second
/// answer ends the wait at once on a terminal that does not know the
/// first. Waits at most `ASK_FOR`; `None` without an answer. Called before
/// the event reader starts, so no answer is taken for keys; only on a
/// terminal (the caller has checked stdin and stdout).
pub fn ask_background() -> Option<super::theme::Background> {
    use std::io::Write;
    enable_raw_mode().ok()?;
    let mut out = io::stdout();
    let asked = out
        .write_all(b"\x1b]11;?\x1b\\\x1b[c")
        .and_then(|()| out.flush());
    let reply = asked.ok().map(|()| read_reply(libc::STDIN_FILENO, ASK_FOR));
    let _ = disable_raw_mode();
    super::theme::Background::from_reply(&reply?)
}

/// Reads what `fd` sends until the answer to the device-attributes request
/// (`ESC [ ? ... c`) has come, or `wait` has passed.
pub fn read_reply(fd: libc::c_int, wait: std::time::Duration) -> Vec<u8> {
    let until = std::time::Instant::now() + wait;
    let mut got = Vec::new();
    while !answered(&got) && got.len() < 1024 {
        let left = until.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            break;
        }
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = libc::c_int::try_from(left.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
        // SAFETY: one valid pollfd, for the length of the call.
        if unsafe { libc::poll(&mut pfd, 1, ms) } <= 0 || pfd.revents & libc::POLLIN == 0 {
            break;
        }
        let mut buf = [0u8; 256];
        // SAFETY: reads into a buffer of its own length.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        let Ok(n @ 1..) = usize::try_from(n) else {
            break;
        };
        got.extend_from_slice(&buf[..n]);
    }
    got
}

/// Whether the answer to the device-attributes request has come.
fn answered(got: &[u8]) -> bool {
    got.windows(3)
        .position(|w| w == b"\x1b[?")
        .is_some_and(|at| got[at..].contains(&b'c'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::Background;
    use std::time::Duration;

    /// A pipe: what is written to the second end is read from the first.
    fn pipe() -> (libc::c_int, libc::c_int) {
        let mut fds = [0; 2];
        // SAFETY: two valid ints for the two ends.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        (fds[0], fds[1])
    }

    fn send(fd: libc::c_int, bytes: &[u8]) {
        // SAFETY: writes a buffer of its own length.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        assert_eq!(usize::try_from(n).ok(), Some(bytes.len()));
    }

    #[test]
    fn a_terminal_that_answers_is_read_to_the_end_of_its_answer() {
        let (r, w) = pipe();
        send(w, b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c");
        let got = read_reply(r, Duration::from_secs(30));
        assert_eq!(Background::from_reply(&got), Some(Background::Light));
        // One that knows only the second request: no background, no wait.
        send(w, b"\x1b[?1;2c");
        let got = read_reply(r, Duration::from_secs(30));
        assert_eq!(Background::from_reply(&got), None);
        // SAFETY: closing the ends opened above.
        unsafe {
            libc::close(r);
            libc::close(w);
        }
    }

    #[test]
    fn the_clipboard_sequence_is_osc_52_with_the_text_in_base64() {
        assert_eq!(
            osc52("Total £1,234.00 inc VAT"),
            "\x1b]52;c;VG90YWwgwqMxLDIzNC4wMCBpbmMgVkFU\x1b\\"
        );
        // RFC 4648's test vectors.
        for (text, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(text.as_bytes()), coded);
        }
    }

    #[test]
    fn a_terminal_that_says_nothing_is_not_waited_for_long() {
        let (r, w) = pipe();
        let got = read_reply(r, Duration::from_millis(20));
        assert!(got.is_empty());
        assert_eq!(
            crate::tui::theme::ThemeChoice::Auto.resolve(false, || Background::from_reply(&got)),
            crate::tui::theme::Theme::Dark
        );
        // SAFETY: closing the ends opened above.
        unsafe {
            libc::close(r);
            libc::close(w);
        }
    }
}
