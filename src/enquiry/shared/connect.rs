//! How qualplan reaches a shared store: the connection string (never with a
//! password in it), the password (from `PGPASSWORD`, the config file or
//! `~/.pgpass`, as libpq finds one), and TLS with libpq's `sslmode`
//! meanings, done by rustls so that no system OpenSSL is needed.
//!
//! Nothing here ever puts the password into a message: errors name the
//! server as `user@host:port/database`.

use crate::config::Secret;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// How long to wait for the server to answer a connection: long enough
/// for a slow network, short enough that the app carries on offline soon.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long unacknowledged data may wait before the connection counts as
/// gone (a pulled cable mid-call), rather than the kernel's many minutes.
const USER_TIMEOUT: Duration = Duration::from_secs(10);

/// libpq's `sslmode` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS.
    Disable,
    /// TLS when the server offers it (the default, as in libpq); `allow`
    /// means the same here.
    Prefer,
    /// TLS or no connection; the certificate is checked against a root
    /// certificate only when one is given (`sslrootcert`, or
    /// `~/.postgresql/root.crt`), as libpq does.
    Require,
    /// TLS, with a certificate signed by the root given.
    VerifyCa,
    /// TLS, with a certificate signed by the root given and naming the host.
    VerifyFull,
}

impl SslMode {
    fn parse(text: &str) -> Result<SslMode, ConnectError> {
        Ok(match text {
            "disable" => SslMode::Disable,
            "allow" | "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            other => {
                return Err(ConnectError::Setting(format!(
                    "sslmode={} is not one of disable, allow, prefer, require, verify-ca or verify-full",
                    crate::text::neutralise(other)
                )));
            }
        })
    }

    fn name(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// A connection string that cannot be used, said without its secrets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectError {
    /// A password was written into it.
    PasswordInUrl,
    /// Anything else wrong with it.
    Setting(String),
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConnectError::PasswordInUrl => write!(
                f,
                "the connection string holds a password; qualplan never takes one there (it would show in the process list, the shell's history and the log).\n  help: write it as postgres://USER@HOST/DATABASE and give the password in PGPASSWORD, in ~/.pgpass, or as `password` in the config file's store section (a file only you can read: chmod 600)"
            ),
            ConnectError::Setting(why) => write!(
                f,
                "{why}\n  help: write the store as postgres://USER@HOST:PORT/DATABASE?sslmode=MODE (docs/team.md)"
            ),
        }
    }
}

impl std::error::Error for ConnectError {}

/// Where the shared store is and how to reach it; holds no password.
#[derive(Clone)]
pub struct Target {
    /// The driver's settings, without the password.
    config: postgres::Config,
    pub ssl: SslMode,
    root_cert: Option<RootCert>,
    /// `user@host:port/database`, for messages.
    shown: String,
    /// host, port, database and user, for `~/.pgpass`.
    host: String,
    port: u16,
    database: String,
    user: String,
}

/// Where the certificates a server's is checked against come from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum RootCert {
    File(PathBuf),
    /// `sslrootcert=system`: this computer's trusted roots.
    System,
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Target({}, sslmode={})", self.shown, self.ssl.name())
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

/// Splits `%xx` escapes back into bytes.
fn decode(text: &str) -> Result<String, ConnectError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| {
                    ConnectError::Setting(
                        "a % in the connection string is not followed by two hex digits".into(),
                    )
                })?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| {
        ConnectError::Setting("the connection string is not UTF-8 once decoded".into())
    })
}

