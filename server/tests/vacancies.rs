//! Vacancies over HTTP (F2.2–F2.4): the rules checked on the server, review
//! and visibility, search (folding, filters, the HTML page), closing, and
//! projects. They run on SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use app::vacancies::VacancySummary;
use common::*;
use http::StatusCode;

#[tokio::test]
async fn vacancy_rules_are_enforced_on_the_server() {
    let w = world().await;
    let usta = || VacancySpec::new("Usta").positions("2");
    let mut wrong_sector = usta();
    wrong_sector.sector = "2".into();
    let mut long_hours = usta();
    long_hours.hours_per_week = "80".into();
    let mut level = usta();
    level.turkish_level = "c2".into();
    for (spec, field, want) in [
        (usta().wage("33029,99"), "wage", "WageBelowMinimum"),
        (usta().positions("0"), "positions", "InvalidPositions"),
        (usta().positions("1001"), "positions", "InvalidPositions"),
        (usta().dates(&ymd(-1), &ymd(60)), "closing_date", "ClosingDateInPast"),
        (usta().dates(&ymd(40), &ymd(30)), "start_date", "StartBeforeClosing"),
        (usta().dates("30.12.2026", &ymd(60)), "closing_date", "InvalidDate"),
        (VacancySpec::new("   ").positions("2"), "text_tr", "TextRequired"),
        (long_hours, "hours_per_week", "OutOfRange"),
    ] {
        let r = w.employer.call::<SaveVacancy>(&spec).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{want}: {}", r.body);
        r.assert_fields(&[(field, want)]);
    }
    // What no form offers (a province or sector outside the lists, an unknown level): refused as a whole.
    for (spec, want) in
        [(usta().province("99"), "InvalidInput"), (wrong_sector, "InvalidInput"), (level, "InvalidInput")]
    {
        w.employer.call::<SaveVacancy>(&spec).await.assert_err(want);
    }
    // Every refused field at once.
    let mut all = VacancySpec::new(" ").positions("0").wage("1000").dates(&ymd(-1), "later");
    all.hours_per_week = "x".into();
    w.employer.call::<SaveVacancy>(&all).await.assert_fields(&[
        ("hours_per_week", "OutOfRange"),
        ("positions", "InvalidPositions"),
        ("wage", "WageBelowMinimum"),
        ("start_date", "InvalidDate"),
        ("closing_date", "ClosingDateInPast"),
        ("text_tr", "TextRequired"),
    ]);
    assert_eq!(w.count("SELECT COUNT(*) FROM vacancies").await, 0);
    assert!(w.employer.call::<MyVacancies>(NO_ARGS).await.ok().items().is_empty());
    // Exactly the 2026 minimum wage is legal.
    let id = w.vacancy(&w.employer, &usta().wage("33.030")).await;
    let v = w.vacancy_as(&w.employer, id).await.ok().json();
    assert_eq!(v["wage_kurus"], MINIMUM_WAGE_2026);
    assert_eq!(v["status"], "submitted");
    assert_eq!(v["positions"], 2);
    // Migrants and staff cannot post.
    for actor in [&w.migrant, &w.staff] {
        actor.call::<SaveVacancy>(&usta()).await.assert_err("Forbidden");
    }
    w.anonymous().call::<SaveVacancy>(&usta()).await.assert_err("NotSignedIn");
    assert_eq!(w.count("SELECT COUNT(*) FROM vacancies").await, 1);
}

/// A wage that is not an amount of lira is named as such, not as "below the
/// minimum wage".
// fails until the lead's fix
#[tokio::test]
async fn a_wage_that_is_not_a_number_is_invalid_wage() {
    let w = world().await;
    for wage in ["abc", "35 bin", "", "35.000,5x"] {
        let r = w.employer.call::<SaveVacancy>(&VacancySpec::new("Usta").wage(wage)).await;
        r.assert_err("InvalidWage");
    }
    assert_eq!(w.count("SELECT COUNT(*) FROM vacancies").await, 0);
}

