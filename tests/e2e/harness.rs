//! Runs the real `qualplan` binary in a pseudo-terminal: types as a person
//! types, and reads the screen through a terminal emulator (vt100). HOME
//! and the XDG directories point into a temporary directory per run.

#![allow(dead_code)]

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long to wait for text to appear before failing.
pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Tui {
    /// `None` once hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    /// The master's side, written to as the keyboard (a file of our own,
    /// not portable-pty's writer, which types a newline and Ctrl-D when
    /// dropped).
    writer: Option<std::fs::File>,
    /// Tells the reader thread to stop and close its side, for a hang-up.
    stop: Arc<std::sync::atomic::AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote, for checks on escape sequences.
    raw: Arc<Mutex<Vec<u8>>>,
    pub home: PathBuf,
}

/// Keys as the terminal sends them.
pub mod key {
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const ENTER: &str = "\r";
    pub const TAB: &str = "\t";
    pub const ESC: &str = "\x1b";
    pub const CTRL_C: &str = "\x03";
    pub const CTRL_Z: &str = "\x1a";
    pub const CTRL_U: &str = "\x15";
    pub const HOME: &str = "\x1b[H";
    pub const END: &str = "\x1b[F";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const F2: &str = "\x1bOQ";
    pub const F3: &str = "\x1bOR";
    pub const F5: &str = "\x1b[15~";
    pub const F6: &str = "\x1b[17~";
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap()
}

impl Tui {
    /// Starts `qualplan` (no arguments: the TUI) in a `cols` x `rows`
    /// terminal with its home in `home`.
    pub fn start(home: &Path, cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
        Tui::run(home, cols, rows, &[], env)
    }