impl Target {
    /// Reads `postgres://USER@HOST:PORT/DATABASE?sslmode=...`. A password
    /// anywhere in it is refused (`PasswordInUrl`) without being repeated.
    pub fn parse(url: &str) -> Result<Target, ConnectError> {
        let rest = url
            .strip_prefix("postgres://")
            .or_else(|| url.strip_prefix("postgresql://"))
            .ok_or_else(|| {
                ConnectError::Setting(
                    "a shared store is named by a connection string starting postgres:// (or `local` for your own folder)".into(),
                )
            })?;
        let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (authority, path) = before_query.split_once('/').unwrap_or((before_query, ""));
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        if userinfo.is_some_and(|u| u.contains(':')) {
            return Err(ConnectError::PasswordInUrl);
        }
        let mut ssl = SslMode::Prefer;
        let mut root_cert = None;
        let mut kept: Vec<&str> = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "password" => return Err(ConnectError::PasswordInUrl),
                "sslmode" => ssl = SslMode::parse(&decode(value)?)?,
                "sslrootcert" => {
                    let value = decode(value)?;
                    root_cert = Some(if value == "system" {
                        RootCert::System
                    } else {
                        RootCert::File(PathBuf::from(value))
                    });
                }
                "sslcert" | "sslkey" | "sslpassword" => {
                    return Err(ConnectError::Setting(format!(
                        "{key}: client certificates are not supported; sign in with a password (docs/team.md)"
                    )));
                }
                "host" | "hostaddr" | "user" | "dbname" | "port" => {
                    return Err(ConnectError::Setting(format!(
                        "give the {key} in the connection string itself (postgres://USER@HOST:PORT/DATABASE), not as ?{key}="
                    )));
                }
                _ => kept.push(pair),
            }
        }
        if hostport.contains(',') {
            return Err(ConnectError::Setting(
                "one server only: several hosts in one connection string are not supported".into(),
            ));
        }
        let (host, port) = split_host_port(hostport)?;
        let database = decode(path)?;
        let user = match userinfo {
            Some(u) if !u.is_empty() => decode(u)?,
            _ => std::env::var("PGUSER")
                .ok()
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| crate::config::advisor(&Default::default())),
        };
        let database = if database.is_empty() {
            user.clone()
        } else {
            database
        };
        let mut driver = String::from("postgres://");
        driver.push_str(&kept_authority(&host, port));
        driver.push('/');
        if !kept.is_empty() {
            driver.push('?');
            driver.push_str(&kept.join("&"));
        }
        let mut config: postgres::Config = driver.parse().map_err(|e: postgres::Error| {
            ConnectError::Setting(format!("the connection string cannot be used: {e}"))
        })?;
        config
            .user(&user)
            .dbname(&database)
            .application_name("qualplan")
            .connect_timeout(CONNECT_TIMEOUT)
            .tcp_user_timeout(USER_TIMEOUT)
            .keepalives(true)
            .keepalives_idle(Duration::from_secs(30))
            .ssl_mode(match ssl {
                SslMode::Disable => postgres::config::SslMode::Disable,
                SslMode::Prefer => postgres::config::SslMode::Prefer,
                _ => postgres::config::SslMode::Require,
            });
        let shown_host = if host.starts_with('/') {
            format!("[{host}]")
        } else {
            host.clone()
        };
        Ok(Target {
            config,
            ssl,
            root_cert,
            shown: format!("{user}@{shown_host}:{port}/{database}"),
            host,
            port,
            database,
            user,
        })
    }

    /// The driver's settings, with the password from wherever it is kept
    /// (`from_config`: the config file's).
    pub fn config_with_password(&self, from_config: Option<&Secret>) -> postgres::Config {
        let mut config = self.config.clone();
        if let Some(password) = password(self, from_config) {
            config.password(password.expose());
        }
        config
    }

    /// The TLS settings for the `sslmode`, read now (a root certificate
    /// file that cannot be read is said so here).
    pub fn tls(&self) -> Result<tokio_postgres_rustls::MakeRustlsConnect, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let default_root = home_root_cert();
        let root = self.root_cert.clone().or(default_root.map(RootCert::File));
        let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS cannot be set up: {e}"))?;
        let check = match (self.ssl, root) {
            (SslMode::Disable, _) | (SslMode::Prefer | SslMode::Require, None) => {
                Check::EncryptOnly
            }
            (SslMode::VerifyCa | SslMode::VerifyFull, None) => {
                return Err(format!(
                    "sslmode={} needs the certificate of the authority that signed the server's: add sslrootcert=PATH to the connection string (or sslrootcert=system for this computer's trusted authorities), or put it in ~/.postgresql/root.crt",
                    self.ssl.name()
                ));
            }
            (SslMode::VerifyFull, Some(root)) => Check::Full(roots(&root)?),
            (_, Some(root)) => Check::Authority(roots(&root)?),
        };
        let config = match check {
            Check::EncryptOnly => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(EncryptOnly(provider)))
                .with_no_client_auth(),
            Check::Full(roots) => builder.with_root_certificates(roots).with_no_client_auth(),
            Check::Authority(roots) => {
                let inner = rustls::client::WebPkiServerVerifier::builder_with_provider(
                    Arc::new(roots),
                    provider,
                )
                .build()
                .map_err(|e| format!("TLS cannot be set up: {e}"))?;
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(AuthorityOnly(inner)))
                    .with_no_client_auth()
            }
        };
        Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
    }

    /// A short name for the outbox folder of this store: the same server,
    /// database and user give the same name.
    pub fn key(&self) -> String {
        let id = format!(
            "{}\n{}\n{}\n{}",
            self.host, self.port, self.database, self.user
        );
        format!(
            "{}-{:016x}",
            crate::enquiry::slug(&self.database),
            xxhash_rust::xxh3::xxh3_64(id.as_bytes())
        )
    }
}

