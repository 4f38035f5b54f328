//! The demo world's insured work periods (F3.4): a returnee in Uzbekistan
//! with two ended periods (one at a verified company, with its SGK number),
//! a migrant still working in Türkiye, and one whose period had insured days
//! from the SGK statement. Made through the contributions service, as a
//! migrant would; the rules stay the defaults (negotiating). Running it again
//! adds nothing.

use app::accounts::entity::user;
use app::accounts::SessionUser;
use app::contributions::entity::period;
use app::contributions::PeriodInput;
use app::error::AppError;
use app::state::AppState;
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::*;

async fn migrant(state: &AppState, phone: &str) -> Result<Option<SessionUser>, AppError> {
    let u = user::Entity::find().filter(user::Column::Phone.eq(phone)).one(&state.db).await?;
    Ok(u.map(|u| SessionUser { id: u.id, role: u.role, name: u.name, login: phone.to_string(), verified: true }))
}

/// The demo periods; how many it made.
pub async fn periods(state: &AppState) -> Result<usize, AppError> {
    let db = &state.db;
    if period::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let today = Utc::now().date_naive();
    let company = app::cases::service::hiring_companies(db).await?.into_iter().next();
    let ago = |days: i64| today - Duration::days(days);
    // (phone, employer, company?, from, to, gross TL ×100, SGK number, insured days)
    #[allow(clippy::type_complexity)]
    let rows: Vec<(&str, &str, bool, NaiveDate, Option<NaiveDate>, i64, Option<&str>, Option<i32>)> = vec![
        ("+998901234567", "", true, ago(900), Some(ago(400)), 3_100_000, Some("14121010100012340340112000"), None),
        ("+998901234567", "Karadeniz Fındık Ltd. Şti.", false, ago(380), Some(ago(120)), 2_850_050, None, None),
        ("+905321112233", "Boğaziçi Lojistik A.Ş.", false, ago(300), None, 4_200_000, None, None),
        ("+998977001020", "Ege Bahçe Tarım", false, ago(700), Some(ago(500)), 2_600_550, None, Some(150)),
    ];
    let mut made = 0;
    for (phone, employer, pick, from, to, kurus, sgk, days) in rows {
        let Some(m) = migrant(state, phone).await? else { continue };
        let company_id = if pick { company.as_ref().map(|c| c.0) } else { None };
        let employer_name = match (company_id, employer) {
            (Some(_), _) => String::new(),
            (None, "") => "Anadolu İnşaat A.Ş.".to_string(),
            (None, e) => e.to_string(),
        };
        let input = PeriodInput {
            id: None,
            employer_name,
            company_id,
            started_on: from,
            ended_on: to,
            gross_monthly_kurus: kurus,
            sgk_number: sgk.map(str::to_string),
            insured_days: days,
        };
        app::contributions::service::save_period(db, &m, input).await?;
        made += 1;
    }
    Ok(made)
}
