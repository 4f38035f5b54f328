//! The matrix rows of the skills server functions (included by `matrix.rs`).
#[allow(unused_imports)]
use super::*;
use app::skills::api::{
    AssessmentQueue, CancelAssessment, GetCertificate, MySkills, QualificationCatalogue, RecordAssessmentResult,
    RequestAssessment, RevokeCertificate, SaveCentre, SaveQualification, ScheduleAssessment, SetCentreActive,
    SetQualificationActive, StaffCatalogue, StaffQualification, VerifyCertificate, WithdrawAssessment,
};
use app::skills::service::{self, QualificationInput};

/// Every skills server function with a row in a test below.
pub const COVERED: &[&str] = &[
    <QualificationCatalogue as ServerFn>::PATH,
    <VerifyCertificate as ServerFn>::PATH,
    <MySkills as ServerFn>::PATH,
    <RequestAssessment as ServerFn>::PATH,
    <WithdrawAssessment as ServerFn>::PATH,
    <GetCertificate as ServerFn>::PATH,
    <StaffCatalogue as ServerFn>::PATH,
    <StaffQualification as ServerFn>::PATH,
    <SaveQualification as ServerFn>::PATH,
    <SetQualificationActive as ServerFn>::PATH,
    <SaveCentre as ServerFn>::PATH,
    <SetCentreActive as ServerFn>::PATH,
    <AssessmentQueue as ServerFn>::PATH,
    <ScheduleAssessment as ServerFn>::PATH,
    <RecordAssessmentResult as ServerFn>::PATH,
    <CancelAssessment as ServerFn>::PATH,
    <RevokeCertificate as ServerFn>::PATH,
];

const WRONG_STATE: Want = Want::Refused("WrongState");

async fn seeded(m: &Mx) -> (i32, i32) {
    let q = service::save_qualification(
        &m.db,
        QualificationInput {
            id: None,
            code: "16UY0253-2".into(),
            title_tr: "İnşaat İşçisi".into(),
            title_uz: "Qurilish ishchisi".into(),
            sector: app::skills::Sector::Construction,
            validity_years: 5,
            hazardous: false,
            occupation_ids: vec![],
        },
    )
    .await
    .unwrap();
    let c =
        service::save_centre(&m.db, None, "Namangan kasbiy baholash markazi".into(), "Namangan".into()).await.unwrap();
    (q, c)
}

fn month() -> String {
    (chrono::Utc::now().date_naive() + chrono::Months::new(1)).format("%Y-%m").to_string()
}

fn ahead() -> String {
    (chrono::Utc::now() + chrono::Duration::days(5))
        .with_timezone(&service::uzbekistan())
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Reading: the catalogue and the check for anyone; one's own skills for migrants.
#[tokio::test]
async fn skills_reading() {
    let m = mx().await;
    seeded(&m).await;
    for (actor, want) in m.five([OK; 5]) {
        let r = actor.get::<QualificationCatalogue>(NO_ARGS).await;
        check("qualification_catalogue", actor, &r, want);
        assert_eq!(r.json()["qualifications"][0]["code"], "16UY0253-2");
        let r = actor.get::<VerifyCertificate>(&[("number", "KP0001/16UY0253-2/00/01")]).await;
        check("verify_certificate", actor, &r, NOT_FOUND);
    }
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]) {
        let r = actor.call::<MySkills>(NO_ARGS).await;
        check("my_skills", actor, &r, want);
    }
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        check("staff_catalogue", actor, &actor.call::<StaffCatalogue>(NO_ARGS).await, want);
        check("assessment_queue", actor, &actor.call::<AssessmentQueue>(NO_ARGS).await, want);
    }
}

