//! Companies over HTTP (F2.1): registration with VKN and MERSIS, the staff
//! verification queue, rejection with a reason, correction and resubmission.
//! They run on SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use common::*;

#[tokio::test]
async fn company_verification_and_its_refusals() {
    let app = TestApp::new().await;
    let employer = app.employer("ik@firma.com.tr").await;
    let migrant = app.migrant("+998901112233").await;
    let staff = app.staff("staff@kopru.example").await;
    let anon = app.anonymous();
    // A wrong check digit, a short MERSIS: clear refusals, nothing stored.
    employer.call::<RegisterCompany>(&company_form("4540536921", "Firma")).await.assert_err("InvalidVkn");
    let mut short_mersis = company_form(VKN, "F");
    short_mersis[2].1 = "123".into();
    employer.call::<RegisterCompany>(&short_mersis).await.assert_err("InvalidMersis");
    assert_eq!(app.count("SELECT COUNT(*) FROM companies").await, 0);
    // Only employers register companies.
    migrant.call::<RegisterCompany>(&company_form(VKN, "Firma")).await.assert_err("Forbidden");
    staff.call::<RegisterCompany>(&company_form(VKN, "Firma")).await.assert_err("Forbidden");
    anon.call::<RegisterCompany>(&company_form(VKN, "Firma")).await.assert_err("NotSignedIn");
    anon.call::<RegisterCompany>(NO_ARGS).await.assert_err("InvalidInput");
    assert_eq!(app.count("SELECT COUNT(*) FROM companies").await, 0);
    assert_eq!(employer.call::<MyCompany>(NO_ARGS).await.ok().json(), Value::Null, "no company yet");
    employer.call::<RegisterCompany>(&company_form(VKN, "Ege Tekstil Ltd.")).await.ok();

    // Before verification a vacancy is kept as a draft (not in the staff queue); no projects yet.
    let saved = employer.form_post::<SaveVacancy>(&VacancySpec::new("Usta"), "/employer/vacancies/new?draft=1").await;
    assert_eq!(saved.header("location"), Some("/employer/vacancies?drafted=1"));
    let drafts = employer.call::<MyVacancies>(NO_ARGS).await.ok().items();
    assert_eq!((drafts.len(), drafts[0]["status"].as_str()), (1, Some("draft")));
    let draft = drafts[0]["id"].as_i64().unwrap();
    assert!(staff.call::<VacancyReviewQueue>(NO_ARGS).await.ok().items().is_empty(), "drafts wait for the company");
    // The draft can be edited meanwhile.
    employer.call::<SaveVacancy>(&VacancySpec::new("Usta, düzeltilmiş").editing(draft)).await.ok();
    assert_eq!(employer.call::<MyVacancies>(NO_ARGS).await.ok().items()[0]["status"], "draft");
    employer
        .call::<SaveProject>(&[("name", "Proje"), ("description_tr", "Açıklama"), ("province_id", "34")])
        .await
        .assert_err("CompanyNotVerified");
    assert_eq!(app.count("SELECT COUNT(*) FROM vacancies").await, 1, "the draft, once");
    assert_eq!(app.count("SELECT COUNT(*) FROM projects").await, 0);

    // The queue: staff only.
    employer.call::<PendingCompanies>(NO_ARGS).await.assert_err("Forbidden");
    anon.call::<PendingCompanies>(NO_ARGS).await.assert_err("NotSignedIn");
    let q = staff.call::<PendingCompanies>(NO_ARGS).await.ok().items();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0]["legal_name"], "Ege Tekstil Ltd.");
    assert_eq!(q[0]["vkn"], VKN);
    assert_eq!(q[0]["status"], "pending");
    let mine = employer.call::<MyCompany>(NO_ARGS).await.ok().json();
    let id = mine["id"].as_i64().unwrap();
    assert_eq!(q[0]["id"].as_i64(), Some(id));
    let ids = id.to_string();
    // Rejecting needs a reason; the employer may not decide.
    staff.call::<DecideCompany>(&[("company_id", &*ids), ("decision", "reject")]).await.assert_err("ReasonRequired");
    staff
        .call::<DecideCompany>(&[("company_id", &*ids), ("decision", "reject"), ("reason", "  ")])
        .await
        .assert_err("ReasonRequired");
    staff.call::<DecideCompany>(&[("company_id", &*ids), ("decision", "maybe")]).await.assert_err("InvalidInput");
    employer.call::<DecideCompany>(&[("company_id", &*ids), ("decision", "verify")]).await.assert_err("Forbidden");
    assert_eq!(employer.call::<MyCompany>(NO_ARGS).await.ok().json()["status"], "pending", "refusals decided nothing");
    // A reason from another list, or "other" without a note, is refused as well.
    staff
        .call::<DecideCompany>(&[("company_id", &*ids), ("decision", "reject"), ("reason", "turkishshort")])
        .await
        .assert_err("ReasonRequired");
    staff
        .call::<DecideCompany>(&[("company_id", &*ids), ("decision", "reject"), ("reason", "other")])
        .await
        .assert_fields(&[("reason_note", "Required")]);
    // Staff see which language the employer reads.
    assert_eq!(staff.call::<PendingCompanies>(NO_ARGS).await.ok().items()[0]["owner_lang"], "uz");
    staff
        .call::<DecideCompany>(&[
            ("company_id", &*ids),
            ("decision", "reject"),
            ("reason", "notinregistry"),
            ("reason_note", "MERSİS: 0381042155000011 yok"),
        ])
        .await
        .ok();
    let mine = employer.call::<MyCompany>(NO_ARGS).await.ok().json();
    assert_eq!(mine["status"], "rejected");
    assert_eq!(mine["decision_reason_code"], "notinregistry");
    assert_eq!(mine["decision_reason"], "MERSİS: 0381042155000011 yok");
    assert_eq!(mine["decision_reason_lang"], "uz", "the staff member's page language");
    // The employer reads the reason in their language (Turkish here), the note as written.
    let page = employer.in_turkish().page("/employer/company").await;
    assert!(page.body.contains("Şirket ticaret sicilinde (MERSİS) bulunamadı"), "{}", page.body);
    assert!(page.body.contains("(Özbekçe yazılmış)"));
    assert!(staff.call::<PendingCompanies>(NO_ARGS).await.ok().items().is_empty(), "left the queue");
    // A decided company is not decided again.
    staff.call::<DecideCompany>(&[("company_id", &*ids), ("decision", "verify")]).await.assert_err("InvalidInput");
    // Corrected and resubmitted, then verified.
    employer.call::<RegisterCompany>(&company_form(VKN2, "Ege Tekstil Ltd. Şti.")).await.ok();
    let mine = employer.call::<MyCompany>(NO_ARGS).await.ok().json();
    assert_eq!(mine["status"], "pending");
    assert_eq!(mine["id"].as_i64(), Some(id), "the same company, corrected");
    assert_eq!(mine["vkn"], VKN2);
    assert_eq!(mine["decision_reason"], Value::Null);
    staff.call::<DecideCompany>(&[("company_id", &*ids), ("decision", "verify")]).await.ok();
    assert_eq!(employer.call::<MyCompany>(NO_ARGS).await.ok().json()["status"], "verified");
    // Verified: the draft went for review by itself.
    assert_eq!(staff.call::<VacancyReviewQueue>(NO_ARGS).await.ok().ids(), vec![draft]);
    assert_eq!(employer.call::<MyVacancies>(NO_ARGS).await.ok().items()[0]["text_tr"], "Usta, düzeltilmiş");
    assert_eq!(app.count("SELECT COUNT(*) FROM companies").await, 1);
    // A verified company cannot be re-registered over.
    employer.call::<RegisterCompany>(&company_form(VKN, "Başka Ad")).await.assert_err("InvalidInput");
    assert_eq!(employer.call::<MyCompany>(NO_ARGS).await.ok().json()["legal_name"], "Ege Tekstil Ltd. Şti.");
    // Now vacancies go through.
    employer.call::<SaveVacancy>(&VacancySpec::new("Usta")).await.ok();
}

