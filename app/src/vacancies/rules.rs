//! The rules a vacancy must meet before it can be submitted (F2.2).

use super::TurkishLevel;
use crate::error::AppError;
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
    pub start_date: String,
    pub closing_date: String,
    pub text_tr: String,
    pub text_uz: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub start_date: NaiveDate,
    pub closing_date: NaiveDate,
    pub district: String,
    pub text_tr: String,
    pub text_uz: Option<String>,
}

/// Checks a draft against the minimum wage in force and today's date.
pub fn check(d: &Draft, minimum_wage_kurus: i64, today: NaiveDate) -> Result<Checked, AppError> {
    if !(1..=1000).contains(&d.positions) {
        return Err(AppError::InvalidPositions);
    }
    if d.wage_kurus < minimum_wage_kurus {
        return Err(AppError::WageBelowMinimum);
    }
    if d.wage_kurus > 100_000_000 {
        return Err(AppError::InvalidInput);
    }
    let start = parse_date(&d.start_date)?;
    let closing = parse_date(&d.closing_date)?;
    if closing < today {
        return Err(AppError::ClosingDateInPast);
    }
    // Applications close before work starts; and nobody plans three years ahead.
    if closing > start || start > today + chrono::Duration::days(3 * 365) {
        return Err(AppError::InvalidDate);
    }
    if !(1..=72).contains(&d.hours_per_week) || !(1..=60).contains(&d.contract_months) {
        return Err(AppError::InvalidInput);
    }
    let text_tr = d.text_tr.trim().to_string();
    if text_tr.is_empty() {
        return Err(AppError::TextRequired);
    }
    if text_tr.chars().count() > 5000 {
        return Err(AppError::InvalidInput);
    }
    let text_uz = d.text_uz.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    if text_uz.as_ref().is_some_and(|t| t.chars().count() > 5000) {
        return Err(AppError::InvalidInput);
    }
    let district = d.district.trim().to_string();
    if district.chars().count() > 100 {
        return Err(AppError::InvalidInput);
    }
    Ok(Checked { start_date: start, closing_date: closing, district, text_tr, text_uz })
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
        assert_eq!(check(&d, MIN, today()), Err(AppError::InvalidDate));
        let mut d = good();
        d.start_date = "2027-01-01".into(); // before closing
        assert_eq!(check(&d, MIN, today()), Err(AppError::InvalidDate));
        let mut d = good();
        d.text_tr = "   ".into();
        assert_eq!(check(&d, MIN, today()), Err(AppError::TextRequired));
        let mut d = good();
        d.hours_per_week = 0;
        assert_eq!(check(&d, MIN, today()), Err(AppError::InvalidInput));
    }
}
