//! Applications over HTTP (F2.5–F2.7): applying, the stages and who moves
//! them, the history, hiring (and the vacancy closing when full), and
//! notifications. They run on SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use common::*;

const PERMIT: &str = "2026-ÇİB-123456";

/// Interview and offer by the employer of a forwarded application, the
/// migrant's acceptance, and the hire.
async fn hire(w: &World, migrant: &Actor, application: i64) {
    w.move_app(&w.employer, application, "interview").await.ok();
    w.move_app(&w.employer, application, "offer").await.ok();
    w.move_app(migrant, application, "accepted").await.ok();
    let start = ymd(70);
    w.employer
        .call::<MoveApplication>(&[
            ("application_id", application.to_string()),
            ("to", "hired".into()),
            ("work_permit_no", PERMIT.into()),
            ("start_date", start),
        ])
        .await
        .ok();
}

#[tokio::test]
async fn application_journey_with_history_notifications_and_refusals() {
    let w = world().await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
    let on_vacancy = [("vacancy_id", vid.to_string())];
    // Only migrants apply, once.
    w.employer.call::<Apply>(&on_vacancy).await.assert_err("Forbidden");
    w.staff.call::<Apply>(&on_vacancy).await.assert_err("Forbidden");
    w.anonymous().call::<Apply>(&on_vacancy).await.assert_err("NotSignedIn");
    // A migrant without a profile is asked for it first; nothing is stored.
    w.migrant.call::<Apply>(&on_vacancy).await.assert_err("ProfileRequired");
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM applications WHERE vacancy_id = {vid}")).await, 0);
    let back = w.migrant.form_post::<Apply>(&on_vacancy, &format!("/vacancies/{vid}")).await;
    assert_eq!(back.header("location"), Some(format!("/vacancies/{vid}?error=profile_required").as_str()));
    let page = w.migrant.page(&format!("/vacancies/{vid}?error=profile_required")).await;
    assert!(page.body.contains(&format!("href=\"/profile?next=%2Fvacancies%2F{vid}\"")), "leads to the profile");
    let aid = w.application(&w.migrant, vid).await;
    w.migrant.call::<Apply>(&on_vacancy).await.assert_err("AlreadyApplied");
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM applications WHERE vacancy_id = {vid}")).await, 1);
    assert_eq!(w.stage(aid).await, "submitted");
    let get = [("id", aid.to_string())];
    // How long it takes: the target of the staff's queue (72 hours by default), in words.
    assert_eq!(w.migrant.get::<GetApplication>(&get).await.ok().json()["review_within_hours"], 72);
    let page = w.migrant.page(&format!("/applications/{aid}")).await;
    assert!(page.body.contains("koʻpi bilan shu muddatda koʻrib chiqadi: 3 kun"), "{}", page.body);

    // The employer sees nothing before staff forward it.
    w.employer.get::<GetApplication>(&get).await.assert_err("NotFound");
    assert!(w.employer.call::<ListApplications>(NO_ARGS).await.ok().items().is_empty());
    w.move_app(&w.employer, aid, "interview").await.assert_err("NotFound");
    // Skipping screening is refused; a migrant cannot screen.
    w.move_app(&w.staff, aid, "forwarded").await.assert_err("InvalidInput");
    w.move_app(&w.migrant, aid, "screening").await.assert_err("Forbidden");
    w.move_app(&w.staff, aid, "nowhere").await.assert_err("InvalidInput");
    assert_eq!(w.stage(aid).await, "submitted", "refused moves moved nothing");
    w.move_app(&w.staff, aid, "screening").await.ok();
    w.move_app(&w.staff, aid, "forwarded").await.ok();
    assert_eq!(w.stage(aid).await, "forwarded");

    // Another company's employer (verified) and another migrant: refused, no data.
    let other_employer = w.employer("ik@rakip.example").await;
    w.verified_company(&other_employer).await;
    let other_migrant = w.migrant("+905321234567").await;
    for (actor, to) in [(&other_employer, "interview"), (&other_migrant, "withdrawn")] {
        let r = actor.get::<GetApplication>(&get).await;
        r.assert_err("NotFound");
        assert!(!r.body.contains("+998901234567"));
        assert!(actor.call::<ListApplications>(NO_ARGS).await.ok().items().is_empty());
        w.move_app(actor, aid, to).await.assert_err("NotFound");
    }
    assert_eq!(w.stage(aid).await, "forwarded");

    // The employer now sees the candidate (name and phone, nothing more).
    let seen = w.employer.get::<GetApplication>(&get).await.ok().json();
    assert_eq!(seen["candidate_phone"], "+998901234567");
    assert_eq!(seen["vacancy_id"].as_i64(), Some(vid));
    assert!(seen.get("passport").is_none() && !seen.to_string().to_lowercase().contains("passport"));
    assert_eq!(w.employer.call::<ListApplications>(NO_ARGS).await.ok().ids(), vec![aid]);
    w.move_app(&w.staff, aid, "interview").await.assert_err("Forbidden");
    w.move_app(&w.employer, aid, "offer").await.assert_err("InvalidInput");
    w.move_app(&w.employer, aid, "interview").await.ok();
    w.move_app(&w.employer, aid, "offer").await.ok();
    let start = ymd(70);
    let permit = [("work_permit_no", PERMIT.to_string()), ("start_date", start.clone())];
    // Hiring waits for the migrant to accept the offer; only the migrant accepts.
    w.move_app_with(&w.employer, aid, "hired", &permit).await.assert_err("InvalidInput");
    w.move_app(&w.employer, aid, "accepted").await.assert_err("Forbidden");
    w.move_app(&w.migrant, aid, "accepted").await.ok();
    // Hired needs the work-permit application number and start date.
    w.move_app(&w.employer, aid, "hired")
        .await
        .assert_fields(&[("work_permit_no", "Required"), ("start_date", "InvalidDate")]);
    w.employer
        .call::<MoveApplication>(&[
            ("application_id", aid.to_string()),
            ("to", "hired".into()),
            ("work_permit_no", PERMIT.into()),
            ("start_date", "soon".into()),
        ])
        .await
        .assert_err("InvalidDate");
    assert_eq!(w.stage(aid).await, "accepted");
    w.employer
        .call::<MoveApplication>(&[
            ("application_id", aid.to_string()),
            ("to", "hired".into()),
            ("work_permit_no", PERMIT.into()),
            ("start_date", start.clone()),
        ])
        .await
        .ok();
    w.move_app(&w.migrant, aid, "withdrawn").await.assert_err("InvalidInput");
    assert_eq!(w.vacancy_as(&w.employer, vid).await.ok().json()["filled"], 1);

    // The migrant reads the whole history.
    let mine = w.migrant.get::<GetApplication>(&get).await.ok().json();
    let stages: Vec<&str> = mine["history"].as_array().unwrap().iter().map(|e| e["to"].as_str().unwrap()).collect();
    assert_eq!(stages, ["submitted", "screening", "forwarded", "interview", "offer", "accepted", "hired"]);
    let roles: Vec<&str> =
        mine["history"].as_array().unwrap().iter().map(|e| e["actor_role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["migrant", "staff", "staff", "employer", "employer", "migrant", "employer"]);
    assert_eq!(mine["work_permit_no"], PERMIT);
    assert_eq!(mine["start_date"], start.as_str());
    assert_eq!(mine["stage"], "hired");
    // Notifications: the migrant for every change (their own application included); the employer for the
    // candidate, besides the company's verification and the vacancy's publication.
    assert_eq!(w.migrant.unread().await, 6);
    assert_eq!(w.employer.unread().await, 4, "verified, published, the candidate, the acceptance");
    let page = w.employer.page("/notifications").await;
    assert!(page.body.contains("Nomzod ish taklifingizni qabul qildi"), "the acceptance in words");
    assert!(page.body.contains("Vakansiyangizga yangi nomzod yuborildi"), "the candidate");
    assert_eq!(other_migrant.unread().await, 0);
    w.migrant.call::<MarkNotificationsRead>(NO_ARGS).await.ok();
    assert_eq!(w.migrant.unread().await, 0);
    assert_eq!(w.employer.unread().await, 4, "the employer's stay unread");
    // The history page in Uzbek.
    let page = w.migrant.page(&format!("/applications/{aid}")).await;
    assert!(page.body.contains("Ishga qabul qilindi"), "stage names in Uzbek");
}

#[tokio::test]
async fn withdrawal_and_refusal_reasons() {
    let w = world().await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
    let aid = w.application(&w.migrant, vid).await;
    w.move_app(&w.staff, aid, "screening").await.ok();
    w.move_app_with(&w.staff, aid, "rejected", &[]).await.assert_err("ReasonRequired");
    // A reason from another decision's list, or "other" without a note: refused too.
    w.move_app_with(&w.staff, aid, "rejected", &[("reason", "feeasked".into())]).await.assert_err("ReasonRequired");
    w.move_app_with(&w.staff, aid, "rejected", &[("reason", "other".into())])
        .await
        .assert_fields(&[("reason_note", "Required")]);
    assert_eq!(
        w.count(&format!("SELECT COUNT(*) FROM application_events WHERE application_id = {aid}")).await,
        2,
        "a refused move writes no history"
    );
    w.move_app(&w.migrant, aid, "withdrawn").await.ok();
    let mine = w.migrant.get::<GetApplication>(&[("id", aid.to_string())]).await.ok().json();
    assert_eq!(mine["stage"], "withdrawn");
    // Final: nothing moves it any more.
    w.move_app(&w.staff, aid, "forwarded").await.assert_err("InvalidInput");
    w.move_app(&w.migrant, aid, "withdrawn").await.assert_err("InvalidInput");
    let page = w.migrant.page(&format!("/applications/{aid}")).await;
    assert!(
        page.body.contains("Vakansiya hali ochiq boʻlsa, unga qayta ariza topshirishingiz mumkin."),
        "what it means"
    );

    // While the vacancy is open, the migrant may apply again: the same
    // application, back at the start, with both steps in its history.
    let on_vacancy = [("vacancy_id", vid.to_string())];
    w.migrant.call::<Apply>(&on_vacancy).await.ok();
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM applications WHERE vacancy_id = {vid}")).await, 1);
    assert_eq!(w.stage(aid).await, "submitted");
    let history = w.migrant.get::<GetApplication>(&[("id", aid.to_string())]).await.ok().json()["history"].clone();
    let steps: Vec<(Value, Value)> =
        history.as_array().unwrap().iter().map(|e| (e["from"].clone(), e["to"].clone())).collect();
    assert_eq!(steps.last(), Some(&(json!("withdrawn"), json!("submitted"))), "{history}");
    let page = w.migrant.page(&format!("/applications/{aid}")).await;
    assert!(page.body.contains("Qayta ariza topshirildi"), "{}", page.body);
    w.migrant.call::<Apply>(&on_vacancy).await.assert_err("AlreadyApplied");
    // Withdrawing asks first, in words, before the form that does it.
    let page = w.migrant.page(&format!("/applications/{aid}")).await;
    assert!(page.body.contains(&format!("href=\"/applications/{aid}?withdraw=1\"")));
    assert!(page.body.contains("Arizani qaytarib olish"));
    assert!(!page.body.contains("name=\"to\" value=\"withdrawn\""), "no one-tap withdrawal");
    let confirm = w.migrant.page(&format!("/applications/{aid}?withdraw=1")).await;
    assert!(confirm.body.contains("Ha, qaytarib olaman") && confirm.body.contains("name=\"to\" value=\"withdrawn\""));

    // A refusal with its reason from the list and a note, which the migrant
    // reads: the reason in their language, the note in its writer's, labelled.
    let other = w.migrant("+998935551122").await;
    let bid = w.application(&other, vid).await;
    w.move_app(&w.staff, bid, "screening").await.ok();
    let reason = [("reason", "turkishshort".to_string()), ("reason_note", "A2 seviyesi isteniyor".to_string())];
    w.move_app_with(&w.staff.in_turkish(), bid, "rejected", &reason).await.ok();
    let theirs = other.get::<GetApplication>(&[("id", bid.to_string())]).await.ok().json();
    assert_eq!(theirs["stage"], "rejected");
    let last = theirs["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["reason_code"], "turkishshort");
    assert_eq!(last["reason"], "A2 seviyesi isteniyor");
    assert_eq!(last["reason_lang"], "tr", "the language the staff member wrote in");
    assert_eq!(last["actor_role"], "staff");
    let page = other.page(&format!("/applications/{bid}")).await;
    assert!(page.body.contains("Turk tili darajasi vakansiya talabiga yetmaydi"), "the reason in Uzbek");
    let at = page.body.find("A2 seviyesi").expect("the note");
    let near = &page.body[at - 300..at + 40];
    assert!(near.contains("(turkcha yozilgan)") && near.contains("lang=\"tr\""), "{near}");
}

/// Hiring for the last open position closes the vacancy: out of search, no
/// more applications. With positions left it stays open.
#[tokio::test]
async fn hiring_the_last_position_closes_the_vacancy() {
    let w = world().await;
    let single = w.published_vacancy(&w.employer, &VacancySpec::new("Tek kişilik ilan").positions("1")).await;
    let double = w.published_vacancy(&w.employer, &VacancySpec::new("İki kişilik ilan").positions("2")).await;
    let other = w.migrant("+998935551122").await;
    let waiting = w.application(&other, single).await;
    for vid in [single, double] {
        let aid = w.application(&w.migrant, vid).await;
        w.forward(aid).await;
        hire(&w, &w.migrant, aid).await;
    }
    let full = w.vacancy_as(&w.employer, single).await.ok().json();
    assert_eq!(full["status"], "closed");
    assert_eq!(full["filled"], 1);
    let open = w.vacancy_as(&w.employer, double).await.ok().json();
    assert_eq!(open["status"], "published");
    assert_eq!(open["filled"], 1);
    assert_eq!(w.search("").await, vec![double], "the full one left the search");
    let page = w.anonymous().page("/vacancies").await;
    assert_eq!(vacancy_links(&page.body), vec![double.to_string()]);
    w.anonymous().get::<GetVacancy>(&[("id", single.to_string())]).await.assert_err("NotFound");
    let late = w.migrant("+998935551133").await;
    late.call::<SaveProfile>(&profile_form("")).await.ok();
    late.call::<Apply>(&[("vacancy_id", single.to_string())]).await.assert_err("NotFound");
    late.call::<Apply>(&[("vacancy_id", double.to_string())]).await.ok();
    // The other candidate's application is untouched.
    assert_eq!(w.stage(waiting).await, "submitted");
    // close_expired has nothing left to close for it.
    let today = chrono::Utc::now().date_naive();
    assert_eq!(app::vacancies::service::close_expired(&w.db, today).await.unwrap(), 0);
}

/// The hire that would go beyond the positions is refused and changes nothing;
/// two hires at once both count.
#[tokio::test]
async fn hires_never_go_beyond_the_positions() {
    let w = world().await;
    let hired = |aid: i64| {
        [
            ("application_id", aid.to_string()),
            ("to", "hired".to_string()),
            ("work_permit_no", PERMIT.to_string()),
            ("start_date", ymd(70)),
        ]
    };
    let at_offer = |vid: i64, phone: &'static str| {
        let w = &w;
        async move {
            let m = w.migrant(phone).await;
            let aid = w.application(&m, vid).await;
            w.forward(aid).await;
            w.move_app(&w.employer, aid, "interview").await.ok();
            w.move_app(&w.employer, aid, "offer").await.ok();
            w.move_app(&m, aid, "accepted").await.ok();
            aid
        }
    };
    // One position, two candidates at the offer.
    let single = w.published_vacancy(&w.employer, &VacancySpec::new("Tek kişilik ilan").positions("1")).await;
    let (a, b) = (at_offer(single, "+998935550001").await, at_offer(single, "+998935550002").await);
    w.employer.call::<MoveApplication>(&hired(a)).await.ok();
    w.employer.call::<MoveApplication>(&hired(b)).await.assert_err("VacancyFull");
    assert_eq!(w.stage(b).await, "accepted", "the refused hire moved nothing");
    let v = w.vacancy_as(&w.employer, single).await.ok().json();
    assert_eq!((v["filled"].as_i64(), v["status"].as_str()), (Some(1), Some("closed")));

    // Two positions, two hires sent at the same moment: both count.
    let double = w.published_vacancy(&w.employer, &VacancySpec::new("İki kişilik ilan").positions("2")).await;
    let (c, d) = (at_offer(double, "+998935550003").await, at_offer(double, "+998935550004").await);
    let (hc, hd) = (hired(c), hired(d));
    let (rc, rd) = tokio::join!(w.employer.call::<MoveApplication>(&hc), w.employer.call::<MoveApplication>(&hd));
    rc.ok();
    rd.ok();
    let v = w.vacancy_as(&w.employer, double).await.ok().json();
    assert_eq!((v["filled"].as_i64(), v["status"].as_str()), (Some(2), Some("closed")));

    // The last position, two hires at the same moment: exactly one gets it, the other is
    // told it is full (never a 500), and nothing counts twice.
    let last = w.published_vacancy(&w.employer, &VacancySpec::new("Son pozisyon").positions("1")).await;
    let (e, f) = (at_offer(last, "+998935550005").await, at_offer(last, "+998935550006").await);
    let (he, hf) = (hired(e), hired(f));
    let (re, rf) = tokio::join!(w.employer.call::<MoveApplication>(&he), w.employer.call::<MoveApplication>(&hf));
    let mut statuses = [re.status.as_u16(), rf.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", re.body, rf.body);
    let refused = if re.status.is_success() { rf } else { re };
    refused.assert_err("VacancyFull");
    let v = w.vacancy_as(&w.employer, last).await.ok().json();
    assert_eq!((v["filled"].as_i64(), v["status"].as_str()), (Some(1), Some("closed")));
    let hires =
        w.count(&format!("SELECT COUNT(*) FROM applications WHERE vacancy_id = {last} AND stage = 'hired'")).await;
    assert_eq!(hires, 1);
}

/// Each person reads only their own notifications, and marking them read
/// touches no one else's.
#[tokio::test]
async fn notifications_are_personal_and_marked_read_one_person_at_a_time() {
    let w = world().await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
    let other = w.migrant("+998935551122").await;
    let aid = w.application(&w.migrant, vid).await;
    let bid = w.application(&other, vid).await;
    w.forward(aid).await;

    // The employer's desk counts the forwarded candidate only (the other one is still with staff).
    let desk = w.employer.call::<EmployerDesk>(NO_ARGS).await.ok().json();
    assert_eq!(desk["candidates"], json!([[vid, 1]]));
    let unread_of = |id: i64| format!("SELECT COUNT(*) FROM notifications WHERE user_id = {id} AND read_at IS NULL");
    let mine = w.migrant.call::<MyNotifications>(NO_ARGS).await.ok().items();
    let stages: Vec<&str> = mine.iter().map(|n| n["stage"].as_str().unwrap()).collect();
    assert_eq!(stages, ["forwarded", "screening", "submitted"], "newest first");
    assert!(mine
        .iter()
        .all(|n| n["kind"] == "stage" && n["application_id"].as_i64() == Some(aid) && n["read"] == false));
    // Each names the job and the company.
    let company = w.text("SELECT c.legal_name FROM companies c JOIN vacancies v ON v.company_id = c.id WHERE v.id = (SELECT vacancy_id FROM applications WHERE id = 1)").await;
    assert!(mine
        .iter()
        .all(|n| n["occupation_id"].as_i64().is_some() && n["company_name"].as_str() == company.as_deref()));
    let page = w.migrant.page("/notifications").await;
    let about = format!("<strong class=\"about\">Gʻisht teruvchi (bino quruvchi) — {}", company.unwrap());
    assert!(page.body.contains(&about), "{about} in {}", page.body);
    let theirs = other.call::<MyNotifications>(NO_ARGS).await.ok().items();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0]["application_id"].as_i64(), Some(bid));
    let employer = w.employer.call::<MyNotifications>(NO_ARGS).await.ok().items();
    let kinds: Vec<&str> = employer.iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["candidate", "vacancypublished", "companyverified"]);
    assert_eq!(employer[0]["stage"], "forwarded");
    assert_eq!(employer[0]["application_id"].as_i64(), Some(aid));
    assert!(w.staff.call::<MyNotifications>(NO_ARGS).await.ok().items().is_empty());
    assert_eq!(w.count(&unread_of(w.migrant.id())).await, 3);
    assert_eq!(w.count(&unread_of(other.id())).await, 1);
    assert_eq!(w.count(&unread_of(w.employer.id())).await, 3);
    let total = w.count("SELECT COUNT(*) FROM notifications").await;

    w.migrant.call::<MarkNotificationsRead>(NO_ARGS).await.ok();
    assert_eq!(w.count(&unread_of(w.migrant.id())).await, 0);
    assert_eq!(w.count(&unread_of(other.id())).await, 1, "another migrant's are untouched");
    assert_eq!(w.count(&unread_of(w.employer.id())).await, 3, "the employer's are untouched");
    assert_eq!(w.count("SELECT COUNT(*) FROM notifications").await, total, "marked, not deleted");
    assert!(w.migrant.call::<MyNotifications>(NO_ARGS).await.ok().items().iter().all(|n| n["read"] == true));
    assert_eq!(other.unread().await, 1);
    // Staff marking "theirs" read changes nobody's.
    w.staff.call::<MarkNotificationsRead>(NO_ARGS).await.ok();
    assert_eq!(w.count("SELECT COUNT(*) FROM notifications WHERE read_at IS NULL").await, 4);
    // A new event is unread again.
    w.move_app(&w.employer, aid, "interview").await.ok();
    assert_eq!(w.migrant.unread().await, 1);
    assert_eq!(w.anonymous().unread().await, 0);
    w.anonymous().call::<MarkNotificationsRead>(NO_ARGS).await.assert_err("NotSignedIn");
    w.anonymous().call::<MyNotifications>(NO_ARGS).await.assert_err("NotSignedIn");
}