/// Each field's own error value; numbers written in groups are accepted.
#[tokio::test]
async fn company_fields_are_checked_one_by_one() {
    let app = TestApp::new().await;
    let employer = app.employer("ik@firma.com.tr").await;
    let with = |field: &str, value: &str| {
        let mut f = company_form(VKN, "Anadolu İnşaat A.Ş.");
        f.iter_mut().find(|(k, _)| *k == field).unwrap().1 = value.to_string();
        f
    };
    for (field, value, want) in [
        ("legal_name", "   ", "NameRequired"),
        ("vkn", "454053692", "InvalidVkn"),
        ("vkn", "45405369AB", "InvalidVkn"),
        ("mersis", "0000000000000000", "InvalidMersis"),
        ("address", " ", "Required"),
        ("contact_person", "", "NameRequired"),
        ("contact_phone", "call me", "InvalidPhone"),
        ("sector_id", "bir", "ChoiceRequired"),
        ("sector_id", "", "ChoiceRequired"),
    ] {
        employer.call::<RegisterCompany>(&with(field, value)).await.assert_fields(&[(field, want)]);
    }
    // A number that is no entry of the list is nobody's typing mistake: refused as a whole.
    for (field, value) in [("province_id", "99"), ("sector_id", "999")] {
        employer.call::<RegisterCompany>(&with(field, value)).await.assert_err("InvalidInput");
    }
    // Every refused field at once.
    let mut all = company_form("123", " ");
    for (k, v) in all.iter_mut() {
        if *k == "contact_phone" || *k == "address" {
            *v = String::new();
        }
    }
    employer.call::<RegisterCompany>(&all).await.assert_fields(&[
        ("legal_name", "NameRequired"),
        ("vkn", "InvalidVkn"),
        ("address", "Required"),
        ("contact_phone", "InvalidPhone"),
    ]);
    assert_eq!(app.count("SELECT COUNT(*) FROM companies").await, 0);
    // Grouped digits are the same numbers.
    employer.call::<RegisterCompany>(&with("vkn", "454 053-6920")).await.ok();
    let mine = employer.call::<MyCompany>(NO_ARGS).await.ok().json();
    assert_eq!(mine["vkn"], VKN);
    assert_eq!(mine["contact_phone"], "+902125550000");
    // A pending company is not registered twice.
    employer.call::<RegisterCompany>(&company_form(VKN2, "İkinci")).await.assert_err("InvalidInput");
    assert_eq!(app.count("SELECT COUNT(*) FROM companies").await, 1);
}

