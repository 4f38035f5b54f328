//! Skills certification with public verification (F3.2, F4.4).
//!
//! The catalogue holds MYK's vocational qualifications (their code, titles in
//! both languages, level, sector, the occupations they cover, how long a
//! certificate stays valid and whether the trade is hazardous) and the test
//! centres. A migrant asks for an assessment; staff schedule it at a centre,
//! record the result, and a pass issues a certificate in the same transaction.
//! Anyone verifies a certificate by its exact number: the qualification, the
//! dates, the status and the holder's name masked (`A**** K*****`).
//!
//! Certificate numbers follow MYK's shape `BODY/QUALIFICATION/REVISION/SERIAL`
//! (`YB0015/12UY0096-2/00/11` on MYK's portal). The portal issues as one body,
//! [`BODY_CODE`]: it is not an MYK-authorised body's code, so a number of ours
//! can never be mistaken for one a real body issued. The revision is the
//! qualification code's own (`/03`), `00` without one; the serial counts the
//! certificates of that qualification, at least two digits.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;

use crate::error::AppError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The issuing body's code in the portal's certificate numbers.
pub const BODY_CODE: &str = "KP0001";

crate::state_enum! {
    /// The sector a qualification belongs to.
    pub enum Sector {
        Construction,
        Textile,
        Metalwork,
        Hospitality,
        Agriculture,
        Logistics,
        Other,
    }
}

crate::state_enum! {
    /// Where an assessment stands.
    pub enum AssessmentStatus {
        /// The migrant asked; staff have not scheduled it yet.
        Requested,
        /// A centre, a date and a time are set.
        Scheduled,
        /// Passed: a certificate was issued with the result.
        Passed,
        Failed,
        /// Withdrawn by the migrant or cancelled by staff.
        Cancelled,
    }
}

impl AssessmentStatus {
    /// Whether an assessment in this status may move to `to`. Rescheduling is a
    /// move from `Scheduled` to itself; results are recorded only on a scheduled one.
    pub fn may_move(self, to: AssessmentStatus) -> bool {
        use AssessmentStatus::*;
        matches!(
            (self, to),
            (Requested, Scheduled)
                | (Scheduled, Scheduled)
                | (Scheduled, Passed)
                | (Scheduled, Failed)
                | (Requested, Cancelled)
                | (Scheduled, Cancelled)
        )
    }

    pub fn is_open(self) -> bool {
        matches!(self, AssessmentStatus::Requested | AssessmentStatus::Scheduled)
    }
}

crate::state_enum! {
    /// A certificate's status on a given day.
    pub enum CertificateStatus {
        Valid,
        Expired,
        Revoked,
    }
}

impl CertificateStatus {
    /// Revoked whatever the dates; otherwise valid up to and including `valid_until`.
    pub fn on(today: NaiveDate, valid_until: NaiveDate, revoked: bool) -> CertificateStatus {
        if revoked {
            CertificateStatus::Revoked
        } else if today > valid_until {
            CertificateStatus::Expired
        } else {
            CertificateStatus::Valid
        }
    }
}

/// Whether `code` is an MYK qualification code: `^\d{2}UY\d{4}-[1-8](/\d{2})?$`.
pub fn is_qualification_code(code: &str) -> bool {
    let b = code.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let base = b.len() >= 10
        && digits(0..2)
        && &b[2..4] == b"UY"
        && digits(4..8)
        && b[8] == b'-'
        && (b'1'..=b'8').contains(&b[9]);
    base && (b.len() == 10 || (b.len() == 13 && b[10] == b'/' && digits(11..13)))
}

/// A typed qualification code, trimmed and upper-cased, or `InvalidQualificationCode`.
pub fn parse_qualification_code(raw: &str) -> Result<String, AppError> {
    let code: String = raw.trim().to_uppercase();
    if is_qualification_code(&code) {
        Ok(code)
    } else {
        Err(AppError::InvalidQualificationCode)
    }
}

/// The qualification's level, the digit after the dash (`11UY0012-3` → 3).
pub fn level_of_code(code: &str) -> Option<i32> {
    is_qualification_code(code).then(|| i32::from(code.as_bytes()[9] - b'0'))
}

/// A certificate number: `BODY/CODE/REVISION/SERIAL`, the revision the code's own or `00`.
pub fn certificate_number(body: &str, code: &str, serial: u32) -> String {
    let (base, revision) = match code.split_once('/') {
        Some((base, rev)) => (base, rev),
        None => (code, "00"),
    };
    format!("{body}/{base}/{revision}/{serial:02}")
}

