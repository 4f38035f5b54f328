//! The arithmetic of the estimate: whole kuruş, integers only (no floats).
//!
//! SGK counts insured days per calendar month: a whole month is 30 days
//! whatever its length (February too), a part of a month its calendar days,
//! at most 30. Each month's insurable earnings are the gross monthly wage
//! (raised to the floor, cut to the ceiling — both multiples of the legal
//! minimum wage in force on the month's first insured day) × days / 30.
//!
//! Rounding: half up, once per month and per share. SGK assesses
//! contributions on the employer's monthly declaration (*aylık prim ve hizmet
//! belgesi*), each month's contribution a sum in kuruş of its own; rounding
//! the month, not the period, gives the figures a payslip shows, and a period's
//! contribution is the sum of its months. Where the migrant gave the insured
//! days from their SGK statement (fewer than the dates hold), the period's
//! sums are scaled by given / counted days, rounded half up once more. The
//! reclaimable share is taken of each period's two shares together, half up.

use chrono::{Datelike, NaiveDate};

/// The rates the estimate uses (see [`super::Rules`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rates {
    pub employee_bp: i64,
    pub employer_bp: i64,
    pub floor_minimum_wage: bool,
    /// Hundredths of the minimum wage; 0: no ceiling.
    pub ceiling_hundredths: i64,
    pub reclaim_bp: i64,
}

impl From<&super::Rules> for Rates {
    fn from(r: &super::Rules) -> Rates {
        Rates {
            employee_bp: r.employee_bp.into(),
            employer_bp: r.employer_bp.into(),
            floor_minimum_wage: r.floor_minimum_wage,
            ceiling_hundredths: r.ceiling_hundredths.into(),
            reclaim_bp: r.reclaim_bp.into(),
        }
    }
}

/// One period for the arithmetic: its dates (an open one ends today), its wage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodIn {
    pub id: i32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub gross_monthly_kurus: i64,
    pub insured_days: Option<i32>,
}

/// `n / d` rounded half up (away from zero for halves), for `n ≥ 0`, `d > 0`.
pub fn div_half_up(n: i128, d: i128) -> i64 {
    debug_assert!(n >= 0 && d > 0);
    ((n * 2 + d) / (d * 2)) as i64
}

fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("the first of a month")
}

