//! Every file qualplan touches goes through here: where its folders are
//! (data, config, state and cache), how a private folder is made, how a file
//! is written (atomically, privately, never through or over a link it did
//! not make) and how one is read (limited in size, never blocking on a FIFO
//! or a device, never a special file).
//!
//! The rules, and why:
//! - Folders qualplan creates are 0700 and files 0600: enquiries, quotes,
//!   the log and even the cache say who called and what they asked.
//! - A folder qualplan did not create keeps its mode: changing another
//!   folder's permissions (perhaps the target of a planted link) is not
//!   qualplan's business. A data folder that is a link is reported.
//! - Writes go to a temporary file with an unpredictable name, created with
//!   `O_EXCL` (so a planted name or link is never opened), flushed and synced,
//!   then renamed into place; a link or special file at the destination is
//!   refused rather than replaced.
//! - Reads open with `O_NONBLOCK` and look at what they opened before
//!   reading: a FIFO, device, socket or folder is refused at once, and at most
//!   the caller's limit (plus one byte, to tell) is ever read.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The folders qualplan keeps things in (XDG on Linux; the platform's own
/// elsewhere), each ending in `qualplan`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dirs {
    /// Enquiries and quotes: `~/.local/share/qualplan`.
    pub data: PathBuf,
    /// A provider's own catalogue: `~/.config/qualplan`.
    pub config: PathBuf,
    /// The log: `~/.local/state/qualplan`.
    pub state: PathBuf,
    /// Compiled catalogues: `~/.cache/qualplan`.
    pub cache: PathBuf,
}

impl Dirs {
    /// The user's folders, or `None` when there is no home to put them in.
    pub fn of_user() -> Option<Dirs> {
        let d = directories::ProjectDirs::from("", "", "qualplan")?;
        Some(Dirs {
            data: d.data_dir().to_path_buf(),
            config: d.config_dir().to_path_buf(),
            state: d
                .state_dir()
                .unwrap_or_else(|| d.data_local_dir())
                .to_path_buf(),
            cache: d.cache_dir().to_path_buf(),
        })
    }

    pub fn enquiries(&self) -> PathBuf {
        self.data.join("enquiries")
    }

    pub fn quotes(&self) -> PathBuf {
        self.data.join("quotes")
    }

    pub fn catalogue_cache(&self) -> PathBuf {
        self.cache.join("catalogues")
    }
}

/// Makes sure `dir` is a real folder, creating it and any missing parents
/// with mode 0700. An existing folder keeps its mode; a link, or anything
/// else in its place, is refused with a message saying what is there.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(m) if m.file_type().is_symlink() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is a link{}, not a folder: qualplan keeps personal data only in a folder of its own; move the folder there or remove the link",
                dir.display(),
                fs::read_link(dir)
                    .map(|t| format!(" to {}", t.display()))
                    .unwrap_or_default()
            ),
        )),
        Ok(m) => Err(io::Error::new(
            io::ErrorKind::NotADirectory,
            format!("{} is {}, not a folder", dir.display(), kind_of(&m)),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => create_dirs(dir),
        Err(e) => Err(e),
    }
}

/// Creates `dir` and its missing parents, each 0700 (the umask may only
/// take more away).
fn create_dirs(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// What a file system entry is, in words.
fn kind_of(m: &fs::Metadata) -> &'static str {
    let t = m.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_symlink() {
        "a link"
    } else if t.is_dir() {
        "a folder"
    } else if t.is_file() {
        "a file"
    } else {
        "not a regular file"
    }
}

/// Whether an existing destination may be replaced: only a regular file.
fn check_destination(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) if m.file_type().is_symlink() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is a link: qualplan does not write through or over links; name the file itself",
                path.display()
            ),
        )),
        Ok(m) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is {}, not a file", path.display(), kind_of(&m)),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Who may read a file qualplan writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Readers {
    /// 0600: anything with personal data in it, or about it.
    Owner,
    /// 0644 (less the umask): what is meant for everyone, such as manual pages.
    Everyone,
}

/// A temporary file beside `path`, holding what `write` writes, flushed
/// and synced: `.<name>.<random>.tmp`, created with `O_EXCL`.
fn temporary_beside(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
    readers: Readers,
) -> io::Result<tempfile::NamedTempFile> {
    let dir = parent(path);
    if !dir.as_os_str().is_empty() && fs::symlink_metadata(dir).is_err() {
        create_dirs(dir)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMPORARY_SUFFIX);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(
        match readers {
            Readers::Owner => 0o600,
            Readers::Everyone => 0o644,
        },
    ));
    let mut file = builder.tempfile_in(dir)?;
    write(file.as_file_mut())?;
    file.as_file().sync_all()?;
    Ok(file)
}

