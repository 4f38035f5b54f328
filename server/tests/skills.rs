//! Skills certification over HTTP (F3.2, F4.4): the catalogue refuses bad
//! codes and changes nothing; a migrant's request goes through scheduling and
//! a result to a certificate; illegal moves are refused; the public check
//! answers valid, expired, revoked and not found with the masked name only,
//! and is rate-limited per client address.

mod common;

use app::skills::api::{
    CancelAssessment, GetCertificate, MySkills, RecordAssessmentResult, RequestAssessment, RevokeCertificate,
    SaveQualification, ScheduleAssessment, StaffCatalogue, VerifyCertificate, WithdrawAssessment,
};
use app::skills::service::{self, QualificationInput};
use app::skills::Sector;
use chrono::{Duration, Months, Utc};
use common::*;
use http::{header, Request};

/// A qualification and a centre in the catalogue: (qualification id, centre id).
async fn catalogue(w: &World, hazardous: bool) -> (i32, i32) {
    let q = service::save_qualification(
        &w.db,
        QualificationInput {
            id: None,
            code: "11UY0012-3".into(),
            title_tr: "Betonarme Demircisi".into(),
            title_uz: "Armaturachi".into(),
            sector: Sector::Construction,
            validity_years: 5,
            hazardous,
            occupation_ids: vec![MASON.parse().unwrap()],
        },
    )
    .await
    .unwrap();
    let c =
        service::save_centre(&w.db, None, "Toshkent kasbiy baholash markazi".into(), "Toshkent".into()).await.unwrap();
    (q, c)
}

fn next_month() -> String {
    (Utc::now().date_naive() + Months::new(1)).format("%Y-%m").to_string()
}

/// `YYYY-MM-DDTHH:MM` in Uzbekistan time, `days` ahead.
fn local_in(days: i64) -> String {
    (Utc::now() + Duration::days(days)).with_timezone(&service::uzbekistan()).format("%Y-%m-%dT%H:%M").to_string()
}

/// The public check of `number` from the client `ip`.
async fn verify_from(w: &World, number: &str, ip: &str) -> Reply {
    let req = Request::get(format!("{}?number={}", <VerifyCertificate as ServerFn>::PATH, urlencode(number)))
        .header(header::HOST, HOST)
        .header(header::ACCEPT, "application/json")
        .header("x-forwarded-for", ip)
        .body(axum::body::Body::empty())
        .unwrap();
    w.send(req).await
}

async fn request(w: &World, q: i32) -> i64 {
    w.migrant
        .call::<RequestAssessment>(&[
            ("qualification_id", q.to_string()),
            ("preferred_city", "Toshkent".to_string()),
            ("preferred_month", next_month()),
        ])
        .await
        .ok();
    w.count("SELECT MAX(id) FROM assessments").await
}

