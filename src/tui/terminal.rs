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
    /// Never dropped: ratatui's `Terminal` shows the cursor when dropped and
    /// panics (through `eprintln!`) when that fails, as it does on a
    /// terminal that has hung up. `restore` does the same without failing.
    pub terminal: ManuallyDrop<Tui>,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        take()?;
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(terminal) => Ok(TerminalGuard {
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
        take()?;
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

/// Raw mode, the alternate screen, mouse reports, bracketed paste, no cursor.
fn take() -> io::Result<()> {
    enable_raw_mode()?;
    let setup = execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    );
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