/// A certificate number as someone typed it: spaces anywhere dropped, upper case.
/// Only an exact match of the result is looked up (never a prefix).
pub fn normalise_number(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect()
}

/// Whether a normalised number has the shape of ours (`AA0000/…-L/RR/NN…`):
/// anything else is not found without asking the database.
pub fn looks_like_number(n: &str) -> bool {
    let parts: Vec<&str> = n.split('/').collect();
    parts.len() == 4
        && (3..=10).contains(&parts[0].len())
        && parts[0].chars().all(|c| c.is_ascii_alphanumeric())
        && is_qualification_code(parts[1])
        && parts[2].len() == 2
        && parts[2].chars().all(|c| c.is_ascii_digit())
        && (2..=8).contains(&parts[3].len())
        && parts[3].chars().all(|c| c.is_ascii_digit())
}

/// `YYYY-MM` (`<input type="month">`) as the month's first day.
pub fn parse_month(s: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(&format!("{}-01", s.trim()), "%Y-%m-%d").map_err(|_| AppError::InvalidDate)
}

/// Unit codes typed with commas (`A1, A2, B1`): each 1–20 letters, digits,
/// dots or dashes, none twice; at most 30.
pub fn parse_units(s: &str) -> Result<Vec<String>, AppError> {
    let mut units: Vec<String> = vec![];
    for u in s.split([',', ';', '\n']).map(str::trim).filter(|u| !u.is_empty()) {
        let ok = u.chars().count() <= 20 && u.chars().all(|c| c.is_alphanumeric() || ".-/ ".contains(c));
        if !ok {
            return Err(AppError::InvalidInput);
        }
        let u = u.to_uppercase();
        if !units.contains(&u) {
            units.push(u);
        }
    }
    if units.len() > 30 {
        return Err(AppError::OutOfRange);
    }
    Ok(units)
}

/// The public check's address of a number (path and query, the number encoded).
pub fn verify_path(number: &str) -> String {
    let q: String = form_urlencoded::Serializer::new(String::new()).append_pair("number", number).finish();
    format!("/certificates/verify?{q}")
}

/// A name as the public verification shows it: each word's first letter, the
/// rest stars (`Aziz Karimov` → `A*** K******`). Letters are counted as the
/// reader sees them: `Oʻ` is two characters, and ʻ/ʼ inside a word are stars
/// too, so the masked name says nothing but initials and lengths.
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One valid certificate of a person (for the vacancies that require a qualification).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateLine {
    pub id: i32,
    pub number: String,
    pub qualification_id: i32,
    pub code: String,
    pub title_tr: String,
    pub title_uz: String,
    pub level: i32,
    /// `YYYY-MM-DD`.
    pub issued_on: String,
    /// `YYYY-MM-DD`, the last day it is valid.
    pub valid_until: String,
    pub status: CertificateStatus,
}

/// The qualification a vacancy requires, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredQualification {
    pub id: i32,
    pub code: String,
    pub title_tr: String,
    pub title_uz: String,
    pub level: i32,
    /// Hazardous work: nobody may do it without the certificate, and the
    /// employer who lets them is fined.
    pub hazardous: bool,
}

/// Whether the migrant reading a vacancy holds a valid certificate of the
/// qualification it requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReaderCertificate {
    /// This certificate counts (the one valid longest).
    Holds { id: i32, number: String, valid_until: String },
    /// None of theirs does (none, expired or revoked).
    Missing,
}

impl ReaderCertificate {
    /// Which of `lines` (a person's valid certificates) counts for `qualification_id`.
    pub fn among(lines: &[CertificateLine], qualification_id: i32) -> ReaderCertificate {
        lines
            .iter()
            .filter(|c| c.qualification_id == qualification_id && c.status == CertificateStatus::Valid)
            .max_by(|a, b| a.valid_until.cmp(&b.valid_until))
            .map_or(ReaderCertificate::Missing, |c| ReaderCertificate::Holds {
                id: c.id,
                number: c.number.clone(),
                valid_until: c.valid_until.clone(),
            })
    }
}