#[tokio::test]
async fn a_request_is_scheduled_passed_and_certified_and_the_public_check_masks_the_name() {
    let w = world().await;
    let (q, centre) = catalogue(&w, false).await;
    let id = request(&w, q).await.to_string();
    let mine = w.migrant.call::<MySkills>(NO_ARGS).await.ok().json();
    assert_eq!(mine["assessments"][0]["status"], "requested");

    // A result before it is scheduled: refused, nothing written.
    let r = w
        .staff
        .call::<RecordAssessmentResult>(&[("assessment_id", &*id), ("result", "passed"), ("units_passed", "A1, A2")])
        .await;
    r.assert_err("WrongState");
    assert_eq!(w.count("SELECT COUNT(*) FROM certificates").await, 0);

    // Scheduling in the past is refused on its field; ahead, the migrant is told in their language.
    let r = w
        .staff
        .call::<ScheduleAssessment>(&[
            ("assessment_id", &*id),
            ("centre_id", &*centre.to_string()),
            ("scheduled_at", &*local_in(-1)),
        ])
        .await;
    r.assert_fields(&[("scheduled_at", "DateInPast")]);
    let before = w.count("SELECT COUNT(*) FROM outbox").await;
    w.staff
        .call::<ScheduleAssessment>(&[
            ("assessment_id", &*id),
            ("centre_id", &*centre.to_string()),
            ("scheduled_at", &*local_in(7)),
        ])
        .await
        .ok();
    assert_eq!(w.count("SELECT COUNT(*) FROM outbox").await, before + 1, "one message to the migrant");
    assert_eq!(
        w.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {} AND kind = 'assessment'",
            w.migrant.id()
        ))
        .await,
        1
    );

    // A pass with a failed unit is refused; a clean pass issues the certificate.
    let r = w
        .staff
        .call::<RecordAssessmentResult>(&[
            ("assessment_id", &*id),
            ("result", "passed"),
            ("units_passed", "A1"),
            ("units_failed", "B1"),
        ])
        .await;
    r.assert_fields(&[("units_failed", "OutOfRange")]);
    assert_eq!(w.count("SELECT COUNT(*) FROM certificates").await, 0);
    w.staff
        .call::<RecordAssessmentResult>(&[
            ("assessment_id", &*id),
            ("result", "passed"),
            ("units_passed", "A1, A2, B1"),
        ])
        .await
        .ok();
    let mine = w.migrant.call::<MySkills>(NO_ARGS).await.ok().json();
    assert_eq!(mine["assessments"][0]["status"], "passed");
    assert_eq!(mine["assessments"][0]["units"].as_array().unwrap().len(), 3);
    let cert = &mine["certificates"][0];
    assert_eq!(cert["number"], "KP0001/11UY0012-3/00/01");
    assert_eq!(cert["status"], "valid");
    let today = Utc::now().with_timezone(&service::uzbekistan()).date_naive();
    assert_eq!(cert["valid_until"], (today + Months::new(60)).to_string());
    // A second result on a decided assessment: refused.
    w.staff
        .call::<RecordAssessmentResult>(&[("assessment_id", &*id), ("result", "failed"), ("units_failed", "A1")])
        .await
        .assert_err("WrongState");
    w.staff.call::<CancelAssessment>(&[("assessment_id", &*id)]).await.assert_err("WrongState");

    // The holder's page: the QR code and the absolute link of the public check.
    let cid = cert["id"].as_i64().unwrap().to_string();
    let page = w.migrant.call::<GetCertificate>(&[("id", &*cid)]).await.ok().json();
    assert_eq!(page["verify_url"], "http://localhost:3000/certificates/verify?number=KP0001%2F11UY0012-3%2F00%2F01");
    assert!(page["qr_svg"].as_str().unwrap().starts_with("<svg"));
    let other = w.app.migrant("+998935551122").await;
    other.call::<GetCertificate>(&[("id", &*cid)]).await.assert_err("NotFound");

    // The public check: exact numbers (spaces and case forgiven), the name masked.
    let v = verify_from(&w, " kp0001/11uy0012-3/00/01 ", "198.51.100.1").await.ok().json();
    assert_eq!(v["status"], "valid");
    assert_eq!(v["holder_masked"], "A*** K******");
    assert_eq!(v["title_uz"], "Armaturachi");
    assert!(!v.to_string().contains("Karimov"));
    for (number, why) in [
        ("KP0001/11UY0012-3/00/0", "a prefix"),
        ("KP0001/11UY0012-3/00/02", "another serial"),
        ("KP0001", "a body code"),
    ] {
        let r = verify_from(&w, number, "198.51.100.1").await;
        r.assert_err("NotFound");
        assert_eq!(r.body, "\"NotFound\"", "{why}: nothing else");
    }

    // Revoked: the check says so; a second revocation is refused.
    w.staff.call::<RevokeCertificate>(&[("certificate_id", &*cid), ("reason", "")]).await.assert_err("ReasonRequired");
    w.staff.call::<RevokeCertificate>(&[("certificate_id", &*cid), ("reason", "Sınav tutanağı geçersiz")]).await.ok();
    w.staff.call::<RevokeCertificate>(&[("certificate_id", &*cid), ("reason", "again")]).await.assert_err("WrongState");
    let v = verify_from(&w, "KP0001/11UY0012-3/00/01", "198.51.100.1").await.ok().json();
    assert_eq!(v["status"], "revoked");
}

