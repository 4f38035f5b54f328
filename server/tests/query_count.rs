//! The application lists read a fixed number of queries, whatever their
//! length (no N+1): counted with sea-orm's metric callback on SQLite, and on
//! PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use app::accounts::{entity::user, Role, SessionUser};
use app::applications::{entity::application, Stage};
use app::companies::{entity as company, CompanyStatus};
use app::vacancies::{entity as vacancy, TurkishLevel, VacancyStatus};
use chrono::{Duration, Utc};
use common::TestApp;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

async fn person(db: &DatabaseConnection, role: Role, login: &str) -> SessionUser {
    let now = Utc::now();
    let (phone, email) =
        if login.contains('@') { (None, Some(login.to_string())) } else { (Some(login.to_string()), None) };
    let u = user::ActiveModel {
        role: Set(role),
        phone: Set(phone),
        email: Set(email),
        name: Set(format!("Test {login}")),
        password_hash: Set("not-a-hash".into()),
        locale: Set("uz".into()),
        disabled: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        verified_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    SessionUser { id: u.id, role, name: u.name, login: login.into(), verified: true }
}

/// One employer's verified company with `n` published vacancies, `n` migrants
/// each with an application at `stage`.
async fn world(db: &DatabaseConnection, n: usize, stage: Stage) -> (SessionUser, SessionUser) {
    let now = Utc::now();
    let employer = person(db, Role::Employer, "ik@firma.example").await;
    let staff = person(db, Role::Staff, "staff@kopru.example").await;
    let c = company::ActiveModel {
        owner_user_id: Set(employer.id),
        legal_name: Set("Anadolu İnşaat A.Ş.".into()),
        vkn: Set("4540536920".into()),
        mersis: Set("0454053692000017".into()),
        sector_id: Set(1),
        province_id: Set(34),
        address: Set("İstanbul".into()),
        contact_person: Set("Mehmet".into()),
        contact_phone: Set("+902125550000".into()),
        status: Set(CompanyStatus::Verified),
        decision_reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    for i in 0..n {
        let v = vacancy::ActiveModel {
            company_id: Set(c.id),
            sector_id: Set(1),
            occupation_id: Set(1),
            positions: Set(3),
            filled: Set(0),
            province_id: Set(34),
            district: Set(String::new()),
            wage_kurus: Set(3_500_000),
            hours_per_week: Set(45),
            housing: Set(true),
            meals: Set(false),
            transport: Set(false),
            contract_months: Set(12),
            turkish_level: Set(TurkishLevel::None),
            certificate_required: Set(false),
            start_date: Set(now.date_naive() + Duration::days(60)),
            closing_date: Set(now.date_naive() + Duration::days(30)),
            text_tr: Set("Duvar ustası".into()),
            text_uz: Set(None),
            status: Set(VacancyStatus::Published),
            review_reason: Set(None),
            search: Set(" duvar ".into()),
            published_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            project_id: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        let m = person(db, Role::Migrant, &format!("+99890123{i:04}")).await;
        application::ActiveModel {
            vacancy_id: Set(v.id),
            migrant_user_id: Set(m.id),
            stage: Set(stage),
            work_permit_no: Set(None),
            start_date: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    (employer, staff)
}

/// Queries run by `list` for `reader`, and the number of applications listed.
async fn queries_for(db: &DatabaseConnection, reader: &SessionUser) -> (usize, usize) {
    let count = Arc::new(AtomicUsize::new(0));
    let mut counted = db.clone();
    let c = count.clone();
    counted.set_metric_callback(move |_| {
        c.fetch_add(1, Ordering::SeqCst);
    });
    let listed = app::applications::service::list(&counted, reader).await.unwrap().len();
    (count.load(Ordering::SeqCst), listed)
}

#[tokio::test]
async fn application_lists_cost_the_same_for_2_and_12_rows() {
    let mut seen = vec![];
    for n in [2, 12] {
        let small = TestApp::new().await;
        let (employer, staff) = world(&small.db, n, Stage::Forwarded).await;
        let staff_queue = {
            // Staff see submitted and screening ones; move these into screening.
            let db = &small.db;
            db.execute_unprepared("UPDATE applications SET stage = 'screening'").await.unwrap();
            let q = queries_for(db, &staff).await;
            db.execute_unprepared("UPDATE applications SET stage = 'forwarded'").await.unwrap();
            q
        };
        let employer_list = queries_for(&small.db, &employer).await;
        assert_eq!(staff_queue.1, n, "staff see every application in screening");
        assert_eq!(employer_list.1, n, "the employer sees every forwarded candidate");
        seen.push((staff_queue.0, employer_list.0));
    }
    println!("queries (staff, employer) for 2 and 12 applications: {seen:?}");
    assert_eq!(seen[0], seen[1], "the number of queries does not grow with the list");
    assert!(seen[0].0 <= 6 && seen[0].1 <= 7, "a handful of queries: {seen:?}");
}

/// `n` cases of every kind by the world's migrants, half of them urgent, half
/// held by `staff`, each with a message from its migrant.
async fn cases(db: &DatabaseConnection, n: usize, staff: &SessionUser) {
    use app::cases::entity::{case, message};
    use app::cases::{CaseKind, Stage};
    let now = Utc::now();
    let migrants: Vec<i32> = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Migrant))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect();
    for kind in CaseKind::all() {
        for i in 0..n {
            let at = now - Duration::hours(i as i64);
            let c = case::ActiveModel {
                kind: Set(kind),
                owner_user_id: Set(migrants[i % migrants.len()]),
                stage: Set(if i % 3 == 0 { Stage::UnderReview } else { Stage::Submitted }),
                assigned_to: Set((i % 2 == 0).then_some(staff.id)),
                urgent: Set(i % 2 == 1),
                summary: Set("Yordam kerak".into()),
                lang: Set("uz".into()),
                stage_entered_at: Set(at),
                due_at: Set(Some(at + Duration::hours(4))),
                created_at: Set(at),
                updated_at: Set(at),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
            message::ActiveModel {
                case_id: Set(c.id),
                author_user_id: Set(Some(c.owner_user_id)),
                author_role: Set(Role::Migrant),
                body: Set("Javob kutaman".into()),
                lang: Set("uz".into()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
        }
    }
}

/// Queries run by `f` on a counting connection.
async fn counted<F, Fut, T>(db: &DatabaseConnection, f: F) -> (usize, T)
where
    F: FnOnce(DatabaseConnection) -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let count = Arc::new(AtomicUsize::new(0));
    let mut counted = db.clone();
    let c = count.clone();
    counted.set_metric_callback(move |_| {
        c.fetch_add(1, Ordering::SeqCst);
    });
    let out = f(counted).await;
    (count.load(Ordering::SeqCst), out)
}

/// The staff console (every queue, the cases' too, and the single list) and a
/// queue of cases read a fixed number of queries, whatever their length.
#[tokio::test]
async fn the_console_and_a_case_queue_cost_the_same_for_2_and_12_items() {
    let mut seen = vec![];
    for n in [2, 12] {
        let app = TestApp::new().await;
        let db = &app.db;
        let (_, staff) = world(db, n, Stage::Submitted).await;
        cases(db, n, &staff).await;
        let reader = staff.clone();
        let (console_queries, console) =
            counted(db, |c| async move { app::staff::service::console(&c, &reader, Utc::now()).await.unwrap() }).await;
        let listed = console.waiting.len();
        let case_items = console.waiting.iter().filter(|w| w.kind.case_kind().is_some()).count();
        let kinds = app::cases::CaseKind::all().count();
        assert_eq!(listed, (1 + kinds) * n, "n applications and n cases of each kind wait");
        assert_eq!(case_items, kinds * n);
        assert!(console
            .waiting
            .iter()
            .filter(|w| w.kind.case_kind().is_some())
            .all(|w| w.flags.contains(&app::staff::WaitingFlag::AwaitingStaff)));
        let help = console.queues.iter().find(|q| q.kind == app::staff::QueueKind::Help).unwrap();
        assert_eq!((help.count, help.mine, help.urgent), (n as u64, n.div_ceil(2) as u64, (n / 2) as u64));
        let filter = app::cases::QueueFilter::default();
        let (queue_queries, queue) = counted(db, |c| async move {
            app::cases::service::queue(&c, &staff, app::cases::CaseKind::Help, &filter).await.unwrap()
        })
        .await;
        assert_eq!(queue.lines.len(), n);
        seen.push((console_queries, queue_queries));
    }
    println!("queries (console, case queue) for 2 and 12 items per queue: {seen:?}");
    assert_eq!(seen[0], seen[1], "the number of queries does not grow with the queues");
    // One count per queue (nine of them) and the single list.
    assert!(seen[0].0 <= 16 && seen[0].1 <= 7, "a fixed handful of queries: {seen:?}");
}

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
