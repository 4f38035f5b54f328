//! Social-insurance contributions: insured periods, the estimate and claims (F3.4).
//!
//! A migrant records the periods they worked insured in Türkiye (employer,
//! dates, gross wage, the workplace's SGK number, insured days). The page
//! estimates the long-term-branch (disability, old age, death) contributions
//! paid on them under rules that staff set ([`Rules`], kept with their
//! history), and says plainly that Türkiye refunds no contributions to those
//! who leave: any reclaim rests on a social-security agreement between
//! Uzbekistan and Türkiye, which is being negotiated. Once staff mark the
//! agreement in force, a migrant files a claim: a case of kind
//! [`crate::cases::CaseKind::Claim`] carrying copies of the periods and the
//! documents. Returnees (back in Uzbekistan, every period ended, no claim) are
//! reminded through the outbox on the schedule staff set
//! ([`service::remind_returnees`]).

pub mod api;
pub mod estimate;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;

use crate::error::AppError;
use serde::{Deserialize, Serialize};

crate::state_enum! {
    /// Where the Uzbekistan–Türkiye social-security agreement stands.
    pub enum AgreementStatus {
        /// Being negotiated: the estimate is an assumption, no claim is taken.
        Negotiating,
        /// In force since a date: claims are taken.
        InForce,
    }
}

/// The longest employer name.
pub const MAX_EMPLOYER: usize = 200;
/// The highest wage a period takes: 10 million lira a month (a typing error beyond).
pub const MAX_WAGE_KURUS: i64 = 1_000_000_000;
/// The earliest start of a period: SGK's records as they are today begin with 5510 in 2006,
/// but older SSK periods count too.
pub const EARLIEST_YEAR: i32 = 1970;
/// The longest reminder schedule staff may set: once a year.
pub const MAX_REMINDER_DAYS: i32 = 365;

/// One insured work period as its migrant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub id: i32,
    pub employer_name: String,
    /// A verified company of the portal, when the migrant picked one.
    pub company_id: Option<i32>,
    /// `YYYY-MM-DD`.
    pub started_on: String,
    /// `None`: still working there.
    pub ended_on: Option<String>,
    /// Gross monthly wage, kuruş.
    pub gross_monthly_kurus: i64,
    /// The workplace's 26-digit SGK registration number.
    pub sgk_number: Option<String>,
    /// The insured days as the migrant gave them (from their SGK statement).
    pub insured_days: Option<i32>,
}

/// The rules of the estimate, the agreement's state and the reminders, as staff set them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// The employee's share of the long-term-branch contribution, basis points of the gross (900 = 9 %).
    pub employee_bp: i32,
    /// The employer's share, basis points (1100 = 11 %).
    pub employer_bp: i32,
    /// The floor of the insurable wage is the legal minimum wage (`true`), or none.
    pub floor_minimum_wage: bool,
    /// The ceiling of the insurable wage, hundredths of the minimum wage (900 = 9×); 0: none.
    pub ceiling_hundredths: i32,
    /// The share of the long-term contributions (both shares) the agreement is assumed
    /// to make reclaimable, basis points.
    pub reclaim_bp: i32,
    pub agreement: AgreementStatus,
    /// `YYYY-MM-DD`, set when in force.
    pub in_force_on: Option<String>,
    /// Returnees are reminded every so many days; 0: never.
    pub reminder_days: i32,
}

impl Default for Rules {
    /// Today's figures: 9 % + 11 % long-term branch (Law 5510 art. 81), the
    /// insurable wage between the minimum wage and nine times it (art. 82,
    /// as from 2025), all of it assumed reclaimable, negotiating, reminders
    /// every 90 days.
    fn default() -> Rules {
        Rules {
            employee_bp: 900,
            employer_bp: 1100,
            floor_minimum_wage: true,
            ceiling_hundredths: 900,
            reclaim_bp: 10_000,
            agreement: AgreementStatus::Negotiating,
            in_force_on: None,
            reminder_days: 90,
        }
    }
}

/// One version of the rules, who set it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesVersion {
    pub rules: Rules,
    /// The staff member's name; `None` for the defaults the portal started with.
    pub by: Option<String>,
    /// RFC 3339.
    pub at: String,
}