/// What a server's certificate is checked for.
enum Check {
    /// Nothing: the connection is encrypted, but anyone could be at the
    /// other end (libpq's `require` without a root certificate).
    EncryptOnly,
    /// Signed by a trusted authority, whatever the name.
    Authority(rustls::RootCertStore),
    /// Signed by a trusted authority, for this host.
    Full(rustls::RootCertStore),
}

/// The trusted authorities from a file or the system.
fn roots(root: &RootCert) -> Result<rustls::RootCertStore, String> {
    let mut store = rustls::RootCertStore::empty();
    let certs: Vec<CertificateDer<'static>> = match root {
        RootCert::System => rustls_native_certs::load_native_certs().certs,
        RootCert::File(path) => {
            use rustls::pki_types::pem::PemObject;
            let bytes = crate::files::read_limited(path, 1 << 20, crate::files::Links::Follow)
                .map_err(|e| format!("cannot read the root certificate {}: {e}", path.display()))?;
            CertificateDer::pem_slice_iter(&bytes)
                .collect::<Result<_, _>>()
                .map_err(|e| format!("{} holds no usable certificate: {e}", path.display()))?
        }
    };
    let (added, _) = store.add_parsable_certificates(certs);
    if added == 0 {
        return Err(match root {
            RootCert::System => {
                "this computer has no trusted authorities to check the server's certificate against"
                    .into()
            }
            RootCert::File(p) => format!("{} holds no usable certificate", p.display()),
        });
    }
    Ok(store)
}

/// `~/.postgresql/root.crt`, where libpq looks, when it is there.
fn home_root_cert() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")?;
    let path = Path::new(&home).join(".postgresql/root.crt");
    path.is_file().then_some(path)
}

fn split_host_port(hostport: &str) -> Result<(String, u16), ConnectError> {
    let bad_port = || ConnectError::Setting("the port is not a number from 1 to 65535".into());
    let (host, port) = if let Some(rest) = hostport.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or_else(|| ConnectError::Setting("an IPv6 address in [ ] is not closed".into()))?;
        (host.to_string(), after.strip_prefix(':'))
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (hostport.to_string(), None),
        }
    };
    let port = match port {
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(bad_port)?,
        None => 5432,
    };
    let host = decode(&host)?;
    // No host: the server on this computer, through its socket folder.
    let host = if host.is_empty() {
        "/var/run/postgresql".to_string()
    } else {
        host
    };
    Ok((host, port))
}

/// The host and port as the driver's URL takes them.
fn kept_authority(host: &str, port: u16) -> String {
    if host.starts_with('/') {
        let mut encoded = String::new();
        for b in host.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                encoded.push(b as char);
            } else {
                encoded.push_str(&format!("%{b:02X}"));
            }
        }
        format!("{encoded}:{port}")
    } else if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// The password, as libpq looks for one: `PGPASSWORD`, then (qualplan's
