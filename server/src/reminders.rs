//! The periodic reminders job (F6.7): every few minutes
//! (`KOPRU_REMINDER_MINUTES`, default 5), the reminders that are due are
//! written to the outbox, which the outbox worker then sends. Each service
//! claims each reminder with its record in the transaction of its outbox
//! message, so every server process sharing one database may run the job:
//! a reminder is sent once whichever runs first.

use anyhow::bail;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use std::time::Duration;
use tokio::task::JoinHandle;

/// The pause between two runs when nothing is configured.
pub const DEFAULT_MINUTES: u64 = 5;

/// The pause between two runs, from `KOPRU_REMINDER_MINUTES` (1 to 1440).
pub fn interval_from(value: Option<&str>) -> anyhow::Result<Duration> {
    let minutes = match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => DEFAULT_MINUTES,
        Some(v) => match v.parse::<u64>() {
            Ok(m) if (1..=1440).contains(&m) => m,
            _ => bail!("KOPRU_REMINDER_MINUTES must be a whole number of minutes from 1 to 1440, not {v:?}"),
        },
    };
    Ok(Duration::from_secs(minutes * 60))
}

/// One run of every reminder service at `now`: how many messages each queued.
pub async fn run_once(db: &DatabaseConnection, now: DateTime<Utc>) -> usize {
    let mut queued = 0;
    match app::cases::service::remind_checklists(db, now).await {
        Ok(n) => queued += n,
        Err(e) => tracing::warn!(error = e.key(), "reminders: checklist reminders failed"),
    }
    match app::contributions::service::remind_returnees(db, now).await {
        Ok(n) => queued += n,
        Err(e) => tracing::warn!(error = e.key(), "reminders: returnee reminders failed"),
    }
    queued
}

/// Runs the job for the life of the server: abort the handle to stop it.
pub fn spawn(db: DatabaseConnection, every: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let n = run_once(&db, Utc::now()).await;
            if n > 0 {
                tracing::info!(messages = n, "reminders queued");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interval_is_minutes_from_one_to_a_day() {
        assert_eq!(interval_from(None).unwrap(), Duration::from_secs(300));
        assert_eq!(interval_from(Some(" ")).unwrap(), Duration::from_secs(300));
        assert_eq!(interval_from(Some("15")).unwrap(), Duration::from_secs(900));
        for bad in ["0", "1441", "-3", "5m", "1.5"] {
            assert!(interval_from(Some(bad)).is_err(), "{bad}");
        }
    }
}