/// With no minimum wage in force today, a vacancy cannot be checked against
/// it, so it is refused (not silently compared with 0).
// fails until the lead's fix
#[tokio::test]
async fn without_a_minimum_wage_on_record_vacancies_are_refused() {
    let w = world().await;
    w.exec("DELETE FROM minimum_wages").await;
    let r = w.employer.call::<SaveVacancy>(&VacancySpec::new("Usta").wage("1000")).await;
    r.assert_err("MinimumWageUnknown");
    let r = w.employer.call::<SaveVacancy>(&VacancySpec::new("Usta").wage("50000")).await;
    r.assert_err("MinimumWageUnknown");
    // One that applies only from next month does not help today.
    let next_month = ymd(30);
    w.staff.call::<SetMinimumWage>(&[("amount", "40000"), ("valid_from", next_month.as_str())]).await.ok();
    w.employer.call::<SaveVacancy>(&VacancySpec::new("Usta").wage("50000")).await.assert_err("MinimumWageUnknown");
    assert_eq!(w.count("SELECT COUNT(*) FROM vacancies").await, 0, "nothing stored");
    assert!(w.employer.call::<MyVacancies>(NO_ARGS).await.ok().items().is_empty());
}

#[tokio::test]
async fn review_and_visibility_of_vacancies() {
    let w = world().await;
    let id = w.vacancy(&w.employer, &VacancySpec::new("Şantiye için deneyimli duvar ustası")).await;
    let query = [("id", id.to_string())];
    // Not public before review.
    assert!(w.search("").await.is_empty());
    let rival = w.employer("ik@baska.example").await;
    let rival_company = w.verified_company(&rival).await;
    assert_ne!(rival_company, w.company);
    for actor in [&w.anonymous(), &w.migrant, &rival] {
        actor.get::<GetVacancy>(&query).await.assert_err("NotFound");
    }
    for actor in [&w.employer, &w.staff] {
        assert_eq!(actor.get::<GetVacancy>(&query).await.ok().json()["id"].as_i64(), Some(id));
    }
    // Review is staff's: the employer and migrants are refused.
    for actor in [&w.employer, &w.migrant] {
        let r = actor.call::<ReviewVacancy>(&[("vacancy_id", id.to_string()), ("decision", "publish".into())]).await;
        r.assert_err("Forbidden");
    }
    assert_eq!(w.vacancy_status(id).await, "submitted");
    // Sent back with a reason, corrected, resubmitted, published.
    let ids = id.to_string();
    w.staff.call::<ReviewVacancy>(&[("vacancy_id", &*ids), ("decision", "return")]).await.assert_err("ReasonRequired");
    w.staff.call::<ReviewVacancy>(&[("vacancy_id", &*ids), ("decision", "maybe")]).await.assert_err("InvalidInput");
    w.staff
        .call::<ReviewVacancy>(&[
            ("vacancy_id", &*ids),
            ("decision", "return"),
            ("reason", "conditionsmissing"),
            ("reason_note", "Tuman koʻrsatilmagan"),
        ])
        .await
        .ok();
    let returned = w.vacancy_as(&w.employer, id).await.ok().json();
    assert_eq!(returned["status"], "returned");
    assert_eq!(returned["review_reason_code"], "conditionsmissing");
    assert_eq!(returned["review_reason"], "Tuman koʻrsatilmagan");
    assert_eq!(returned["review_reason_lang"], "uz");
    // The Turkish employer reads the reason in Turkish, and the note labelled as Uzbek.
    let page = w.employer.in_turkish().page("/employer/vacancies").await;
    assert!(
        page.body.contains("Çalışma koşulları (konaklama, yemek, ulaşım, sözleşme) açık yazılmamış"),
        "{}",
        page.body
    );
    assert!(page.body.contains("(Özbekçe yazılmış)"));
    let correction =
        VacancySpec::new("Duvar ustası, Esenyurt şantiyesi").wage("36000").dates(&ymd(20), &ymd(40)).editing(id);
    // Another employer, with a verified company of their own, cannot touch it.
    rival.call::<SaveVacancy>(&correction).await.assert_err("NotFound");
    let unchanged = w.vacancy_as(&w.employer, id).await.ok().json();
    assert_eq!(unchanged["status"], "returned");
    assert_eq!(unchanged["text_tr"], "Şantiye için deneyimli duvar ustası");
    assert_eq!(unchanged["company_id"].as_i64(), Some(w.company));
    assert!(rival.call::<MyVacancies>(NO_ARGS).await.ok().items().is_empty(), "nor was a copy made for the rival");
    // A vacancy id that does not exist is not found either.
    w.employer.call::<SaveVacancy>(&correction.clone().editing(999_999)).await.assert_err("NotFound");
    w.employer.call::<SaveVacancy>(&correction).await.ok();
    let resubmitted = w.vacancy_as(&w.employer, id).await.ok().json();
    assert_eq!(resubmitted["status"], "submitted");
    assert_eq!(resubmitted["review_reason"], Value::Null);
    assert_eq!(resubmitted["text_tr"], "Duvar ustası, Esenyurt şantiyesi");
    // Only a returned vacancy can be corrected.
    w.employer.call::<SaveVacancy>(&correction).await.assert_err("InvalidInput");
    w.publish(id).await;
    // Published: no second review.
    w.staff.call::<ReviewVacancy>(&[("vacancy_id", &*ids), ("decision", "publish")]).await.assert_err("InvalidInput");
    assert_eq!(w.search("").await, vec![id]);
    let public = w.anonymous().get::<GetVacancy>(&query).await.ok().json();
    assert_eq!(public["wage_kurus"], 3_600_000);
    assert_eq!(public["status"], "published");
    assert_eq!(public["company_verified"], true);
    for actor in [&w.migrant, &rival] {
        actor.get::<GetVacancy>(&query).await.ok();
    }
}

