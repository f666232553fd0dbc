//! A throwaway PostgreSQL server for the tests: `initdb` into a temporary
//! folder (once per build, then copied for each server), started on the
//! loopback at a free port, stopped again afterwards — by `Drop`, also when
//! a test panics, and by the kernel (a parent-death signal) if the test
//! process is killed. As root, the server runs as the `postgres` user,
//! since PostgreSQL refuses to run as root.
//!
//! When no server can be started (PostgreSQL not installed, say) the tests
//! that need one say why and skip; with `QUALPLAN_REQUIRE_POSTGRES=1`, as
//! `.ci/run` sets it, they fail instead.

#![allow(dead_code)]

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The superuser every test server has, and its password.
pub const USER: &str = "qualplan";
pub const PASSWORD: &str = "correct-horse-battery-staple-7f3a";

/// A server of our own.
pub struct Server {
    /// Holds `data/` and the socket; removed on drop.
    dir: tempfile::TempDir,
    pub port: u16,
    bin: PathBuf,
    /// Who runs it: `postgres` when the tests run as root.
    owner: Option<(u32, u32)>,
    child: Mutex<Option<Child>>,
    /// Extra settings (`-c name=value`), kept for restarts.
    settings: Vec<String>,
}

/// The folder holding `initdb`, `postgres` and `pg_ctl`: PATH's, else the
/// newest of Debian's /usr/lib/postgresql/*/bin.
fn bindir() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if dir.join("initdb").is_file() && dir.join("postgres").is_file() {
                return Ok(std::fs::canonicalize(dir.join("initdb"))
                    .ok()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
                    .unwrap_or(dir));
            }
        }
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| "PostgreSQL is not installed (no initdb on PATH, no /usr/lib/postgresql); `apt-get install postgresql` installs it".to_string())?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin).ok_or_else(|| {
        "PostgreSQL's server programs (initdb) are not installed: `apt-get install postgresql`"
            .into()
    })
}

/// The `postgres` account's ids when the tests run as root (PostgreSQL
/// refuses to run as root).
fn owner() -> Result<Option<(u32, u32)>, String> {
    // SAFETY: getuid has no preconditions.
    if unsafe { libc::getuid() } != 0 {
        return Ok(None);
    }
    let name = std::ffi::CString::new("postgres").unwrap();
    // SAFETY: a valid C string; the result is read at once.
    let pw = unsafe { libc::getpwnam(name.as_ptr()) };
    if pw.is_null() {
        return Err("running as root, and there is no `postgres` user to run the server as".into());
    }
    // SAFETY: non-null result of getpwnam.
    Ok(Some(unsafe { ((*pw).pw_uid, (*pw).pw_gid) }))
}

fn chown_tree(path: &Path, (uid, gid): (u32, u32)) -> Result<(), String> {
    let status = Command::new("chown")
        .args(["-R", &format!("{uid}:{gid}")])
        .arg(path)
        .status()
        .map_err(|e| format!("chown: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("chown -R {} failed", path.display()))
}

/// A command run as the server's owner, ended by the kernel if the thread
/// that started it goes (the test process killed, say).
fn as_owner(program: &Path, owner: Option<(u32, u32)>) -> Command {
    let mut cmd = Command::new(program);
    if let Some((uid, gid)) = owner {
        cmd.uid(uid).gid(gid);
    }
    // SAFETY: prctl is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGQUIT);
            Ok(())
        });
    }
    cmd.env_clear().env("LC_ALL", "C.UTF-8");
    cmd
}