/// A qualification of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qualification {
    pub id: i32,
    pub code: String,
    pub title_tr: String,
    pub title_uz: String,
    pub level: i32,
    pub sector: Sector,
    pub validity_years: i32,
    pub hazardous: bool,
    pub active: bool,
    /// The reference occupations it covers (ids).
    pub occupation_ids: Vec<i32>,
}

/// A test centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestCentre {
    pub id: i32,
    pub name: String,
    pub city: String,
    pub active: bool,
}

/// The catalogue: qualifications and centres.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub qualifications: Vec<Qualification>,
    pub centres: Vec<TestCentre>,
}

/// One unit of a qualification's exam and whether it was passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitResult {
    pub unit: String,
    pub passed: bool,
}

/// An assessment as its migrant and staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: i32,
    pub migrant_id: i32,
    /// Staff only: the migrant's name (empty for the migrant's own view).
    pub migrant_name: String,
    pub qualification_id: i32,
    pub code: String,
    pub title_tr: String,
    pub title_uz: String,
    pub preferred_city: String,
    /// `YYYY-MM`.
    pub preferred_month: String,
    pub status: AssessmentStatus,
    pub centre: Option<TestCentre>,
    /// RFC 3339, in Türkiye's time.
    pub scheduled_at: Option<String>,
    pub units: Vec<UnitResult>,
    pub result_at: Option<String>,
    /// The certificate a pass issued.
    pub certificate_id: Option<i32>,
    pub created_at: String,
}

/// A migrant's skills page: assessments and certificates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillsOverview {
    pub assessments: Vec<Assessment>,
    pub certificates: Vec<CertificateLine>,
}

/// One certificate for its holder or staff: with the QR code of its public check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub line: CertificateLine,
    pub holder_name: String,
    pub revoked_at: Option<String>,
    pub revoked_reason: Option<String>,
    /// The absolute address of the public verification of this number.
    pub verify_url: String,
    /// The QR code of `verify_url`, an inline SVG made on the server.
    pub qr_svg: String,
}

/// What the public verification answers for a number it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub number: String,
    pub code: String,
    pub title_tr: String,
    pub title_uz: String,
    pub level: i32,
    pub issued_on: String,
    pub valid_until: String,
    pub status: CertificateStatus,
    /// `A**** K*****`; empty when the holder erased their account.
    pub holder_masked: String,
}

