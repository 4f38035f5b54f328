//! The demo world beyond accounts: verified companies, published vacancies
//! across sectors and provinces, migrant profiles, and applications in every
//! stage with their history. Also used by the benchmark to load 10,000 vacancies.

use app::accounts::Role;
use app::applications::entity::{application, event, notification};
use app::applications::Stage;
use app::companies::entity as company;
use app::error::AppError;
use app::profiles::LocationKind;
use app::reasons::ReasonCode;
use app::reference::entity::{occupation, province, sector};
use app::reference::text::normalize_search;
use app::state::AppState;
use app::vacancies::entity as vacancy;
use app::vacancies::TurkishLevel;
use chrono::{Duration, Utc};
use sea_orm::*;

/// (owner e-mail, legal name, VKN, MERSIS, sector code, plate)
const COMPANIES: [(&str, &str, &str, &str, &str, i32); 3] = [
    (
        "ik@anadolu-insaat.example",
        "Anadolu İnşaat ve Taahhüt A.Ş.",
        "4540536920",
        "0454053692000017",
        "construction",
        34,
    ),
    ("personel@ege-tekstil.example", "Ege Tekstil Sanayi Ltd. Şti.", "3810421550", "0381042155000011", "textiles", 35),
    ("info@akdeniz-tarim.example", "Akdeniz Tarım Ürünleri A.Ş.", "4730259742", "0473025974200019", "agriculture", 7),
];

/// The Uzbek text of each of [`TEXTS`], promise for promise.
const TEXTS_UZ: [&str; 6] = [
    "Tajribali xodimlar kerak. Qonuniy ish ruxsatnomasini ish beruvchi rasmiylashtiradi; ishga qabul jarayonida ishchidan hech qanday toʻlov soʻralmaydi.",
    "Smenali ish; SGK (Turkiya ijtimoiy sugʻurta tashkiloti)ga birinchi kundan roʻyxatdan oʻtkaziladi. Qoʻshimcha ish vaqti uchun haq qonunga muvofiq toʻlanadi.",
    "Qurilish maydonlari va korxonalarimizda uzoq muddat ishlaydigan xodimlar izlaymiz. Turar joy va ovqat beriladi.",
    "Mavsumiy ish; shartnoma muddati tugagach, qaytish chiptasini ish beruvchi toʻlaydi.",
    "Mehnat xavfsizligi boʻyicha oʻqitiladi, himoya vositalari bepul beriladi.",
    "Turk tilini bilish shart emas; jamoada oʻzbekcha gapiradigan usta bor.",
];

const TEXTS: [&str; 6] = [
    "Deneyimli personel aranıyor. Yasal çalışma izni işveren tarafından alınır; işe alım sürecinde işçiden hiçbir ücret istenmez.",
    "Vardiyalı çalışma, SGK girişi ilk günden yapılır. Fazla mesai ücreti kanuna göre ödenir.",
    "Şantiye ve tesislerimizde uzun dönem çalışacak arkadaşlar arıyoruz. Konaklama ve yemek imkânı sunulmaktadır.",
    "Mevsimlik iş; sözleşme süresi sonunda dönüş bileti işveren tarafından karşılanır.",
    "İş güvenliği eğitimi verilir, koruyucu ekipman ücretsizdir.",
    "Türkçe bilmek şart değildir; ekipte Özbekçe konuşan ustabaşı bulunmaktadır.",
];

fn lcg(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *seed >> 33
}

