//! All migrations on a fresh database, then the reference data they seed:
//! on SQLite always, and on PostgreSQL too when `TEST_DATABASE_URL` names one.
use migration::{Alias, Expr, Migrator, MigratorTrait, Order, Query};
use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DatabaseConnection, QueryResult, Statement};

#[tokio::test]
async fn reference_data_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    let db = Database::connect(&url).await.expect("open SQLite");
    migrate_and_check(&db).await;
}

#[tokio::test]
async fn a_hotline_staff_entered_survives_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    let db = Database::connect(&url).await.expect("open SQLite");
    staff_hotline_survives(&db).await;
}

#[tokio::test]
async fn reference_data_on_postgres() {
    let base = match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if base.starts_with("postgres") => base,
        _ => {
            eprintln!("TEST_DATABASE_URL names no PostgreSQL database: skipped");
            return;
        }
    };
    let admin = Database::connect(&base).await.expect("PostgreSQL reachable");
    let (prefix, _) = base.rsplit_once('/').unwrap();
    for fresh in [0, 1] {
        let name = format!("kopru_t_{}", uuid::Uuid::new_v4().simple());
        admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
        let db = Database::connect(format!("{prefix}/{name}")).await.expect("connect to the test database");
        if fresh == 0 {
            migrate_and_check(&db).await;
        } else {
            staff_hotline_survives(&db).await;
        }
        // Passed: the database is of no further use (a failure leaves it to look at).
        db.close().await.unwrap();
        admin.execute_unprepared(&format!("DROP DATABASE \"{name}\"")).await.unwrap();
    }
}

async fn migrate_and_check(db: &DatabaseConnection) {
    Migrator::up(db, None).await.expect("migrations run");
    check(db).await;
    // Running them again seeds nothing twice, and they do not go back.
    let occupations = scalar_i64(db, "SELECT COUNT(*) FROM occupations").await;
    Migrator::up(db, None).await.expect("migrations are already applied");
    assert!(Migrator::down(db, Some(1)).await.is_err(), "migrations are forward-only");
    assert_eq!(scalar_i64(db, "SELECT COUNT(*) FROM provinces").await, 81);
    assert_eq!(scalar_i64(db, "SELECT COUNT(*) FROM uz_regions").await, 14);
    assert_eq!(scalar_i64(db, "SELECT COUNT(*) FROM occupations").await, occupations);
    assert_eq!(scalar_i64(db, "SELECT COUNT(*) FROM minimum_wages").await, 2);
}

async fn check(db: &DatabaseConnection) {
    // Provinces: 81, keyed by plate code, with a folded search column.
    assert_eq!(scalar_i64(db, "SELECT COUNT(*) FROM provinces").await, 81);
    assert_eq!(scalar_i64(db, "SELECT MIN(id) FROM provinces").await, 1);
    assert_eq!(scalar_i64(db, "SELECT MAX(id) FROM provinces").await, 81);
    let ist = row(db, "SELECT name_tr, name_uz, search FROM provinces WHERE id = 34").await;
    assert_eq!(text(&ist, "name_tr"), "İstanbul");
    assert_eq!(text(&ist, "name_uz"), "Istanbul");
    assert_eq!(text(&ist, "search"), "istanbul");
    let urfa = row(db, "SELECT name_tr, name_uz, search FROM provinces WHERE id = 63").await;
    assert_eq!(text(&urfa, "name_tr"), "Şanlıurfa");
    assert_eq!(text(&urfa, "name_uz"), "Shanliurfa");
    assert_eq!(text(&urfa, "search"), "sanliurfa");
    assert_eq!(text(&row(db, "SELECT name_tr FROM provinces WHERE id = 1").await, "name_tr"), "Adana");
    assert_eq!(text(&row(db, "SELECT name_tr FROM provinces WHERE id = 6").await, "name_tr"), "Ankara");
    assert_eq!(text(&row(db, "SELECT name_uz FROM provinces WHERE id = 48").await, "name_uz"), "Mugʻla");
    assert_eq!(text(&row(db, "SELECT name_tr FROM provinces WHERE id = 81").await, "name_tr"), "Düzce");
    assert_eq!(scalar_i64(db, "SELECT COUNT(DISTINCT name_tr) FROM provinces").await, 81);

    // Uzbekistan: 12 regions, Karakalpakstan and Tashkent city.
    assert_eq!(scalar_i64(db, "SELECT COUNT(*) FROM uz_regions").await, 14);
    assert_eq!(scalar_i64(db, "SELECT COUNT(DISTINCT name_uz) FROM uz_regions").await, 14);
    let regions = db
        .query_all(Statement::from_string(db.get_database_backend(), "SELECT name_uz, name_tr FROM uz_regions"))
        .await
        .unwrap();
    let names: Vec<(String, String)> = regions.iter().map(|r| (text(r, "name_uz"), text(r, "name_tr"))).collect();
    for (uz, tr) in [
        ("Fargʻona viloyati", "Fergana vilayeti"),
        ("Qoraqalpogʻiston Respublikasi", "Karakalpakistan Cumhuriyeti"),
        ("Toshkent shahri", "Taşkent şehri"),
    ] {
        assert!(names.contains(&(uz.to_string(), tr.to_string())), "{uz} missing from {names:?}");
    }
    assert_eq!(names.iter().filter(|(uz, _)| uz.ends_with(" viloyati")).count(), 12);

    // Sectors and occupations.
    assert_eq!(scalar_i64(db, "SELECT COUNT(*) FROM sectors").await, 10);
    let occupations = scalar_i64(db, "SELECT COUNT(*) FROM occupations").await;
    assert!(occupations >= 40, "{occupations} occupations");
    assert_eq!(
        scalar_i64(
            db,
            "SELECT COUNT(*) FROM occupations o LEFT JOIN sectors s ON s.id = o.sector_id WHERE s.id IS NULL"
        )
        .await,
        0,
        "every occupation's sector exists"
    );
    assert_eq!(
        scalar_i64(
            db,
            "SELECT COUNT(*) FROM sectors s WHERE NOT EXISTS (SELECT 1 FROM occupations o WHERE o.sector_id = s.id)"
        )
        .await,
        0,
        "every sector has occupations"
    );
    let welder = row(
        db,
        "SELECT s.code AS sector, o.search FROM occupations o JOIN sectors s ON s.id = o.sector_id WHERE o.code = '7212.01'",
    )
    .await;
    assert_eq!(text(&welder, "sector"), "construction");
    assert_eq!(text(&welder, "search"), "payvandchi kaynakci");
    assert_eq!(scalar_i64(db, "SELECT COUNT(*) FROM occupations WHERE search LIKE '%vinc operatoru%'").await, 1);
    // The foreign key holds, and staff can add sectors after the seeded ones.
    let orphan =
        "INSERT INTO occupations (code, sector_id, name_uz, name_tr, search) VALUES ('0000.01', 9999, 'x', 'x', 'x x')";
    assert!(db.execute_unprepared(orphan).await.is_err(), "an occupation needs an existing sector");
    db.execute_unprepared(
        "INSERT INTO sectors (code, name_uz, name_tr) VALUES ('fishing', 'Baliqchilik', 'Balıkçılık')",
    )
    .await
    .expect("a new sector takes the next id");
    assert_eq!(scalar_i64(db, "SELECT id FROM sectors WHERE code = 'fishing'").await, 11);

    // The minimum wage in force on a day is the latest one valid from then or before.
    assert_eq!(wage_on(db, 2026, 6, 1).await, Some(3_303_000));
    assert_eq!(wage_on(db, 2026, 1, 1).await, Some(3_303_000));
    assert_eq!(wage_on(db, 2025, 12, 31).await, Some(2_600_550));
    assert_eq!(wage_on(db, 2024, 12, 31).await, None);
    assert_eq!(scalar_i64(db, "SELECT COUNT(*) FROM minimum_wages WHERE set_by_user_id IS NULL").await, 2);

    // Emergency contacts: the Migration Agency's published trust line is real;
    // the embassy and the consulate stay marked samples until staff enter them.
    assert_eq!(contact(db, "hotline").await, ("+998712023355".to_string(), false));
    assert_eq!(contact(db, "embassy").await, ("+903120000000".to_string(), true));
    assert_eq!(contact(db, "consular").await, ("+903120000000".to_string(), true));
}

