//! Migrant profiles over HTTP (F2.5): the passport encrypted, masked and never
//! sent to employers; each field checked with its own error value. They run on
//! SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use common::*;
use http::StatusCode;

async fn save_profile(actor: &Actor, passport: &str) -> Reply {
    actor.call::<SaveProfile>(&profile_form(passport)).await
}

#[tokio::test]
async fn passport_is_encrypted_masked_and_never_sent_to_employers() {
    let w = world().await;
    save_profile(&w.migrant, "AA12345").await.assert_err("InvalidPassport");
    assert_eq!(w.migrant.call::<MyProfile>(NO_ARGS).await.ok().json(), Value::Null, "nothing saved");
    save_profile(&w.migrant, "ab 7654321").await.ok();
    // Not in the database in clear, in any column of the table.
    assert_eq!(
        w.count(
            "SELECT COUNT(*) FROM migrant_profiles WHERE passport_cipher LIKE '%7654321%' OR passport_index LIKE '%7654321%' OR passport_lookup LIKE '%7654321%'"
        )
        .await,
        0
    );
    assert_eq!(w.count("SELECT COUNT(*) FROM migrant_profiles WHERE passport_cipher IS NOT NULL").await, 1);
    // The migrant sees it masked.
    let mine = w.migrant.call::<MyProfile>(NO_ARGS).await.ok().json();
    assert_eq!(mine["passport_masked"], "AB*****21");
    assert!(!mine.to_string().contains("7654321"));
    // Another migrant typing the same number is not told whose it is (nor
    // blocked, were they its owner): saved, and flagged to staff on both.
    let other = w.migrant("+998935551122").await;
    save_profile(&other, "AB7654321").await.ok();
    assert_eq!(other.call::<MyProfile>(NO_ARGS).await.ok().json()["passport_masked"], "AB*****21");
    // Each ciphertext is bound to its row: copied onto another row it does not open.
    w.exec(&format!(
        "UPDATE migrant_profiles SET passport_cipher = (SELECT passport_cipher FROM migrant_profiles WHERE user_id = {}) \
         WHERE user_id = {}",
        w.migrant.id(),
        other.id()
    ))
    .await;
    assert_eq!(other.call::<MyProfile>(NO_ARGS).await.status, StatusCode::INTERNAL_SERVER_ERROR);
    save_profile(&other, "AB7654321").await.ok();
    // Saving without the field keeps the stored number.
    save_profile(&w.migrant, "").await.ok();
    assert_eq!(w.migrant.call::<MyProfile>(NO_ARGS).await.ok().json()["passport_masked"], "AB*****21");
    // Only migrants have profiles.
    w.employer.call::<MyProfile>(NO_ARGS).await.assert_err("Forbidden");
    w.anonymous().call::<MyProfile>(NO_ARGS).await.assert_err("NotSignedIn");

    // The employer gets the candidate's trade, experience and Turkish level, never the passport.
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
    let aid = w.application(&w.migrant, vid).await;
    w.forward(aid).await;
    let seen = w.employer.get::<GetApplication>(&[("id", aid.to_string())]).await.ok();
    let json = seen.json();
    assert_eq!(json["candidate_profile"]["experience_years"], 7);
    assert_eq!(json["candidate_profile"]["turkish_level"], "a2");
    assert_eq!(json["candidate_profile"]["passport_masked"], Value::Null);
    assert!(!seen.body.contains("7654321") && !seen.body.contains("AB*****"));
    let page = w.employer.page(&format!("/applications/{aid}")).await;
    assert!(!page.body.contains("7654321") && !page.body.contains("AB*****21"));
    assert!(json.get("passport_shared").is_none(), "the employer is not told of the duplicate");
    assert!(!page.body.contains("boshqa profilda"));
    // Staff are, on both migrants' applications.
    let bid = w.application(&other, vid).await;
    for id in [aid, bid] {
        let staff_view = w.staff.get::<GetApplication>(&[("id", id.to_string())]).await.ok().json();
        assert_eq!(staff_view["passport_shared"], true, "application {id}");
    }
    let queue = w.staff.call::<ListApplications>(NO_ARGS).await.ok().items();
    assert!(queue.iter().any(|a| a["id"].as_i64() == Some(bid) && a["passport_shared"] == true));
    let page = w.staff.page(&format!("/applications/{bid}")).await;
    assert!(page.body.contains("boshqa profilda"), "the staff page says so");
    // A third migrant with another number is not flagged.
    let third = w.migrant("+998935551133").await;
    save_profile(&third, "AC1111111").await.ok();
    let cid = w.application(&third, vid).await;
    let v = w.staff.get::<GetApplication>(&[("id", cid.to_string())]).await.ok().json();
    assert!(v.get("passport_shared").is_none());
}