fn next_month(first: NaiveDate) -> NaiveDate {
    let (y, m) = if first.month() == 12 { (first.year() + 1, 1) } else { (first.year(), first.month() + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).expect("the first of a month")
}

/// The months a period touches: (first insured day of the month, its SGK days).
pub fn months(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, i64)> {
    let mut out = Vec::new();
    if to < from {
        return out;
    }
    let mut first = month_start(from);
    while first <= to {
        let next = next_month(first);
        let last = next.pred_opt().expect("a day before");
        let a = from.max(first);
        let b = to.min(last);
        let whole = a == first && b == last;
        let days = if whole { 30 } else { ((b - a).num_days() + 1).min(30) };
        out.push((a, days));
        first = next;
    }
    out
}

/// The SGK days between two dates, both included.
pub fn sgk_days(from: NaiveDate, to: NaiveDate) -> i64 {
    months(from, to).iter().map(|(_, d)| d).sum()
}

/// The minimum wage in force on `day` from a history of (valid from, kuruş), any order.
pub fn minimum_wage_on(history: &[(NaiveDate, i64)], day: NaiveDate) -> Option<i64> {
    history.iter().filter(|(from, _)| *from <= day).max_by_key(|(from, _)| *from).map(|(_, k)| *k)
}

/// The estimate of one period.
pub fn period(p: &PeriodIn, rates: &Rates, minimum_wages: &[(NaiveDate, i64)]) -> super::PeriodEstimate {
    let mut e = super::PeriodEstimate { period_id: p.id, ..Default::default() };
    let (mut employee, mut employer, mut insurable) = (0i64, 0i64, 0i64);
    for (day, days) in months(p.from, p.to) {
        let mut wage = i128::from(p.gross_monthly_kurus);
        match minimum_wage_on(minimum_wages, day) {
            Some(mw) => {
                let mw = i128::from(mw);
                if rates.floor_minimum_wage && wage < mw {
                    wage = mw;
                    e.raised_to_floor = true;
                }
                // The ceiling in kuruş, exact: mw × hundredths / 100 (kept as a fraction).
                if rates.ceiling_hundredths > 0 && wage * 100 > mw * i128::from(rates.ceiling_hundredths) {
                    e.cut_to_ceiling = true;
                    let cap = mw * i128::from(rates.ceiling_hundredths);
                    let d = i128::from(days);
                    insurable += div_half_up(cap * d, 100 * 30);
                    employee += div_half_up(cap * d * i128::from(rates.employee_bp), 100 * 30 * 10_000);
                    employer += div_half_up(cap * d * i128::from(rates.employer_bp), 100 * 30 * 10_000);
                    e.days += days;
                    continue;
                }
            }
            None => e.minimum_wage_unknown = true,
        }
        let d = i128::from(days);
        insurable += div_half_up(wage * d, 30);
        employee += div_half_up(wage * d * i128::from(rates.employee_bp), 30 * 10_000);
        employer += div_half_up(wage * d * i128::from(rates.employer_bp), 30 * 10_000);
        e.days += days;
    }
    if let Some(given) = p.insured_days.map(i64::from).filter(|g| *g < e.days && e.days > 0) {
        let scale = |k: i64| div_half_up(i128::from(k) * i128::from(given), i128::from(e.days));
        insurable = scale(insurable);
        employee = scale(employee);
        employer = scale(employer);
        e.days = given;
    }
    e.insurable_kurus = insurable;
    e.employee_kurus = employee;
    e.employer_kurus = employer;
    e.reclaimable_kurus = div_half_up(i128::from(employee + employer) * i128::from(rates.reclaim_bp), 10_000);
    e
}

/// The estimate over every period, and the totals.
pub fn estimate(periods: &[PeriodIn], rates: &Rates, minimum_wages: &[(NaiveDate, i64)]) -> super::Estimate {
    let lines: Vec<super::PeriodEstimate> = periods.iter().map(|p| period(p, rates, minimum_wages)).collect();
    super::Estimate {
        days: lines.iter().map(|l| l.days).sum(),
        employee_kurus: lines.iter().map(|l| l.employee_kurus).sum(),
        employer_kurus: lines.iter().map(|l| l.employer_kurus).sum(),
        reclaimable_kurus: lines.iter().map(|l| l.reclaimable_kurus).sum(),
        periods: lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const RATES: Rates = Rates {
        employee_bp: 900,
        employer_bp: 1100,
        floor_minimum_wage: true,
        ceiling_hundredths: 900,
        reclaim_bp: 10_000,
    };

    /// 2025: 26 005,50 TL gross; 2026: 33 030,00 TL (the legal figures).
    fn wages() -> Vec<(NaiveDate, i64)> {
        vec![(d("2025-01-01"), 2_600_550), (d("2026-01-01"), 3_303_000)]
    }

    fn p(from: &str, to: &str, kurus: i64) -> PeriodIn {
        PeriodIn { id: 1, from: d(from), to: d(to), gross_monthly_kurus: kurus, insured_days: None }
    }

    #[test]
    fn half_up_division() {
        assert_eq!(div_half_up(5, 10), 1);
        assert_eq!(div_half_up(4, 10), 0);
        assert_eq!(div_half_up(15, 10), 2);
        assert_eq!(div_half_up(25, 10), 3, "half up, not to even");
        assert_eq!(div_half_up(0, 7), 0);
    }

    #[test]
    fn sgk_counts_a_whole_month_as_30_days() {
        assert_eq!(months(d("2026-02-01"), d("2026-02-28")), vec![(d("2026-02-01"), 30)]);
        assert_eq!(months(d("2026-01-01"), d("2026-01-31")), vec![(d("2026-01-01"), 30)]);
        // Part of a 31-day month: its calendar days, at most 30.
        assert_eq!(months(d("2026-01-02"), d("2026-01-31")), vec![(d("2026-01-02"), 30)]);
        assert_eq!(
            months(d("2025-12-20"), d("2026-02-10")),
            vec![(d("2025-12-20"), 12), (d("2026-01-01"), 30), (d("2026-02-01"), 10)]
        );
        assert_eq!(sgk_days(d("2026-03-05"), d("2026-03-05")), 1);
        assert_eq!(sgk_days(d("2026-03-05"), d("2026-03-04")), 0);
        assert_eq!(sgk_days(d("2025-01-01"), d("2025-12-31")), 360);
    }

    #[test]
    fn a_whole_month_at_a_round_wage() {
        // 40 000 TL: 9 % = 3 600 TL, 11 % = 4 400 TL.
        let e = period(&p("2026-03-01", "2026-03-31", 4_000_000), &RATES, &wages());
        assert_eq!((e.days, e.insurable_kurus, e.employee_kurus, e.employer_kurus), (30, 4_000_000, 360_000, 440_000));
        assert_eq!(e.reclaimable_kurus, 800_000);
        assert!(!e.raised_to_floor && !e.cut_to_ceiling && !e.minimum_wage_unknown);
    }

    #[test]
    fn a_part_of_a_month_rounds_half_up_per_month() {
        // 45 000,50 TL × 7/30 = 10 500,1166… TL insurable → 1 050 011,67 kuruş → 1 050 012;
        // 9 %: 94 501,05 kuruş → 94 501; 11 %: 115 501,28… → 115 501.
        let e = period(&p("2026-04-24", "2026-04-30", 4_500_050), &RATES, &wages());
        assert_eq!(e.days, 7);
        assert_eq!(e.insurable_kurus, 1_050_012);
        assert_eq!(e.employee_kurus, 94_501);
        assert_eq!(e.employer_kurus, 115_501);
        // Three such months are three roundings, not one.
        let one = period(&p("2026-05-01", "2026-05-01", 3_333_333), &RATES, &wages());
        // 33 333,33 TL/30 × 9 % = 10 000,00 kuruş (9 999,9999 → 10 000).
        assert_eq!(one.employee_kurus, 10_000);
    }

    #[test]
    fn the_wage_is_raised_to_the_floor_and_cut_to_the_ceiling() {
        // 20 000 TL in 2026 is below the minimum wage 33 030 TL: 9 % of 33 030 = 2 972,70 TL.
        let low = period(&p("2026-01-01", "2026-01-31", 2_000_000), &RATES, &wages());
        assert!(low.raised_to_floor);
        assert_eq!(low.employee_kurus, 297_270);
        let no_floor = Rates { floor_minimum_wage: false, ..RATES };
        assert_eq!(period(&p("2026-01-01", "2026-01-31", 2_000_000), &no_floor, &wages()).employee_kurus, 180_000);
        // 400 000 TL is above 9 × 33 030 = 297 270 TL: 11 % of that = 32 699,70 TL.
        let high = period(&p("2026-01-01", "2026-01-31", 40_000_000), &RATES, &wages());
        assert!(high.cut_to_ceiling);
        assert_eq!(high.insurable_kurus, 29_727_000);
        assert_eq!(high.employer_kurus, 3_269_970);
        // A ceiling of 7,5× with a fractional product, 15 days: 33 030 × 7,5 = 247 725 TL × 15/30.
        let r = Rates { ceiling_hundredths: 750, ..RATES };
        let half = period(&p("2026-01-01", "2026-01-15", 40_000_000), &r, &wages());
        assert_eq!(half.insurable_kurus, 12_386_250);
        assert_eq!(half.employee_kurus, 1_114_763, "1 114 762,5 rounds up");
        // Each month against its own year's minimum wage.
        let across = period(&p("2025-12-01", "2026-01-31", 2_000_000), &RATES, &wages());
        assert_eq!(across.employee_kurus, 234_050 + 297_270);
    }

    #[test]
    fn without_a_minimum_wage_on_record_no_floor_or_ceiling() {
        let e = period(&p("2020-01-01", "2020-01-31", 100_000), &RATES, &wages());
        assert!(e.minimum_wage_unknown);
        assert_eq!(e.employee_kurus, 9_000);
    }

    #[test]
    fn insured_days_given_scale_the_period() {
        // Two whole months, 60 days, but the SGK statement says 45.
        let mut q = p("2026-01-01", "2026-02-28", 4_000_000);
        q.insured_days = Some(45);
        let e = period(&q, &RATES, &wages());
        assert_eq!((e.days, e.employee_kurus, e.employer_kurus), (45, 540_000, 660_000));
        // More days than the dates hold change nothing (the form refuses them anyway).
        q.insured_days = Some(61);
        assert_eq!(period(&q, &RATES, &wages()).days, 60);
    }

    #[test]
    fn totals_add_the_periods_and_nothing_is_nothing() {
        let none = estimate(&[], &RATES, &wages());
        assert_eq!(none, crate::contributions::Estimate::default());
        let a = p("2026-03-01", "2026-03-31", 4_000_000);
        let b = PeriodIn { id: 2, ..p("2026-04-24", "2026-04-30", 4_500_050) };
        let e = estimate(&[a, b], &RATES, &wages());
        assert_eq!(e.days, 37);
        assert_eq!(e.employee_kurus, 360_000 + 94_501);
        assert_eq!(e.employer_kurus, 440_000 + 115_501);
        assert_eq!(e.periods.iter().map(|l| l.period_id).collect::<Vec<_>>(), vec![1, 2]);
        // Half the contributions reclaimable, rounded half up per period.
        let r = Rates { reclaim_bp: 5_000, ..RATES };
        let e = estimate(&[b], &r, &wages());
        assert_eq!(e.reclaimable_kurus, 105_001, "(94 501 + 115 501) / 2 = 105 001");
        let zero = Rates { employee_bp: 0, employer_bp: 0, ..RATES };
        assert_eq!(estimate(&[a], &zero, &wages()).reclaimable_kurus, 0);
    }
}