/// Lists never return a row that the single-row check would refuse: the
/// employer's candidates are only forwarded ones of its own vacancies; staff
/// see the screening queue.
#[tokio::test]
async fn application_lists_follow_the_row_checks() {
    let w = world().await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Usta")).await;
    let rival = w.employer("ik@rakip.example").await;
    w.verified_company(&rival).await;
    let rival_vid = w.published_vacancy(&rival, &VacancySpec::new("Rakip ilanı")).await;
    let aid = w.application(&w.migrant, vid).await;
    let rid = w.application(&w.migrant, rival_vid).await;
    assert!(w.employer.call::<ListApplications>(NO_ARGS).await.ok().items().is_empty(), "submitted, not yet forwarded");
    let mut queue = w.staff.call::<ListApplications>(NO_ARGS).await.ok().ids();
    queue.sort();
    assert_eq!(queue, vec![aid, rid]);
    w.forward(aid).await;
    w.forward(rid).await;
    assert_eq!(w.employer.call::<ListApplications>(NO_ARGS).await.ok().ids(), vec![aid]);
    assert_eq!(rival.call::<ListApplications>(NO_ARGS).await.ok().ids(), vec![rid]);
    assert!(w.staff.call::<ListApplications>(NO_ARGS).await.ok().items().is_empty(), "forwarded left the queue");
    let mut mine = w.migrant.call::<ListApplications>(NO_ARGS).await.ok().ids();
    mine.sort();
    assert_eq!(mine, vec![aid, rid]);
    rival.get::<GetApplication>(&[("id", aid.to_string())]).await.assert_err("NotFound");
    w.employer.get::<GetApplication>(&[("id", rid.to_string())]).await.assert_err("NotFound");
}

