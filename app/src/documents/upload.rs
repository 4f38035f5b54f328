//! Posts with files, as they stream in, and the files kept from them (SSR only).
//!
//! [`read_form`] reads a multipart post part by part: text fields of at most
//! [`MAX_TEXT_FIELD_BYTES`], files of at most [`MAX_FILE_BYTES`], at most
//! [`MAX_FILES`] of them; a refusal comes as soon as a limit is passed, and the
//! rest of the post is read and dropped (a browser shows the answer only once
//! its post is sent). [`store`] types a file by its content, re-encodes photos
//! from their pixels (no EXIF, no GPS survives), and writes it under a random
//! name: into a temporary file first, renamed when complete.

use super::{
    clean_name, sniff, MediaType, MAX_FILES, MAX_FILE_BYTES, MAX_PIXELS, MAX_POST_BYTES, MAX_SIDE, MAX_TEXT_FIELDS,
    MAX_TEXT_FIELD_BYTES,
};
use crate::error::AppError;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// One file of a post, as it arrived (not checked yet: [`store`] does that).
#[derive(Clone, PartialEq, Eq)]
pub struct Upload {
    /// The form field it came in.
    pub field: String,
    /// The name the phone sent, cleaned ([`clean_name`]): display text only.
    pub name: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("field", &self.field)
            .field("name", &self.name)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A post with files: its text fields in order, and its files (empty file
/// inputs left out).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PostedForm {
    pub fields: Vec<(String, String)>,
    pub files: Vec<Upload>,
}

impl PostedForm {
    /// The first value of a text field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// A file kept in the upload folder, ready for its row ([`super::service::attach`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Its name in the upload folder: 32 hex characters from the OS's CSPRNG.
    pub stored_name: String,
    /// What it is by its content (a PNG too large once re-encoded is kept as a JPEG).
    pub media_type: MediaType,
    pub size_bytes: i64,
    /// The name it was uploaded with, cleaned: display text only.
    pub original_name: String,
}

/// Reads a server function's multipart input (see the module's documentation).
pub async fn read_form(data: leptos::server_fn::codec::MultipartData) -> Result<PostedForm, AppError> {
    // Always there on the server; only the browser's side has none.
    let multipart = data.into_inner().ok_or(AppError::Internal)?;
    read_multipart(multipart).await
}

/// [`read_form`] over any multipart stream.
pub async fn read_multipart(mut multipart: multer::Multipart<'_>) -> Result<PostedForm, AppError> {
    let mut form = PostedForm::default();
    let mut total = 0u64;
    match read_parts(&mut multipart, &mut form, &mut total).await {
        Ok(()) => Ok(form),
        Err(Refusal::Broken(e)) => Err(e),
        Err(Refusal::Early(e)) => {
            drain(&mut multipart, total).await;
            Err(e)
        }
    }
}

enum Refusal {
    /// The post broke off or is not multipart at all: nothing more to read.
    Broken(AppError),
    /// Refused before its end: the rest is read (and dropped) before the answer.
    Early(AppError),
}

fn broken(e: multer::Error) -> Refusal {
    match e {
        multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. } => {
            Refusal::Broken(AppError::FileTooLarge)
        }
        e => {
            tracing::debug!(error = %e, "multipart post not readable");
            Refusal::Broken(AppError::InvalidInput)
        }
    }
}

async fn read_parts(m: &mut multer::Multipart<'_>, form: &mut PostedForm, total: &mut u64) -> Result<(), Refusal> {
    while let Some(mut field) = m.next_field().await.map_err(broken)? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let limit = if file_name.is_some() { MAX_FILE_BYTES } else { MAX_TEXT_FIELD_BYTES };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(broken)? {
            *total += chunk.len() as u64;
            if *total > MAX_POST_BYTES {
                return Err(Refusal::Broken(AppError::FileTooLarge));
            }
            if bytes.len() + chunk.len() > limit {
                return Err(Refusal::Early(match file_name {
                    Some(_) => AppError::FileTooLarge,
                    None => AppError::TextTooLong.at(&name),
                }));
            }
            bytes.extend_from_slice(&chunk);
        }
        match file_name {
            // A file input left empty: browsers send it with an empty name and no content.
            Some(f) if f.is_empty() && bytes.is_empty() => {}
            Some(f) => {
                if form.files.len() == MAX_FILES {
                    return Err(Refusal::Early(AppError::TooManyFiles));
                }
                form.files.push(Upload { field: name, name: clean_name(&f), bytes });
            }
            None => {
                if form.fields.len() == MAX_TEXT_FIELDS {
                    return Err(Refusal::Early(AppError::InvalidInput));
                }
                let text = String::from_utf8(bytes).map_err(|_| Refusal::Early(AppError::InvalidInput.at(&name)))?;
                form.fields.push((name, text));
            }
        }
    }
    Ok(())
}