#[tokio::test]
async fn an_expired_certificate_says_so_and_an_erased_holder_has_no_name() {
    let w = world().await;
    let (q, _) = catalogue(&w, false).await;
    let holder = w.migrant.id() as i32;
    let issued = Utc::now().date_naive() - Months::new(61);
    let cert = service::issue(&w.db, holder, q, None, issued).await.unwrap();
    let v = verify_from(&w, &cert.number, "198.51.100.2").await.ok().json();
    assert_eq!(v["status"], "expired");
    assert_eq!(v["holder_masked"], "A*** K******");
    let valid = service::valid_certificates_of(&w.db, holder, Utc::now().date_naive()).await.unwrap();
    assert!(valid.is_empty(), "an expired certificate is not a valid one");

    // The holder asks, then erases the account: the assessment goes, the certificate stays nameless.
    request(&w, q).await;
    let data = w.migrant.get::<app::accounts::rights::DownloadMyData>(NO_ARGS).await.ok().json();
    assert_eq!(data["skills"]["certificates"][0]["number"], cert.number);
    assert_eq!(data["skills"]["assessments"].as_array().unwrap().len(), 1);
    w.migrant.call::<app::accounts::rights::DeleteAccount>(&[("password", PASSWORD), ("confirm", "yes")]).await.ok();
    assert_eq!(w.count("SELECT COUNT(*) FROM assessments").await, 0);
    let v = verify_from(&w, &cert.number, "198.51.100.2").await.ok().json();
    assert_eq!(v["holder_masked"], "");
}

#[tokio::test]
async fn look_ups_are_limited_per_client_address() {
    let w = world().await;
    for i in 0..service::LOOKUPS_PER_HOUR {
        verify_from(&w, &format!("KP0001/11UY0012-3/00/{:02}", i + 10), "198.51.100.9").await.assert_err("NotFound");
    }
    let r = verify_from(&w, "KP0001/11UY0012-3/00/01", "198.51.100.9").await;
    r.assert_err("RateLimited");
    assert_eq!(r.status.as_u16(), 429);
    // Another address is not held back.
    verify_from(&w, "KP0001/11UY0012-3/00/01", "198.51.100.10").await.assert_err("NotFound");
}

#[tokio::test]
async fn bad_input_gives_the_catalogue_s_error_and_changes_nothing() {
    let w = world().await;
    let (q, _) = catalogue(&w, true).await;
    let quals = || async { w.count("SELECT COUNT(*) FROM qualifications").await };
    let before = quals().await;
    let form = |code: &str, years: &str| {
        vec![
            ("code", code.to_string()),
            ("title_tr", "Duvarcı".to_string()),
            ("title_uz", "Gʻisht teruvchi".to_string()),
            ("sector", "construction".to_string()),
            ("validity_years", years.to_string()),
        ]
    };
    w.staff.call::<SaveQualification>(&form("12UY0048", "5")).await.assert_err("InvalidQualificationCode");
    w.staff.call::<SaveQualification>(&form("12UY0048-9", "5")).await.assert_err("InvalidQualificationCode");
    w.staff
        .call::<SaveQualification>(&form("12UY0048-3", "7"))
        .await
        .assert_fields(&[("validity_years", "OutOfRange")]);
    w.staff.call::<SaveQualification>(&form("11uy0012-3", "5")).await.assert_err("CodeTaken");
    assert_eq!(quals().await, before, "nothing stored");
    // A plain form post comes back to its page with the message's key.
    let r = w.staff.form_post::<SaveQualification>(&form("XX", "5"), "/staff/qualifications").await;
    assert!(
        r.header("location").unwrap_or("").contains("error=invalid_qualification_code"),
        "{:?}",
        r.header("location")
    );
    w.staff.call::<SaveQualification>(&form("12uy0048-3/01", "5")).await.ok();
    let cat = w.staff.call::<StaffCatalogue>(NO_ARGS).await.ok().json();
    assert!(cat["qualifications"].as_array().unwrap().iter().any(|x| x["code"] == "12UY0048-3/01" && x["level"] == 3));

    // A request in the past month, or for a hazardous trade without a profile: refused, nothing stored.
    let past = (Utc::now().date_naive() - Months::new(1)).format("%Y-%m").to_string();
    w.migrant
        .call::<RequestAssessment>(&[
            ("qualification_id", q.to_string()),
            ("preferred_city", "Toshkent".into()),
            ("preferred_month", past),
        ])
        .await
        .assert_fields(&[("preferred_month", "DateInPast")]);
    w.migrant
        .call::<RequestAssessment>(&[
            ("qualification_id", q.to_string()),
            ("preferred_city", "Toshkent".into()),
            ("preferred_month", next_month()),
        ])
        .await
        .assert_err("ProfileRequired");
    assert_eq!(w.count("SELECT COUNT(*) FROM assessments").await, 0);
    // With a profile (an adult), the request is taken; once only while open; withdrawn, it is closed.
    w.migrant.call::<SaveProfile>(&profile_form("FA1234567")).await.ok();
    let id = request(&w, q).await.to_string();
    w.migrant
        .call::<RequestAssessment>(&[
            ("qualification_id", q.to_string()),
            ("preferred_city", "Toshkent".into()),
            ("preferred_month", next_month()),
        ])
        .await
        .assert_err("AlreadyApplied");
    let other = w.app.migrant("+998935551122").await;
    other.call::<WithdrawAssessment>(&[("assessment_id", &*id)]).await.assert_err("NotFound");
    w.migrant.call::<WithdrawAssessment>(&[("assessment_id", &*id)]).await.ok();
    w.migrant.call::<WithdrawAssessment>(&[("assessment_id", &*id)]).await.assert_err("WrongState");
}