/// The estimate of one period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodEstimate {
    pub period_id: i32,
    /// Insured days counted (30 for a full month, SGK's way).
    pub days: i64,
    /// The insurable earnings over the period (after the floor and the ceiling), kuruş.
    pub insurable_kurus: i64,
    pub employee_kurus: i64,
    pub employer_kurus: i64,
    pub reclaimable_kurus: i64,
    /// Some month's wage was below the floor and raised to it.
    pub raised_to_floor: bool,
    /// Some month's wage was above the ceiling and cut to it.
    pub cut_to_ceiling: bool,
    /// Some month had no minimum wage on record: no floor or ceiling for it.
    pub minimum_wage_unknown: bool,
}

/// The estimate over every period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Estimate {
    pub periods: Vec<PeriodEstimate>,
    pub days: i64,
    pub employee_kurus: i64,
    pub employer_kurus: i64,
    pub reclaimable_kurus: i64,
}

/// The migrant's claim, as the contributions page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimLine {
    pub case_id: i32,
    pub stage: crate::cases::Stage,
    pub created_at: String,
}

/// The contributions page: the periods, the estimate, the rules it used,
/// the claim (if any) and what the period form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub periods: Vec<Period>,
    pub estimate: Estimate,
    pub rules: Rules,
    /// Claims filed, newest first.
    pub claims: Vec<ClaimLine>,
    /// Verified companies to pick the employer from (id, name).
    pub companies: Vec<(i32, String)>,
    /// `YYYY-MM-DD` of today (the period form's `max`).
    pub today: String,
}

/// A period copied into a claim when it was filed, with its estimate then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimPeriod {
    pub employer_name: String,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub gross_monthly_kurus: i64,
    pub sgk_number: Option<String>,
    pub insured_days: Option<i32>,
    pub days: i64,
    pub employee_kurus: i64,
    pub employer_kurus: i64,
    pub reclaimable_kurus: i64,
}

/// A person's contributions data for their export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionsData {
    pub periods: Vec<Period>,
    /// Each claim's case id with the periods it carried.
    pub claims: Vec<(i32, Vec<ClaimPeriod>)>,
    /// RFC 3339 of the last reminder sent.
    pub last_reminded_at: Option<String>,
}

/// A period as typed, parsed and checked on its own (the overlap with the
/// person's other periods is checked by the service).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodInput {
    pub id: Option<i32>,
    pub employer_name: String,
    pub company_id: Option<i32>,
    pub started_on: chrono::NaiveDate,
    pub ended_on: Option<chrono::NaiveDate>,
    pub gross_monthly_kurus: i64,
    pub sgk_number: Option<String>,
    pub insured_days: Option<i32>,
}

/// The workplace registration number of SGK (*işyeri sicil numarası*): 26
/// digits — the kind of workplace (1), the branch of activity (4), the
/// units (2 + 2), the workplace's serial number (7), the province (3, the
/// licence-plate code 001–081), the district (2), the check number (2) and
/// the subcontractor (3). Spaces, dots, dashes and slashes as people copy
/// it from a payslip are dropped. SGK publishes no formula for the check
/// number, so it is not verified.
pub fn parse_sgk_number(s: &str) -> Result<Option<String>, AppError> {
    let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '.' | '-' | '/')).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    if digits.len() != 26 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::InvalidSgkNumber);
    }
    let province: u32 = digits[16..19].parse().map_err(|_| AppError::InvalidSgkNumber)?;
    if !(1..=81).contains(&province) {
        return Err(AppError::InvalidSgkNumber);
    }
    Ok(Some(digits))
}

