//! `kopru seed-demo`: a believable demo world. Running it twice changes nothing.

use app::accounts::service::{create_account, NewLogin, SignUp};
use app::accounts::Role;
use app::error::AppError;
use app::state::AppState;

/// The password of every demo account (printed by the command).
pub const DEMO_PASSWORD: &str = "kopru-demo-2026";

struct Person {
    role: Role,
    name: &'static str,
    login: &'static str,
    locale: &'static str,
}

const PEOPLE: &[Person] = &[
    Person { role: Role::Admin, name: "Dilshod Rahimov", login: "admin@kopru.example", locale: "uz" },
    Person { role: Role::Staff, name: "Nodira Yusupova", login: "nodira.yusupova@kopru.example", locale: "uz" },
    Person { role: Role::Staff, name: "Elif Demir", login: "elif.demir@kopru.example", locale: "tr" },
    Person { role: Role::Employer, name: "Mehmet Yılmaz", login: "ik@anadolu-insaat.example", locale: "tr" },
    Person { role: Role::Employer, name: "Ayşe Kaya", login: "personel@ege-tekstil.example", locale: "tr" },
    Person { role: Role::Employer, name: "Hasan Çelik", login: "info@akdeniz-tarim.example", locale: "tr" },
    Person { role: Role::Migrant, name: "Aziz Karimov", login: "+998901234567", locale: "uz" },
    Person { role: Role::Migrant, name: "Gulnora Tosheva", login: "+998935551122", locale: "uz" },
    Person { role: Role::Migrant, name: "Bekzod Oʻgʻli Ergashev", login: "+905321112233", locale: "uz" },
    Person { role: Role::Migrant, name: "Sherzod Qodirov", login: "+998977001020", locale: "uz" },
    Person { role: Role::Migrant, name: "Malika Nematova", login: "+905457778899", locale: "tr" },
];

/// What `seed-demo` added.
pub struct Seeded {
    pub accounts: usize,
    pub vacancies: usize,
    pub applications: usize,
    pub cases: usize,
    /// The demo certificates (status, number, holder), one line each.
    pub certificates: Vec<String>,
}

/// The whole demo world; running it again adds nothing but `extra_vacancies`.
pub async fn seed_world(state: &AppState, vacancies: usize) -> Result<Seeded, AppError> {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let accounts = seed_demo(state).await?;
    let first_run = app::companies::entity::Entity::find().count(&state.db).await? == 0;
    let companies = crate::seed_world::companies(state).await?;
    let want = if first_run { vacancies.max(1) } else { vacancies };
    let vacancies = crate::seed_world::vacancies(state, &companies, want).await?;
    let applications = crate::seed_world::applications(state).await?;
    let cases = crate::seed_cases::cases(state).await?;
    crate::seed_contributions::periods(state).await?;
    app::announcements::service::seed_article(&state.db).await?;
    let certificates = crate::seed_skills::skills(state).await?;
    // Thousands of rows at once: PostgreSQL's statistics are refreshed now, not
    // whenever autovacuum gets to them (until then it chose a full scan for the
    // search page: 280 requests/s instead of 2,000). Not on SQLite: without
    // statistics its planner walks the newest-first index and stops at a page;
    // with them it sorts every match of a text query (measured 25 % slower).
    use sea_orm::ConnectionTrait;
    if state.db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        state.db.execute_unprepared("ANALYZE").await?;
    }
    Ok(Seeded { accounts, vacancies, applications, cases, certificates })
}

/// Creates the demo accounts that do not exist yet; returns how many it made.
pub async fn seed_demo(state: &AppState) -> Result<usize, AppError> {
    let mut created = 0;
    for p in PEOPLE {
        let login = if p.role == Role::Migrant { NewLogin::Phone(p.login) } else { NewLogin::Email(p.login) };
        let result = create_account(
            state,
            SignUp {
                role: p.role,
                name: p.name,
                login,
                password: DEMO_PASSWORD,
                consent: true,
                locale: p.locale,
                verified: true,
            },
        )
        .await;
        match result {
            Ok(_) => created += 1,
            Err(AppError::AccountExists) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(created)
}

pub fn describe() -> String {
    let mut s = String::new();
    for p in PEOPLE {
        s.push_str(&format!("  {:<9} {:<32} {}\n", p.role.as_str(), p.login, p.name));
    }
    s
}
