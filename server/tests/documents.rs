//! The documents of cases over HTTP (F5.2): served only to the case's migrant
//! and to staff, with the headers a file needs; posts with files read as they
//! stream, typed by content, photos stripped of their metadata, the limits
//! refused clearly (a plain form post back to its page with `?error=`), never
//! a file left behind by a refusal. On SQLite, and on PostgreSQL with
//! `TEST_DATABASE_URL`.
//!
//! The case pages' own server functions come with their feature; the posts
//! here go to `test_attach_documents`, a server function of this test only,
//! written the way theirs are: guard → read_form → row check → store → attach
//! in one transaction, discard on failure.

mod common;

use app::accounts::SessionUser;
use app::documents::{MediaType, Stored, Upload, DOCUMENT_PATH, MAX_FILE_BYTES, MAX_POST_BYTES};
use app::error::AppError;
use common::*;
use http::{header, StatusCode};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// Attaches the files of a post to case `case_id` (test only; see the module's documentation).
#[server(endpoint = "test_attach_documents", input = MultipartFormData)]
async fn test_attach_documents(data: MultipartData) -> Result<Vec<i32>, AppError> {
    use app::authz::Action;
    use app::documents::{discard, read_form, service, store};
    let (user, state) = app::guard::guard(Action::UploadDocument).await?;
    let form = read_form(data).await?;
    let case_id: i32 = form.get("case_id").and_then(|v| v.parse().ok()).ok_or(AppError::InvalidInput)?;
    let owner = service::case_owner(&state.db, case_id).await?.ok_or(AppError::NotFound)?;
    if !app::authz::may_read_case(&user, owner) {
        return Err(AppError::NotFound);
    }
    let mut stored = Vec::new();
    for upload in form.files {
        match store(&state.uploads, upload).await {
            Ok(s) => stored.push(s),
            Err(e) => {
                discard(&state.uploads, stored).await;
                return Err(e);
            }
        }
    }
    let kept = stored.clone();
    let written = app::db::write(&state.db, move |txn| {
        Box::pin(async move {
            let mut ids = Vec::new();
            for s in stored {
                ids.push(service::attach(txn, case_id, None, &user, s).await?);
            }
            Ok(ids)
        })
    })
    .await;
    if written.is_err() {
        discard(&state.uploads, kept).await;
    }
    written
}

const UPLOAD: &str = <TestAttachDocuments as ServerFn>::PATH;
/// The case page a plain form is posted from.
const CASE_PAGE: &str = "/cases/1";

/// A PDF with a canary in it (the logs must never hold a document's content).
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Title (KANARYA-7731) >> endobj\ntrailer << >>\n%%EOF\n";