/// Reads the rest of a refused post and drops it, up to the post's limit.
async fn drain(m: &mut multer::Multipart<'_>, mut total: u64) {
    while let Ok(Some(mut field)) = m.next_field().await {
        while let Ok(Some(chunk)) = field.chunk().await {
            total += chunk.len() as u64;
            if total > MAX_POST_BYTES {
                return;
            }
        }
    }
}

/// Photos decoded at once: each may hold a few hundred MB of pixels.
static IMAGE_SLOTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Checks one file by its content, cleans it, and writes it to `dir` under a
/// new random name (see the module's documentation).
pub async fn store(dir: &Path, upload: Upload) -> Result<Stored, AppError> {
    let kind = sniff(&upload.bytes)?;
    let _slot = match kind {
        MediaType::Pdf => None,
        MediaType::Jpeg | MediaType::Png => Some(IMAGE_SLOTS.acquire().await.map_err(|_| AppError::Internal)?),
    };
    let dir = dir.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let (bytes, media_type) = clean(upload.bytes, kind)?;
        let stored_name = new_stored_name();
        write_new(&dir, &stored_name, &bytes).map_err(|e| {
            tracing::error!(error = %e, dir = %dir.display(), "upload not written");
            AppError::Internal
        })?;
        Ok(Stored { stored_name, media_type, size_bytes: bytes.len() as i64, original_name: clean_name(&upload.name) })
    })
    .await
    .map_err(|_| AppError::Internal)?
}

/// Removes files kept for rows that were not written (their post was refused
/// after the files were stored, or its transaction failed).
pub async fn discard(dir: &Path, stored: Vec<Stored>) {
    if stored.is_empty() {
        return;
    }
    let dir = dir.to_path_buf();
    let _ = tokio::task::spawn_blocking(move || {
        for s in stored {
            let Some(path) = path_of(&dir, &s.stored_name) else { continue };
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => tracing::warn!(error = %e, file = %s.stored_name, "discarded upload not removed"),
            }
        }
    })
    .await;
}

/// Whether `name` is one the server made: 32 lower-case hex characters.
pub fn is_stored_name(name: &str) -> bool {
    name.len() == 32 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The path of a stored file; `None` for a name the server did not make.
pub fn path_of(dir: &Path, stored_name: &str) -> Option<PathBuf> {
    is_stored_name(stored_name).then(|| dir.join(stored_name))
}

/// 128 bits from the OS's CSPRNG, as 32 hex characters.
pub fn new_stored_name() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Writes `bytes` as `dir/name`: into `dir/.name.tmp` (created new, readable
/// by the server only), synced, then renamed, so a reader never sees half a file.
fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
        builder.mode(0o700);
        options.mode(0o600);
    }
    builder.create(dir)?;
    let tmp = dir.join(format!(".{name}.tmp"));
    let written = (|| {
        let mut f = options.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, dir.join(name))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// What is kept of a file of type `kind`: a PDF as it is; a photo decoded
/// (refused if it does not decode, or has more than [`MAX_PIXELS`]), turned
/// upright by its EXIF orientation, downscaled to [`MAX_SIDE`] on its long
/// side, and encoded anew from its pixels — JPEG at quality 85, PNG as PNG
/// (as JPEG when that PNG would pass [`MAX_FILE_BYTES`]) — so none of its
/// metadata is kept.
pub fn clean(bytes: Vec<u8>, kind: MediaType) -> Result<(Vec<u8>, MediaType), AppError> {
    match kind {
        MediaType::Pdf => Ok((bytes, MediaType::Pdf)),
        MediaType::Jpeg | MediaType::Png => reencode(&bytes, kind),
    }
}

fn unreadable(e: image::ImageError) -> AppError {
    match e {
        image::ImageError::Limits(_) => AppError::ImageTooLarge,
        e => {
            tracing::debug!(error = %e, "uploaded photo does not decode");
            AppError::FileUnreadable
        }
    }
}

fn reencode(bytes: &[u8], kind: MediaType) -> Result<(Vec<u8>, MediaType), AppError> {
    use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
    let format = if kind == MediaType::Jpeg { ImageFormat::Jpeg } else { ImageFormat::Png };
    let mut reader = ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(768 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(AppError::FileUnreadable);
    }
    // From the header, before a single pixel is decoded.
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(AppError::ImageTooLarge);
    }
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    img.apply_orientation(orientation);
    if img.width().max(img.height()) > MAX_SIDE {
        img = img.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle);
    }
    if kind == MediaType::Png {
        let png = encode_png(&img)?;
        if png.len() <= MAX_FILE_BYTES {
            return Ok((png, MediaType::Png));
        }
    }
    Ok((encode_jpeg(&img)?, MediaType::Jpeg))
}

