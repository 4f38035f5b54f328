//! Every text a server function accepts has a limit on the server: a value far
//! beyond it is refused with `TextTooLong` on its own field (free texts) or the
//! field's own error (numbers, phones, dates), changes nothing, and is never a
//! 500 — PostgreSQL refused the too-long ones of its `varchar` columns with one.

mod common;
use common::*;

/// Far beyond every limit (the longest is 5,000 characters), and in letters
/// of two bytes, so that a limit counted in bytes would not pass either.
fn long() -> String {
    "ş".repeat(20_000)
}

/// `form` with `field` replaced by a long value.
fn with_long(form: &[(&'static str, String)], field: &str) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = form.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    f.retain(|(k, _)| k != field);
    f.push((field.to_string(), long()));
    f
}

#[track_caller]
fn too_long(r: &Reply, field: &str) {
    assert_ne!(r.status.as_u16(), 500, "{field}: {}", r.body);
    assert_eq!(r.refusals(), vec![(field.to_string(), "TextTooLong".to_string())], "{field}: {}", r.body);
}

#[tokio::test]
async fn free_texts_are_refused_beyond_their_limit() {
    let w = world().await;
    let anon = w.anonymous();

    let sign_up = [
        ("name", "Aziz".to_string()),
        ("phone", "+998901112233".into()),
        ("password", PASSWORD.into()),
        ("consent", "yes".into()),
    ];
    too_long(&anon.call::<SignUpMigrant>(&with_long(&sign_up, "name")).await, "name");

    let profile = profile_form("AC1234567");
    for field in ["full_name", "certificates"] {
        too_long(&w.migrant.call::<SaveProfile>(&with_long(&profile, field)).await, field);
    }

    let newcomer = w.employer("ik@yeni.example").await;
    let company = company_form(&vkn(77), "Yeni İnşaat");
    for field in ["legal_name", "address", "contact_person"] {
        too_long(&newcomer.call::<RegisterCompany>(&with_long(&company, field)).await, field);
    }
    assert_eq!(w.count("SELECT COUNT(*) FROM companies").await, 1, "nothing stored");

    let vacancy: Vec<(&'static str, String)> = VacancySpec::new("Duvar ustası")
        .pairs()
        .into_iter()
        .map(|(k, v)| (Box::leak(k.into_boxed_str()) as &'static str, v))
        .collect();
    for field in ["text_tr", "text_uz", "district"] {
        too_long(&w.employer.call::<SaveVacancy>(&with_long(&vacancy, field)).await, field);
    }
    let project = [
        ("name", "Gebze konutları".to_string()),
        ("description_tr", "Konut projesi".into()),
        ("province_id", "41".into()),
    ];
    for field in ["name", "description_tr", "description_uz"] {
        too_long(&w.employer.call::<SaveProject>(&with_long(&project, field)).await, field);
    }

    // Staff decisions: the reason's note, the Uzbek text staff supply.
    let submitted = w.vacancy(&w.employer, &VacancySpec::new("Sıva ustası").without_uz()).await;
    let returning =
        [("vacancy_id", submitted.to_string()), ("decision", "return".to_string()), ("reason", "other".into())];
    too_long(&w.staff.call::<ReviewVacancy>(&with_long(&returning, "reason_note")).await, "reason_note");
    let publishing = [("vacancy_id", submitted.to_string()), ("decision", "publish".to_string())];
    too_long(&w.staff.call::<ReviewVacancy>(&with_long(&publishing, "text_uz")).await, "text_uz");
    let pending = w.employer("ik@bekleyen.example").await;
    pending.call::<RegisterCompany>(&company_form(&vkn(78), "Bekleyen Ltd")).await.ok();
    let pending_id = pending.call::<MyCompany>(NO_ARGS).await.ok().json()["id"].as_i64().unwrap();
    let rejecting =
        [("company_id", pending_id.to_string()), ("decision", "reject".to_string()), ("reason", "other".into())];
    too_long(&w.staff.call::<DecideCompany>(&with_long(&rejecting, "reason_note")).await, "reason_note");

    // An application's moves: the interview's place and contact, a refusal's note.
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Kalıpçı")).await;
    let aid = w.application(&w.migrant, vid).await;
    w.forward(aid).await;
    let interview: Vec<(&'static str, String)> = [("application_id", aid.to_string()), ("to", "interview".to_string())]
        .into_iter()
        .chain(move_details("interview"))
        .collect();
    for field in ["interview_place", "interview_contact"] {
        too_long(&w.employer.call::<MoveApplication>(&with_long(&interview, field)).await, field);
    }
    let decline = [("application_id", aid.to_string()), ("to", "declined".to_string()), ("reason", "other".into())];
    too_long(&w.employer.call::<MoveApplication>(&with_long(&decline, "reason_note")).await, "reason_note");
    assert_eq!(w.stage(aid).await, "forwarded", "nothing moved");

    let admin = w.admin("admin@kopru.example").await;
    let staff_account = [
        ("name", "Yangi xodim".to_string()),
        ("email", "yangi@kopru.example".into()),
        ("role", "staff".into()),
        ("password", PASSWORD.into()),
    ];
    too_long(&admin.call::<CreateStaffAccount>(&with_long(&staff_account, "name")).await, "name");
}

/// Fields with a shape (phones, e-mail addresses, codes, numbers, dates, paths)
/// refuse a long value as not of that shape: a 4xx, never a 500.
#[tokio::test]
async fn shaped_fields_refuse_long_values_without_a_500() {
    let w = world().await;
    let anon = w.anonymous();
    let cases: Vec<Reply> = vec![
        anon.call::<SignIn>(&[("login", long()), ("password", PASSWORD.into())]).await,
        anon.call::<SignIn>(&[("login", "+998901234567".into()), ("password", long())]).await,
        anon.call::<SignUpEmployer>(&[
            ("name", "Ayşe".into()),
            ("email", format!("{}@firma.example", long())),
            ("password", PASSWORD.into()),
            ("consent", "yes".into()),
        ])
        .await,
        anon.call::<RequestReset>(&[("login", long())]).await,
        anon.call::<ResetPassword>(&[("code", long()), ("new_password", "yangi-parol-2026".into())]).await,
        anon.call::<VerifyAccount>(&[("code", long())]).await,
        w.migrant
            .call::<ChangePassword>(&[("current_password", long()), ("new_password", "yangi-parol-2026".into())])
            .await,
        w.staff.call::<UpdateContact>(&[("kind", "hotline".into()), ("phone", long())]).await,
        w.staff.call::<SetMinimumWage>(&[("amount", long()), ("valid_from", ymd(10))]).await,
        anon.call::<SetLanguage>(&[("lang", long()), ("next", "/".into())]).await,
    ];
    for r in cases {
        assert!(r.status.is_client_error(), "{}: {}", r.status, r.body);
    }
    // A long `next` is no path on this site: the sign-in goes where the role's work is.
    let r = anon
        .call::<SignIn>(&[
            ("login", w.migrant.login().to_string()),
            ("password", PASSWORD.into()),
            ("next", format!("/{}", long())),
        ])
        .await;
    let r = r.ok();
    let to = r.header("location").unwrap_or_default();
    assert!(to.len() < 100, "{to}");
}