/// A 24 × 16 photo as a phone's camera writes it: a JPEG with an Exif
/// segment right after its start, holding a GPS position (written by hand).
fn photo_with_gps() -> Vec<u8> {
    let jpeg = encode(image::ImageFormat::Jpeg);
    let mut tiff = b"MM\x00\x2A\x00\x00\x00\x08".to_vec();
    tiff.extend_from_slice(&[0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]); // IFD0: GPSInfo → 26
    tiff.extend_from_slice(&[0, 2]); // the GPS IFD: two entries
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]); // GPSLatitudeRef "N"
    tiff.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56]); // GPSLatitude, 3 RATIONAL at 56
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    for v in [41u32, 18, 4] {
        tiff.extend_from_slice(&v.to_be_bytes());
        tiff.extend_from_slice(&1u32.to_be_bytes());
    }
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    app1.extend_from_slice(b"Exif\x00\x00");
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A 24 × 16 image in `format`.
fn encode(format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(24, 16, |x, y| image::Rgb([(x * 10) as u8, (y * 15) as u8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn tiny_png() -> Vec<u8> {
    encode(image::ImageFormat::Png)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn session_user(actor: &Actor) -> SessionUser {
    SessionUser {
        id: actor.id() as i32,
        role: actor.role().unwrap(),
        name: "Test".into(),
        login: actor.login().to_string(),
        verified: true,
    }
}

/// A help case of `owner`, written straight to the table (the case pages come with their feature).
async fn case_of(app: &TestApp, owner: &Actor) -> i32 {
    use sea_orm::sea_query::{Alias, Query};
    use sea_orm::ConnectionTrait;
    let now = chrono::Utc::now();
    let stmt = Query::insert()
        .into_table(Alias::new("cases"))
        .columns(
            ["kind", "owner_user_id", "stage", "summary", "lang", "stage_entered_at", "created_at", "updated_at"]
                .map(Alias::new),
        )
        .values_panic([
            "help".into(),
            (owner.id() as i32).into(),
            "submitted".into(),
            "x".into(),
            "uz".into(),
            now.into(),
            now.into(),
            now.into(),
        ])
        .returning_col(Alias::new("id"))
        .to_owned();
    let row = app.db.query_one(app.db.get_database_backend().build(&stmt)).await.unwrap().unwrap();
    row.try_get_by_index::<i32>(0).unwrap()
}

/// A document of case `case_id` uploaded by `by`: its file stored, its row written.
async fn document(app: &TestApp, case_id: i32, by: &Actor, name: &str, bytes: &[u8]) -> (i32, Stored) {
    let upload = Upload { field: "file".into(), name: name.into(), bytes: bytes.to_vec() };
    let stored = app::documents::store(app.uploads.path(), upload).await.unwrap();
    let id = app::documents::service::attach(&app.db, case_id, None, &session_user(by), stored.clone()).await.unwrap();
    (id, stored)
}

fn url(id: i32) -> String {
    format!("{DOCUMENT_PATH}?id={id}")
}

/// `GET /api/document?id=N` as a script asks (`Accept: application/json`).
async fn fetch(actor: &Actor, id: i32) -> Reply {
    fetch_path(actor, &url(id), "application/json").await
}

async fn fetch_path(actor: &Actor, path: &str, accept: &str) -> Reply {
    let mut b = http::Request::get(path).header(header::HOST, HOST).header(header::ACCEPT, accept);
    if let Some(c) = actor.cookie() {
        b = b.header(header::COOKIE, c);
    }
    actor.send(b.body(axum::body::Body::empty()).unwrap()).await
}

/// The files in the upload folder.
fn files_in(app: &TestApp) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(app.uploads.path())
        .map(|d| d.map(|e| e.unwrap().file_name().into_string().unwrap()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[tokio::test]
async fn a_document_is_served_to_its_migrant_and_to_staff_only() {
    let logs = LogBuffer::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::INFO)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // While one dispatcher alone is registered, tracing-core asks only the current thread's about
    // a new callsite: another test's thread (no subscriber) would switch this one's events off.
    let _second = tracing::Dispatch::new(tracing_subscriber::registry());

    let w = world().await;
    let admin = w.admin("admin@kopru.example").await;
    let other = w.migrant("+998935551122").await;
    let case = case_of(&w, &w.migrant).await;
    let (pdf, stored) = document(&w, case, &w.migrant, "ruxsatnoma.pdf", PDF).await;
    let (photo, _) = document(&w, case, &w.staff, "rasm.png", &tiny_png()).await;

    for reader in [&w.migrant, &w.staff, &admin] {
        let r = fetch(reader, pdf).await;
        assert_eq!(r.status, StatusCode::OK, "{reader:?}: {}", r.body);
        assert_eq!(&r.bytes[..], PDF, "{reader:?}: the file as it was uploaded");
        assert_eq!(r.header("content-type"), Some("application/pdf"));
        assert_eq!(
            r.header("content-disposition"),
            Some("attachment; filename=\"ruxsatnoma.pdf\"; filename*=UTF-8''ruxsatnoma.pdf")
        );
        assert_eq!(r.header("cache-control"), Some("no-store"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("content-length"), Some(&*PDF.len().to_string()));
        assert!(r.header("content-encoding").is_none(), "a file is sent as it is");

        let r = fetch(reader, photo).await;
        assert_eq!(r.status, StatusCode::OK, "{reader:?}: {}", r.body);
        assert_eq!(r.header("content-type"), Some("image/png"));
        assert!(r.header("content-disposition").unwrap().starts_with("inline; filename=\"rasm.png\""));
        assert_eq!(app::documents::sniff(&r.bytes), Ok(MediaType::Png));
        let img = image::load_from_memory_with_format(&r.bytes, image::ImageFormat::Png).unwrap();
        assert_eq!((img.width(), img.height()), (24, 16));
    }
    // A browser following the link (Accept: text/html, a Referer) gets the file too, not a redirect.
    let b = http::Request::get(url(pdf))
        .header(header::HOST, HOST)
        .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
        .header(header::REFERER, format!("{ORIGIN}{CASE_PAGE}"))
        .header(header::COOKIE, w.migrant.cookie().unwrap());
    let r = w.migrant.send(b.body(axum::body::Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(&r.bytes[..], PDF);

    // Everyone else learns nothing: not even whether the document exists.
    for stranger in [&w.employer, &other] {
        for id in [pdf, photo, 999_999] {
            let r = fetch(stranger, id).await;
            r.assert_err("NotFound");
            assert!(!contains(&r.bytes, b"KANARYA"), "{stranger:?}");
        }
    }
    fetch(&w.anonymous(), pdf).await.assert_err("NotSignedIn");
    fetch(&w.staff, 999_999).await.assert_err("NotFound");
    for bad in [format!("{DOCUMENT_PATH}?id=abc"), DOCUMENT_PATH.to_string(), format!("{DOCUMENT_PATH}?id=-3")] {
        fetch_path(&w.staff, &bad, "application/json").await.assert_err("InvalidInput");
    }
    // A browser without a session is sent to sign in, and back to the document after.
    let r = fetch_path(&w.anonymous(), &url(pdf), "text/html").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header("location"), Some(&*format!("/signin?next=%2Fapi%2Fdocument%3Fid%3D{pdf}")));

    // Each staff read is logged (who, what, when), the migrant's own reads are not; never the content.
    let text = logs.text();
    let reads: Vec<&str> = text.lines().filter(|l| l.contains("staff read a document")).collect();
    assert_eq!(reads.len(), 4, "two documents × staff and admin; the migrant's own reads are not logged: {reads:#?}");
    assert!(reads.iter().any(|l| l.contains(&format!("\"staff_id\":{}", w.staff.id()))
        && l.contains(&format!("\"document_id\":{pdf}"))
        && l.contains(&format!("\"case_id\":{case}"))
        && l.contains("\"timestamp\"")));
    assert!(reads
        .iter()
        .any(|l| l.contains(&format!("\"staff_id\":{}", admin.id())) && l.contains("\"role\":\"admin\"")));
    assert!(!text.contains("KANARYA"), "no document content in the log");
    assert!(!text.contains(&stored.stored_name), "not even the file's name on disk");

    // The list the case pages show: every document, who uploaded it, its message.
    let list = app::documents::service::list_for_case(&w.db, case).await.unwrap();
    let summary: Vec<(i32, MediaType, &str, bool)> =
        list.iter().map(|d| (d.id, d.media_type, d.name.as_str(), d.by_staff)).collect();
    assert_eq!(
        summary,
        vec![(pdf, MediaType::Pdf, "ruxsatnoma.pdf", false), (photo, MediaType::Png, "rasm.png", true)]
    );
    assert_eq!(list[0].size_bytes, PDF.len() as i64);
    assert!(chrono::DateTime::parse_from_rfc3339(&list[0].created_at).is_ok());
}

#[tokio::test]
async fn a_post_with_files_is_checked_stored_and_served_back() {
    let w = world().await;
    let case = case_of(&w, &w.migrant).await;
    let case_id = case.to_string();
    let photo = photo_with_gps();
    assert!(contains(&photo, b"Exif\0\0") && image::load_from_memory(&photo).is_ok());
    let r = w
        .migrant
        .post_multipart(
            UPLOAD,
            &[("case_id", &case_id)],
            &[("file", "", b""), ("file", "../../../../etc/cron.d/passwd.pdf", PDF), ("file", "IMG_2041.jpg", &photo)],
        )
        .await
        .ok();
    let ids: Vec<i64> = r.json().as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 2, "the empty file input is left out: {}", r.body);
    let list = app::documents::service::list_for_case(&w.db, case).await.unwrap();
    assert_eq!(list.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["passwd.pdf", "IMG_2041.jpg"]);
    assert_eq!(list.iter().map(|d| d.media_type).collect::<Vec<_>>(), [MediaType::Pdf, MediaType::Jpeg]);

    // Stored under names the server made, in the upload folder only.
    let names = files_in(&w);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| app::documents::upload::is_stored_name(n)), "{names:?}");
    let stored: Vec<String> = {
        let mut v = Vec::new();
        for id in &ids {
            v.push(w.text(&format!("SELECT stored_name FROM case_documents WHERE id = {id}")).await.unwrap());
        }
        v.sort();
        v
    };
    assert_eq!(stored, names);
    assert!(!w.uploads.path().parent().unwrap().join("etc").exists());

    // Served back: the PDF as it was, the photo re-encoded without its Exif (and so its GPS).
    let pdf = fetch(&w.migrant, ids[0] as i32).await.ok();
    assert_eq!(&pdf.bytes[..], PDF);
    let back = fetch(&w.staff, ids[1] as i32).await.ok();
    assert_eq!(back.header("content-type"), Some("image/jpeg"));
    assert!(!contains(&back.bytes, b"Exif"), "no Exif marker in the stored photo");
    assert_eq!(app::documents::sniff(&back.bytes), Ok(MediaType::Jpeg));
    let img = image::load_from_memory_with_format(&back.bytes, image::ImageFormat::Jpeg).expect("it still decodes");
    assert_eq!((img.width(), img.height()), (24, 16));

    // Staff add a document to the same case: it says so in the list.
    w.staff.post_multipart(UPLOAD, &[("case_id", &case_id)], &[("file", "javob.pdf", PDF)]).await.ok();
    let list = app::documents::service::list_for_case(&w.db, case).await.unwrap();
    assert_eq!(list.iter().map(|d| d.by_staff).collect::<Vec<_>>(), [false, false, true]);

    // A plain form post that succeeds goes back to its page (the server function sends it there).
    let r = w.migrant.form_post_multipart(UPLOAD, &[("case_id", &case_id)], &[("file", "b.pdf", PDF)], CASE_PAGE).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    assert!(!r.header("location").unwrap().contains("error="), "{:?}", r.header("location"));
    assert_eq!(files_in(&w).len(), 4);
}

#[tokio::test]
async fn refused_posts_say_why_and_leave_no_file_behind() {
    let w = world().await;
    let case = case_of(&w, &w.migrant).await;
    let case_id = case.to_string();
    let fields: &[(&str, &str)] = &[("case_id", &case_id)];
    let exe: &[u8] =
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00 This program cannot be run in DOS mode.";
    let html: &[u8] = b"<html><script>fetch('/api/my_data')</script></html>";
    let svg: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";
    let mut fake_jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0];
    fake_jpeg.extend(std::iter::repeat_n(0x41, 4000));
    let big = vec![b'%'; MAX_FILE_BYTES + 1];
    let six: Files = (0..6).map(|_| ("file", "a.pdf", PDF)).collect();

    let cases: Vec<(&str, Files, &str)> = vec![
        ("an executable renamed .jpg", vec![("file", "photo.jpg", exe)], "FileTypeNotAllowed"),
        ("HTML renamed .pdf", vec![("file", "pasport.pdf", html)], "FileTypeNotAllowed"),
        ("SVG", vec![("file", "x.svg", svg)], "FileTypeNotAllowed"),
        ("a zip", vec![("file", "docs.zip", b"PK\x03\x04\x14\x00\x00\x00")], "FileTypeNotAllowed"),
        ("a JPEG header with garbage after it", vec![("file", "p.jpg", &fake_jpeg)], "FileUnreadable"),
        ("a file over 10 MiB", vec![("file", "big.pdf", &big)], "FileTooLarge"),
        ("six files", six.clone(), "TooManyFiles"),
        // A good file first: refused all the same, and its stored file removed.
        (
            "a good file, then a bad one",
            vec![("file", "ok.pdf", PDF), ("file", "photo.jpg", exe)],
            "FileTypeNotAllowed",
        ),
    ];
    for (what, files, want) in &cases {
        // A script gets the error's status and name …
        let r = w.migrant.post_multipart(UPLOAD, fields, files).await;
        assert_eq!(r.status, status_of(want), "{what}: {}", r.body);
        assert_eq!(r.error(), *want, "{what}");
        // … a browser without JavaScript goes back to its page with the error, tied to the file input.
        let r = w.migrant.form_post_multipart(UPLOAD, fields, files, CASE_PAGE).await;
        assert_eq!(r.status, StatusCode::FOUND, "{what}: {}", r.body);
        let key = AppError::from_key(&snake(want)).unwrap().key();
        assert_eq!(r.header("location"), Some(&*format!("{CASE_PAGE}?error={key}")), "{what}");
        let echo = app::forms::echo::ECHO_COOKIE;
        assert!(r.set_cookies().iter().all(|c| !c.contains(echo)), "{what}: a post with files is not kept");
        assert_eq!(files_in(&w), Vec::<String>::new(), "{what}: no file left behind");
    }
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM case_documents WHERE case_id = {case}")).await, 0);

    // Not signed in; someone who may not read the case.
    w.anonymous().post_multipart(UPLOAD, fields, &[("file", "a.pdf", PDF)]).await.assert_err("NotSignedIn");
    w.employer.post_multipart(UPLOAD, fields, &[("file", "a.pdf", PDF)]).await.assert_err("NotFound");
    assert_eq!(files_in(&w), Vec::<String>::new());
}

/// The files of a post: (field, file name, content).
type Files<'a> = Vec<(&'a str, &'a str, &'a [u8])>;

/// `FileTypeNotAllowed` → `file_type_not_allowed`.
fn snake(name: &str) -> String {
    let mut s = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            s.push('_');
        }
        s.push(c.to_ascii_lowercase());
    }
    s
}

#[tokio::test]
async fn the_middleware_caps_posts_with_files_and_sends_browsers_back() {
    let w = world().await;
    let case = case_of(&w, &w.migrant).await.to_string();

    // Larger than the limit by its Content-Length: refused before a byte is read.
    let b = http::Request::post(UPLOAD)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, multipart_content_type(MULTIPART_BOUNDARY))
        .header(header::CONTENT_LENGTH, MAX_POST_BYTES + 1)
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, w.migrant.cookie().unwrap());
    let r = w.migrant.send(b.body(axum::body::Body::from("x")).unwrap()).await;
    r.assert_err("FileTooLarge");

    // Without a Content-Length (chunked), cut off while it streams.
    let mut body = multipart_body(MULTIPART_BOUNDARY, &[("case_id", &case)], &[]);
    body.truncate(body.len() - format!("--{MULTIPART_BOUNDARY}--\r\n").len());
    for i in 0..6 {
        let part = multipart_body(MULTIPART_BOUNDARY, &[], &[("file", &format!("{i}.pdf"), &vec![b'%'; 9 << 20])]);
        body.extend_from_slice(&part[..part.len() - format!("--{MULTIPART_BOUNDARY}--\r\n").len()]);
    }
    body.extend_from_slice(format!("--{MULTIPART_BOUNDARY}--\r\n").as_bytes());
    assert!(body.len() as u64 > MAX_POST_BYTES);
    let b = http::Request::post(UPLOAD)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, multipart_content_type(MULTIPART_BOUNDARY))
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, w.migrant.cookie().unwrap());
    let r = w.migrant.send(b.body(axum::body::Body::from(body)).unwrap()).await;
    assert!(matches!(r.error().as_str(), "FileTooLarge" | "TooManyFiles"), "{} {}", r.status, r.body);
    assert_eq!(files_in(&w), Vec::<String>::new());

    // No boundary: refused (the server function's reader would fail on it), for a browser back to its page.
    let r =
        w.migrant.form_post_multipart_raw(UPLOAD, "multipart/form-data".into(), b"--x\r\n".to_vec(), CASE_PAGE).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.header("location"), Some(&*format!("{CASE_PAGE}?error=invalid_input")));
    let b = http::Request::post(UPLOAD)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "multipart/form-data; charset=utf-8")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, w.migrant.cookie().unwrap());
    w.migrant.send(b.body(axum::body::Body::from("x")).unwrap()).await.assert_err("InvalidInput");

    // The type in capitals is multipart all the same (and capped the same).
    let b = http::Request::post(UPLOAD)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, format!("MULTIPART/FORM-DATA; boundary={MULTIPART_BOUNDARY}"))
        .header(header::CONTENT_LENGTH, MAX_POST_BYTES + 1)
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, w.migrant.cookie().unwrap());
    w.migrant.send(b.body(axum::body::Body::from("x")).unwrap()).await.assert_err("FileTooLarge");

    // A plain (url-encoded) post, or none at all, to a server function that takes files:
    // refused (Leptos' multipart reader would panic on it).
    let r = w.migrant.call::<TestAttachDocuments>(&[("case_id", &*case)]).await;
    r.assert_err("InvalidInput");
    let r = w.migrant.form_post::<TestAttachDocuments>(&[("case_id", &*case)], CASE_PAGE).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.header("location"), Some(&*format!("{CASE_PAGE}?error=invalid_input")));

    // A multipart post to a server function that reads plain forms: refused, and back to its page.
    let r = w
        .anonymous()
        .form_post_multipart(
            <SignIn as ServerFn>::PATH,
            &[("login", "+998901234567"), ("password", PASSWORD)],
            &[],
            "/signin",
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    assert!(r.header("location").unwrap().starts_with("/signin?error="), "{:?}", r.header("location"));
    assert!(r.session_cookie().is_none());

    // Well under the limit (9 MiB, beyond axum's default 2 MB body limit): taken.
    let nine = {
        let mut v = PDF.to_vec();
        v.resize(9 << 20, b' ');
        v
    };
    let r = w.migrant.post_multipart(UPLOAD, &[("case_id", &case)], &[("file", "scan.pdf", &nine)]).await.ok();
    assert_eq!(r.json().as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn orphaned_files_are_swept() {
    let w = world().await;
    let case = case_of(&w, &w.migrant).await;
    let (_, kept) = document(&w, case, &w.migrant, "a.pdf", PDF).await;
    let dir = w.uploads.path();
    let orphan = app::documents::upload::new_stored_name();
    let fresh = app::documents::upload::new_stored_name();
    let tmp = format!(".{}.tmp", app::documents::upload::new_stored_name());
    for name in [&orphan, &fresh, &tmp, &"notes.txt".to_string()] {
        std::fs::write(dir.join(name), b"x").unwrap();
    }
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    for name in [&orphan, &tmp, &kept.stored_name, &"notes.txt".to_string()] {
        std::fs::File::options().write(true).open(dir.join(name)).unwrap().set_modified(old).unwrap();
    }
    let removed =
        app::documents::service::sweep_orphans(&w.db, dir, std::time::Duration::from_secs(3600)).await.unwrap();
    assert_eq!(removed, 2);
    let mut want = vec![kept.stored_name.clone(), fresh, "notes.txt".to_string()];
    want.sort();
    assert_eq!(files_in(&w), want, "the orphan and the temporary file go; a row's file, a new one and others stay");
}