/// Checks a period's fields, every refusal at once. `today` is the last day a
/// period may reach; `known_company` says whether a picked company may be picked.
#[allow(clippy::too_many_arguments)]
pub fn check_period(
    id: Option<&str>,
    employer_name: &str,
    company_id: Option<&str>,
    started_on: &str,
    ended_on: &str,
    wage: &str,
    sgk_number: &str,
    insured_days: &str,
    today: chrono::NaiveDate,
) -> Result<PeriodInput, AppError> {
    use crate::parse::{optional_id, parse_date};
    let mut c = crate::error::Checks::default();
    let id = c.take_as("period_id", optional_id(id));
    let company_id = c.take_as("company_id", optional_id(company_id));
    let employer_name = match (employer_name.trim().is_empty(), company_id) {
        // A picked company names the employer itself (the service fills it in).
        (true, Some(Some(_))) => Some(String::new()),
        _ => c.take_as(
            "employer_name",
            crate::parse::normalize_name(employer_name).map_err(|e| match e {
                AppError::NameRequired => AppError::Required,
                e => e,
            }),
        ),
    };
    let earliest = chrono::NaiveDate::from_ymd_opt(EARLIEST_YEAR, 1, 1).expect("a valid date");
    let in_range = |d: chrono::NaiveDate| {
        if d > today {
            Err(AppError::InvalidDate)
        } else if d < earliest {
            Err(AppError::OutOfRange)
        } else {
            Ok(d)
        }
    };
    let started = c.take_as("started_on", parse_date(started_on).and_then(in_range));
    let ended = match ended_on.trim() {
        "" => Some(None),
        v => c.take_as("ended_on", parse_date(v).and_then(in_range).map(Some)),
    };
    if let (Some(s), Some(Some(e))) = (started, ended) {
        if e < s {
            c.fail("ended_on", AppError::EndBeforeStart);
        }
    }
    let wage = c.take_as(
        "wage",
        crate::format::parse_try_to_kurus(wage).filter(|k| *k > 0 && *k <= MAX_WAGE_KURUS).ok_or(AppError::InvalidWage),
    );
    let sgk = c.take_as("sgk_number", parse_sgk_number(sgk_number));
    let days = match insured_days.trim() {
        "" => Some(None),
        v => c.take_as(
            "insured_days",
            crate::parse::int::<i32>(v, AppError::OutOfRange).and_then(|d| {
                let most = match (started, ended) {
                    (Some(s), Some(e)) => estimate::sgk_days(s, e.unwrap_or(today)),
                    _ => i64::MAX,
                };
                if d < 1 || i64::from(d) > most {
                    Err(AppError::OutOfRange)
                } else {
                    Ok(Some(d))
                }
            }),
        ),
    };
    let input = match (id, employer_name, company_id, started, ended, wage, sgk, days) {
        (
            Some(id),
            Some(employer_name),
            Some(company_id),
            Some(started_on),
            Some(ended_on),
            Some(w),
            Some(sgk),
            Some(d),
        ) => Some(PeriodInput {
            id,
            employer_name,
            company_id,
            started_on,
            ended_on,
            gross_monthly_kurus: w,
            sgk_number: sgk,
            insured_days: d,
        }),
        _ => None,
    };
    c.finish(input)
}

/// Whether two periods share a day (`None`: still running).
pub fn overlaps(
    a: (chrono::NaiveDate, Option<chrono::NaiveDate>),
    b: (chrono::NaiveDate, Option<chrono::NaiveDate>),
) -> bool {
    let a_end = a.1.unwrap_or(chrono::NaiveDate::MAX);
    let b_end = b.1.unwrap_or(chrono::NaiveDate::MAX);
    a.0 <= b_end && b.0 <= a_end
}