/// The suffix of qualplan's temporary files (`.<name>.<random>.tmp`).
pub const TEMPORARY_SUFFIX: &str = ".tmp";

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes a private file (0600) so that a crash, a kill or a full disk
/// leaves the old content or the new, never a mix. A regular file at
/// `path` is replaced; a link or special file there is refused.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(path, bytes, || Ok(()))
}

/// As `write_atomically`, the content written to the file by `write`, so
/// that a large file (a compiled catalogue) need not be put together in
/// memory first.
pub fn write_atomically_by(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, write, Readers::Owner, || Ok(()))
}

/// As `write_atomically`, calling `before_rename` between writing the
/// temporary file and renaming it (tests inject failures there).
pub fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    replace(path, |f| f.write_all(bytes), Readers::Owner, before_rename)
}

/// As `write_atomically`, for a file everyone may read (0644 less the
/// umask): manual pages.
pub fn write_public(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, |f| f.write_all(bytes), Readers::Everyone, || Ok(()))
}

fn replace(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
    readers: Readers,
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    check_destination(path)?;
    let file = temporary_beside(path, write, readers)?;
    before_rename()?;
    file.persist(path).map_err(|e| e.error)?;
    sync_dir(parent(path))
}

/// Writes a new private file at `path`, atomically; fails with
/// `AlreadyExists`, touching nothing, when anything is there already.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let file = temporary_beside(path, |f| f.write_all(bytes), Readers::Owner)?;
    file.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(parent(path))
}

/// Makes a rename durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    Ok(())
}

/// Whether reading follows a link at the path itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// A file the user named (a catalogue): a link to a file is fine.
    Follow,
    /// qualplan's own files (enquiries, cache copies): a link is refused.
    Refuse,
}

/// Opens `path` for reading without blocking (a FIFO opens at once) and
/// refuses anything but a regular file.
pub fn open_regular(path: &Path, links: Links) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOCTTY;
        if links == Links::Refuse {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    let file = options.open(path).map_err(|e| explain_open(path, e))?;
    let m = file.metadata()?;
    if !m.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {}, not a regular file", kind_of(&m)),
        ));
    }
    Ok(file)
}

/// An open error in words where the system's are unclear: a link that
/// leads nowhere, or a link where none is followed.
fn explain_open(path: &Path, e: io::Error) -> io::Error {
    let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let target = || {
        fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default()
    };
    if link && e.kind() == io::ErrorKind::NotFound {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!("it is a link to {}, which does not exist", target()),
        )
    } else if let Ok(m) = fs::symlink_metadata(path)
        && !link
        && !m.is_file()
        && !m.is_dir()
    {
        // A FIFO opened to write with no reader fails (ENXIO) rather than
        // blocking: say what it is.
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is {}, not a regular file", path.display(), kind_of(&m)),
        )
    } else if link && e.raw_os_error() == Some(libc::ELOOP) {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "it is a link (to {}), which qualplan does not follow here",
                target()
            ),
        )
    } else {
        e
    }
}

/// Reads at most `limit` bytes of a regular file; a larger one is refused
/// with `FileTooLarge`, having read no more than `limit + 1` bytes.
pub fn read_limited(path: &Path, limit: u64, links: Links) -> io::Result<Vec<u8>> {
    let file = open_regular(path, links)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("the file is larger than {}", bytes_text(limit)),
        ));
    }
    Ok(bytes)
}

/// Gives the memory freed in the middle of the heap back to the system,
/// which the allocator otherwise keeps for later: after building something
/// large from many small pieces (a parsed catalogue) and dropping the
/// scaffolding, so that the next large step does not come on top of it.
pub fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory; it changes no live
    // allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// "64 MiB", "1 MiB", "512 KiB", "100 bytes".
pub fn bytes_text(n: u64) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

/// Opens (creating it 0600 if needed, never truncating, never through a
/// link) a lock file, and takes its exclusive lock; the system releases it
/// when the process ends, however it ends.
pub fn lock(path: &Path) -> io::Result<File> {
    let file = open_private(path, false).map_err(|e| explain_open(path, e))?;
    file.lock()?;
    Ok(file)
}

/// Opens (creating it 0600 if needed, never through a link) a lock file
/// without locking it, to try its lock.
pub fn open_lock_file(path: &Path) -> io::Result<File> {
    open_private(path, false).map_err(|e| explain_open(path, e))
}

/// Opens (creating it 0600 if needed) a private file to append to, such as
/// the log: never through a link, never a special file.
pub fn open_append(path: &Path) -> io::Result<File> {
    open_private(path, true).map_err(|e| explain_open(path, e))
}