    /// Runs `qualplan ARGS` in a `cols` x `rows` terminal with its home in
    /// `home`.
    pub fn run(home: &Path, cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Tui {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_qualplan"));
        cmd.args(args);
        Tui::start_command(cmd, home, cols, rows, env)
    }

    /// As `start`, with SIGHUP ignored, as under `nohup`.
    pub fn start_ignoring_hang_up(home: &Path, cols: u16, rows: u16) -> Tui {
        let mut cmd = CommandBuilder::new("bash");
        cmd.args([
            "-c",
            "trap '' HUP; exec \"$0\"",
            env!("CARGO_BIN_EXE_qualplan"),
        ]);
        Tui::start_command(cmd, home, cols, rows, &[])
    }

    fn start_command(
        mut cmd: CommandBuilder,
        home: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("XDG_CACHE_HOME", home.join("cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("qualplan starts");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let master_fd = pair.master.as_raw_fd().expect("a unix pty");
        let own = || {
            use std::os::fd::FromRawFd;
            // SAFETY: a fresh duplicate of a descriptor we hold, owned by the File.
            let fd = unsafe { libc::dup(master_fd) };
            assert!(fd >= 0, "dup of the pty");
            unsafe { std::fs::File::from_raw_fd(fd) }
        };
        let mut reader = own();
        let writer = own();
        // The reader answers what a terminal answers by itself: the primary
        // device attributes (`ESC [ c`), as a VT220 would. (It does not
        // know OSC 11, the background colour, like many terminals.)
        let mut answerer = own();
        let (p, r) = (parser.clone(), raw.clone());
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopping = stop.clone();
        let reader = std::thread::spawn(move || {
            use std::os::fd::AsRawFd;
            let mut buf = [0u8; 8192];
            while !stopping.load(std::sync::atomic::Ordering::Relaxed) {
                let mut fd = libc::pollfd {
                    fd: reader.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                // Wake now and then to see whether to stop.
                if unsafe { libc::poll(&mut fd, 1, 20) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        let mut raw = r.lock().unwrap();
                        // From two bytes back: a request split across reads.
                        let from = raw.len().saturating_sub(2);
                        raw.extend_from_slice(&buf[..n]);
                        if raw[from..].windows(3).any(|w| w == b"\x1b[c") {
                            let _ = answerer.write_all(b"\x1b[?62;22c");
                        }
                    }
                }
            }
        });
        Tui {
            master: Some(pair.master),
            writer: Some(writer),
            stop,
            reader: Some(reader),
            child,
            parser,
            raw,
            home: home.to_path_buf(),
        }
    }

    /// Sends keys (escape sequences or text) as typed.
    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("not hung up");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Closes the terminal, as closing its window does: the app's side of
    /// the pseudo-terminal is hung up.
    pub fn hang_up(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        self.writer = None;
        self.master = None;
    }

    /// Whether the app is stopped (suspended), as `ps` shows `T`.
    pub fn stopped(&self) -> bool {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        // The state follows the command name in parentheses.
        stat.rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('T'))
    }

    /// Waits until `done` holds; panics with `what` after TIMEOUT.
    pub fn wait_until(&self, what: &str, done: impl Fn(&Tui) -> bool) {
        let start = Instant::now();
        while !done(self) {
            if start.elapsed() > TIMEOUT {
                panic!(
                    "{what} did not happen within {TIMEOUT:?}:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Whether the app's screen is the alternate one (it has the terminal).
    pub fn on_alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until `text` is on screen; panics with the screen after TIMEOUT.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!("`{text}` did not appear within {TIMEOUT:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits until the screen differs from `before`; returns how long it took.
    pub fn wait_change(&self, before: &str) -> Duration {
        let start = Instant::now();
        loop {
            if self.screen() != before {
                return start.elapsed();
            }
            if start.elapsed() > TIMEOUT {
                panic!("the screen did not change within {TIMEOUT:?}:\n{before}");
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// Waits until no output has arrived for `quiet` (the frame is complete).
    pub fn wait_quiet(&self, quiet: Duration) {
        let start = Instant::now();
        let mut seen = self.raw.lock().unwrap().len();
        let mut since = Instant::now();
        while since.elapsed() < quiet {
            std::thread::sleep(Duration::from_micros(200));
            let now = self.raw.lock().unwrap().len();
            if now != seen {
                seen = now;
                since = Instant::now();
            }
            if start.elapsed() > TIMEOUT {
                panic!("output never settled within {TIMEOUT:?}");
            }
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        // Hold the emulator while the terminal changes size, so that no
        // frame drawn for the new size is read at the old one.
        let mut parser = self.parser.lock().unwrap();
        self.master
            .as_ref()
            .expect("not hung up")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        parser.set_size(nz(rows), nz(cols));
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child")
    }

    /// Sends a signal to the app.
    pub fn signal(&self, signal: &str) {
        // bash's built-in kill: no dependency on procps.
        let status = std::process::Command::new("bash")
            .args(["-c", &format!("kill -{signal} {}", self.pid())])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the app to end; returns its exit code (None: killed by a signal).
    pub fn wait_exit(&mut self) -> Option<u32> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread drain the last output.
                let before = self.screen();
                let drain = Instant::now();
                while drain.elapsed() < Duration::from_millis(200) && self.screen() == before {
                    std::thread::sleep(Duration::from_millis(5));
                }
                return Some(status.exit_code());
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "qualplan did not exit within {TIMEOUT:?}:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Whether the terminal is back to normal: main screen, cursor shown,
    /// and the tty out of raw mode (canonical input and echo on).
    pub fn restored(&self) -> Result<(), String> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        if screen.alternate_screen() {
            return Err("still on the alternate screen".into());
        }
        if screen.hide_cursor() {
            return Err("the cursor is still hidden".into());
        }
        drop(parser);
        let tty = self
            .master
            .as_ref()
            .and_then(|m| m.tty_name())
            .ok_or("no tty name")?;
        let out = std::process::Command::new("stty")
            .args(["-a", "-F"])
            .arg(&tty)
            .output()
            .map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&out.stdout);
        let words: Vec<&str> = text.split_whitespace().collect();
        if !words.contains(&"icanon") || !words.contains(&"echo") {
            return Err(format!("the tty is still in raw mode: {text}"));
        }
        Ok(())
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Every SGR parameter list (`ESC [ ... m`) in the output.
pub fn sgr_sequences(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let mut found = Vec::new();
    let mut rest = text.as_ref();
    while let Some(at) = rest.find("\x1b[") {
        let after = &rest[at + 2..];
        let end = after.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':'));
        if let Some(end) = end
            && after[end..].starts_with('m')
        {
            found.push(after[..end].to_string());
        }
        rest = after;
    }
    found
}

/// Whether an SGR parameter list sets a colour (foreground or background).
pub fn sets_colour(params: &str) -> bool {
    params
        .split(';')
        .filter_map(|p| p.parse::<u16>().ok())
        .any(|p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107))
}