/// my_vacancies lists the employer's own vacancies (newest first) in every
/// status; the review queue lists submitted ones, oldest first.
#[tokio::test]
async fn own_vacancies_and_the_review_queue() {
    let w = world().await;
    let rival = w.employer("ik@rakip.example").await;
    w.verified_company(&rival).await;
    let first = w.vacancy(&w.employer, &VacancySpec::new("Birinci")).await;
    let second = w.published_vacancy(&w.employer, &VacancySpec::new("İkinci")).await;
    let third = w.vacancy(&w.employer, &VacancySpec::new("Üçüncü").province("6")).await;
    let theirs = w.vacancy(&rival, &VacancySpec::new("Rakibin ilanı")).await;

    let mine = w.employer.call::<MyVacancies>(NO_ARGS).await.ok().items();
    let ids: Vec<i64> = mine.iter().map(|v| v["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![third, second, first], "own only, newest first");
    let status: Vec<&str> = mine.iter().map(|v| v["status"].as_str().unwrap()).collect();
    assert_eq!(status, ["submitted", "published", "submitted"]);
    assert_eq!(mine[0]["text_tr"], "Üçüncü");
    assert_eq!(mine[0]["province_id"], 6);
    assert!(mine.iter().all(|v| v["company_id"].as_i64() == Some(w.company)));
    assert_eq!(rival.call::<MyVacancies>(NO_ARGS).await.ok().ids(), vec![theirs]);

    let queue = w.staff.call::<VacancyReviewQueue>(NO_ARGS).await.ok().items();
    let queued: Vec<i64> = queue.iter().map(|v| v["id"].as_i64().unwrap()).collect();
    assert_eq!(queued, vec![first, third, theirs], "submitted ones, oldest first");
    assert!(queue.iter().all(|v| v["status"] == "submitted"));
    assert_eq!(queue[2]["company_name"], rival_company_name(&rival));
}

fn rival_company_name(rival: &Actor) -> String {
    format!("Firma {} İnşaat A.Ş.", rival.id())
}

#[tokio::test]
async fn search_folds_turkish_and_uzbek_text() {
    let w = world().await;
    let ist = w.published_vacancy(&w.employer, &VacancySpec::new("İSTANBUL ANADOLU YAKASI").province("34")).await;
    let urfa = w.published_vacancy(&w.employer, &VacancySpec::new("Şanlıurfa merkez").province("63")).await;
    let isparta = w.published_vacancy(&w.employer, &VacancySpec::new("Isparta gül bahçeleri").province("32")).await;
    assert_eq!(w.search("istanbul").await, vec![ist]);
    assert_eq!(w.search("İSTANBUL").await, vec![ist]);
    assert_eq!(w.search("sanliurfa").await, vec![urfa]);
    assert_eq!(w.search("ŞANLIURFA").await, vec![urfa]);
    assert_eq!(w.search("ISPARTA").await, vec![isparta]);
    assert_eq!(w.search("isparta").await, vec![isparta]);
    // The Uzbek occupation name "Gʻisht teruvchi", typed four ways.
    let all = vec![ist, urfa, isparta];
    for q in ["gʻisht", "g'isht", "g‘isht", "g`isht", "GʼISHT"] {
        assert_eq!(w.search(q).await, all, "{q}");
    }
    assert!(w.search("kaynakçı").await.is_empty());
    // The HTML search page, as a phone without JS gets it.
    let anon = w.anonymous();
    let page = anon.page("/vacancies?q=istanbul").await;
    assert_eq!(vacancy_links(&page.body), vec![ist.to_string()]);
    let page = anon.page("/vacancies?q=%C4%B0STANBUL").await;
    assert_eq!(vacancy_links(&page.body), vec![ist.to_string()]);
}

/// The filters, through the API and on the HTML page: housing, minimum wage,
/// province, no certificate; sorting by wage.
#[tokio::test]
async fn search_filters_by_housing_wage_and_province() {
    let w = world().await;
    let housed = w.published_vacancy(&w.employer, &VacancySpec::new("Yatakhane var").wage("36000")).await;
    let not_housed =
        w.published_vacancy(&w.employer, &VacancySpec::new("Yatakhane yok").wage("45000").housing(false)).await;
    let ankara =
        w.published_vacancy(&w.employer, &VacancySpec::new("Ankara şantiyesi").province("6").wage("40000")).await;
    let unpublished = w.vacancy(&w.employer, &VacancySpec::new("Bekleyen")).await;

    let ids = |items: Vec<VacancySummary>| items.iter().map(|v| i64::from(v.id)).collect::<Vec<_>>();
    let housing = w.search_with(&[("query[housing]", "true")]).await;
    assert!(housing.iter().all(|v| v.housing));
    let mut housing_ids = ids(housing);
    housing_ids.sort();
    assert_eq!(housing_ids, vec![housed, ankara]);
    assert_eq!(
        ids(w.search_with(&[("query[min_wage]", "40000"), ("query[sort]", "wage")]).await),
        vec![not_housed, ankara]
    );
    assert_eq!(ids(w.search_with(&[("query[province]", "6")]).await), vec![ankara]);
    assert_eq!(ids(w.search_with(&[("query[sort]", "wage")]).await), vec![not_housed, ankara, housed]);
    assert!(!ids(w.search_with(&[]).await).contains(&unpublished));

    // The page lists what the filter lets through, nothing else.
    let anon = w.anonymous();
    let page = anon.page("/vacancies?housing=1").await;
    assert_eq!(page.status, StatusCode::OK);
    let mut want = vec![housed.to_string(), ankara.to_string()];
    want.sort();
    assert_eq!(vacancy_links(&page.body), want);
    let page = anon.page("/vacancies?housing=1&province=6").await;
    assert_eq!(vacancy_links(&page.body), vec![ankara.to_string()]);
    let mut all = vec![housed.to_string(), not_housed.to_string(), ankara.to_string()];
    all.sort();
    assert_eq!(vacancy_links(&anon.page("/vacancies").await.body), all);
}

/// The done-when of the demo world: `/vacancies` lists published vacancies and
/// `istanbul` and `İSTANBUL` find the same ones.
#[tokio::test]
async fn demo_world_search_pages() {
    let app = TestApp::new().await;
    let s = server::seed::seed_world(&app.state, 300).await.unwrap();
    assert_eq!((s.accounts, s.vacancies, s.applications), (11, 300, 10));
    assert_eq!(app.count("SELECT COUNT(DISTINCT stage) FROM applications").await, 10, "every stage");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM vacancies WHERE text_uz IS NULL").await,
        0,
        "published in both languages"
    );
    let again = server::seed::seed_world(&app.state, 0).await.unwrap();
    assert_eq!((again.accounts, again.vacancies, again.applications), (0, 0, 0));

    let anon = app.anonymous();
    let all = anon.page("/vacancies").await;
    assert_eq!(vacancy_links(&all.body).len(), 20, "a full first page");
    let lower = vacancy_links(&anon.page("/vacancies?q=istanbul").await.body);
    let upper = vacancy_links(&anon.page("/vacancies?q=%C4%B0STANBUL").await.body);
    assert!(!lower.is_empty());
    assert_eq!(lower, upper);
    // Filters and sorting in the URL: housing only, sorted by wage, page 2.
    let n_housing = app.count("SELECT COUNT(*) FROM vacancies WHERE housing = true AND status = 'published'").await;
    let n_all = app.count("SELECT COUNT(*) FROM vacancies WHERE status = 'published'").await;
    assert!(n_housing < n_all, "the demo world has vacancies without housing");
    let housing = anon.page("/vacancies?housing=1&sort=wage&page=2").await;
    assert_eq!(housing.status, StatusCode::OK);
    assert!(housing.body.contains("rel=\"prev\""));
    let listed = vacancy_links(&housing.body);
    assert_eq!(listed.len(), 20, "page 2 is full: {n_housing} with housing");
    // What the page listed: the API's page 2 of the same filter, all with housing.
    let api = app.search_with(&[("query[housing]", "true"), ("query[sort]", "wage"), ("query[page]", "2")]).await;
    let mut api_ids: Vec<String> = api.iter().map(|v| v.id.to_string()).collect();
    api_ids.sort();
    assert_eq!(listed, api_ids);
    assert!(api.iter().all(|v| v.housing), "only vacancies with housing");
    let wages: Vec<i64> = api.iter().map(|v| v.wage_kurus).collect();
    assert!(wages.windows(2).all(|p| p[0] >= p[1]), "sorted by wage: {wages:?}");
    for id in &listed {
        let v = anon.get::<GetVacancy>(&[("id", id.as_str())]).await.ok().json();
        assert_eq!(v["housing"], true, "vacancy {id} on the housing page");
    }

    // Every page says how many vacancies the search found: all its pages together.
    let mut seen = 0;
    let mut matches = None;
    for page in 1.. {
        let p = page.to_string();
        let form = [
            ("query[q]", ""),
            ("query[sort]", "wage"),
            ("query[page]", p.as_str()),
            ("query[housing]", "true"),
            ("query[no_certificate]", "false"),
        ];
        let r = anon.get::<SearchVacancies>(&form).await.ok().json();
        seen += r["items"].as_array().unwrap().len();
        let m = r["matches"].as_u64().unwrap();
        assert_eq!(*matches.get_or_insert(m), m, "the same count on every page");
        if r["has_next"] != true {
            break;
        }
    }
    assert_eq!(matches, Some(seen as u64));
    let shown = format!("{seen} ta vakansiya topildi");
    assert!(anon.page("/vacancies?housing=1").await.body.contains(&shown), "{shown}");
}

#[tokio::test]
async fn vacancies_close_at_their_closing_date() {
    let w = world().await;
    let open = w.published_vacancy(&w.employer, &VacancySpec::new("Açık ilan")).await;
    let due = w.published_vacancy(&w.employer, &VacancySpec::new("Süresi dolan ilan")).await;
    // Nothing is due today.
    let today = chrono::Utc::now().date_naive();
    assert_eq!(app::vacancies::service::close_expired(&w.db, today).await.unwrap(), 0);
    assert_eq!(w.search("").await, vec![open, due]);
    // Forty days on, both have passed their closing date (30 days).
    let later = today + chrono::Duration::days(40);
    assert_eq!(app::vacancies::service::close_expired(&w.db, later).await.unwrap(), 2);
    assert_eq!(w.vacancy_status(open).await, "closed");
    assert_eq!(w.vacancy_status(due).await, "closed");
    assert!(w.search("").await.is_empty());
    let r = w.migrant.call::<Apply>(&[("vacancy_id", open.to_string())]).await;
    r.assert_err("NotFound");
    assert_eq!(w.count("SELECT COUNT(*) FROM applications").await, 0, "a closed vacancy takes no applications");
    assert_eq!(app::vacancies::service::close_expired(&w.db, later).await.unwrap(), 0, "closed once");
}

#[tokio::test]
async fn projects_group_vacancies_on_a_public_page() {
    let w = world().await;
    let form = [
        ("name", "Kuzey Marmara Otoyolu"),
        ("description_tr", "Otoyol inşaatı"),
        ("description_uz", "Avtomagistral qurilishi"),
        ("province_id", "34"),
    ];
    w.anonymous().call::<SaveProject>(&form).await.assert_err("NotSignedIn");
    w.migrant.call::<SaveProject>(&form).await.assert_err("Forbidden");
    w.staff.call::<SaveProject>(&form).await.assert_err("Forbidden");
    w.employer
        .call::<SaveProject>(&[("name", "X"), ("description_tr", " "), ("province_id", "34")])
        .await
        .assert_err("TextRequired");
    w.employer
        .call::<SaveProject>(&[("name", "X"), ("description_tr", "Y"), ("province_id", "99")])
        .await
        .assert_err("InvalidInput");
    assert_eq!(w.count("SELECT COUNT(*) FROM projects").await, 0);
    let pid = w.project(&w.employer, "Kuzey Marmara Otoyolu").await;
    let projects = w.employer.call::<MyProjects>(NO_ARGS).await.ok().items();
    assert_eq!(projects.len(), 1);
    assert_eq!(projects[0]["name"], "Kuzey Marmara Otoyolu");
    assert_eq!(projects[0]["company_id"].as_i64(), Some(w.company));

    // A vacancy under the project; another company, verified, cannot use it.
    let spec = VacancySpec::new("Otoyol şantiyesi kalıpçı").project(pid);
    let vid = w.vacancy(&w.employer, &spec).await;
    assert_eq!(w.vacancy_as(&w.employer, vid).await.ok().json()["project_id"].as_i64(), Some(pid));
    let rival = w.employer("ik@rakip.example").await;
    w.verified_company(&rival).await;
    rival.call::<SaveVacancy>(&VacancySpec::new("Rakip")).await.ok();
    let rival_vacancies = rival.call::<MyVacancies>(NO_ARGS).await.ok().ids();
    let r = rival.call::<SaveVacancy>(&spec).await;
    r.assert_err("InvalidInput");
    assert_eq!(
        rival.call::<MyVacancies>(NO_ARGS).await.ok().ids(),
        rival_vacancies,
        "someone else's project: nothing stored"
    );
    assert!(rival.call::<MyProjects>(NO_ARGS).await.ok().items().is_empty());
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM vacancies WHERE project_id = {pid}")).await, 1);

    // The public page lists it once published, in the reader's language.
    let anon = w.anonymous();
    let page = anon.page(&format!("/projects/{pid}")).await;
    assert!(page.body.contains("Kuzey Marmara Otoyolu") && page.body.contains("Avtomagistral qurilishi"));
    assert!(!page.body.contains(&format!("href=\"/vacancies/{vid}\"")), "not published yet");
    let (project, listed) = project_page(&anon, pid).await;
    assert_eq!(project["name"], "Kuzey Marmara Otoyolu");
    assert!(listed.is_empty());
    w.publish(vid).await;
    let page = anon.page(&format!("/projects/{pid}")).await;
    assert!(page.body.contains(&format!("href=\"/vacancies/{vid}\"")));
    assert_eq!(project_page(&anon, pid).await.1, vec![vid]);
    let tr = w.page_with_cookie(&format!("/projects/{pid}"), "i18n_pref_locale=tr").await;
    assert!(tr.body.contains("Otoyol inşaatı"));
    anon.get::<GetProject>(&[("id", "999999")]).await.assert_err("NotFound");
}

async fn project_page(actor: &Actor, id: i64) -> (Value, Vec<i64>) {
    let r = actor.get::<GetProject>(&[("id", id.to_string())]).await.ok().json();
    let cards: Vec<VacancySummary> = serde_json::from_value(r[1].clone()).expect("the project's cards");
    (r[0].clone(), cards.iter().map(|v| i64::from(v.id)).collect())
}

/// A project belongs on a public page only while its company is verified.
#[tokio::test]
async fn projects_of_unverified_companies_are_hidden() {
    let w = world().await;
    let pid = w.project(&w.employer, "Gizli Proje").await;
    let vid = w.published_vacancy(&w.employer, &VacancySpec::new("Proje ilanı").project(pid)).await;
    let anon = w.anonymous();
    assert_eq!(project_page(&anon, pid).await.1, vec![vid]);
    // The company loses its verification (no HTTP path does that today).
    assert_eq!(w.exec(&format!("UPDATE companies SET status = 'rejected' WHERE id = {}", w.company)).await, 1);
    for actor in [&anon, &w.migrant, &w.employer, &w.staff] {
        actor.get::<GetProject>(&[("id", pid.to_string())]).await.assert_err("NotFound");
    }
    let page = anon.page(&format!("/projects/{pid}")).await;
    assert!(!page.body.contains("Gizli Proje"), "the page does not show it");
    // Nor can a company that is not verified open one.
    let pending = w.employer("ik@yeni.example").await;
    w.company(&pending, VKN2, "Yeni Firma").await;
    pending
        .call::<SaveProject>(&[("name", "Yeni"), ("description_tr", "Açıklama"), ("province_id", "34")])
        .await
        .assert_err("CompanyNotVerified");
    assert_eq!(w.count("SELECT COUNT(*) FROM projects").await, 1);
}

/// A vacancy is published only with its Uzbek text: without one, staff write
/// it at review (it is searched as well); the Uzbek reader gets the Uzbek
/// text, the Turkish one labelled otherwise.
#[tokio::test]
async fn publication_needs_both_texts_and_staff_supply_the_missing_one() {
    let w = world().await;
    let id = w.vacancy(&w.employer, &VacancySpec::new("Kalıpçı aranıyor, SGK ilk günden").without_uz()).await;
    let publish = |text_uz: Option<&str>| {
        let mut f = vec![("vacancy_id", id.to_string()), ("decision", "publish".to_string())];
        f.extend(text_uz.map(|t| ("text_uz", t.to_string())));
        f
    };
    w.staff.call::<ReviewVacancy>(&publish(None)).await.assert_err("TranslationRequired");
    w.staff.call::<ReviewVacancy>(&publish(Some("   "))).await.assert_err("TranslationRequired");
    assert_eq!(w.vacancy_status(id).await, "submitted", "nothing published");
    let queue = w.staff.page("/staff/vacancies").await;
    assert!(queue.body.contains("Ish beruvchi oʻzbekcha matn yozmagan"), "the card says what is missing");
    assert!(queue.body.contains("name=\"text_uz\""), "and takes the translation");
    // The vacancy's own review page carries the decision too; the public page only links it, for staff.
    let own = w.staff.page(&format!("/staff/vacancies/{id}")).await;
    assert!(own.body.contains("name=\"text_uz\"") && own.body.contains("name=\"reason\""), "{}", own.body);
    assert!(own.body.contains("Qabul qiluvchi oʻzbek tilida oʻqiydi"), "which language the employer reads");
    assert_eq!(w.vacancy_as(&w.staff, id).await.ok().json()["owner_lang"], "uz");
    assert!(w.staff.page(&format!("/vacancies/{id}")).await.body.contains(&format!("href=\"/staff/vacancies/{id}\"")));
    w.staff.call::<ReviewVacancy>(&publish(Some("Qolipchi kerak, SGK birinchi kundan"))).await.ok();
    let v = w.vacancy_as(&w.anonymous(), id).await.ok().json();
    assert_eq!(v["status"], "published");
    assert_eq!(v["text_uz"], "Qolipchi kerak, SGK birinchi kundan");
    assert!(v["owner_lang"].is_null(), "only staff learn which language the employer reads");
    assert_eq!(w.search("qolipchi").await, vec![id], "the staff's text is searched");
    let uz = w.anonymous().page(&format!("/vacancies/{id}")).await;
    assert!(uz.body.contains("lang=\"uz\">Qolipchi kerak"), "the Uzbek text for the Uzbek reader");
    let tr = w.page_with_cookie(&format!("/vacancies/{id}"), "i18n_pref_locale=tr").await;
    assert!(tr.body.contains("lang=\"tr\">Kalıpçı aranıyor"));
    assert!(!tr.body.contains("Türkçe yazılmış"), "the reader's own language needs no label");
}

/// Each review decision has its own reason: a note typed before pressing
/// "publish" is never stored, and no review reason is shown to the public.
#[tokio::test]
async fn a_publish_decision_keeps_no_reason_and_reasons_are_never_public() {
    let w = world().await;
    let id = w.vacancy(&w.employer, &VacancySpec::new("Sıva ustası")).await;
    w.staff
        .call::<ReviewVacancy>(&[
            ("vacancy_id", id.to_string()),
            ("decision", "publish".into()),
            ("reason", "other".into()),
            ("reason_note", "Ichki eslatma: egasi tanish".into()),
        ])
        .await
        .ok();
    let stored = format!(
        "SELECT COUNT(*) FROM vacancies WHERE id = {id} AND status = 'published' \
         AND review_reason IS NULL AND review_reason_code IS NULL"
    );
    assert_eq!(w.count(&stored).await, 1);
    for actor in [w.anonymous(), w.migrant.clone(), w.employer.clone()] {
        let v = actor.get::<GetVacancy>(&[("id", id.to_string())]).await.ok().json();
        assert_eq!(v["review_reason"], Value::Null, "{actor:?}");
    }
    let page = w.anonymous().page(&format!("/vacancies/{id}")).await;
    assert!(!page.body.contains("egasi tanish"));
}
