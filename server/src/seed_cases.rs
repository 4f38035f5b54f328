//! The demo world's cases: every kind in several stages, with threads, notes,
//! documents and a decided regularisation with its next steps. Made through
//! the cases service (what a migrant and staff would do), then dated back so
//! that the history reads like weeks of work and the stage medians (F6.4) have
//! something to show. Running it again adds nothing.

use app::accounts::entity::user;
use app::accounts::SessionUser;
use app::cases::entity::{case, event};
use app::cases::service::{self, Move, NewCase, RegularisationAnswers};
use app::cases::{CaseKind, Category, CurrentStatus, Decision, EntryRoute, Stage};
use app::error::AppError;
use app::state::AppState;
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::*;

async fn person(state: &AppState, login: &str) -> Result<SessionUser, AppError> {
    let u = user::Entity::find()
        .filter(Condition::any().add(user::Column::Phone.eq(login)).add(user::Column::Email.eq(login)))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(SessionUser { id: u.id, role: u.role, name: u.name, login: login.to_string(), verified: true })
}

/// A demo case (what it is about comes beside it): who files it, which moves staff and the migrant make,
/// which messages they exchange, and how many days ago it was filed.
struct Demo {
    migrant: &'static str,
    moves: &'static [(Stage, Option<Decision>, Option<&'static str>)],
    /// (from staff?, text, language)
    thread: &'static [(bool, &'static str, &'static str)],
    note: Option<&'static str>,
    /// A document with the case (a PDF) or a photo with the first message.
    pdf: bool,
    photo: bool,
    days_ago: i64,
}

struct Ctx {
    fee_vacancy: Option<i32>,
    sector: i32,
    company: Option<(i32, String)>,
}

fn help(category: Category, urgent: bool, summary: &'static str) -> impl Fn(&Ctx) -> NewCase {
    move |_| NewCase {
        kind: CaseKind::Help,
        category: Some(category),
        urgent,
        summary: summary.to_string(),
        lang: "uz",
        vacancy_id: None,
        company_id: None,
        employer_name: None,
        regularisation: None,
        fee_kurus: None,
    }
}

const REG_SUMMARY: &str = "2023-yil avgustda vizasiz kirdim, 90 kundan keyin ham qoldim. Qurilishda ishlayman, \
ish beruvchim meni rasmiy ishga olishga tayyor.";

fn regularisation(ctx: &Ctx) -> NewCase {
    NewCase {
        kind: CaseKind::Regularisation,
        category: None,
        urgent: false,
        summary: REG_SUMMARY.to_string(),
        lang: "uz",
        vacancy_id: None,
        company_id: None,
        employer_name: None,
        regularisation: Some(RegularisationAnswers {
            entered_on: NaiveDate::from_ymd_opt(2023, 8, 14).expect("a date"),
            entry_route: EntryRoute::VisaFree,
            current_status: CurrentStatus::Overstay,
            sector_id: ctx.sector,
            employer_company_id: ctx.company.as_ref().map(|c| c.0),
            employer_name: None,
        }),
        fee_kurus: None,
    }
}

fn fee_report(ctx: &Ctx) -> NewCase {
    NewCase {
        kind: CaseKind::FeeReport,
        category: None,
        urgent: false,
        summary: "Vositachi Telegramda «hujjat uchun» 500 dollar soʻradi, ish beruvchining nomidan gapirdi.".into(),
        lang: "uz",
        vacancy_id: ctx.fee_vacancy,
        company_id: None,
        employer_name: None,
        regularisation: None,
        fee_kurus: Some(1_700_000),
    }
}

fn complaint(_: &Ctx) -> NewCase {
    NewCase {
        kind: CaseKind::Complaint,
        category: Some(Category::ConfiscatedDocuments),
        urgent: false,
        summary: "Ustaxona rahbari pasportimni «saqlash uchun» olib qoʻydi va qaytarmayapti.".into(),
        lang: "uz",
        vacancy_id: None,
        company_id: None,
        employer_name: Some("Yıldız Konfeksiyon (Zeytinburnu)".into()),
        regularisation: None,
        fee_kurus: None,
    }
}

const REVIEW: (Stage, Option<Decision>, Option<&str>) = (Stage::UnderReview, None, None);

/// What a demo case is about, made from the demo world's rows.
type Filing = Box<dyn Fn(&Ctx) -> NewCase>;