/// own) the config file, then the password file (`PGPASSFILE`, or
/// `~/.pgpass`, used only when no one else can read it).
fn password(target: &Target, from_config: Option<&Secret>) -> Option<Secret> {
    if let Some(p) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
        return Some(Secret::new(p));
    }
    if let Some(p) = from_config {
        return Some(p.clone());
    }
    let file = pgpass_file()?;
    let host = if target.host.starts_with('/') {
        "localhost"
    } else {
        &target.host
    };
    pgpass_lookup(&file, host, target.port, &target.database, &target.user)
}

/// The password file libpq would read: `PGPASSFILE`, else `~/.pgpass`.
fn pgpass_file() -> Option<PathBuf> {
    std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".pgpass")))
}

/// Why the password file was passed over, when it was for being readable
/// by others: said with a refused login, since that is where a person
/// looks (libpq says it too).
fn pgpass_passed_over() -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let file = pgpass_file()?;
    let mode = std::fs::metadata(&file).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "; the password file {} was not used, since others may read it (mode {:04o}): chmod 600 it",
            file.display(),
            mode & 0o777
        )
    })
}

/// The first line of a password file matching the connection
/// (`host:port:database:user:password`, `*` matching anything, `\` escaping
/// `:` and `\`). A file others may read is passed over, as libpq does.
pub fn pgpass_lookup(
    file: &Path,
    host: &str,
    port: u16,
    database: &str,
    user: &str,
) -> Option<Secret> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(
                "the password file {} may be read by others (mode {:04o}); it was not used: chmod 600 it",
                file.display(),
                mode & 0o777
            );
            return None;
        }
    }
    let bytes = crate::files::read_limited(file, 1 << 20, crate::files::Links::Follow).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let port = port.to_string();
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            let fields = pgpass_fields(l);
            (fields.len() == 5).then_some(fields)
        })
        .find(|f| {
            let matches = |field: &str, value: &str| field == "*" || field == value;
            matches(&f[0], host)
                && matches(&f[1], &port)
                && matches(&f[2], database)
                && matches(&f[3], user)
        })
        .map(|f| Secret::new(f[4].clone()))
}

fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one field").push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

