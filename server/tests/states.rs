//! States are enums end to end: a value in the database that the code does not
//! know is an error in the log and a clean `Internal` to the user, never a
//! silent default (it used to read as "pending" or "submitted").

mod common;

use common::*;
use http::StatusCode;
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn an_unknown_state_in_the_database_is_an_error_not_a_default() {
    let app = TestApp::new().await;
    let employer = app.employer("ik@firma.example").await;
    let now = chrono::Utc::now().to_rfc3339();
    let insert = format!(
        "INSERT INTO companies (owner_user_id, legal_name, vkn, mersis, sector_id, province_id, address, \
         contact_person, contact_phone, status, created_at, updated_at) VALUES ({}, 'Firma', '4540536920', \
         '0454053692000017', 1, 34, 'İstanbul', 'Mehmet', '+902125550000', 'verified', '{now}', '{now}')",
        employer.id()
    );
    app.db.execute_unprepared(&insert).await.unwrap();
    let r = employer.call::<MyCompany>(NO_ARGS).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "verified");

    app.db.execute_unprepared("UPDATE companies SET status = 'archived'").await.unwrap();
    let r = employer.call::<MyCompany>(NO_ARGS).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", r.body);
    r.assert_err("Internal");
    assert_eq!(r.json(), json!("Internal"), "a clean error, no database text");

    // The page says so in the reader's language instead of showing a made-up status.
    let page = employer.page("/employer/company").await;
    assert!(!page.body.contains("archived"), "the raw value never reaches the page");
    assert!(!page.body.contains("Tekshiruvda"), "not shown as pending");
    assert!(page.body.contains("Xatolik yuz berdi."), "the internal-error message instead");
}