/// Checks the rules as staff posted them: rates 0–100 %, the ceiling 0 or
/// 1×–20×, the reminder every 0 (off) to 365 days; in force needs its date
/// (not in the future), negotiating takes none.
#[allow(clippy::too_many_arguments)]
pub fn check_rules(
    employee: &str,
    employer: &str,
    floor: bool,
    ceiling: &str,
    reclaim: &str,
    agreement: &str,
    in_force_on: &str,
    reminder_days: &str,
    today: chrono::NaiveDate,
) -> Result<Rules, AppError> {
    let mut c = crate::error::Checks::default();
    let bp = |s: &str| parse_percent_bp(s).filter(|b| (0..=10_000).contains(b)).ok_or(AppError::OutOfRange);
    let employee_bp = c.take_as("employee_rate", bp(employee));
    let employer_bp = c.take_as("employer_rate", bp(employer));
    let reclaim_bp = c.take_as("reclaim_share", bp(reclaim));
    let ceiling_hundredths = c.take_as(
        "ceiling",
        parse_percent_bp(ceiling).filter(|h| *h == 0 || (100..=2000).contains(h)).ok_or(AppError::OutOfRange),
    );
    let agreement =
        c.take_as("agreement", agreement.trim().parse::<AgreementStatus>().map_err(|_| AppError::ChoiceRequired));
    let in_force_on = match (agreement, in_force_on.trim()) {
        (Some(AgreementStatus::InForce), "") => {
            c.fail("in_force_on", AppError::Required);
            None
        }
        (Some(AgreementStatus::InForce), v) => c.take_as(
            "in_force_on",
            crate::parse::parse_date(v)
                .and_then(|d| if d > today { Err(AppError::InvalidDate) } else { Ok(d) })
                .map(|d| Some(d.to_string())),
        ),
        (_, _) => Some(None),
    };
    let reminder_days = c.take_as(
        "reminder_days",
        crate::parse::int::<i32>(reminder_days, AppError::OutOfRange).and_then(|d| {
            if (0..=MAX_REMINDER_DAYS).contains(&d) {
                Ok(d)
            } else {
                Err(AppError::OutOfRange)
            }
        }),
    );
    let rules = match (employee_bp, employer_bp, ceiling_hundredths, reclaim_bp, agreement, in_force_on, reminder_days)
    {
        (
            Some(employee_bp),
            Some(employer_bp),
            Some(ceiling_hundredths),
            Some(reclaim_bp),
            Some(agreement),
            Some(on),
            Some(r),
        ) => Some(Rules {
            employee_bp,
            employer_bp,
            floor_minimum_wage: floor,
            ceiling_hundredths,
            reclaim_bp,
            agreement,
            in_force_on: on,
            reminder_days: r,
        }),
        _ => None,
    };
    c.finish(rules)
}

/// A percentage or a multiple as people type it (`9`, `9,5`, `9.50`, `%11`)
/// in hundredths (`900`, `950`, `950`, `1100`): at most two decimals.
pub fn parse_percent_bp(s: &str) -> Option<i32> {
    let t = s.trim().trim_start_matches('%').trim_end_matches('%').trim().trim_end_matches('×').trim();
    let (whole, frac) = match t.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (t, ""),
    };
    if whole.is_empty() || whole.len() > 5 || frac.len() > 2 {
        return None;
    }
    if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let w: i32 = whole.parse().ok()?;
    let f: i32 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().ok()? };
    w.checked_mul(100)?.checked_add(f)
}

