//! How long stages usually take (F6.4): for cases and applications alike, the
//! median time spent in each stage by the moves of the last 90 days, shown
//! once enough of them are known to mean something.

use std::collections::HashMap;
use std::hash::Hash;

/// How far back the medians look.
pub const WINDOW_DAYS: i64 = 90;
/// Fewer stays than this in a stage: no figure (one slow case is not "usually").
pub const MIN_SAMPLES: usize = 5;

/// One entry into a stage: which row (a case, an application), which stage,
/// when (seconds since the epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<S> {
    pub row: i32,
    pub stage: S,
    pub at: i64,
}

/// The median stay per stage, in seconds, from the entries of many rows: a
/// stay lasts from entering a stage to the row's next entry. A stage that the
/// row is still in counts nothing (it has not ended). Entries may come in any
/// order. Stages with fewer than [`MIN_SAMPLES`] stays are left out.
pub fn median_stays<S: Copy + Eq + Hash>(entries: &[Entry<S>]) -> HashMap<S, i64> {
    let mut sorted = entries.to_vec();
    sorted.sort_by_key(|e| (e.row, e.at));
    let mut stays: HashMap<S, Vec<i64>> = HashMap::new();
    for pair in sorted.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.row == b.row {
            stays.entry(a.stage).or_default().push((b.at - a.at).max(0));
        }
    }
    stays
        .into_iter()
        .filter(|(_, v)| v.len() >= MIN_SAMPLES)
        .map(|(s, mut v)| {
            v.sort_unstable();
            let n = v.len();
            let median = if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2 };
            (s, median)
        })
        .collect()
}

/// A duration in whole units a person reads: minutes under two hours, hours
/// under two days, days otherwise. (The unit, the count.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Minutes(i64),
    Hours(i64),
    Days(i64),
}

pub fn span(secs: i64) -> Span {
    let secs = secs.max(0);
    if secs < 2 * 3600 {
        Span::Minutes((secs + 30) / 60)
    } else if secs < 2 * 86_400 {
        Span::Hours((secs + 1800) / 3600)
    } else {
        Span::Days((secs + 43_200) / 86_400)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(row: i32, stage: u8, at: i64) -> Entry<u8> {
        Entry { row, stage, at }
    }

    #[test]
    fn the_median_of_stays_that_ended() {
        // Five rows spend 10, 20, 30, 40, 1000 s in stage 1; row 6 is still in it.
        let mut entries = vec![];
        for (row, stay) in [(1, 10), (2, 20), (3, 30), (4, 40), (5, 1000)] {
            entries.push(e(row, 1, 100));
            entries.push(e(row, 2, 100 + stay));
        }
        entries.push(e(6, 1, 0));
        entries.reverse(); // any order
        let m = median_stays(&entries);
        assert_eq!(m.get(&1), Some(&30), "the median, not the mean (220)");
        assert_eq!(m.get(&2), None, "nobody left stage 2 yet");
    }

    #[test]
    fn an_even_count_takes_the_middle_two_and_few_stays_give_nothing() {
        let mut entries = vec![];
        for (row, stay) in [(1, 10), (2, 20), (3, 30), (4, 40), (5, 50), (6, 60)] {
            entries.extend([e(row, 1, 0), e(row, 2, stay)]);
        }
        assert_eq!(median_stays(&entries).get(&1), Some(&35));
        let few: Vec<_> = entries.into_iter().take(2 * (MIN_SAMPLES - 1)).collect();
        assert!(median_stays(&few).is_empty(), "{} stays are not enough", MIN_SAMPLES - 1);
    }

    #[test]
    fn a_stage_entered_twice_counts_twice() {
        // Documents asked for twice in one case: two stays in that stage.
        let mut entries = vec![];
        for row in 1..=5 {
            entries.extend([e(row, 1, 0), e(row, 2, 100), e(row, 1, 200), e(row, 2, 300)]);
        }
        let m = median_stays(&entries);
        assert_eq!(m.get(&1), Some(&100), "ten stays of 100 s");
        assert_eq!(m.get(&2), Some(&100), "five ended stays; the last one goes on");
    }

    #[test]
    fn spans_round_to_what_people_read() {
        assert_eq!(span(0), Span::Minutes(0));
        assert_eq!(span(89), Span::Minutes(1));
        assert_eq!(span(7199), Span::Minutes(120));
        assert_eq!(span(7200), Span::Hours(2));
        assert_eq!(span(47 * 3600), Span::Hours(47));
        assert_eq!(span(2 * 86_400), Span::Days(2));
        assert_eq!(span(3 * 86_400 + 43_200), Span::Days(4));
        assert_eq!(span(-5), Span::Minutes(0));
    }
}