/// Each employer sees only their own company; the queue shows every pending one.
#[tokio::test]
async fn employers_see_only_their_own_company() {
    let w = world().await;
    let rival = w.employer("ik@rakip.example").await;
    let pending = w.company(&rival, VKN2, "Rakip Yapı A.Ş.").await;
    let mine = w.employer.call::<MyCompany>(NO_ARGS).await.ok().json();
    assert_eq!(mine["id"].as_i64(), Some(w.company));
    assert_eq!(mine["status"], "verified");
    let theirs = rival.call::<MyCompany>(NO_ARGS).await.ok().json();
    assert_eq!(theirs["id"].as_i64(), Some(pending));
    assert_eq!(theirs["legal_name"], "Rakip Yapı A.Ş.");
    assert_ne!(pending, w.company);
    let queue = w.staff.call::<PendingCompanies>(NO_ARGS).await.ok().ids();
    assert_eq!(queue, vec![pending], "the verified company is not in the queue");
    // Deciding a company that does not exist: not found.
    w.staff.call::<DecideCompany>(&[("company_id", "999999"), ("decision", "verify")]).await.assert_err("NotFound");
}

/// A tax number (VKN) or MERSIS number that another registration holds is
/// not refused (the first to type it would block its real owner, and the
/// answer would say whose it is): staff see both records flagged, and decide.
#[tokio::test]
async fn a_taken_tax_number_is_flagged_to_staff_not_refused() {
    let app = TestApp::new().await;
    let staff = app.staff("staff@kopru.example").await;
    let first = app.employer("ik@anadolu.example").await;
    let rival = app.employer("ik@rakip.example").await;
    let third = app.employer("ik@ucuncu.example").await;
    first.call::<RegisterCompany>(&company_form(VKN, "Anadolu İnşaat")).await.ok();
    let first_id = first.call::<MyCompany>(NO_ARGS).await.ok().json()["id"].as_i64().unwrap();
    staff.call::<DecideCompany>(&[("company_id", first_id.to_string()), ("decision", "verify".into())]).await.ok();
    rival.call::<RegisterCompany>(&company_form(VKN, "Rakip İnşaat")).await.ok();
    let mut other_mersis = company_form(VKN2, "Üçüncü Tekstil");
    other_mersis.retain(|(k, _)| *k != "mersis");
    other_mersis.push(("mersis", "0381042155000019".into()));
    third.call::<RegisterCompany>(&other_mersis).await.ok();
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM companies WHERE vkn = '{VKN}'")).await, 2);

    let queue = staff.call::<PendingCompanies>(NO_ARGS).await.ok().items();
    let rival_row = queue.iter().find(|c| c["legal_name"] == "Rakip İnşaat").expect("the rival waits for staff");
    assert_eq!(
        rival_row["same_numbers"],
        json!([{"id": first_id, "legal_name": "Anadolu İnşaat", "status": "verified", "same_vkn": true, "same_mersis": true}])
    );
    let third_row = queue.iter().find(|c| c["legal_name"] == "Üçüncü Tekstil").unwrap();
    assert!(third_row.get("same_numbers").is_none(), "nothing in common: no flag");
    let page = staff.page("/staff/companies").await;
    assert!(page.body.contains("VKN va MERSIS raqami bir xil"), "the card says so");
    // The employer who typed the number learns nothing of the other registration.
    let own = rival.call::<MyCompany>(NO_ARGS).await.ok().json();
    assert!(own.get("same_numbers").is_none(), "{own}");
}