fn encoding_failed(e: image::ImageError) -> AppError {
    tracing::error!(error = %e, "photo not re-encoded");
    AppError::Internal
}

fn is_gray(img: &image::DynamicImage) -> bool {
    use image::ColorType::*;
    matches!(img.color(), L8 | La8 | L16 | La16)
}

fn encode_jpeg(img: &image::DynamicImage) -> Result<Vec<u8>, AppError> {
    use image::codecs::jpeg::JpegEncoder;
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, 85);
    if is_gray(img) {
        encoder.encode_image(&img.to_luma8()).map_err(encoding_failed)?;
    } else if img.color().has_alpha() {
        // JPEG has no transparency: what was transparent turns white, as on paper.
        let mut rgb = image::RgbImage::new(img.width(), img.height());
        for (dst, src) in rgb.pixels_mut().zip(img.to_rgba8().pixels()) {
            let a = u16::from(src[3]);
            for c in 0..3 {
                dst[c] = ((u16::from(src[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
            }
        }
        encoder.encode_image(&rgb).map_err(encoding_failed)?;
    } else {
        encoder.encode_image(&img.to_rgb8()).map_err(encoding_failed)?;
    }
    Ok(out)
}

fn encode_png(img: &image::DynamicImage) -> Result<Vec<u8>, AppError> {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    use image::{ExtendedColorType, ImageEncoder};
    let mut out = Vec::new();
    let encoder = PngEncoder::new_with_quality(&mut out, CompressionType::Default, FilterType::Adaptive);
    let (w, h) = (img.width(), img.height());
    let written = match (is_gray(img), img.color().has_alpha()) {
        (true, false) => encoder.write_image(img.to_luma8().as_raw(), w, h, ExtendedColorType::L8),
        (true, true) => encoder.write_image(img.to_luma_alpha8().as_raw(), w, h, ExtendedColorType::La8),
        (false, false) => encoder.write_image(img.to_rgb8().as_raw(), w, h, ExtendedColorType::Rgb8),
        (false, true) => encoder.write_image(img.to_rgba8().as_raw(), w, h, ExtendedColorType::Rgba8),
    };
    written.map_err(encoding_failed)?;
    Ok(out)
}

/// For the server's middleware, before a multipart post reaches its server
/// function: one without a boundary is refused (the server function would
/// fail on it), and one that says it is larger than [`MAX_POST_BYTES`] is
/// refused without being read.
pub fn check_post(content_type: &str, content_length: Option<u64>) -> Result<(), AppError> {
    if multer::parse_boundary(content_type).is_err() {
        return Err(AppError::InvalidInput);
    }
    if content_length.is_some_and(|n| n > MAX_POST_BYTES) {
        return Err(AppError::FileTooLarge);
    }
    Ok(())
}

/// A post's body that ends with an error once more than `limit` bytes came
/// (whatever its `Content-Length` said, or without one), and the flag that
/// says it did: the middleware then answers [`AppError::FileTooLarge`].
pub fn capped(body: axum::body::Body, limit: u64) -> (axum::body::Body, Arc<AtomicBool>) {
    use futures_util::StreamExt;
    let cut = Arc::new(AtomicBool::new(false));
    let flag = cut.clone();
    let stream = body.into_data_stream().scan(0u64, move |seen, chunk| {
        let item = match chunk {
            _ if flag.load(Ordering::Relaxed) => None,
            Ok(bytes) => {
                *seen += bytes.len() as u64;
                if *seen > limit {
                    flag.store(true, Ordering::Relaxed);
                    Some(Err(axum::Error::new(std::io::Error::other("post larger than its limit"))))
                } else {
                    Some(Ok(bytes))
                }
            }
            Err(e) => Some(Err(e)),
        };
        std::future::ready(item)
    });
    (axum::body::Body::from_stream(stream), cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A multipart body as a browser sends it.
    fn body(boundary: &str, fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Vec<u8> {
        let mut b = Vec::new();
        for (k, v) in fields {
            b.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
            );
        }
        for (k, name, bytes) in files {
            b.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            b.extend_from_slice(bytes);
            b.extend_from_slice(b"\r\n");
        }
        b.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        b
    }

    /// The multipart reader over `body`, in chunks of 64 KiB as a network would hand them.
    fn multipart(boundary: &str, body: Vec<u8>) -> multer::Multipart<'static> {
        let chunks: Vec<Result<Vec<u8>, std::io::Error>> = body.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
        multer::Multipart::new(futures_util::stream::iter(chunks), boundary.to_string())
    }

    async fn read(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Result<PostedForm, AppError> {
        read_multipart(multipart("XyZ", body("XyZ", fields, files))).await
    }

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 7) as u8, (y * 5) as u8, 128]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&img).unwrap();
        out
    }

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_fn(w, h, |x, y| image::Rgba([(x * 3) as u8, (y * 3) as u8, 60, 200]));
        let mut out = Vec::new();
        image::ImageEncoder::write_image(
            image::codecs::png::PngEncoder::new(&mut out),
            img.as_raw(),
            w,
            h,
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
        out
    }

    /// An APP1 Exif segment with one IFD0 entry (Orientation) and a GPS IFD
    /// holding a latitude and a longitude (Tashkent), written byte by byte.
    fn exif_app1(orientation: u16) -> Vec<u8> {
        let mut t = Vec::new(); // the TIFF structure, big-endian
        t.extend_from_slice(b"MM\x00\x2A\x00\x00\x00\x08");
        // IFD0 at 8: two entries.
        t.extend_from_slice(&2u16.to_be_bytes());
        t.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1]); // Orientation, SHORT, 1
        t.extend_from_slice(&orientation.to_be_bytes());
        t.extend_from_slice(&[0, 0]);
        let gps_ifd: u32 = 8 + 2 + 2 * 12 + 4;
        t.extend_from_slice(&[0x88, 0x25, 0x00, 0x04, 0, 0, 0, 1]); // GPSInfo, LONG, 1
        t.extend_from_slice(&gps_ifd.to_be_bytes());
        // No next IFD; then the GPS IFD: four entries, then the two RATIONAL[3] values.
        t.extend_from_slice(&0u32.to_be_bytes());
        let values: u32 = gps_ifd + 2 + 4 * 12 + 4;
        t.extend_from_slice(&4u16.to_be_bytes());
        t.extend_from_slice(&[0x00, 0x01, 0x00, 0x02, 0, 0, 0, 2, b'N', 0, 0, 0]); // GPSLatitudeRef "N"
        t.extend_from_slice(&[0x00, 0x02, 0x00, 0x05, 0, 0, 0, 3]); // GPSLatitude
        t.extend_from_slice(&values.to_be_bytes());
        t.extend_from_slice(&[0x00, 0x03, 0x00, 0x02, 0, 0, 0, 2, b'E', 0, 0, 0]); // GPSLongitudeRef "E"
        t.extend_from_slice(&[0x00, 0x04, 0x00, 0x05, 0, 0, 0, 3]); // GPSLongitude
        t.extend_from_slice(&(values + 24).to_be_bytes());
        t.extend_from_slice(&0u32.to_be_bytes());
        for (deg, min, sec) in [(41u32, 18u32, 4u32), (69, 16, 48)] {
            for v in [deg, min, sec] {
                t.extend_from_slice(&v.to_be_bytes());
                t.extend_from_slice(&1u32.to_be_bytes());
            }
        }
        let mut seg = vec![0xFF, 0xE1];
        seg.extend_from_slice(&((2 + 6 + t.len()) as u16).to_be_bytes());
        seg.extend_from_slice(b"Exif\x00\x00");
        seg.extend_from_slice(&t);
        seg
    }

    /// A JPEG with the Exif segment right after its SOI marker, as cameras write it.
    fn jpeg_with_exif(w: u32, h: u32, orientation: u16) -> Vec<u8> {
        let plain = jpeg(w, h);
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&exif_app1(orientation));
        out.extend_from_slice(&plain[2..]);
        out
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[tokio::test]
    async fn fields_and_files_are_read_and_empty_inputs_skipped() {
        let photo = jpeg(8, 8);
        let form = read(
            &[("case_id", "12"), ("body", "Salom, Oʻzbekiston")],
            &[
                ("file", "", b""),
                ("file", "C:\\fakepath\\pasport.jpg", &photo),
                ("file", "../../../etc/passwd", b"%PDF-1.4"),
            ],
        )
        .await
        .unwrap();
        assert_eq!(form.get("case_id"), Some("12"));
        assert_eq!(form.get("body"), Some("Salom, Oʻzbekiston"));
        assert_eq!(form.get("missing"), None);
        assert_eq!(form.files.len(), 2, "the empty input is left out");
        assert_eq!((form.files[0].field.as_str(), form.files[0].name.as_str()), ("file", "pasport.jpg"));
        assert_eq!(form.files[0].bytes, photo);
        assert_eq!(form.files[1].name, "passwd");
        assert!(format!("{:?}", form.files[0]).contains("len"), "Debug never prints the bytes");
    }

    #[tokio::test]
    async fn limits_while_the_post_streams() {
        let big = vec![b'x'; MAX_FILE_BYTES + 1];
        assert_eq!(read(&[], &[("file", "big.pdf", &big)]).await, Err(AppError::FileTooLarge));
        let exact = vec![b'x'; MAX_FILE_BYTES];
        assert_eq!(read(&[], &[("file", "ok.pdf", &exact)]).await.unwrap().files[0].bytes.len(), MAX_FILE_BYTES);
        let six: Vec<(&str, &str, &[u8])> = (0..6).map(|_| ("file", "a.pdf", &b"%PDF-1.4"[..])).collect();
        assert_eq!(read(&[], &six).await, Err(AppError::TooManyFiles));
        assert_eq!(read(&[], &six[..5]).await.unwrap().files.len(), 5);
        let long = "a".repeat(MAX_TEXT_FIELD_BYTES + 1);
        assert_eq!(read(&[("body", &long)], &[]).await, Err(AppError::TextTooLong.at("body")));
        let many: Vec<(String, String)> = (0..=MAX_TEXT_FIELDS).map(|i| (format!("f{i}"), "x".into())).collect();
        let many: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(read(&many, &[]).await, Err(AppError::InvalidInput));
        // Not multipart at all, or cut off in the middle: a clear refusal, never a panic.
        let garbage = multipart("XyZ", b"this is not a multipart body".to_vec());
        assert_eq!(read_multipart(garbage).await, Err(AppError::InvalidInput));
        let mut cut = body("XyZ", &[("a", "b")], &[("file", "x.pdf", b"%PDF-1.4 more")]);
        cut.truncate(cut.len() - 12);
        assert_eq!(read_multipart(multipart("XyZ", cut)).await, Err(AppError::InvalidInput));
        let not_utf8 = body("XyZ", &[], &[]);
        let mut raw = b"--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n\xFF\xFE\r\n".to_vec();
        raw.extend_from_slice(&not_utf8);
        assert_eq!(read_multipart(multipart("XyZ", raw)).await, Err(AppError::InvalidInput.at("t")));
    }

    #[test]
    fn the_middleware_refuses_what_a_server_function_could_not_read() {
        assert_eq!(check_post("multipart/form-data; boundary=----x", Some(1000)), Ok(()));
        assert_eq!(check_post("multipart/form-data; boundary=----x", None), Ok(()));
        assert_eq!(check_post("multipart/form-data", Some(10)), Err(AppError::InvalidInput));
        assert_eq!(check_post("application/x-www-form-urlencoded", Some(10)), Err(AppError::InvalidInput));
        assert_eq!(
            check_post("multipart/form-data; boundary=x", Some(MAX_POST_BYTES + 1)),
            Err(AppError::FileTooLarge)
        );
    }

    #[tokio::test]
    async fn a_capped_body_ends_with_an_error_and_says_so() {
        let (body, cut) = capped(axum::body::Body::from(vec![1u8; 100]), 100);
        assert_eq!(axum::body::to_bytes(body, usize::MAX).await.unwrap().len(), 100);
        assert!(!cut.load(Ordering::Relaxed));
        let chunks: Vec<Result<Vec<u8>, std::io::Error>> = (0..5).map(|_| Ok(vec![0u8; 40])).collect();
        let (body, cut) = capped(axum::body::Body::from_stream(futures_util::stream::iter(chunks)), 100);
        assert!(axum::body::to_bytes(body, usize::MAX).await.is_err());
        assert!(cut.load(Ordering::Relaxed));
    }

    #[test]
    fn photos_lose_their_exif_and_gps_and_still_decode() {
        let original = jpeg_with_exif(40, 20, 1);
        assert!(contains(&original, b"Exif\0\0"), "the test photo carries its Exif segment");
        let (cleaned, kind) = clean(original, MediaType::Jpeg).unwrap();
        assert_eq!(kind, MediaType::Jpeg);
        assert!(!contains(&cleaned, b"Exif"), "no Exif marker left");
        assert!(!contains(&cleaned, &[0xFF, 0xE1]), "no APP1 segment left");
        let back = image::load_from_memory_with_format(&cleaned, image::ImageFormat::Jpeg).unwrap();
        assert_eq!((back.width(), back.height()), (40, 20));
    }

    #[test]
    fn photos_are_turned_upright_by_their_orientation() {
        // Orientation 6: the camera was held on its side; shown turned 90° clockwise.
        let (cleaned, _) = clean(jpeg_with_exif(40, 20, 6), MediaType::Jpeg).unwrap();
        let back = image::load_from_memory(&cleaned).unwrap();
        assert_eq!((back.width(), back.height()), (20, 40));
    }

    #[test]
    fn pngs_are_reencoded_without_their_text_chunks() {
        let original = png(30, 30);
        // A tEXt chunk before IEND (its CRC is not checked by decoders that skip it).
        let iend = original.len() - 12;
        let mut chunk = Vec::new();
        let data = b"Comment\0GPS 41.3N 69.3E";
        chunk.extend_from_slice(&(data.len() as u32).to_be_bytes());
        chunk.extend_from_slice(b"tEXt");
        chunk.extend_from_slice(data);
        chunk.extend_from_slice(&crc32(b"tEXt", data).to_be_bytes());
        let original: Vec<u8> = [&original[..iend], &chunk[..], &original[iend..]].concat();
        assert!(image::load_from_memory(&original).is_ok());
        let (cleaned, kind) = clean(original, MediaType::Png).unwrap();
        assert_eq!(kind, MediaType::Png);
        assert!(!contains(&cleaned, b"tEXt") && !contains(&cleaned, b"GPS"));
        let back = image::load_from_memory_with_format(&cleaned, image::ImageFormat::Png).unwrap();
        assert_eq!((back.width(), back.height()), (30, 30));
        assert!(back.color().has_alpha());
    }

    fn crc32(kind: &[u8], data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in kind.iter().chain(data) {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn a_photo_header_with_garbage_after_it_is_refused() {
        let mut fake = vec![0xFF, 0xD8, 0xFF, 0xE0];
        fake.extend((0..5000u32).map(|i| (i * 31 % 251) as u8));
        assert_eq!(clean(fake, MediaType::Jpeg), Err(AppError::FileUnreadable));
        let mut fake_png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        fake_png.extend_from_slice(b"<script>alert(1)</script>");
        assert_eq!(clean(fake_png, MediaType::Png), Err(AppError::FileUnreadable));
        // A real JPEG cut after its headers.
        let mut cut = jpeg(64, 64);
        cut.truncate(200);
        assert!(clean(cut, MediaType::Jpeg).is_err_and(|e| e == AppError::FileUnreadable));
    }

    #[test]
    fn decompression_bombs_are_refused_from_their_header() {
        // A PNG header that claims 10,000 × 10,000 pixels (100 megapixels), with almost no data.
        let mut bomb = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&10_000u32.to_be_bytes());
        ihdr.extend_from_slice(&10_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        bomb.extend_from_slice(&13u32.to_be_bytes());
        bomb.extend_from_slice(b"IHDR");
        bomb.extend_from_slice(&ihdr);
        bomb.extend_from_slice(&crc32(b"IHDR", &ihdr).to_be_bytes());
        for (kind, data) in [(&b"IDAT"[..], &[0x78, 0x9C][..]), (&b"IEND"[..], &[][..])] {
            bomb.extend_from_slice(&(data.len() as u32).to_be_bytes());
            bomb.extend_from_slice(kind);
            bomb.extend_from_slice(data);
            bomb.extend_from_slice(&crc32(kind, data).to_be_bytes());
        }
        assert_eq!(clean(bomb, MediaType::Png), Err(AppError::ImageTooLarge));
        // A real JPEG whose frame header (SOF0) is made to claim 10,000 × 10,000.
        let mut jpeg = jpeg(16, 16);
        let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).expect("a baseline JPEG");
        jpeg[sof + 5..sof + 9].copy_from_slice(&[0x27, 0x10, 0x27, 0x10]);
        assert_eq!(clean(jpeg, MediaType::Jpeg), Err(AppError::ImageTooLarge));
    }

    #[test]
    fn large_photos_are_downscaled() {
        let (cleaned, _) = clean(jpeg(3000, 1000), MediaType::Jpeg).unwrap();
        let back = image::load_from_memory(&cleaned).unwrap();
        assert_eq!((back.width(), back.height()), (MAX_SIDE, 853));
    }

    #[tokio::test]
    async fn stored_under_random_names_in_the_folder_whatever_the_name_said() {
        let dir = tempfile_dir();
        let evil =
            Upload { field: "file".into(), name: clean_name("../../../../tmp/evil.sh"), bytes: b"%PDF-1.4 x".to_vec() };
        let a = store(&dir, evil.clone()).await.unwrap();
        let b = store(&dir, evil).await.unwrap();
        assert_ne!(a.stored_name, b.stored_name);
        for s in [&a, &b] {
            assert!(is_stored_name(&s.stored_name), "{}", s.stored_name);
            assert_eq!(s.original_name, "evil.sh");
            assert_eq!((s.media_type, s.size_bytes), (MediaType::Pdf, 10));
            assert_eq!(std::fs::read(dir.join(&s.stored_name)).unwrap(), b"%PDF-1.4 x");
        }
        let mut names: Vec<String> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        let mut want = vec![a.stored_name.clone(), b.stored_name.clone()];
        want.sort();
        assert_eq!(names, want, "only the two files, no temporary file left, nothing outside");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(&a.stored_name)).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "readable by the server only");
        }
        let exe = Upload { field: "file".into(), name: "photo.jpg".into(), bytes: b"MZ\x90\x00".to_vec() };
        assert_eq!(store(&dir, exe).await, Err(AppError::FileTypeNotAllowed));
        let photo = Upload { field: "file".into(), name: "p.jpg".into(), bytes: jpeg_with_exif(16, 16, 1) };
        let p = store(&dir, photo).await.unwrap();
        assert!(!contains(&std::fs::read(dir.join(&p.stored_name)).unwrap(), b"Exif"));
        discard(&dir, vec![a.clone(), b, p]).await;
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        discard(&dir, vec![a]).await; // already gone: nothing happens
        assert_eq!(path_of(&dir, "../x"), None);
        assert_eq!(path_of(&dir, &"A".repeat(32)), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A folder that does not exist yet: `store` makes it.
    fn tempfile_dir() -> PathBuf {
        std::env::temp_dir().join(format!("kopru-uploads-test-{}", new_stored_name()))
    }
}
