//! The application state, the messages that change it, the update function
//! and the top-level view (The Elm Architecture). Screens keep their own
//! state in `screens::*`; this file routes messages and draws the frame
//! around them: header, footer, help overlay, and the too-small notice.

use super::keys::{self, Action};
use super::screens::{Nav, Screen, home::Home};
use super::theme::Theme;
use chrono::NaiveDate;
use qualplan::catalogue::Catalogue;
use qualplan::planner::SearchIndex;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// What every screen may read: the catalogue, its search index, today and
/// the styles.
pub struct Ctx {
    pub catalogue: Catalogue,
    pub index: SearchIndex,
    pub today: NaiveDate,
    pub theme: Theme,
}

impl Ctx {
    pub fn new(catalogue: Catalogue, today: NaiveDate, theme: Theme) -> Ctx {
        let index = SearchIndex::new(&catalogue);
        Ctx {
            catalogue,
            index,
            today,
            theme,
        }
    }
}

/// Everything that can happen to the app.
#[derive(Clone, Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize,
    /// SIGINT, SIGTERM or SIGHUP: leave now, restoring the terminal.
    Terminate,
}

/// The one application state.
pub struct App {
    pub ctx: Ctx,
    /// Screens opened, the current one last; Esc goes back one.
    pub stack: Vec<Screen>,
    pub help: bool,
    pub quit: bool,
    /// Size of the last frame, for mapping mouse clicks.
    pub size: (u16, u16),
}

impl App {
    pub fn new(ctx: Ctx) -> App {
        App {
            ctx,
            stack: vec![Screen::Home(Home::default())],
            help: false,
            quit: false,
            size: (MIN_WIDTH, MIN_HEIGHT),
        }
    }

    pub fn screen(&self) -> &Screen {
        self.stack.last().expect("the home screen is never popped")
    }

    /// Handles one message.
    pub fn update(&mut self, msg: Msg) {
        let action = match msg {
            Msg::Terminate => {
                self.quit = true;
                return;
            }
            Msg::Resize => return,
            Msg::Key(key) => keys::from_key(key, self.screen().text_mode() && !self.help),
            Msg::Mouse(mouse) => keys::from_mouse(mouse),
        };
        if let Some(action) = action {
            self.act(action);
        }
    }

    /// Handles one action; tests drive the app through this too.
    pub fn act(&mut self, action: Action) {
        if self.help {
            // Any key closes the help overlay; quitting still works.
            match action {
                Action::ForceQuit | Action::Quit => self.quit = true,
                _ => self.help = false,
            }
            return;
        }
        let (width, height) = self.size;
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            if matches!(action, Action::Quit | Action::ForceQuit | Action::Back) {
                self.quit = true;
            }
            return;
        }
        let body = body_area(Rect::new(0, 0, width, height));
        let action = match action {
            Action::Click { column, row } if !body.contains((column, row).into()) => return,
            other => other,
        };
        let nav = {
            let ctx = &self.ctx;
            let screen = self.stack.last_mut().expect("a screen");
            screen.handle(action, ctx, body)
        };
        match nav {
            Nav::Stay => self.global(action),
            Nav::Handled => {}
            Nav::Push(screen) => self.stack.push(*screen),
        }
    }

    /// Keys that mean the same on every screen, when the screen did not use them.
    fn global(&mut self, action: Action) {
        match action {
            Action::ForceQuit | Action::Quit => self.quit = true,
            Action::Back => self.back(),
            Action::Help => self.help = true,
            Action::Search if !matches!(self.screen(), Screen::Search(_)) => {
                self.stack.push(Screen::Search(Default::default()));
            }
            _ => {}
        }
    }

    fn back(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// Draws the whole frame from the state.
    pub fn view(&self, frame: &mut Frame) {
        let area = frame.area();
        let theme = self.ctx.theme;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let text = format!(
                "qualplan needs a terminal of at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}. Make the window larger, or press q to quit.",
                area.width, area.height
            );
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
            return;
        }
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let screen = self.screen();
        let trail: Vec<String> = self.stack.iter().map(Screen::title).collect();
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(" qualplan ", theme.title()),
                Span::raw(trail.join(" > ")),
            ])),
            header,
        );
        screen.view(frame, body, &self.ctx);
        frame.render_widget(
            Paragraph::new(footer_line(screen.hints(), theme, footer.width)),
            footer,
        );
        if self.help {
            self.help_overlay(frame, body);
        }
    }

    fn help_overlay(&self, frame: &mut Frame, body: Rect) {
        let theme = self.ctx.theme;
        let screen = self.screen();
        let mut lines = vec![Line::styled(
            format!("Keys on {}", screen.title()),
            theme.heading(),
        )];
        for (key, what) in screen.help() {
            lines.push(Line::from(vec![
                Span::styled(format!("{key:>12}  "), theme.key()),
                Span::raw(*what),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("Everywhere", theme.heading()));
        for (key, what) in GLOBAL_KEYS {
            lines.push(Line::from(vec![
                Span::styled(format!("{key:>12}  "), theme.key()),
                Span::raw(*what),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Press any key to close this help.",
            theme.dim(),
        ));
        let height = (lines.len() as u16 + 2).min(body.height);
        let width = 66.min(body.width);
        let area = Rect::new(
            body.x + (body.width - width) / 2,
            body.y + (body.height - height) / 2,
            width,
            height,
        );
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(lines)
                .block(Block::bordered().title(" Help "))
                .wrap(Wrap { trim: false }),
            area,
        );
    }
}

/// The screen's key hints, as many as fit, then always help and quit.
fn footer_line(hints: &[(&'static str, &'static str)], theme: Theme, width: u16) -> Line<'static> {
    const ALWAYS: [(&str, &str); 2] = [("?", "help"), ("q", "quit")];
    let cost = |(key, what): &(&str, &str)| key.chars().count() + what.chars().count() + 3;
    let mut room = usize::from(width).saturating_sub(ALWAYS.iter().map(cost).sum());
    let mut spans = Vec::new();
    let shown = hints.iter().take_while(|h| {
        let fits = cost(h) <= room;
        room = room.saturating_sub(cost(h));
        fits
    });
    for (key, what) in shown.chain(ALWAYS.iter()) {
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::raw(format!(" {what} ")));
    }
    Line::from(spans)
}

/// Keys every screen shares, for the help overlay.
const GLOBAL_KEYS: &[(&str, &str)] = &[
    (
        "arrows hjkl",
        "move; the mouse wheel scrolls, a click selects",
    ),
    ("Tab S-Tab", "next or previous pane"),
    ("Enter", "open or choose"),
    ("Esc", "back"),
    ("/", "search qualifications and units"),
    ("?", "this help"),
    ("q Ctrl-C", "quit"),
];

/// Where screens draw: everything but the header and footer lines.
pub fn body_area(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    )
}