/// Every staff decision on a company or a vacancy reaches its employer as a
/// notification, in the same transaction as the decision; and the employer's
/// page says what to do while the company waits.
#[tokio::test]
async fn employers_hear_of_every_staff_decision() {
    let app = TestApp::new().await;
    let employer = app.employer("ik@firma.com.tr").await;
    let staff = app.staff("staff@kopru.example").await;
    let kinds =
        |items: Vec<Value>| -> Vec<String> { items.iter().map(|n| n["kind"].as_str().unwrap().to_string()).collect() };
    let page = employer.page("/employer/vacancies").await;
    assert!(page.body.contains("kompaniyangizni roʻyxatdan oʻtkazing"), "no company yet: register it first");
    employer.call::<RegisterCompany>(&company_form(VKN, "Ege Tekstil Ltd.")).await.ok();
    let page = employer.page("/employer/vacancies").await;
    assert!(page.body.contains("Kompaniyangiz tekshirilmoqda."), "waiting for verification");
    assert!(!page.body.contains("href=\"/employer/vacancies/new\""), "no form before the company may post");

    let company_id = employer.call::<MyCompany>(NO_ARGS).await.ok().json()["id"].clone();
    staff.call::<DecideCompany>(&[("company_id", company_id.to_string()), ("decision", "verify".into())]).await.ok();
    assert_eq!(kinds(employer.call::<MyNotifications>(NO_ARGS).await.ok().items()), ["companyverified"]);
    assert!(employer.page("/employer/vacancies").await.body.contains("href=\"/employer/vacancies/new\""));

    employer.call::<SaveVacancy>(&VacancySpec::new("Dokuma ustası")).await.ok();
    let id = employer.call::<MyVacancies>(NO_ARGS).await.ok().ids()[0];
    let review = |decision: &'static str, reason: &'static str| {
        vec![("vacancy_id", id.to_string()), ("decision", decision.to_string()), ("reason", reason.to_string())]
    };
    staff.call::<ReviewVacancy>(&review("return", "conditionsmissing")).await.ok();
    employer.call::<SaveVacancy>(&VacancySpec::new("Dokuma ustası, brüt ücret").editing(id)).await.ok();
    staff.call::<ReviewVacancy>(&review("publish", "")).await.ok();
    let got = employer.call::<MyNotifications>(NO_ARGS).await.ok().items();
    assert_eq!(kinds(got.clone()), ["vacancypublished", "vacancyreturned", "companyverified"], "newest first");
    assert!(got[0]["occupation_id"].as_i64().is_some(), "names the job");
    assert!(got[2]["occupation_id"].is_null(), "a company decision is about no job");
    assert_eq!(got[0]["company_name"], "Ege Tekstil Ltd.");
    // A refused decision (no reason) tells no one.
    employer.call::<SaveVacancy>(&VacancySpec::new("Örgü ustası")).await.ok();
    let second = employer.call::<MyVacancies>(NO_ARGS).await.ok().ids()[0];
    staff
        .call::<ReviewVacancy>(&[("vacancy_id", second.to_string()), ("decision", "reject".into())])
        .await
        .assert_err("ReasonRequired");
    assert_eq!(employer.call::<MyNotifications>(NO_ARGS).await.ok().items().len(), 3);
    let page = employer.page("/notifications").await;
    assert!(page.body.contains("Vakansiyangiz eʼlon qilindi"), "{}", page.body);
}
