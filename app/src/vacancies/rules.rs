//! The rules a vacancy must meet before it can be submitted (F2.2).

use super::TurkishLevel;
use crate::error::{AppError, Checks, FieldError};
use crate::parse::parse_date;
use chrono::NaiveDate;

/// What an employer typed, before checking.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub sector_id: i32,
    pub occupation_id: i32,
    pub positions: i32,
    pub province_id: i32,
    pub district: String,
    pub wage_kurus: i64,
    pub hours_per_week: i32,
    pub housing: bool,
    pub meals: bool,
    pub transport: bool,
    pub contract_months: i32,
    pub turkish_level: TurkishLevel,
    pub certificate_required: bool,
    /// The MYK qualification whose certificate the work requires; checked
    /// against the catalogue by the service (it must exist and be offered).
    pub required_qualification_id: Option<i32>,
    pub start_date: String,
    pub closing_date: String,
    pub text_tr: String,
    pub text_uz: Option<String>,
    /// Fields the form could not even read (a wage that is no amount …):
    /// reported with the rest, their rules skipped.
    pub refused: Vec<FieldError>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub start_date: NaiveDate,
    pub closing_date: NaiveDate,
    pub district: String,
    pub text_tr: String,
    pub text_uz: Option<String>,
}

/// Checks a draft against the minimum wage in force and today's date; every
/// refused field at once.
pub fn check(d: &Draft, minimum_wage_kurus: i64, today: NaiveDate) -> Result<Checked, AppError> {
    let mut c = Checks::from_refused(d.refused.clone());
    if !c.refused("positions") && !(1..=1000).contains(&d.positions) {
        c.fail("positions", AppError::InvalidPositions);
    }
    if !c.refused("wage") {
        if d.wage_kurus < minimum_wage_kurus {
            c.fail("wage", AppError::WageBelowMinimum);
        } else if d.wage_kurus > 100_000_000 {
            c.fail("wage", AppError::OutOfRange);
        }
    }
    let start = c.take_as("start_date", parse_date(&d.start_date));
    let closing = c.take_as("closing_date", parse_date(&d.closing_date));
    if closing.is_some_and(|closing| closing < today) {
        c.fail("closing_date", AppError::ClosingDateInPast);
    }
    // Applications close before work starts; and nobody plans three years ahead.
    if let (Some(start), Some(closing)) = (start, closing) {
        if closing > start {
            c.fail("start_date", AppError::StartBeforeClosing);
        } else if start > today + chrono::Duration::days(3 * 365) {
            c.fail("start_date", AppError::InvalidDate);
        }
    }
    for (field, value, max) in [("hours_per_week", d.hours_per_week, 72), ("contract_months", d.contract_months, 60)] {
        if !c.refused(field) && !(1..=max).contains(&value) {
            c.fail(field, AppError::OutOfRange);
        }
    }
    let text_tr = c.take_as("text_tr", crate::parse::required_text(&d.text_tr, 5000, AppError::TextRequired));
    let text_uz = c.take_as("text_uz", crate::parse::optional_text(d.text_uz.as_deref(), 5000));
    let district = c.take_as("district", crate::parse::optional_text(Some(&d.district), 100));
    let (((start_date, closing_date), text_tr), (text_uz, district)) =
        c.finish(start.zip(closing).zip(text_tr).zip(text_uz.zip(district)))?;
    Ok(Checked { start_date, closing_date, district: district.unwrap_or_default(), text_tr, text_uz })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 3_303_000;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    fn good() -> Draft {
        Draft {
            sector_id: 1,
            occupation_id: 1,
            positions: 5,
            province_id: 34,
            district: "Esenyurt".into(),
            wage_kurus: 3_500_000,
            hours_per_week: 45,
            housing: true,
            contract_months: 12,
            turkish_level: TurkishLevel::A1,
            start_date: "2027-02-01".into(),
            closing_date: "2027-01-10".into(),
            text_tr: "Şantiye için duvar ustası".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_draft_passes() {
        let c = check(&good(), MIN, today()).unwrap();
        assert_eq!(c.closing_date, NaiveDate::from_ymd_opt(2027, 1, 10).unwrap());
        assert_eq!(c.text_uz, None);
    }

    #[test]
    fn wage_rule() {
        let mut d = good();
        d.wage_kurus = MIN - 1;
        assert_eq!(check(&d, MIN, today()), Err(AppError::WageBelowMinimum));
        d.wage_kurus = MIN;
        assert!(check(&d, MIN, today()).is_ok(), "exactly the minimum is legal");
    }

    #[test]
    fn closing_date_and_positions() {
        let mut d = good();
        d.closing_date = "2026-11-28".into();
        assert_eq!(check(&d, MIN, today()), Err(AppError::ClosingDateInPast));
        d.closing_date = "2026-11-29".into();
        assert!(check(&d, MIN, today()).is_ok(), "closing today is allowed");
        let mut d = good();
        d.positions = 0;
        assert_eq!(check(&d, MIN, today()), Err(AppError::InvalidPositions));
        d.positions = -3;
        assert_eq!(check(&d, MIN, today()), Err(AppError::InvalidPositions));
    }

    #[test]
    fn other_refusals() {
        let mut d = good();
        d.start_date = "01.02.2027".into();
        assert_eq!(check(&d, MIN, today()), Err(refused(&[("start_date", AppError::InvalidDate)])));
        let mut d = good();
        d.start_date = "2027-01-01".into(); // before closing
        assert_eq!(check(&d, MIN, today()), Err(AppError::StartBeforeClosing));
        let mut d = good();
        d.text_tr = "   ".into();
        assert_eq!(check(&d, MIN, today()), Err(AppError::TextRequired));
        let mut d = good();
        d.hours_per_week = 0;
        assert_eq!(check(&d, MIN, today()), Err(refused(&[("hours_per_week", AppError::OutOfRange)])));
    }

    fn refused(list: &[(&str, AppError)]) -> AppError {
        AppError::Fields(list.iter().map(|(f, e)| FieldError { field: f.to_string(), error: e.clone() }).collect())
    }

    #[test]
    fn every_refusal_at_once() {
        let mut d = good();
        d.positions = 0;
        d.wage_kurus = 1;
        d.closing_date = "2026-11-01".into();
        d.contract_months = 61;
        d.text_tr = " ".into();
        d.text_uz = Some("a".repeat(5001));
        assert_eq!(
            check(&d, MIN, today()),
            Err(refused(&[
                ("positions", AppError::InvalidPositions),
                ("wage", AppError::WageBelowMinimum),
                ("closing_date", AppError::ClosingDateInPast),
                ("contract_months", AppError::OutOfRange),
                ("text_tr", AppError::TextRequired),
                ("text_uz", AppError::TextTooLong),
            ]))
        );
    }

    #[test]
    fn what_the_form_could_not_read_is_reported_once_with_the_rest() {
        let mut d = good();
        d.refused = vec![FieldError { field: "wage".into(), error: AppError::InvalidWage }];
        d.wage_kurus = 0; // what an unreadable wage becomes: no second message for it
        d.start_date = "soon".into();
        assert_eq!(
            check(&d, MIN, today()),
            Err(refused(&[("wage", AppError::InvalidWage), ("start_date", AppError::InvalidDate)]))
        );
    }
}