/// The catalogue's changes: staff and admins; a refused call changes nothing.
#[tokio::test]
async fn skills_catalogue_changes() {
    let m = mx().await;
    let (q, c) = seeded(&m).await;
    let quals = || async { m.count("SELECT COUNT(*) FROM qualifications").await };
    let centres = || async { m.count("SELECT COUNT(*) FROM test_centres").await };
    let codes = ["", "", "", "11UY0012-3", "12UY0048-3"];
    for (i, (actor, want)) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]).into_iter().enumerate() {
        let code = if codes[i].is_empty() { "11UY0024-3" } else { codes[i] };
        let before = quals().await;
        let r = actor
            .call::<SaveQualification>(&[
                ("code", code),
                ("title_tr", "Sıvacı"),
                ("title_uz", "Suvoqchi"),
                ("sector", "construction"),
                ("validity_years", "5"),
            ])
            .await;
        check("save_qualification", actor, &r, want);
        assert_eq!(quals().await, before + i64::from(want == OK), "{actor:?}");
        let r = actor.call::<StaffQualification>(&[("id", &*q.to_string())]).await;
        check("staff_qualification", actor, &r, want);
        let before = centres().await;
        let r = actor.call::<SaveCentre>(&[("name", "Sirdaryo kasbiy baholash markazi"), ("city", "Guliston")]).await;
        check("save_centre", actor, &r, want);
        assert_eq!(centres().await, before + i64::from(want == OK), "{actor:?}");
        let r =
            actor.call::<SetQualificationActive>(&[("qualification_id", &*q.to_string()), ("active", "true")]).await;
        check("set_qualification_active", actor, &r, want);
        let r = actor.call::<SetCentreActive>(&[("centre_id", &*c.to_string()), ("active", "true")]).await;
        check("set_centre_active", actor, &r, want);
    }
    // Withdrawn by a refused caller? No: only staff withdraw, and it shows.
    m.migrant.call::<SetQualificationActive>(&[("qualification_id", &*q.to_string()), ("active", "false")]).await;
    assert_eq!(m.count(&format!("SELECT COUNT(*) FROM qualifications WHERE id = {q} AND active")).await, 1);
    m.w.staff.call::<SetQualificationActive>(&[("qualification_id", &*q.to_string()), ("active", "false")]).await.ok();
    assert_eq!(m.count(&format!("SELECT COUNT(*) FROM qualifications WHERE id = {q} AND active")).await, 0);
}

/// Requests: migrants (their own rows); staff move them; a certificate for its holder and staff.
#[tokio::test]
async fn skills_assessments_and_certificates() {
    let m = mx().await;
    let (q, c) = seeded(&m).await;
    let count = || async { m.count("SELECT COUNT(*) FROM assessments").await };
    let form =
        [("qualification_id", q.to_string()), ("preferred_city", "Namangan".to_string()), ("preferred_month", month())];
    for (actor, want) in m.five([NOT_SIGNED_IN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]) {
        let before = count().await;
        check("request_assessment", actor, &actor.call::<RequestAssessment>(&form).await, want);
        assert_eq!(count().await, before + i64::from(want == OK), "{actor:?}");
    }
    let id = m.count("SELECT MAX(id) FROM assessments").await.to_string();
    // withdraw_assessment: not the owner learns nothing; the owner could (checked last).
    let mut rows = m.five([NOT_SIGNED_IN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]);
    rows.insert(0, (&m.other_migrant, NOT_FOUND));
    rows.retain(|(a, _)| !std::ptr::eq(*a, &m.w.migrant));
    for (actor, want) in rows {
        check("withdraw_assessment", actor, &actor.call::<WithdrawAssessment>(&[("assessment_id", &*id)]).await, want);
    }
    let sched = [("assessment_id", id.clone()), ("centre_id", c.to_string()), ("scheduled_at", ahead())];
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, OK]) {
        check("schedule_assessment", actor, &actor.call::<ScheduleAssessment>(&sched).await, want);
    }
    let result = [("assessment_id", &*id), ("result", "passed"), ("units_passed", "A1, A2")];
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, WRONG_STATE]) {
        check("record_assessment_result", actor, &actor.call::<RecordAssessmentResult>(&result).await, want);
    }
    assert_eq!(m.count("SELECT COUNT(*) FROM certificates").await, 1);
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, WRONG_STATE, WRONG_STATE]) {
        check("cancel_assessment", actor, &actor.call::<CancelAssessment>(&[("assessment_id", &*id)]).await, want);
    }
    m.w.migrant.call::<WithdrawAssessment>(&[("assessment_id", &*id)]).await.assert_err("WrongState");
    let cert = m.count("SELECT MAX(id) FROM certificates").await.to_string();
    let mut rows = m.five([NOT_SIGNED_IN, OK, FORBIDDEN, OK, OK]);
    rows.push((&m.other_migrant, NOT_FOUND));
    rows.push((&m.rival, FORBIDDEN));
    for (actor, want) in rows {
        check("get_certificate", actor, &actor.call::<GetCertificate>(&[("id", &*cert)]).await, want);
    }
    let revoke = [("certificate_id", &*cert), ("reason", "Usulsüzlük")];
    for (actor, want) in m.five([NOT_SIGNED_IN, FORBIDDEN, FORBIDDEN, OK, WRONG_STATE]) {
        check("revoke_certificate", actor, &actor.call::<RevokeCertificate>(&revoke).await, want);
    }
    assert_eq!(m.count("SELECT COUNT(*) FROM certificates WHERE revoked_at IS NOT NULL").await, 1);
}