/// A profile round-trips, and each bad field is refused with its own error
/// value and changes nothing.
#[tokio::test]
async fn profile_fields_are_checked_and_saved() {
    let app = TestApp::new().await;
    let migrant = app.migrant("+998901234567").await;
    save_profile(&migrant, "AB7654321").await.ok();
    let saved = migrant.call::<MyProfile>(NO_ARGS).await.ok().json();
    assert_eq!(saved["full_name"], "Aziz Karimov");
    assert_eq!(saved["birth_date"], "1994-03-12");
    assert_eq!(saved["location_kind"], "uz");
    assert_eq!(saved["location_id"], 6);
    assert_eq!(saved["occupation_id"], 1);
    assert_eq!(saved["experience_years"], 7);
    assert_eq!(saved["turkish_level"], "a2");
    assert_eq!(saved["certificates"], "MYK 11UY0012-3");

    let too_young = ymd(-365 * 10);
    for (field, value, want) in [
        ("full_name", "Азиз Каримов", "NameRequired"),
        ("full_name", "  ", "NameRequired"),
        ("birth_date", "12.03.1994", "InvalidDate"),
        ("birth_date", too_young.as_str(), "InvalidDate"),
        ("location", "uz", "ChoiceRequired"),
        ("location", "ru:1", "ChoiceRequired"),
        ("location", "", "ChoiceRequired"),
        ("occupation_id", "", "ChoiceRequired"),
        ("experience_years", "61", "OutOfRange"),
        ("experience_years", "yetti", "OutOfRange"),
        ("passport", "1234567AB", "InvalidPassport"),
    ] {
        let mut form = profile_form("");
        form.iter_mut().find(|(k, _)| *k == field).unwrap().1 = value.to_string();
        migrant.call::<SaveProfile>(&form).await.assert_fields(&[(field, want)]);
    }
    // Entries that are not in the lists, and a level that does not exist: the form as a whole.
    for (field, value) in [("location", "uz:999"), ("occupation_id", "99999"), ("turkish_level", "c2")] {
        let mut form = profile_form("");
        form.iter_mut().find(|(k, _)| *k == field).unwrap().1 = value.to_string();
        migrant.call::<SaveProfile>(&form).await.assert_err("InvalidInput");
    }
    assert_eq!(migrant.call::<MyProfile>(NO_ARGS).await.ok().json(), saved, "refusals changed nothing");
    // A Turkish province as the location.
    let mut form = profile_form("");
    form.iter_mut().find(|(k, _)| *k == "location").unwrap().1 = "tr:34".into();
    migrant.call::<SaveProfile>(&form).await.ok();
    let now = migrant.call::<MyProfile>(NO_ARGS).await.ok().json();
    assert_eq!((now["location_kind"].as_str(), now["location_id"].as_i64()), (Some("tr"), Some(34)));
    assert_eq!(now["passport_masked"], "AB*****21");
}

/// Passports sealed before each key had one use (context "passport", the
/// blind index in the UNIQUE column under the shared key) are re-sealed at
/// start-up: bound to their row, the lookup under its own key, the old index
/// emptied; the migrant still reads the number, and a second run does nothing.
#[tokio::test]
async fn legacy_passports_are_resealed_to_their_row() {
    let w = world().await;
    save_profile(&w.migrant, "AB7654321").await.ok();
    let legacy = app::crypto::seal(&w.state.keys, "passport", "AB7654321").unwrap();
    w.exec(&format!(
        "UPDATE migrant_profiles SET passport_cipher = '{legacy}', passport_index = 'old-shared-key-index', \
         passport_lookup = NULL, seal_version = 1 WHERE user_id = {}",
        w.migrant.id()
    ))
    .await;
    assert_eq!(w.migrant.call::<MyProfile>(NO_ARGS).await.ok().json()["passport_masked"], "AB*****21", "still read");
    let keys = &w.state.keys;
    assert_eq!(app::profiles::service::reseal_legacy(&w.db, keys).await.unwrap(), 1);
    assert_eq!(app::profiles::service::reseal_legacy(&w.db, keys).await.unwrap(), 0, "idempotent");
    let row = format!("SELECT COUNT(*) FROM migrant_profiles WHERE user_id = {}", w.migrant.id());
    let resealed = format!(
        "{row} AND seal_version = 2 AND passport_index IS NULL AND passport_lookup = '{}' AND passport_cipher <> '{legacy}'",
        keys.passport_lookup("AB7654321")
    );
    assert_eq!(w.count(&resealed).await, 1);
    assert_eq!(w.migrant.call::<MyProfile>(NO_ARGS).await.ok().json()["passport_masked"], "AB*****21");
}