/// `title(uz)`: the Uzbek or the Turkish title of a qualification's row (`title_uz`, `title_tr`).
macro_rules! titled {
    ($($t:ty),+) => {$(
        impl $t {
            pub fn title(&self, uz: bool) -> &str {
                if uz {
                    &self.title_uz
                } else {
                    &self.title_tr
                }
            }
        }
    )+};
}
titled!(CertificateLine, RequiredQualification, Qualification, Assessment, Verification);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualification_codes_follow_myk_s_pattern() {
        for ok in ["11UY0012-3", "11UY0012-3/03", "16UY0253-2", "12UY0096-8/00", "00UY0000-1"] {
            assert!(is_qualification_code(ok), "{ok}");
        }
        for bad in [
            "",
            "11UY0012",
            "11UY0012-0",
            "11UY0012-9",
            "11uy0012-3",
            "1UY0012-3",
            "11UY012-3",
            "11UX0012-3",
            "11UY0012-3/3",
            "11UY0012-3/003",
            "11UY0012-3/",
            "11UY0012-3 ",
            "a1UY0012-3",
            "11UY0012_3",
            "11UY0012-3/0a",
            "١١UY0012-3",
        ] {
            assert!(!is_qualification_code(bad), "{bad:?}");
        }
        assert_eq!(parse_qualification_code(" 11uy0012-3/03 "), Ok("11UY0012-3/03".into()));
        assert_eq!(parse_qualification_code("11UY0012"), Err(AppError::InvalidQualificationCode));
        assert_eq!(level_of_code("16UY0253-2"), Some(2));
        assert_eq!(level_of_code("nope"), None);
    }

    #[test]
    fn numbers_have_myk_s_shape_and_are_read_exactly() {
        assert_eq!(certificate_number("YB0015", "12UY0096-2", 11), "YB0015/12UY0096-2/00/11");
        assert_eq!(certificate_number(BODY_CODE, "11UY0012-3/03", 1), "KP0001/11UY0012-3/03/01");
        assert_eq!(certificate_number(BODY_CODE, "11UY0012-3", 123), "KP0001/11UY0012-3/00/123");
        assert!(looks_like_number("YB0015/12UY0096-2/00/11"));
        assert!(looks_like_number(&certificate_number(BODY_CODE, "11UY0012-3/03", 7)));
        for bad in [
            "",
            "KP0001",
            "KP0001/11UY0012-3/00",
            "KP0001/11UY0012-3/0/01",
            "KP0001/11UY0012/00/01",
            "KP0001/11UY0012-3/00/1",
        ] {
            assert!(!looks_like_number(bad), "{bad}");
        }
        assert_eq!(normalise_number("  kp0001 / 11uy0012-3/00/ 01\t"), "KP0001/11UY0012-3/00/01");
    }

    #[test]
    fn names_are_masked_to_initials() {
        assert_eq!(mask_name("Aziz Karimov"), "A*** K******");
        assert_eq!(mask_name("  Akmal   Karimov "), "A**** K******");
        // Uzbek names: ʻ (U+02BB) and ʼ (U+02BC) are letters of the name, masked like any.
        assert_eq!(mask_name("Oʻktam Gʻulomov"), "O***** G*******");
        assert_eq!(mask_name("Maʼruf Toʻxtayev"), "M***** T********");
        assert_eq!(mask_name("Şükrü Çelik"), "Ş**** Ç****");
        assert_eq!(mask_name("X"), "X");
        assert_eq!(mask_name(""), "");
        assert_eq!(mask_name("   "), "");
        assert!(!mask_name("Oʻktam Gʻulomov").contains('ʻ'));
    }

    #[test]
    fn status_comes_from_the_dates_and_revocation() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(CertificateStatus::on(d("2026-12-02"), d("2028-12-02"), false), CertificateStatus::Valid);
        assert_eq!(
            CertificateStatus::on(d("2028-12-02"), d("2028-12-02"), false),
            CertificateStatus::Valid,
            "its last day"
        );
        assert_eq!(CertificateStatus::on(d("2028-12-03"), d("2028-12-02"), false), CertificateStatus::Expired);
        assert_eq!(CertificateStatus::on(d("2026-12-02"), d("2028-12-02"), true), CertificateStatus::Revoked);
        assert_eq!(CertificateStatus::on(d("2030-01-01"), d("2028-12-02"), true), CertificateStatus::Revoked);
    }

    #[test]
    fn assessments_move_only_forward() {
        use AssessmentStatus::*;
        assert!(Requested.may_move(Scheduled));
        assert!(Scheduled.may_move(Scheduled));
        assert!(Scheduled.may_move(Passed) && Scheduled.may_move(Failed));
        for (from, to) in [
            (Requested, Passed),
            (Requested, Failed),
            (Passed, Failed),
            (Failed, Passed),
            (Cancelled, Scheduled),
            (Passed, Cancelled),
            (Passed, Scheduled),
            (Requested, Requested),
        ] {
            assert!(!from.may_move(to), "{from:?} → {to:?}");
        }
    }

    fn line(id: i32, qualification_id: i32, valid_until: &str, status: CertificateStatus) -> CertificateLine {
        CertificateLine {
            id,
            number: format!("KP0001/11UY0012-3/00/{id:05}"),
            qualification_id,
            code: "11UY0012-3".into(),
            title_tr: "Duvarcı".into(),
            title_uz: "Gʻisht teruvchi".into(),
            level: 3,
            issued_on: "2025-01-01".into(),
            valid_until: valid_until.into(),
            status,
        }
    }

    #[test]
    fn only_a_valid_certificate_of_the_required_qualification_counts_the_longest_valid_one() {
        let lines = [
            line(1, 7, "2027-01-01", CertificateStatus::Valid),
            line(2, 7, "2030-06-30", CertificateStatus::Valid),
            line(3, 9, "2031-01-01", CertificateStatus::Valid),
            line(4, 7, "2032-01-01", CertificateStatus::Revoked),
        ];
        assert_eq!(
            ReaderCertificate::among(&lines, 7),
            ReaderCertificate::Holds { id: 2, number: lines[1].number.clone(), valid_until: "2030-06-30".into() }
        );
        assert_eq!(ReaderCertificate::among(&lines, 8), ReaderCertificate::Missing);
        assert_eq!(ReaderCertificate::among(&lines[3..], 7), ReaderCertificate::Missing);
        assert_eq!(ReaderCertificate::among(&[], 7), ReaderCertificate::Missing);
    }
}