fn demos() -> Vec<(Demo, Filing)> {
    let d = |migrant, moves, thread, note, pdf, photo, days_ago| Demo {
        migrant,
        moves,
        thread,
        note,
        pdf,
        photo,
        days_ago,
    };
    vec![
        (
            d(
                "+998901234567",
                &[REVIEW],
                &[
                    (false, "Ish haqim 3 oydan beri toʻlanmayapti, usta «keyin» deydi.", "uz"),
                    (true, "Salom, Aziz. Ish beruvchining nomi va manzilini yozing, biz bogʻlanamiz.", "uz"),
                ],
                Some("Ish beruvchi bilan telefon orqali gaplashildi; 10 kun muddat berildi."),
                false,
                true,
                20,
            ),
            Box::new(help(Category::UnpaidWages, false, "Uch oylik ish haqim berilmadi (Esenyurt, qurilish).")),
        ),
        (
            d("+998935551122", &[], &[], None, false, true, 0),
            Box::new(help(Category::WorkplaceAccident, true, "Ukam qurilishda yiqilib tushdi, kasalxonada, hujjati yoʻq.")),
        ),
        (
            d(
                "+905321112233",
                &[
                    (Stage::DocumentsRequested, None, None),
                    (Stage::DocumentsSubmitted, None, None),
                    REVIEW,
                    (
                        Stage::Decided,
                        Some(Decision::Eligible),
                        Some("Siz dasturga mos kelasiz: ish beruvchingiz e-İzin orqali ish ruxsatnomasi soʻrashi mumkin."),
                    ),
                ],
                &[
                    (true, "Pasportingiz va kirish muhri sahifasining nusxasini yuboring.", "uz"),
                    (false, "Yubordim.", "uz"),
                ],
                Some("Kirish sanasi pasport muhri bilan mos."),
                true,
                false,
                45,
            ),
            Box::new(regularisation),
        ),
        (
            d("+998977001020", &[(Stage::DocumentsRequested, None, None)], &[], None, true, false, 6),
            Box::new(regularisation),
        ),
        (d("+998977001020", &[REVIEW], &[], Some("Vakansiya eʼloni tekshirilmoqda."), false, false, 3), Box::new(fee_report)),
        (
            d(
                "+905457778899",
                &[REVIEW],
                &[(true, "Murojaatingiz maxfiy: ish beruvchi bu haqda bilmaydi. Qaysi tumanda ishlaysiz?", "uz")],
                Some("Boshqa ish beruvchiga oʻtkazish koʻrib chiqilsin."),
                false,
                false,
                9,
            ),
            Box::new(complaint),
        ),
        (
            d(
                "+998901234567",
                &[REVIEW, (Stage::Decided, Some(Decision::Resolved), Some("Pasportingiz qaytarildi.")), (Stage::Closed, None, None)],
                &[],
                None,
                false,
                false,
                60,
            ),
            Box::new(help(Category::ConfiscatedDocuments, false, "Ish beruvchi pasportimni qaytarmayapti.")),
        ),
    ]
}

/// A one-page PDF and a 1×1 PNG: what a phone would upload, kept small.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
    0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

async fn file(state: &AppState, name: &str, bytes: &[u8]) -> Result<app::documents::Stored, AppError> {
    let upload = app::documents::Upload { field: "file".into(), name: name.into(), bytes: bytes.to_vec() };
    app::documents::store(&state.uploads, upload).await
}

