//! The reference lists and emergency contacts are kept in memory between
//! requests; these tests check that what a page shows still follows the
//! database: changes made through this server, through another instance, and
//! by plain SQL behind every server's back; and that one page render looks the
//! signed-in user up once and reads the version counter once.
mod common;

use common::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn sector_names(lists: &serde_json::Value) -> Vec<String> {
    lists["sectors"].as_array().unwrap().iter().map(|s| s[1].as_str().unwrap().to_string()).collect()
}

async fn lists(actor: &Actor, lang: &str) -> serde_json::Value {
    actor.call::<FetchReferenceLists>(&[("lang", lang)]).await.ok().json()
}

#[tokio::test]
async fn lists_come_in_the_language_asked_for() {
    let app = TestApp::new().await;
    let anyone = app.anonymous();
    let uz = lists(&anyone, "uz").await;
    let tr = lists(&anyone, "tr").await;
    assert_eq!(sector_names(&uz)[0], "Qurilish");
    assert_eq!(sector_names(&tr)[0], "İnşaat");
    // `[id, name, parent]`: an occupation names its sector.
    let occupation = &uz["occupations"][0];
    assert!(occupation[0].is_i64() && occupation[2].is_i64(), "{occupation}");
    anyone.call::<FetchReferenceLists>(&[("lang", "fr")]).await.assert_err("InvalidInput");
}

#[tokio::test]
async fn a_change_behind_the_servers_back_shows_on_the_next_request() {
    let app = TestApp::new().await;
    let anyone = app.anonymous();
    assert_eq!(sector_names(&lists(&anyone, "uz").await)[0], "Qurilish", "read once: now kept in memory");
    // An operator's SQL, `kopru seed-demo` or another instance: not this server.
    app.exec("UPDATE sectors SET name_uz = 'Qurilish ishlari' WHERE id = 1").await;
    assert_eq!(sector_names(&lists(&anyone, "uz").await)[0], "Qurilish ishlari");
    app.exec("UPDATE emergency_contacts SET phone = '+903124413871' WHERE kind = 'embassy'").await;
    let contacts = anyone.call::<EmergencyContacts>(NO_ARGS).await.ok().items();
    assert_eq!(contacts[0]["phone"], "+903124413871");
    let page = anyone.page("/").await;
    assert!(page.body.contains("href=\"tel:+903124413871\""), "the footer links the new number");
}

#[tokio::test]
async fn another_instance_sees_what_staff_changed_through_this_one() {
    let app = TestApp::new().await;
    let staff = app.staff("staff@kopru.example").await;
    let other = app.anonymous().via(&app.another_instance());
    let before = other.call::<EmergencyContacts>(NO_ARGS).await.ok().items();
    assert_ne!(before[0]["phone"], "+903124413871");
    staff.call::<UpdateContact>(&[("kind", "embassy"), ("phone", "+90 312 441 38 71")]).await.ok();
    let after = other.call::<EmergencyContacts>(NO_ARGS).await.ok().items();
    assert_eq!(after[0]["phone"], "+903124413871");
    assert_eq!(after[0]["placeholder"], false);
}

#[tokio::test]
async fn every_reference_table_moves_the_version() {
    let app = TestApp::new().await;
    let version = || app.count("SELECT version FROM reference_version WHERE id = 1");
    for table in ["provinces", "uz_regions", "sectors", "occupations", "minimum_wages", "emergency_contacts"] {
        let before = version().await;
        app.exec(&format!("UPDATE {table} SET id = id")).await;
        assert!(version().await > before, "{table}: an update moves the version");
    }
    let before = version().await;
    app.exec("INSERT INTO sectors (id, code, name_uz, name_tr) VALUES (900, 'test', 'Sinov', 'Deneme')").await;
    let inserted = version().await;
    assert!(inserted > before, "an insert moves the version");
    app.exec("DELETE FROM sectors WHERE id = 900").await;
    assert!(version().await > inserted, "a delete moves the version");
}

#[tokio::test]
async fn a_page_looks_the_user_up_once_and_reads_the_version_once() {
    let app = TestApp::new().await;
    let migrant = app.migrant("+998901234567").await;
    let sessions = Arc::new(AtomicUsize::new(0));
    let versions = Arc::new(AtomicUsize::new(0));
    let mut counted = app.db.clone();
    let (s, v) = (sessions.clone(), versions.clone());
    counted.set_metric_callback(move |info| {
        let sql = info.statement.sql.as_str();
        if sql.contains("\"sessions\"") {
            s.fetch_add(1, Ordering::SeqCst);
        }
        if sql.contains("reference_version") {
            v.fetch_add(1, Ordering::SeqCst);
        }
    });
    let on_counted = migrant.via(&app.instance_on(counted));
    // The header, the search, the filter lists and the footer each ask.
    let page = on_counted.page("/vacancies").await;
    assert_eq!(page.status, http::StatusCode::OK);
    assert_eq!(sessions.load(Ordering::SeqCst), 1, "one session lookup for the whole page");
    assert_eq!(versions.load(Ordering::SeqCst), 1, "one version read for the whole page");
}
