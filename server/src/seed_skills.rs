//! The demo world's skills certification: MYK's construction and textile
//! qualifications with the occupations of the demo vacancies, the three
//! Uzbek test centres, a request waiting in the staff queue, and three
//! certificates of demo migrants — one valid, one expired, one revoked — whose
//! numbers `seed-demo` prints (to try the public check). Running it again adds nothing.
//!
//! The codes are MYK's: the construction ones from the domain notes
//! (`services.md`), the textile ones from MYK's published national
//! qualifications (12UY0043-4 Modelist, 11UY0038-4 İplik Operatörü,
//! 13UY0138-4 Boyama Operatörü). No code for the sewing-machine operator is
//! seeded: none could be confirmed. Validity: 5 years unless MYK's text says
//! otherwise — staff correct it per qualification in the catalogue.

use app::accounts::entity::user;
use app::error::AppError;
use app::reference::entity::occupation;
use app::skills::entity::{certificate, qualification};
use app::skills::service::{self, QualificationInput};
use app::skills::{AssessmentStatus, Sector};
use app::state::AppState;
use chrono::{Datelike, Months, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::*;

/// (code, Turkish title, Uzbek title, sector, validity years, hazardous, occupation codes).
type Q = (&'static str, &'static str, &'static str, Sector, i32, bool, &'static [&'static str]);

const QUALIFICATIONS: &[Q] = &[
    ("11UY0012-3", "Betonarme Demircisi", "Armaturachi", Sector::Construction, 5, true, &["7114.02"]),
    ("11UY0011-3", "Ahşap Kalıpçı", "Qolipchi", Sector::Construction, 5, true, &["7115.01"]),
    ("12UY0048-3", "Duvarcı", "Gʻisht teruvchi", Sector::Construction, 5, true, &["7112.01"]),
    ("11UY0024-3", "Sıvacı", "Suvoqchi", Sector::Construction, 5, true, &["7123.01"]),
    ("11UY0023-3", "İnşaat Boyacısı", "Boʻyoqchi", Sector::Construction, 5, true, &["7131.01"]),
    ("12UY0049-3", "Betoncu", "Betonchi", Sector::Construction, 5, true, &["7114.01"]),
    ("12UY0051-3", "Seramik Karo Kaplamacısı", "Kafelchi", Sector::Construction, 5, true, &["7122.01"]),
    ("12UY0054-3", "Alçı Levha Uygulayıcısı", "Gipsokarton ustasi", Sector::Construction, 5, true, &[]),
    ("16UY0253-2", "İnşaat İşçisi", "Qurilish ishchisi", Sector::Construction, 5, true, &["9313.01"]),
    ("14UY0195-3", "PVC Doğrama Montajcısı", "Eshik-deraza montaj ustasi", Sector::Construction, 5, true, &[]),
    ("11UY0010-3", "Çelik Kaynakçısı", "Payvandchi", Sector::Metalwork, 5, true, &["7212.01"]),
    ("13UY0172-3", "Mobil Vinç Operatörü", "Kran operatori", Sector::Construction, 5, true, &["8343.01"]),
    ("12UY0043-4", "Modelist", "Kiyim modelyeri", Sector::Textile, 5, false, &[]),
    ("11UY0038-4", "İplik Operatörü", "Ip yigiruv operatori", Sector::Textile, 5, false, &[]),
    ("13UY0138-4", "Boyama Operatörü", "Matoni boʻyash operatori", Sector::Textile, 5, false, &[]),
];

const CENTRES: &[(&str, &str)] = &[
    ("Toshkent kasbiy baholash markazi", "Toshkent"),
    ("Namangan kasbiy baholash markazi", "Namangan"),
    ("Sirdaryo kasbiy baholash markazi", "Guliston"),
];

async fn user_id(state: &AppState, phone: &str) -> Result<i32, AppError> {
    Ok(user::Entity::find().filter(user::Column::Phone.eq(phone)).one(&state.db).await?.ok_or(AppError::NotFound)?.id)
}

/// The catalogue, the queue's request and the demo certificates; the lines
/// that name each demo certificate (`valid  KP0001/…  Aziz Karimov`).
pub async fn skills(state: &AppState) -> Result<Vec<String>, AppError> {
    let db = &state.db;
    if qualification::Entity::find().count(db).await? == 0 {
        let occupations = occupation::Entity::find().all(db).await?;
        for (code, tr, uz, sector, years, hazardous, occ) in QUALIFICATIONS {
            let ids = occupations.iter().filter(|o| occ.contains(&o.code.as_str())).map(|o| o.id).collect();
            service::save_qualification(
                db,
                QualificationInput {
                    id: None,
                    code: String::from(*code),
                    title_tr: String::from(*tr),
                    title_uz: String::from(*uz),
                    sector: *sector,
                    validity_years: *years,
                    hazardous: *hazardous,
                    occupation_ids: ids,
                },
            )
            .await?;
        }
        for (name, city) in CENTRES {
            service::save_centre(db, None, String::from(*name), String::from(*city)).await?;
        }
    }
    let by_code = |code: &'static str| async move {
        qualification::Entity::find()
            .filter(qualification::Column::Code.eq(code))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)
    };
    if certificate::Entity::find().count(db).await? == 0 {
        let today = Utc::now().date_naive();
        let rebar = by_code("11UY0012-3").await?;
        let mason = by_code("12UY0048-3").await?;
        let welder = by_code("11UY0010-3").await?;
        let aziz = user_id(state, "+998901234567").await?;
        let gulnora = user_id(state, "+998935551122").await?;
        let sherzod = user_id(state, "+998977001020").await?;
        let issued = move |months: u32| today.checked_sub_months(Months::new(months)).ok_or(AppError::Internal);
        db.transaction::<_, (), AppError>(move |txn| {
            Box::pin(async move {
                service::issue(txn, aziz, rebar.id, None, issued(4)?).await?;
                // Issued six years ago, valid five: expired a year ago.
                service::issue(txn, gulnora, mason.id, None, issued(72)?).await?;
                let revoked = service::issue(txn, sherzod, welder.id, None, issued(10)?).await?;
                certificate::Entity::update_many()
                    .col_expr(certificate::Column::RevokedAt, Expr::value(Some(Utc::now())))
                    .col_expr(
                        certificate::Column::RevokedReason,
                        Expr::value(Some("Sınav tutanağında usulsüzlük tespit edildi.".to_string())),
                    )
                    .filter(certificate::Column::Id.eq(revoked.id))
                    .exec(txn)
                    .await?;
                Ok(())
            })
        })
        .await?;
        // A request waiting in the staff queue (Bekzod, a construction worker).
        let bekzod = user_id(state, "+905321112233").await?;
        let builder = by_code("16UY0253-2").await?;
        let now = Utc::now();
        app::skills::entity::assessment::ActiveModel {
            migrant_id: Set(bekzod),
            qualification_id: Set(builder.id),
            preferred_city: Set("Toshkent".into()),
            preferred_month: Set(today
                .checked_add_months(Months::new(1))
                .and_then(|d| d.with_day(1))
                .ok_or(AppError::Internal)?),
            status: Set(AssessmentStatus::Requested),
            centre_id: Set(None),
            scheduled_at: Set(None),
            units: Set("[]".into()),
            result_at: Set(None),
            recorded_by: Set(None),
            created_at: Set(now - chrono::Duration::days(2)),
            updated_at: Set(now - chrono::Duration::days(2)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    require_on_vacancies(state).await?;
    // The demo certificates, whatever run made them.
    let today = Utc::now().date_naive();
    let mut lines = vec![];
    for phone in ["+998901234567", "+998935551122", "+998977001020"] {
        let id = user_id(state, phone).await?;
        let name = user::Entity::find_by_id(id).one(db).await?.map(|u| u.name).unwrap_or_default();
        for c in service::certificates_of(db, id, today).await? {
            lines.push(format!("  {:<8} {:<30} {}", c.status.as_str(), c.number, name));
        }
    }
    Ok(lines)
}

/// The demo vacancies that ask for a certificate ask for the qualification that
/// covers their occupation (the first by code), so that a migrant's certificate
/// counts for them. Only where none is set: running it again changes nothing.
async fn require_on_vacancies(state: &AppState) -> Result<(), AppError> {
    use app::skills::entity::qualification_occupation as covers;
    use app::vacancies::entity as vacancy;
    let db = &state.db;
    let mut qualifications = qualification::Entity::find().all(db).await?;
    qualifications.sort_by(|a, b| a.code.cmp(&b.code));
    let links = covers::Entity::find().all(db).await?;
    let txn = db.begin().await?;
    for q in qualifications.iter().filter(|q| q.active) {
        let occupations: Vec<i32> =
            links.iter().filter(|l| l.qualification_id == q.id).map(|l| l.occupation_id).collect();
        vacancy::Entity::update_many()
            .col_expr(vacancy::Column::RequiredQualificationId, Expr::value(Some(q.id)))
            .filter(vacancy::Column::CertificateRequired.eq(true))
            .filter(vacancy::Column::RequiredQualificationId.is_null())
            .filter(vacancy::Column::OccupationId.is_in(occupations))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}