/// Without JavaScript: the verify page is a GET form whose answer is in the
/// page's HTML; the catalogue, the holder's certificate page (with its QR code)
/// and the staff queue render on the server.
#[tokio::test]
async fn the_pages_render_on_the_server() {
    let w = world().await;
    let (q, _) = catalogue(&w, false).await;
    let cert = service::issue(&w.db, w.migrant.id() as i32, q, None, Utc::now().date_naive()).await.unwrap();
    let page = w.app.anonymous().page(&format!("/certificates/verify?number={}", urlencode(&cert.number))).await;
    assert!(page.body.contains("A*** K******"), "{}", page.body);
    assert!(page.body.contains("data-result=\"valid\""));
    assert!(!page.body.contains("Karimov"));
    let page = w.app.anonymous().page("/certificates/verify?number=KP0001%2F11UY0012-3%2F00%2F99").await;
    assert!(page.body.contains("data-result=\"notfound\""));
    let page = w.app.anonymous().page("/qualifications").await;
    assert!(page.body.contains("11UY0012-3"));
    let page = w.migrant.page(&format!("/skills/certificates/{}", cert.id)).await;
    assert!(
        page.body.contains("<svg")
            && page.body.contains("data-verify-url=\"http://localhost:3000/certificates/verify?number=")
    );
    request(&w, q).await;
    let page = w.staff.page("/staff/assessments").await;
    assert!(page.body.contains("Aziz Karimov") && page.body.contains("name=\"scheduled_at\""), "{}", page.body);
    let page = w.migrant.page("/skills").await;
    assert!(page.body.contains("name=\"preferred_month\""));
}

