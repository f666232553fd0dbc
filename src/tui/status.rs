//! The status line's messages: one at a time, gone at the next key or
//! after a few seconds, and every recent one kept in full for the message
//! log (`m`, or F4).

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Something the app says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Done, or worth knowing.
    Info(String),
    /// Something did not work, and what to do about it.
    Warning(String),
    /// The quote of `what` ("l5-dip-cm", "2 options (l5-cert-cm,
    /// l5-dip-cm)") was written to `path`.
    QuoteWritten { what: String, path: PathBuf },
}

impl Notice {
    pub fn is_warning(&self) -> bool {
        matches!(self, Notice::Warning(_))
    }
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::Info(text) | Notice::Warning(text) => f.write_str(text),
            Notice::QuoteWritten { what, path } => {
                write!(f, "Quote written: {what} → {}", path.display())
            }
        }
    }
}

/// How long a message stays on the status line, unless a key comes first.
pub const SHOWN_FOR: Duration = Duration::from_secs(6);

/// How many messages the log keeps.
const KEPT: usize = 100;

#[derive(Debug, Default)]
pub struct Status {
    /// The message on the status line, and when it goes.
    current: Option<(Notice, Instant)>,
    /// Recent messages, oldest first, with the time each was said.
    log: VecDeque<(chrono::NaiveTime, Notice)>,
}

impl Status {
    /// Shows `notice` from `now`, and logs it.
    pub fn say(&mut self, notice: Notice, now: Instant) {
        tracing::debug!(warning = notice.is_warning(), "status message");
        if self.log.len() == KEPT {
            self.log.pop_front();
        }
        self.log
            .push_back((chrono::Local::now().time(), notice.clone()));
        self.current = Some((notice, now + SHOWN_FOR));
    }

    /// The message on the status line, if any.
    pub fn current(&self) -> Option<&Notice> {
        self.current.as_ref().map(|(n, _)| n)
    }

    /// A key was pressed: the message has been read.
    pub fn clear(&mut self) {
        self.current = None;
    }

    /// Clears the message if its time is up at `now`.
    pub fn expire(&mut self, now: Instant) {
        if self.deadline().is_some_and(|d| d <= now) {
            self.current = None;
        }
    }

    /// When the message on the status line goes.
    pub fn deadline(&self) -> Option<Instant> {
        self.current.as_ref().map(|(_, until)| *until)
    }

    /// The recent messages, oldest first.
    pub fn log(&self) -> impl DoubleEndedIterator<Item = &(chrono::NaiveTime, Notice)> {
        self.log.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_goes_at_the_next_key_or_in_time_and_stays_in_the_log() {
        let mut s = Status::default();
        let now = Instant::now();
        s.say(Notice::Info("Added l5-cert-cm".into()), now);
        s.expire(now + Duration::from_secs(1));
        assert!(s.current().is_some());
        s.expire(now + SHOWN_FOR);
        assert!(s.current().is_none());
        s.say(Notice::Warning("Could not write".into()), now);
        s.clear();
        assert!(s.current().is_none());
        let log: Vec<String> = s.log().map(|(_, n)| n.to_string()).collect();
        assert_eq!(log, ["Added l5-cert-cm", "Could not write"]);
        for i in 0..KEPT + 5 {
            s.say(Notice::Info(i.to_string()), now);
        }
        assert_eq!(s.log().count(), KEPT);
        assert_eq!(s.log().next().unwrap().1.to_string(), "5");
    }
}