/// A hotline number staff entered before the trust-line migration ran is
/// never overwritten by it.
async fn staff_hotline_survives(db: &DatabaseConnection) {
    Migrator::up(db, Some(7)).await.expect("migrations up to the projects");
    assert_eq!(contact(db, "hotline").await, ("+903120000000".to_string(), true), "the seeded placeholder");
    let staff_entered = Query::update()
        .table(Alias::new("emergency_contacts"))
        .value(Alias::new("phone"), "+998711234567")
        .value(Alias::new("placeholder"), false)
        .and_where(Expr::col(Alias::new("kind")).eq("hotline"))
        .to_owned();
    db.execute(db.get_database_backend().build(&staff_entered)).await.unwrap();
    Migrator::up(db, None).await.expect("the remaining migrations run");
    assert_eq!(contact(db, "hotline").await, ("+998711234567".to_string(), false), "staff's number kept");
    assert_eq!(contact(db, "embassy").await, ("+903120000000".to_string(), true));
}

/// The phone of a kind of emergency contact and whether it is a placeholder.
async fn contact(db: &DatabaseConnection, kind: &str) -> (String, bool) {
    let select = Query::select()
        .columns([Alias::new("phone"), Alias::new("placeholder")])
        .from(Alias::new("emergency_contacts"))
        .and_where(Expr::col(Alias::new("kind")).eq(kind))
        .to_owned();
    let r = db
        .query_one(db.get_database_backend().build(&select))
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no {kind} contact"));
    (text(&r, "phone"), r.try_get::<bool>("", "placeholder").unwrap())
}

async fn wage_on(db: &DatabaseConnection, y: i32, m: u32, d: u32) -> Option<i64> {
    let day = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let select = Query::select()
        .column(Alias::new("gross_monthly_kurus"))
        .from(Alias::new("minimum_wages"))
        .and_where(Expr::col(Alias::new("valid_from")).lte(day))
        .order_by(Alias::new("valid_from"), Order::Desc)
        .limit(1)
        .to_owned();
    let row = db.query_one(db.get_database_backend().build(&select)).await.unwrap()?;
    Some(row.try_get::<i64>("", "gross_monthly_kurus").unwrap())
}

async fn row(db: &DatabaseConnection, sql: &str) -> QueryResult {
    db.query_one(Statement::from_string(db.get_database_backend(), sql.to_string()))
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no row: {sql}"))
}

async fn scalar_i64(db: &DatabaseConnection, sql: &str) -> i64 {
    let r = row(db, sql).await;
    // COUNT is BIGINT on PostgreSQL; an integer column is INT4 there.
    r.try_get_by_index::<i64>(0).or_else(|_| r.try_get_by_index::<i32>(0).map(i64::from)).unwrap()
}

fn text(r: &QueryResult, col: &str) -> String {
    r.try_get::<String>("", col).unwrap_or_else(|e| panic!("{col}: {e:?}"))
}