/// F3.2, F4.4: a vacancy may require a qualification the catalogue offers; its
/// page tells a migrant whether a valid certificate of theirs counts; the
/// employer sees the certificates of a forwarded candidate, and whether one
/// counts, and nobody sees them before staff forward.
#[tokio::test]
async fn a_required_qualification_counts_a_valid_certificate_for_the_reader_and_the_employer() {
    use app::applications::api::GetApplication;
    use app::profiles::api::MyProfile;
    use app::vacancies::api::SaveVacancy;
    let w = world().await;
    let (q, _) = catalogue(&w, true).await;

    // Only a qualification the catalogue offers: an unknown one, a withdrawn one, a word are refused, nothing stored.
    let withdrawn = service::save_qualification(
        &w.db,
        QualificationInput {
            id: None,
            code: "12UY0048-3".into(),
            title_tr: "Duvarcı".into(),
            title_uz: "Gʻisht teruvchi".into(),
            sector: Sector::Construction,
            validity_years: 5,
            hazardous: true,
            occupation_ids: vec![],
        },
    )
    .await
    .unwrap();
    service::set_qualification_active(&w.db, withdrawn, false).await.unwrap();
    let before = w.count("SELECT COUNT(*) FROM vacancies").await;
    for bad in [9999, i64::from(withdrawn)] {
        let r = w.employer.call::<SaveVacancy>(&VacancySpec::new("Demirci ustası").qualification(bad)).await;
        r.assert_fields(&[("required_qualification_id", "ChoiceRequired")]);
    }
    let mut word = VacancySpec::new("Demirci ustası").pairs();
    word.push(("required_qualification_id".into(), "demir".into()));
    let r = w.employer.call::<SaveVacancy>(&word).await;
    assert_eq!(r.refusals()[0].0, "required_qualification_id", "{}", r.body);
    assert_eq!(w.count("SELECT COUNT(*) FROM vacancies").await, before, "a refused vacancy stores nothing");

    // A vacancy that requires it: it requires a certificate, and its page names the qualification.
    let v = w.published_vacancy(&w.employer, &VacancySpec::new("Betonarme demircisi").qualification(q.into())).await;
    let anon = w.vacancy_as(&w.anonymous(), v).await.ok().json();
    assert_eq!(anon["certificate_required"], true);
    assert_eq!(anon["qualification"]["code"], "11UY0012-3");
    assert_eq!(anon["qualification"]["hazardous"], true);
    assert!(anon["reader_certificate"].is_null(), "a visitor holds no certificate: {anon}");
    let w = &w;
    for (only_without, listed) in [("false", true), ("true", false)] {
        let found =
            w.search_with(&[("query[no_certificate]", only_without)]).await.iter().any(|s| i64::from(s.id) == v);
        assert_eq!(found, listed, "it is one of the vacancies that require a certificate");
    }

    // The migrant without a certificate is told so; with an expired one too; with a valid one, it counts.
    let read = || async { w.vacancy_as(&w.migrant, v).await.ok().json() };
    assert_eq!(read().await["reader_certificate"], "Missing");
    let page = w.migrant.page(&format!("/vacancies/{v}")).await.body;
    assert!(
        page.contains("data-certificate=\"missing\"") && page.contains(&format!("/skills?qualification={q}")),
        "{page}"
    );
    assert!(page.contains("class=\"notice warn hazardous\""), "hazardous work is warned of: {page}");
    let holder = w.migrant.id() as i32;
    service::issue(&w.db, holder, q, None, Utc::now().date_naive() - Months::new(61)).await.unwrap();
    assert_eq!(read().await["reader_certificate"], "Missing", "an expired certificate does not count");
    let cert = service::issue(&w.db, holder, q, None, Utc::now().date_naive() - Months::new(2)).await.unwrap();
    let holds = &read().await["reader_certificate"]["Holds"];
    assert_eq!(holds["number"], cert.number, "{holds}");
    let page = w.migrant.page(&format!("/vacancies/{v}")).await.body;
    assert!(page.contains("data-certificate=\"holds\"") && page.contains(&cert.number), "{page}");
    // Another migrant reading it is told of none of them.
    let other = w.migrant("+998911112233").await;
    assert_eq!(w.vacancy_as(&other, v).await.ok().json()["reader_certificate"], "Missing");

    // The migrant's profile lists the valid one only.
    let a = w.application(&w.migrant, v).await;
    let mine = w.migrant.call::<MyProfile>(NO_ARGS).await.ok().json();
    let listed: Vec<&str> =
        mine["myk_certificates"].as_array().unwrap().iter().map(|c| c["number"].as_str().unwrap()).collect();
    assert_eq!(listed, vec![cert.number.as_str()]);

    // Staff screening see the certificates; the employer sees nothing before forwarding, then the candidate's.
    let seen = w.staff.get::<GetApplication>(&[("id", a.to_string())]).await.ok().json();
    assert_eq!(seen["candidate_certificates"][0]["number"], cert.number);
    w.employer.get::<GetApplication>(&[("id", a.to_string())]).await.assert_err("NotFound");
    w.forward(a).await;
    let seen = w.employer.get::<GetApplication>(&[("id", a.to_string())]).await.ok().json();
    assert_eq!(seen["required_qualification_id"], q);
    let numbers: Vec<&str> =
        seen["candidate_certificates"].as_array().unwrap().iter().map(|c| c["number"].as_str().unwrap()).collect();
    assert_eq!(numbers, vec![cert.number.as_str()], "the valid certificate only");
    // The employer's page shows that it counts.
    let page = w.employer.page(&format!("/applications/{a}")).await;
    assert!(page.body.contains("data-requirement=\"met\""), "{}", page.body);
    assert!(page.body.contains(&cert.number));
    // Revoked, it counts no more.
    w.staff
        .call::<RevokeCertificate>(&[("certificate_id", cert.id.to_string()), ("reason", "Sınav usulsüzlüğü".into())])
        .await
        .ok();
    assert_eq!(read().await["reader_certificate"], "Missing");
    let page = w.employer.page(&format!("/applications/{a}")).await;
    assert!(page.body.contains("data-requirement=\"missing\""), "{}", page.body);
}