fn open_private(path: &Path, append: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    if append {
        options.append(true);
    } else {
        options.read(true).write(true);
    }
    options.create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let m = file.metadata()?;
    if !m.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is {}, not a regular file", path.display(), kind_of(&m)),
        ));
    }
    Ok(file)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    fn mode(p: &Path) -> u32 {
        fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn folders_are_made_private_and_links_refused() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("a/b");
        private_dir(&dir).unwrap();
        assert_eq!((mode(&t.path().join("a")), mode(&dir)), (0o700, 0o700));
        // An existing folder keeps its mode.
        let open = t.path().join("open");
        fs::create_dir(&open).unwrap();
        fs::set_permissions(&open, fs::Permissions::from_mode(0o755)).unwrap();
        private_dir(&open).unwrap();
        assert_eq!(mode(&open), 0o755);
        // A link is reported, and its target left alone.
        let link = t.path().join("link");
        symlink(&open, &link).unwrap();
        let e = private_dir(&link).unwrap_err().to_string();
        assert!(
            e.contains("is a link to") && e.contains("not a folder"),
            "{e}"
        );
        assert_eq!(mode(&open), 0o755);
    }

    #[test]
    fn writes_never_follow_or_replace_a_link() {
        let t = tempfile::tempdir().unwrap();
        let target = t.path().join("precious");
        fs::write(&target, "keep me").unwrap();
        let link = t.path().join("out.md");
        symlink(&target, &link).unwrap();
        let e = write_atomically(&link, b"quote").unwrap_err().to_string();
        assert!(e.contains("is a link"), "{e}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A regular file is replaced, privately.
        let file = t.path().join("file.md");
        fs::write(&file, "old").unwrap();
        write_atomically(&file, b"new").unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "new");
        assert_eq!(mode(&file), 0o600);
        // A new file never replaces anything.
        let e = write_new(&file, b"newer").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&file).unwrap(), "new");
        write_new(&t.path().join("fresh.md"), b"x").unwrap();
        // No temporary file is left behind.
        let names: Vec<String> = fs::read_dir(t.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(TEMPORARY_SUFFIX))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn special_files_are_refused_without_blocking() {
        let t = tempfile::tempdir().unwrap();
        let fifo = t.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_limited(&fifo, 100, Links::Follow).unwrap_err();
        assert_eq!(
            e.to_string(),
            "it is a FIFO (named pipe), not a regular file"
        );
        let e = read_limited(Path::new("/dev/zero"), 100, Links::Follow).unwrap_err();
        assert_eq!(e.to_string(), "it is a device, not a regular file");
        let e = read_limited(t.path(), 100, Links::Follow).unwrap_err();
        assert_eq!(e.to_string(), "it is a folder, not a regular file");
        let e = lock(&fifo).unwrap_err().to_string();
        assert!(e.contains("FIFO"), "{e}");
        let e = open_append(&fifo).unwrap_err().to_string();
        assert!(e.contains("FIFO"), "{e}");
        // A link that leads nowhere says so.
        let dangling = t.path().join("dangling");
        symlink(t.path().join("gone"), &dangling).unwrap();
        let e = read_limited(&dangling, 100, Links::Follow).unwrap_err();
        assert!(e.to_string().contains("which does not exist"), "{e}");
        // A link where none is followed is refused; followed, it reads.
        let file = t.path().join("file");
        fs::write(&file, "12345").unwrap();
        let link = t.path().join("link");
        symlink(&file, &link).unwrap();
        assert!(read_limited(&link, 100, Links::Refuse).is_err());
        assert_eq!(read_limited(&link, 100, Links::Follow).unwrap(), b"12345");
        let e = read_limited(&file, 4, Links::Follow).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
    }

    #[test]
    fn locks_and_logs_are_private_and_never_truncate_through_a_link() {
        let t = tempfile::tempdir().unwrap();
        let victim = t.path().join("victim");
        fs::write(&victim, "data").unwrap();
        let planted = t.path().join(".lock");
        symlink(&victim, &planted).unwrap();
        assert!(lock(&planted).is_err());
        assert!(open_append(&planted).is_err());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "data");
        let real = t.path().join("real.lock");
        drop(lock(&real).unwrap());
        assert_eq!(mode(&real), 0o600);
        let log = t.path().join("x.log");
        drop(open_append(&log).unwrap());
        assert_eq!(mode(&log), 0o600);
    }

    #[test]
    fn sizes_in_words() {
        assert_eq!(bytes_text(64 << 20), "64 MiB");
        assert_eq!(bytes_text(1 << 20), "1 MiB");
        assert_eq!(bytes_text(512 << 10), "512 KiB");
        assert_eq!(bytes_text(100), "100 bytes");
    }
}