/// libpq's `require` without a root certificate: the connection is
/// encrypted and the handshake checked, but the certificate is taken as it
/// comes.
#[derive(Debug)]
struct EncryptOnly(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// libpq's `verify-ca`: signed by a trusted authority, whatever host name
/// the certificate gives.
#[derive(Debug)]
struct AuthorityOnly(Arc<rustls::client::WebPkiServerVerifier>);

impl ServerCertVerifier for AuthorityOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        use rustls::CertificateError as C;
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            // The chain was checked before the name.
            Err(rustls::Error::InvalidCertificate(
                C::NotValidForName | C::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// Why a connection or a call failed, in words for the advisor, without
/// secrets; and whether it means the store is out of reach (try again
/// later, keep edits here) rather than refusing what was asked.
pub fn explain(e: &postgres::Error, target: &Target) -> (String, bool) {
    if let Some(db) = e.as_db_error() {
        let code = db.code().code();
        let text = crate::text::neutralise(db.message()).into_owned();
        return match code {
            // invalid_password, invalid_authorization_specification
            "28P01" | "28000" => (
                format!(
                    "the server refused the login for {target}: {text} (the password comes from PGPASSWORD, the config file or ~/.pgpass){}",
                    pgpass_passed_over().unwrap_or_default()
                ),
                true,
            ),
            "3D000" => (
                format!(
                    "there is no database {} on the server (docs/team.md says how to create it)",
                    target.database
                ),
                false,
            ),
            // Connection exceptions, shutting down, starting up, too many connections.
            c if c.starts_with("08") || c.starts_with("57P") || c == "53300" => (text, true),
            _ => (text, false),
        };
    }
    let mut chain = Vec::new();
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let detail = chain.join(": ");
    let shown = e.to_string();
    let text = if shown.contains("password missing") || detail.contains("password missing") {
        format!(
            "the server at {target} asks for a password, and none was given: set PGPASSWORD, add a line to ~/.pgpass (chmod 600), or put `password` in the config file's store section{}",
            crate::text::neutralise(&pgpass_passed_over().unwrap_or_default())
        )
    } else if detail.contains("server does not support TLS") {
        format!(
            "{target} does not offer TLS, and the connection string asks for it (sslmode={}): ask the server's administrator to turn TLS on, or use sslmode=prefer only on a network you trust",
            target.ssl.name()
        )
    } else if shown.contains("TLS") {
        format!(
            "the TLS handshake with {target} failed: {detail} (check sslrootcert and that the host name matches the server's certificate)"
        )
    } else if detail.is_empty() {
        format!("{target}: {shown}")
    } else {
        format!("{target}: {detail}")
    };
    (crate::text::neutralise(&text).into_owned(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_url_is_refused_and_not_repeated() {
        for url in [
            "postgres://sam:hunter2@db.example.org/qualplan",
            "postgresql://sam:@db.example.org/qualplan",
            "postgres://sam@db.example.org/qualplan?password=hunter2",
            "postgres://sam@db.example.org/qualplan?sslmode=require&password=hunter2",
        ] {
            let e = Target::parse(url).unwrap_err();
            assert_eq!(e, ConnectError::PasswordInUrl, "{url}");
            let shown = e.to_string();
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(
                shown.contains("PGPASSWORD")
                    && shown.contains("~/.pgpass")
                    && shown.contains("chmod 600")
            );
        }
    }

    #[test]
    fn a_url_is_read_as_libpq_reads_it() {
        let t = Target::parse("postgres://sam%40team@db.example.org:6543/qual%20plan?sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=3").unwrap();
        assert_eq!(t.to_string(), "sam@team@db.example.org:6543/qual plan");
        assert_eq!(t.ssl, SslMode::VerifyFull);
        assert_eq!(t.root_cert, Some(RootCert::File("/etc/ca.pem".into())));
        let t = Target::parse("postgres://sam@[::1]/qualplan").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.ssl),
            ("::1", 5432, SslMode::Prefer)
        );
        let t = Target::parse("postgresql://sam@/qualplan").unwrap();
        assert_eq!(t.host, "/var/run/postgresql");
        for bad in [
            "mysql://sam@h/db",
            "postgres://sam@h:0/db",
            "postgres://sam@h:99999/db",
            "postgres://sam@h/db?sslmode=sometimes",
            "postgres://sam@h1,h2/db",
            "postgres://sam@h/db?sslcert=/x",
            "postgres://sam@h/%zz",
        ] {
            assert!(
                matches!(Target::parse(bad), Err(ConnectError::Setting(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn verify_modes_need_a_root_certificate() {
        let home = tempfile::tempdir().unwrap();
        // SAFETY (test): HOME is read by this thread only; no root.crt there.
        let t = Target {
            root_cert: None,
            ..Target::parse("postgres://sam@h/db?sslmode=verify-full").unwrap()
        };
        if home_root_cert().is_none() {
            let e = t.tls().err().unwrap();
            assert!(e.contains("sslrootcert=PATH"), "{e}");
        }
        let missing = Target::parse(&format!(
            "postgres://sam@h/db?sslmode=verify-ca&sslrootcert={}/none.pem",
            home.path().display()
        ))
        .unwrap();
        let e = missing.tls().err().unwrap();
        assert!(e.contains("cannot read the root certificate"), "{e}");
        assert!(
            Target::parse("postgres://sam@h/db?sslmode=require")
                .unwrap()
                .tls()
                .is_ok()
        );
    }

    #[test]
    fn the_password_file_is_read_as_libpq_reads_it() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(
            &file,
            "# comment\nother:5432:*:*:wrong\ndb.example.org:5432:qualplan:sam:s\\:e\\\\cret\n*:*:*:*:fallback\n",
        )
        .unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let found = |host, port, db, user| {
            pgpass_lookup(&file, host, port, db, user).map(|s| s.expose().to_string())
        };
        assert_eq!(
            found("db.example.org", 5432, "qualplan", "sam").as_deref(),
            Some("s:e\\cret")
        );
        assert_eq!(
            found("db.example.org", 5433, "qualplan", "sam").as_deref(),
            Some("fallback")
        );
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(found("db.example.org", 5432, "qualplan", "sam"), None);
    }
}