/// Without JavaScript, applying is a plain form: success goes on to the
/// application, a refusal back to the vacancy's page with the error named.
#[tokio::test]
async fn applying_works_as_a_plain_form() {
    let w = world().await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Duvar ustası")).await;
    let form = [("vacancy_id", vid.to_string())];
    let from = format!("/vacancies/{vid}");
    w.migrant.call::<SaveProfile>(&profile_form("")).await.ok();
    let r = w.migrant.form_post::<Apply>(&form, &from).await;
    assert_eq!(r.status, http::StatusCode::FOUND, "{}", r.body);
    let aid = w.migrant.call::<ListApplications>(NO_ARGS).await.ok().ids()[0];
    assert_eq!(r.header("location"), Some(format!("/applications/{aid}").as_str()));
    let again = w.migrant.form_post::<Apply>(&form, &from).await;
    assert_eq!(again.status, http::StatusCode::FOUND);
    assert_eq!(again.header("location"), Some(format!("{from}?error=already_applied").as_str()));
    let employer = w.employer.form_post::<Apply>(&form, &from).await;
    assert_eq!(employer.header("location"), Some(format!("{from}?error=forbidden").as_str()));
    assert_eq!(w.count("SELECT COUNT(*) FROM applications").await, 1);
    // The page names the error.
    let page = w.migrant.page(&format!("{from}?error=already_applied")).await;
    assert_eq!(page.status, http::StatusCode::OK);
    assert!(page.body.contains("Siz bu vakansiyaga allaqachon ariza topshirgansiz."), "the message is shown");
}