/// Hundredths as the reader's language writes them: `9`, `9,5`, `11,25`.
pub fn hundredths_text(h: i32) -> String {
    let whole = h / 100;
    match h % 100 {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole},{}", f / 10),
        f => format!("{whole},{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn sgk_numbers_are_26_digits_with_a_province() {
        let n = "1 2345 01 02 1234567 034 01 12 000";
        assert_eq!(parse_sgk_number(n), Ok(Some("12345010212345670340112000".into())));
        assert_eq!(parse_sgk_number("  "), Ok(None));
        assert_eq!(parse_sgk_number("1234567890"), Err(AppError::InvalidSgkNumber));
        assert_eq!(parse_sgk_number("1234501021234567034011200A"), Err(AppError::InvalidSgkNumber));
        // Province 000 and 082 do not exist.
        assert_eq!(parse_sgk_number("12345010212345670000112000"), Err(AppError::InvalidSgkNumber));
        assert_eq!(parse_sgk_number("12345010212345670820112000"), Err(AppError::InvalidSgkNumber));
    }

    #[test]
    fn a_period_is_checked_field_by_field() {
        let today = d("2026-12-02");
        let ok = check_period(None, " Yıldız  İnşaat ", None, "2025-03-10", "2026-01-31", "45 000,50", "", "", today)
            .unwrap();
        assert_eq!(ok.employer_name, "Yıldız İnşaat");
        assert_eq!(ok.gross_monthly_kurus, 4_500_050);
        assert_eq!(ok.ended_on, Some(d("2026-01-31")));
        let dot = check_period(None, "A", None, "2025-03-10", "", "45000.50", "", "", today).unwrap();
        assert_eq!((dot.gross_monthly_kurus, dot.ended_on), (4_500_050, None));
        assert_eq!(
            check_period(None, "", None, "2027-01-01", "2026-01-01", "0", "12", "0", today),
            Err(AppError::Fields(vec![
                crate::error::FieldError { field: "employer_name".into(), error: AppError::Required },
                crate::error::FieldError { field: "started_on".into(), error: AppError::InvalidDate },
                crate::error::FieldError { field: "wage".into(), error: AppError::InvalidWage },
                crate::error::FieldError { field: "sgk_number".into(), error: AppError::InvalidSgkNumber },
                crate::error::FieldError { field: "insured_days".into(), error: AppError::OutOfRange },
            ]))
        );
        assert_eq!(
            check_period(None, "A", None, "2026-05-10", "2026-05-01", "30000", "", "", today),
            Err(AppError::EndBeforeStart.at("ended_on"))
        );
        // More insured days than the dates hold: 2 full months are 60 days.
        assert_eq!(
            check_period(None, "A", None, "2026-01-01", "2026-02-28", "30000", "", "61", today),
            Err(AppError::OutOfRange.at("insured_days"))
        );
        assert!(check_period(None, "A", None, "2026-01-01", "2026-02-28", "30000", "", "60", today).is_ok());
        // A picked company names the employer.
        assert_eq!(
            check_period(None, "", Some("3"), "2026-01-01", "", "30000", "", "", today).unwrap().company_id,
            Some(3)
        );
    }

    #[test]
    fn periods_overlap_when_they_share_a_day() {
        let p = |a: &str, b: Option<&str>| (d(a), b.map(d));
        assert!(overlaps(p("2025-01-01", Some("2025-06-30")), p("2025-06-30", Some("2025-12-31"))));
        assert!(!overlaps(p("2025-01-01", Some("2025-06-29")), p("2025-06-30", Some("2025-12-31"))));
        assert!(overlaps(p("2025-01-01", None), p("2026-06-30", Some("2026-07-01"))));
        assert!(!overlaps(p("2026-01-01", None), p("2025-06-30", Some("2025-12-31"))));
    }

    #[test]
    fn rules_are_checked() {
        let today = d("2026-12-02");
        let r = check_rules("9", "11", true, "9", "100", "negotiating", "2026-01-01", "90", today).unwrap();
        assert_eq!(r, Rules::default(), "a date without 'in force' is dropped");
        let r = check_rules("9,5", "%11.25", false, "0", "50", "inforce", "2026-11-01", "0", today).unwrap();
        assert_eq!((r.employee_bp, r.employer_bp, r.ceiling_hundredths, r.reclaim_bp), (950, 1125, 0, 5000));
        assert_eq!(
            (r.agreement, r.in_force_on.as_deref(), r.reminder_days),
            (AgreementStatus::InForce, Some("2026-11-01"), 0)
        );
        assert_eq!(
            check_rules("101", "x", true, "0,5", "50", "inforce", "", "366", today),
            Err(AppError::Fields(vec![
                crate::error::FieldError { field: "employee_rate".into(), error: AppError::OutOfRange },
                crate::error::FieldError { field: "employer_rate".into(), error: AppError::OutOfRange },
                crate::error::FieldError { field: "ceiling".into(), error: AppError::OutOfRange },
                crate::error::FieldError { field: "in_force_on".into(), error: AppError::Required },
                crate::error::FieldError { field: "reminder_days".into(), error: AppError::OutOfRange },
            ]))
        );
        assert_eq!(
            check_rules("9", "11", true, "9", "100", "inforce", "2026-12-03", "90", today),
            Err(AppError::InvalidDate.at("in_force_on"))
        );
    }

    #[test]
    fn percentages_in_hundredths() {
        assert_eq!(parse_percent_bp("9"), Some(900));
        assert_eq!(parse_percent_bp("9,5"), Some(950));
        assert_eq!(parse_percent_bp("11.25 %"), Some(1125));
        assert_eq!(parse_percent_bp("9,555"), None);
        assert_eq!(parse_percent_bp("-1"), None);
        assert_eq!(parse_percent_bp(""), None);
        assert_eq!(
            (hundredths_text(900), hundredths_text(950), hundredths_text(1125)),
            ("9".into(), "9,5".into(), "11,25".into())
        );
    }
}