/// Creates the companies (verified) if they are missing; returns their ids.
pub async fn companies(state: &AppState) -> Result<Vec<i32>, AppError> {
    use app::accounts::entity::user;
    let db = &state.db;
    let staff = user::Entity::find().filter(user::Column::Role.eq("staff")).one(db).await?;
    let mut ids = vec![];
    for (email, name, vkn, mersis, sector_code, plate) in COMPANIES {
        let Some(owner) = user::Entity::find().filter(user::Column::Email.eq(email)).one(db).await? else {
            continue;
        };
        if let Some(c) = company::Entity::find().filter(company::Column::OwnerUserId.eq(owner.id)).one(db).await? {
            ids.push(c.id);
            continue;
        }
        let sector = sector::Entity::find()
            .filter(sector::Column::Code.eq(sector_code))
            .one(db)
            .await?
            .ok_or(AppError::Internal)?;
        let now = Utc::now();
        let c = company::ActiveModel {
            owner_user_id: Set(owner.id),
            legal_name: Set(name.into()),
            vkn: Set(vkn.into()),
            mersis: Set(mersis.into()),
            sector_id: Set(sector.id),
            province_id: Set(plate),
            address: Set("Organize Sanayi Bölgesi, 1. Cadde No: 10".into()),
            contact_person: Set(owner.name.clone()),
            contact_phone: Set("+902125550000".into()),
            status: Set(app::companies::CompanyStatus::Verified),
            decision_reason: Set(None),
            decided_by: Set(staff.as_ref().map(|s| s.id)),
            decided_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        ids.push(c.id);
    }
    Ok(ids)
}

/// Inserts `n` published vacancies spread over the companies, sectors and
/// provinces, in batches inside one transaction.
pub async fn vacancies(state: &AppState, company_ids: &[i32], n: usize) -> Result<usize, AppError> {
    if company_ids.is_empty() || n == 0 {
        return Ok(0);
    }
    let db = &state.db;
    let companies: Vec<company::Model> =
        company::Entity::find().filter(company::Column::Id.is_in(company_ids.to_vec())).all(db).await?;
    let occupations = occupation::Entity::find().all(db).await?;
    let sectors = sector::Entity::find().all(db).await?;
    let provinces = province::Entity::find().all(db).await?;
    let min_wage = app::reference::service::minimum_wage_on(db, Utc::now().date_naive()).await?;
    let mut seed = 2026_u64 + n as u64;
    // One project per company (F2.3), made on the first run.
    let mut projects = std::collections::HashMap::new();
    for c in &companies {
        use app::vacancies::entity::project;
        let existing = project::Entity::find().filter(project::Column::CompanyId.eq(c.id)).one(db).await?;
        let p = match existing {
            Some(p) => p,
            None => project::ActiveModel {
                company_id: Set(c.id),
                name: Set(format!("{} — {}", c.legal_name, "Kuzey Marmara Otoyolu 2. Etap")),
                description_tr: Set("Otoyol ve köprü inşaatı; 2027 sonuna kadar sürecek büyük altyapı projesi.".into()),
                description_uz: Set(Some("Avtomagistral va koʻprik qurilishi: 2027-yil oxirigacha davom etadigan yirik infratuzilma loyihasi.".into())),
                province_id: Set(c.province_id),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?,
        };
        projects.insert(c.id, p.id);
    }
    let today = Utc::now().date_naive();
    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        let c = &companies[i % companies.len()];
        let occ = &occupations[lcg(&mut seed) as usize % occupations.len()];
        let sec = sectors.iter().find(|s| s.id == occ.sector_id).ok_or(AppError::Internal)?;
        // Half of them in the big five provinces, the rest anywhere.
        let prov = if lcg(&mut seed).is_multiple_of(2) {
            let big = [34, 6, 35, 16, 7];
            provinces.iter().find(|p| p.id == big[lcg(&mut seed) as usize % 5]).unwrap_or(&provinces[0])
        } else {
            &provinces[lcg(&mut seed) as usize % provinces.len()]
        };
        let wage = min_wage + (lcg(&mut seed) % 40) as i64 * 50_000;
        let closing = today + Duration::days(7 + (lcg(&mut seed) % 60) as i64);
        let start = closing + Duration::days(14 + (lcg(&mut seed) % 30) as i64);
        let text_tr = format!("{} — {}. {}", occ.name_tr, prov.name_tr, TEXTS[i % TEXTS.len()]);
        // Published, so in both languages, each saying what the other says.
        let text_uz = Some(format!("{} — {}. {}", occ.name_uz, prov.name_uz, TEXTS_UZ[i % TEXTS_UZ.len()]));
        let district = ["Merkez", "Esenyurt", "Çankaya", "Bornova", "Nilüfer", "Muratpaşa"][i % 6].to_string();
        let search = format!(
            " {} ",
            normalize_search(
                &[
                    occ.name_uz.as_str(),
                    occ.name_tr.as_str(),
                    sec.name_uz.as_str(),
                    sec.name_tr.as_str(),
                    prov.name_tr.as_str(),
                    prov.name_uz.as_str(),
                    district.as_str(),
                    c.legal_name.as_str(),
                    text_tr.as_str(),
                    text_uz.as_deref().unwrap_or(""),
                ]
                .join(" ")
            )
        );
        let published = Utc::now() - Duration::minutes((n - i) as i64);
        rows.push(vacancy::ActiveModel {
            company_id: Set(c.id),
            sector_id: Set(sec.id),
            occupation_id: Set(occ.id),
            positions: Set(1 + (lcg(&mut seed) % 20) as i32),
            filled: Set(0),
            province_id: Set(prov.id),
            district: Set(district),
            wage_kurus: Set(wage),
            hours_per_week: Set(45),
            housing: Set(!lcg(&mut seed).is_multiple_of(3)),
            meals: Set(lcg(&mut seed).is_multiple_of(2)),
            transport: Set(lcg(&mut seed).is_multiple_of(2)),
            contract_months: Set([6, 9, 12, 24][i % 4]),
            turkish_level: Set([TurkishLevel::None, TurkishLevel::A1, TurkishLevel::A2, TurkishLevel::None][i % 4]),
            certificate_required: Set(lcg(&mut seed).is_multiple_of(4)),
            start_date: Set(start),
            closing_date: Set(closing),
            text_tr: Set(text_tr),
            text_uz: Set(text_uz),
            status: Set(app::vacancies::VacancyStatus::Published),
            review_reason: Set(None),
            search: Set(search),
            published_at: Set(Some(published)),
            created_at: Set(published),
            updated_at: Set(published),
            project_id: Set(if i.is_multiple_of(10) { projects.get(&c.id).copied() } else { None }),
            ..Default::default()
        });
    }
    let txn = db.begin().await?;
    for chunk in rows.chunks(200) {
        vacancy::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(n)
}

/// Profiles for the demo migrants and applications in every stage.
pub async fn applications(state: &AppState) -> Result<usize, AppError> {
    use app::accounts::entity::user;
    let db = &state.db;
    if application::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let migrants =
        user::Entity::find().filter(user::Column::Role.eq("migrant")).order_by_asc(user::Column::Id).all(db).await?;
    let staff = user::Entity::find().filter(user::Column::Role.eq("staff")).one(db).await?.ok_or(AppError::Internal)?;
    let open: Vec<vacancy::Model> = vacancy::Entity::find()
        .filter(vacancy::Column::Status.eq("published"))
        .order_by_asc(vacancy::Column::Id)
        .limit(20)
        .all(db)
        .await?;
    if open.is_empty() || migrants.is_empty() {
        return Ok(0);
    }
    for (i, m) in migrants.iter().enumerate() {
        if app::profiles::entity::Entity::find_by_id(m.id).one(db).await?.is_none() {
            let passport = format!("AC{:07}", 1_000_000 + i * 7919);
            let sealed = app::profiles::service::seal_passport(&state.keys, m.id, &passport)?;
            app::profiles::entity::ActiveModel {
                user_id: Set(m.id),
                full_name: Set(m.name.replace('ʻ', "")),
                birth_date: Set(
                    chrono::NaiveDate::from_ymd_opt(1985 + i as i32 * 2, 1 + i as u32, 10).unwrap_or_default()
                ),
                passport_cipher: Set(Some(sealed.0)),
                passport_index: Set(None),
                passport_lookup: Set(Some(sealed.1)),
                seal_version: Set(app::profiles::entity::SEAL_VERSION),
                location_kind: Set(if i.is_multiple_of(2) { LocationKind::Uz } else { LocationKind::Tr }),
                location_id: Set(if i.is_multiple_of(2) { 1 + i as i32 } else { 34 }),
                occupation_id: Set(open[i % open.len()].occupation_id),
                experience_years: Set(2 + i as i32),
                turkish_level: Set([TurkishLevel::None, TurkishLevel::A1, TurkishLevel::A2, TurkishLevel::B1][i % 4]),
                certificates: Set(String::new()),
                updated_at: Set(Utc::now()),
            }
            .insert(db)
            .await?;
        }
    }
    // Every stage, with the path that leads to it.
    let paths: [&[Stage]; 10] = [
        &[Stage::Submitted],
        &[Stage::Submitted, Stage::Screening],
        &[Stage::Submitted, Stage::Screening, Stage::Forwarded],
        &[Stage::Submitted, Stage::Screening, Stage::Rejected],
        &[Stage::Submitted, Stage::Screening, Stage::Forwarded, Stage::Interview],
        &[Stage::Submitted, Stage::Screening, Stage::Forwarded, Stage::Interview, Stage::Offer],
        &[Stage::Submitted, Stage::Screening, Stage::Forwarded, Stage::Interview, Stage::Offer, Stage::Accepted],
        &[
            Stage::Submitted,
            Stage::Screening,
            Stage::Forwarded,
            Stage::Interview,
            Stage::Offer,
            Stage::Accepted,
            Stage::Hired,
        ],
        &[Stage::Submitted, Stage::Screening, Stage::Forwarded, Stage::Declined],
        &[Stage::Submitted, Stage::Withdrawn],
    ];
    let txn = db.begin().await?;
    let mut made = 0;
    for (k, path) in paths.iter().enumerate() {
        let m = &migrants[k % migrants.len()];
        let v = &open[k % open.len()];
        let owner = company::Entity::find_by_id(v.company_id).one(&txn).await?.ok_or(AppError::Internal)?.owner_user_id;
        let start = Utc::now() - Duration::days(10 - k as i64);
        let last = *path.last().unwrap();
        let app_row = application::ActiveModel {
            vacancy_id: Set(v.id),
            migrant_user_id: Set(m.id),
            stage: Set(last),
            work_permit_no: Set((last == Stage::Hired).then(|| "2026-ÇİB-004217".to_string())),
            start_date: Set((last == Stage::Hired).then_some(v.start_date)),
            // Invited, then offered: the details the employer wrote, in Turkish.
            interview_at: Set(path
                .contains(&Stage::Interview)
                .then(|| (start + Duration::days(3)).date_naive().and_hms_opt(10, 30, 0).unwrap_or_default())),
            interview_mode: Set(path.contains(&Stage::Interview).then_some(app::applications::InterviewMode::InPerson)),
            interview_place: Set(path
                .contains(&Stage::Interview)
                .then(|| "Organize Sanayi Bölgesi, 3. Cadde No: 12, Gebze / Kocaeli".to_string())),
            interview_contact: Set(path
                .contains(&Stage::Interview)
                .then(|| "İnsan kaynakları: Ayşe Demir, +90 532 123 45 67".to_string())),
            terms_lang: Set(path.contains(&Stage::Interview).then(|| "tr".to_string())),
            offer_wage_kurus: Set(path.contains(&Stage::Offer).then_some(v.wage_kurus)),
            offer_start: Set(path.contains(&Stage::Offer).then_some(v.start_date)),
            offer_housing: Set(path.contains(&Stage::Offer).then_some(v.housing)),
            offer_return_ticket: Set(path.contains(&Stage::Offer).then_some(true)),
            created_at: Set(start),
            updated_at: Set(start + Duration::hours(path.len() as i64 * 20)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut prev: Option<Stage> = None;
        for (j, s) in path.iter().enumerate() {
            let (actor, role) = match s {
                Stage::Submitted | Stage::Withdrawn | Stage::Accepted => (m.id, Role::Migrant),
                Stage::Screening | Stage::Forwarded | Stage::Rejected => (staff.id, Role::Staff),
                _ => (owner, Role::Employer),
            };
            // Reasons from the list; the employer's note in Turkish.
            let (reason_code, reason, reason_lang) = match s {
                Stage::Rejected => (Some(ReasonCode::ExperienceShort), None, None),
                Stage::Declined => {
                    (Some(ReasonCode::PositionsFilled), Some("Kadro doldu".to_string()), Some("tr".to_string()))
                }
                _ => (None, None, None),
            };
            event::ActiveModel {
                application_id: Set(app_row.id),
                actor_user_id: Set(actor),
                actor_role: Set(role),
                from_stage: Set(prev),
                to_stage: Set(*s),
                reason_code: Set(reason_code),
                reason: Set(reason),
                reason_lang: Set(reason_lang),
                at: Set(start + Duration::hours(j as i64 * 20)),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            if *s != Stage::Submitted && actor != m.id {
                notification::ActiveModel {
                    user_id: Set(m.id),
                    kind: Set(app::applications::NotificationKind::Stage),
                    application_id: Set(Some(app_row.id)),
                    vacancy_id: Set(Some(v.id)),
                    stage: Set(Some(*s)),
                    created_at: Set(start + Duration::hours(j as i64 * 20)),
                    read_at: Set(None),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
            prev = Some(*s);
        }
        if last == Stage::Hired {
            let mut am: vacancy::ActiveModel = v.clone().into();
            am.filled = Set(v.filled + 1);
            am.update(&txn).await?;
        }
        made += 1;
    }
    txn.commit().await?;
    Ok(made)
}