/// `initdb` once per build, into the target folder (`initdb` is the slow
/// part); every server starts from a copy.
fn template() -> Result<PathBuf, String> {
    static TEMPLATE: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let bin = bindir()?;
            let owner = owner()?;
            let version = Command::new(bin.join("initdb"))
                .arg("--version")
                .output()
                .map_err(|e| format!("cannot run initdb: {e}"))?;
            let version = String::from_utf8_lossy(&version.stdout)
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>();
            let root =
                Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pg-template-{version}"));
            let data = root.join("data");
            if root.join("ready").is_file() {
                return Ok(data);
            }
            // Another test binary may be making it: one at a time.
            std::fs::create_dir_all(&root).map_err(|e| e.to_string())?;
            let lock =
                std::fs::File::create(root.with_extension("lock")).map_err(|e| e.to_string())?;
            lock.lock().map_err(|e| e.to_string())?;
            if root.join("ready").is_file() {
                return Ok(data);
            }
            let _ = std::fs::remove_dir_all(&data);
            std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755))
                .map_err(|e| e.to_string())?;
            if let Some(o) = owner {
                chown_tree(&root, o)?;
            }
            let pwfile = root.join("pw");
            std::fs::write(&pwfile, PASSWORD).map_err(|e| e.to_string())?;
            if let Some(o) = owner {
                chown_tree(&pwfile, o)?;
            }
            let out = as_owner(&bin.join("initdb"), owner)
                .arg("-D")
                .arg(&data)
                .args([
                    "-U",
                    USER,
                    "--auth=scram-sha-256",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ])
                .arg(format!("--pwfile={}", pwfile.display()))
                .output()
                .map_err(|e| format!("cannot run initdb: {e}"))?;
            let _ = std::fs::remove_file(&pwfile);
            if !out.status.success() {
                return Err(format!(
                    "initdb failed: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
            }
            std::fs::write(root.join("ready"), "").map_err(|e| e.to_string())?;
            Ok(data)
        })
        .clone()
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    /// A new server of its own (settings: `name=value` for `-c`).
    pub fn start(settings: &[&str]) -> Result<Server, String> {
        let template = template()?;
        let owner = owner()?;
        let dir = tempfile::Builder::new()
            .prefix("qualplan-pg-")
            .tempdir()
            .map_err(|e| e.to_string())?;
        let status = Command::new("cp")
            .arg("-a")
            .arg(&template)
            .arg(dir.path().join("data"))
            .status()
            .map_err(|e| format!("cp: {e}"))?;
        if !status.success() {
            return Err("cannot copy the template data folder".into());
        }
        if let Some(o) = owner {
            chown_tree(dir.path(), o)?;
        }
        let mut server = Server {
            dir,
            port: 0,
            bin: bindir()?,
            owner,
            child: Mutex::new(None),
            settings: settings.iter().map(|s| s.to_string()).collect(),
        };
        let mut last = String::new();
        for _ in 0..5 {
            server.port = free_port();
            match server.start_again() {
                Ok(()) => return Ok(server),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Starts the server (again), waiting until it takes connections.
    pub fn start_again(&self) -> Result<(), String> {
        let mut cmd = as_owner(&self.bin.join("postgres"), self.owner);
        cmd.arg("-D")
            .arg(self.data_dir())
            .arg("-p")
            .arg(self.port.to_string())
            .arg("-k")
            .arg(self.dir.path())
            .args(["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"])
            .args(["-c", "max_connections=40", "-c", "shared_buffers=16MB"]);
        for s in &self.settings {
            cmd.args(["-c", s]);
        }
        let log =
            std::fs::File::create(self.dir.path().join("server.log")).map_err(|e| e.to_string())?;
        cmd.stdout(Stdio::null()).stderr(log);
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start postgres: {e}"))?;
        let started = Instant::now();
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() && self.ready() {
                *self.child.lock().unwrap() = Some(child);
                return Ok(());
            }
            if let Ok(Some(status)) = child.try_wait() {
                return Err(format!(
                    "postgres ended ({status}): {}",
                    self.log()
                        .lines()
                        .rev()
                        .take(5)
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
            }
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                return Err("postgres did not take connections within 60 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Whether the server answers a query.
    fn ready(&self) -> bool {
        postgres::Config::new()
            .host("127.0.0.1")
            .port(self.port)
            .user(USER)
            .password(PASSWORD)
            .dbname("postgres")
            .connect_timeout(Duration::from_secs(2))
            .connect(postgres::NoTls)
            .and_then(|mut c| c.simple_query("SELECT 1"))
            .is_ok()
    }

    /// Stops the server at once (a fast shutdown: clients are cut off).
    pub fn stop(&self) {
        if let Some(mut child) = self.child.lock().unwrap().take() {
            // SAFETY: signalling our own child.
            unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
            let _ = child.wait();
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// A superuser session.
    pub fn admin(&self, db: &str) -> postgres::Client {
        postgres::Config::new()
            .host("127.0.0.1")
            .port(self.port)
            .user(USER)
            .password(PASSWORD)
            .dbname(db)
            .connect(postgres::NoTls)
            .expect("the test server takes the superuser")
    }

    /// A new, empty database.
    pub fn database(&self, name: &str) -> String {
        self.admin("postgres")
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .expect("CREATE DATABASE");
        name.to_string()
    }

    /// The connection string for `db` (no password in it, as qualplan
    /// requires).
    pub fn url(&self, db: &str) -> String {
        format!(
            "postgres://{USER}@127.0.0.1:{}/{db}?sslmode=disable",
            self.port
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One server for every test in this test binary that needs no server
/// of its own (each takes a database of its own). Started by a thread that
/// lives as long as the process, so that the kernel stops the server when
/// the process ends, however it ends.
pub fn shared() -> Result<&'static Server, String> {
    static SHARED: OnceLock<Result<&'static Server, String>> = OnceLock::new();
    SHARED
        .get_or_init(|| {
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                match Server::start(&[]) {
                    Ok(server) => {
                        let server: &'static Server = Box::leak(Box::new(server));
                        // SAFETY: registering a plain function to run at exit.
                        unsafe { libc::atexit(stop_shared) };
                        SHARED_DIR.set(server).ok();
                        tx.send(Ok(server)).unwrap();
                    }
                    Err(e) => tx.send(Err(e)).unwrap(),
                }
                loop {
                    std::thread::park();
                }
            });
            rx.recv().unwrap()
        })
        .clone()
}

static SHARED_DIR: OnceLock<&'static Server> = OnceLock::new();

/// At exit: the shared server stopped and its folder removed.
extern "C" fn stop_shared() {
    if let Some(server) = SHARED_DIR.get() {
        server.stop();
        let _ = std::fs::remove_dir_all(server.dir.path());
    }
}

/// Whether a test that cannot get a server must fail rather than skip.
fn required() -> bool {
    std::env::var("QUALPLAN_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

/// Says, where it is seen even when the test passes, why a test skipped;
/// fails instead when a server is required.
pub fn skip(test: &str, why: &str) {
    if required() {
        panic!("{test} needs PostgreSQL, and QUALPLAN_REQUIRE_POSTGRES=1: {why}");
    }
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: no PostgreSQL server could be started ({why}); set QUALPLAN_REQUIRE_POSTGRES=1 to make this a failure"
    );
}

/// The shared server, or `None` after saying why the test skips.
pub fn shared_or_skip(test: &str) -> Option<&'static Server> {
    match shared() {
        Ok(s) => Some(s),
        Err(why) => {
            skip(test, &why);
            None
        }
    }
}

/// A server of the test's own, or `None` after saying why it skips.
pub fn own_or_skip(test: &str, settings: &[&str]) -> Option<Server> {
    match Server::start(settings) {
        Ok(s) => Some(s),
        Err(why) => {
            skip(test, &why);
            None
        }
    }
}

/// A shared store at `url` as `advisor` on a computer whose home is
/// `home` (where its outbox lives), logging in with the test password.
pub fn open_store(url: &str, advisor: &str, home: &Path) -> qualplan::enquiry::SharedStore {
    qualplan::enquiry::SharedStore::open(qualplan::enquiry::shared::Settings {
        target: qualplan::enquiry::shared::Target::parse(url).unwrap(),
        password: Some(qualplan::config::Secret::new(PASSWORD)),
        advisor: advisor.into(),
        outbox: home.join("outbox"),
    })
    .unwrap()
}

/// A database of its own on the shared server, and its URL; `None` after
/// saying why the test skips.
pub fn fresh_database(test: &str) -> Option<(&'static Server, String)> {
    static DATABASES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let server = shared_or_skip(test)?;
    let n = DATABASES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let db = server.database(&format!("test_{n}"));
    Some((server, server.url(&db)))
}
