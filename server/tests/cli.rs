//! The `kopru` binary's commands, run as an operator runs them.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn kopru(db_url: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kopru"));
    c.env("DATABASE_URL", db_url).env("KOPRU_LOG_FORMAT", "pretty").env("RUST_LOG", "warn");
    c.env("KOPRU_ENV", "development").env_remove("KOPRU_SECRET_KEY");
    // Uploads (the demo cases' documents) beside the test's database, never in the checkout.
    if let Some(file) = db_url.strip_prefix("sqlite://").and_then(|rest| rest.split('?').next()) {
        if let Some(dir) = std::path::Path::new(file).parent() {
            c.env("KOPRU_UPLOAD_DIR", dir.join("uploads"));
        }
    }
    c
}

/// The CLI tests exercise the binary, not the backend: a private SQLite file each.
fn db_url(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display())
}

#[test]
fn migrate_create_admin_and_seed_demo() {
    let dir = tempfile::tempdir().unwrap();
    let url = db_url(&dir);

    let out = kopru(&url).arg("migrate").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let mut child = kopru(&url)
        .args(["create-admin", "--email", "Boss@Kopru.example"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"bosh-admin-parol-2026\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("boss@kopru.example"));
    let logs = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(!logs.contains("bosh-admin-parol-2026"), "the password is never printed");

    // The same e-mail again is refused, and a weak password too.
    let mut child = kopru(&url)
        .args(["create-admin", "--email", "boss@kopru.example"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"bosh-admin-parol-2026\n").unwrap();
    assert!(!child.wait_with_output().unwrap().status.success());
    let mut child = kopru(&url)
        .args(["create-admin", "--email", "second@kopru.example"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"password\n").unwrap();
    assert!(!child.wait_with_output().unwrap().status.success());

    let first = kopru(&url).arg("seed-demo").output().unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout)
        .contains("demo world: 11 new accounts, 300 new vacancies, 10 new applications, 7 new cases"));
    let out = String::from_utf8_lossy(&first.stdout).to_string();
    assert!(out.contains("demo certificates"), "{out}");
    for status in ["valid", "expired", "revoked"] {
        let line =
            out.lines().find(|l| l.trim_start().starts_with(status)).unwrap_or_else(|| panic!("{status}: {out}"));
        assert!(line.contains("KP0001/"), "{line}");
    }
    let second = kopru(&url).arg("seed-demo").output().unwrap();
    assert!(
        String::from_utf8_lossy(&second.stdout)
            .contains("demo world: 0 new accounts, 0 new vacancies, 0 new applications, 0 new cases"),
        "idempotent"
    );
}

#[test]
fn serves_health_and_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = kopru(&db_url(&dir))
        .arg("serve")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let body = loop {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::Read;
            s.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
            let mut buf = String::new();
            s.read_to_string(&mut buf).unwrap();
            break buf;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "server did not start");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    assert!(body.contains("\"database\":\"ok\""), "{body}");

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            assert!(s.success(), "clean exit after SIGTERM: {s:?}");
            break;
        }
        assert!(Instant::now() < deadline, "did not stop after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Without `KOPRU_ENV=development` the server is in production: it refuses the published
/// development key (given or implied), and `seed-demo` refuses to create the demo accounts.
#[test]
fn refuses_the_development_key_without_kopru_env_development() {
    let dir = tempfile::tempdir().unwrap();
    let url = db_url(&dir);
    let dev_key = server::config::DEV_SECRET;
    for env in [None, Some("production")] {
        for key in [None, Some(dev_key)] {
            let mut c = kopru(&url);
            c.arg("serve").env("LEPTOS_SITE_ADDR", "127.0.0.1:0").env_remove("KOPRU_ENV");
            if let Some(e) = env {
                c.env("KOPRU_ENV", e);
            }
            if let Some(k) = key {
                c.env("KOPRU_SECRET_KEY", k);
            }
            let out = c.output().unwrap();
            assert!(!out.status.success(), "started with KOPRU_ENV={env:?}, key {key:?}");
            assert!(String::from_utf8_lossy(&out.stderr).contains("KOPRU_SECRET_KEY"), "{env:?} {key:?}");
        }
    }
    let real_key = "a-real-production-key-of-forty-characters";
    let out = kopru(&url).arg("migrate").env_remove("KOPRU_ENV").env("KOPRU_SECRET_KEY", real_key).output().unwrap();
    assert!(out.status.success(), "a real key starts: {}", String::from_utf8_lossy(&out.stderr));
    let out = kopru(&url).arg("seed-demo").env_remove("KOPRU_ENV").env("KOPRU_SECRET_KEY", real_key).output().unwrap();
    assert!(!out.status.success(), "seed-demo in production");
    assert!(String::from_utf8_lossy(&out.stderr).contains("KOPRU_ENV=development"));
    let out = kopru(&url).arg("seed-demo").env("KOPRU_SECRET_KEY", real_key).output().unwrap();
    assert!(out.status.success(), "seed-demo in development: {}", String::from_utf8_lossy(&out.stderr));
}