/// Creates the demo cases when there are none; returns how many it made.
pub async fn cases(state: &AppState) -> Result<usize, AppError> {
    if case::Entity::find().count(&state.db).await? > 0 {
        return Ok(0);
    }
    let db = &state.db;
    let staff = person(state, "nodira.yusupova@kopru.example").await?;
    let sector = app::reference::entity::sector::Entity::find()
        .filter(app::reference::entity::sector::Column::Code.eq("construction"))
        .one(db)
        .await?
        .map(|s| s.id)
        .ok_or(AppError::NotFound)?;
    let company = app::companies::entity::Entity::find()
        .filter(app::companies::entity::Column::Status.eq(app::companies::CompanyStatus::Verified))
        .order_by_asc(app::companies::entity::Column::Id)
        .one(db)
        .await?;
    let fee_vacancy = match &company {
        Some(c) => app::vacancies::entity::Entity::find()
            .filter(app::vacancies::entity::Column::CompanyId.eq(c.id))
            .filter(app::vacancies::entity::Column::Status.eq(app::vacancies::VacancyStatus::Published))
            .order_by_desc(app::vacancies::entity::Column::Id)
            .one(db)
            .await?
            .map(|v| v.id),
        None => None,
    };
    let ctx = Ctx { fee_vacancy, sector, company: company.map(|c| (c.id, c.legal_name)) };
    let mut made = 0;
    for (demo, new) in demos() {
        let new = new(&ctx);
        if new.kind == CaseKind::FeeReport && ctx.fee_vacancy.is_none() {
            continue;
        }
        let migrant = person(state, demo.migrant).await?;
        let files = if demo.pdf { vec![file(state, "pasport.pdf", PDF).await?] } else { vec![] };
        let id = service::open(db, &migrant, new, files).await?;
        if !demo.moves.is_empty() {
            service::assign(db, &staff, id, None).await?;
        }
        let mut thread = demo.thread.iter();
        for (to, decision, reason) in demo.moves {
            // The migrant's answer to a request for documents comes before they say they sent them.
            if *to == Stage::DocumentsSubmitted {
                if let Some((false, text, lang)) = thread.next() {
                    service::post_message(db, &migrant, id, String::from(*text), lang_of(lang), vec![]).await?;
                }
            }
            let actor = if *to == Stage::DocumentsSubmitted { &migrant } else { &staff };
            let checklist = if *decision == Some(Decision::Eligible) {
                let today = Utc::now().date_naive();
                vec![
                    ("Ish beruvchi e-İzin orqali ariza bersin".to_string(), Some(today + Duration::days(14))),
                    (
                        "Yashash ruxsatnomasi uchun sugʻurta polisini oling".to_string(),
                        Some(today + Duration::days(21)),
                    ),
                    ("Migratsiya boshqarmasiga uchrashuvga boring".to_string(), None),
                ]
            } else {
                vec![]
            };
            let m =
                Move { id, to: *to, decision: *decision, reason: reason.map(str::to_string), lang: "uz", checklist };
            service::move_to(db, actor, m).await?;
            if *to == Stage::DocumentsRequested {
                if let Some((true, text, lang)) = thread.next() {
                    service::post_message(db, &staff, id, String::from(*text), lang_of(lang), vec![]).await?;
                }
            }
        }
        for (i, (from_staff, text, lang)) in thread.enumerate() {
            let author = if *from_staff { &staff } else { &migrant };
            let files = if demo.photo && i == 0 { vec![file(state, "rasm.png", PNG).await?] } else { vec![] };
            service::post_message(db, author, id, String::from(*text), lang_of(lang), files).await?;
        }
        if demo.photo && demo.thread.is_empty() {
            service::post_message(db, &migrant, id, String::new(), "uz", vec![file(state, "rasm.png", PNG).await?])
                .await?;
        }
        if let Some(n) = demo.note {
            service::add_note(db, &staff, id, n.to_string()).await?;
        }
        backdate(db, id, demo.days_ago).await?;
        made += 1;
    }
    Ok(made)
}

fn lang_of(l: &str) -> &'static str {
    if l == "tr" {
        "tr"
    } else {
        "uz"
    }
}

/// Spreads a case's history over the days since it was filed (`days_ago`).
async fn backdate(db: &DatabaseConnection, id: i32, days_ago: i64) -> Result<(), AppError> {
    if days_ago == 0 {
        return Ok(());
    }
    let filed = Utc::now() - Duration::days(days_ago);
    let events =
        event::Entity::find().filter(event::Column::CaseId.eq(id)).order_by_asc(event::Column::Id).all(db).await?;
    let step = Duration::hours(days_ago * 24 / (events.len() as i64 + 1)).max(Duration::minutes(5));
    let mut last = filed;
    for (i, e) in events.iter().enumerate() {
        last = filed + step * i as i32;
        event::Entity::update_many()
            .col_expr(event::Column::At, Expr::value(last))
            .filter(event::Column::Id.eq(e.id))
            .exec(db)
            .await?;
    }
    let row = case::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let due = app::cases::stage::due_after(row.kind, row.stage, row.urgent).map(|d| last + d);
    case::Entity::update_many()
        .col_expr(case::Column::CreatedAt, Expr::value(filed))
        .col_expr(case::Column::StageEnteredAt, Expr::value(last))
        .col_expr(case::Column::DueAt, Expr::value(due))
        .filter(case::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
