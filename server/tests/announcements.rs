//! Announcements over HTTP (F3.5): staff write a draft in both languages,
//! publish it, take it down; the public list, one announcement's page and the
//! home page show only what is published, in the reader's language; only
//! staff write; bad input is refused on its field and changes nothing; what
//! staff typed is shown as text, never as markup; the partnership's article
//! is seeded once. They run on SQLite, and on PostgreSQL with `TEST_DATABASE_URL`.

mod common;

use app::announcements::api::{
    GetAnnouncement, LatestAnnouncements, ListAnnouncements, PublishAnnouncement, SaveAnnouncement, StaffAnnouncement,
    StaffAnnouncements, UnpublishAnnouncement,
};
use common::*;
use http::StatusCode;

const TITLE_UZ: &str = "Toshkentda yangi oʻquv markazi ochildi";
const TITLE_TR: &str = "Taşkent'te yeni eğitim merkezi açıldı";
const BODY_UZ: &str = "Markaz payvandchilarni tayyorlaydi.\n\nOlib keling:\n- pasport\n- diplom";
const BODY_TR: &str = "Merkez kaynakçı yetiştirecek.\n\nYanınızda getirin:\n- pasaport\n- diploma";
const SLUG: &str = "taskentte-yeni-egitim-merkezi-acildi";

fn form<'a>(title_uz: &'a str, title_tr: &'a str, body_uz: &'a str, body_tr: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![("title_uz", title_uz), ("title_tr", title_tr), ("body_uz", body_uz), ("body_tr", body_tr)]
}

/// Staff save a new announcement: its id, from the staff's list.
async fn draft(staff: &Actor, f: &[(&str, &str)]) -> i64 {
    let before = staff.call::<StaffAnnouncements>(NO_ARGS).await.ok().ids();
    staff.call::<SaveAnnouncement>(f).await.ok();
    let new: Vec<i64> = staff
        .call::<StaffAnnouncements>(NO_ARGS)
        .await
        .ok()
        .ids()
        .into_iter()
        .filter(|i| !before.contains(i))
        .collect();
    assert_eq!(new.len(), 1, "one new announcement: {new:?}");
    new[0]
}

async fn one(actor: &Actor, slug: &str, lang: &str) -> Reply {
    actor.get::<GetAnnouncement>(&[("slug", slug), ("lang", lang)]).await
}

async fn public_slugs(app: &TestApp) -> Vec<String> {
    let r = app.anonymous().get::<ListAnnouncements>(&[("page", "1")]).await.ok();
    r.json()["items"].as_array().unwrap().iter().map(|i| i["slug"].as_str().unwrap().to_string()).collect()
}

/// A page's HTML as the browser first shows it: without the hydration data
/// that follows `</html>` and without Leptos' `<!>` markers.
fn html(page: &Reply) -> String {
    page.body.split("</html>").next().unwrap().replace("<!>", "")
}

/// The hydration data after the page (the resources as JSON, in a script).
fn data(page: &Reply) -> String {
    page.body.split("</html>").nth(1).unwrap_or_default().to_string()
}

async fn latest_slugs(app: &TestApp) -> Vec<String> {
    let r = app.anonymous().get::<LatestAnnouncements>(NO_ARGS).await.ok();
    r.items().iter().map(|i| i["slug"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_draft_is_published_shown_everywhere_and_taken_down() {
    let w = world().await;
    let anon = w.anonymous();

    // A plain form post (no JavaScript): saved as a draft, on to its own page.
    let r = w
        .staff
        .form_post::<SaveAnnouncement>(&form(TITLE_UZ, TITLE_TR, BODY_UZ, BODY_TR), "/staff/announcements")
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let id = w.count("SELECT MAX(id) FROM announcements").await;
    assert_eq!(r.header("location"), Some(&*format!("/staff/announcements/{id}?saved=1")));
    let saved = w.staff.call::<StaffAnnouncement>(&[("id", id.to_string())]).await.ok().json();
    assert_eq!(saved["slug"], SLUG, "made from the Turkish title, ASCII, lower case, hyphens");
    assert_eq!((saved["title_uz"].as_str(), saved["body_tr"].as_str()), (Some(TITLE_UZ), Some(BODY_TR)));
    assert_eq!(saved["published_at"], Value::Null, "a draft");

    // A draft is nowhere public; staff read it, marked as a draft.
    for actor in [&anon, &w.migrant, &w.employer] {
        one(actor, SLUG, "uz").await.assert_err("NotFound");
        let page = actor.page(&format!("/announcements/{SLUG}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{actor:?}");
        assert!(!page.body.contains(TITLE_UZ), "{actor:?}");
    }
    assert!(public_slugs(&w).await.is_empty());
    assert!(latest_slugs(&w).await.is_empty());
    assert!(!anon.page("/").await.body.contains(TITLE_UZ));
    assert!(!anon.page("/announcements").await.body.contains(TITLE_UZ));
    let as_staff = one(&w.staff, SLUG, "uz").await.ok().json();
    assert_eq!((as_staff["title"].as_str(), as_staff["published_on"].clone()), (Some(TITLE_UZ), Value::Null));
    let page = w.staff.page(&format!("/announcements/{SLUG}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("href=\"/staff/announcements/{id}\"")), "a link to edit the draft");

    // Published: in the list, on the home page and on its own page, in the reader's language.
    let r = w
        .staff
        .form_post::<PublishAnnouncement>(&[("announcement_id", id.to_string())], "/staff/announcements/1")
        .await;
    assert_eq!(r.header("location"), Some(&*format!("/staff/announcements/{id}?published=1")));
    let today = (chrono::Utc::now() + chrono::Duration::hours(3)).date_naive();
    let uz = one(&anon, SLUG, "uz").await.ok().json();
    assert_eq!(
        (uz["title"].as_str(), uz["body"].as_str(), uz["lang"].as_str()),
        (Some(TITLE_UZ), Some(BODY_UZ), Some("uz"))
    );
    assert_eq!(uz["published_on"].as_str(), Some(&*today.to_string()), "Türkiye's day");
    let tr = one(&anon, SLUG, "tr").await.ok().json();
    assert_eq!((tr["title"].as_str(), tr["body"].as_str()), (Some(TITLE_TR), Some(BODY_TR)));
    assert!(!tr.to_string().contains(TITLE_UZ), "the other language is not sent");
    one(&anon, SLUG, "en").await.assert_err("InvalidInput");
    assert_eq!(public_slugs(&w).await, [SLUG]);
    assert_eq!(latest_slugs(&w).await, [SLUG]);

    let date = today.format("%d.%m.%Y").to_string();
    let link = format!("href=\"/announcements/{SLUG}\"");
    for path in ["/", "/announcements"] {
        let page = html(&anon.page(path).await);
        assert!(page.contains(&link) && page.contains(TITLE_UZ) && page.contains(&date), "{path}");
        let page = html(&anon.in_turkish().page(path).await);
        assert!(page.contains(TITLE_TR), "{path}");
        assert!(!page.contains(TITLE_UZ), "{path}: Turkish only");
    }
    let page = anon.page(&format!("/announcements/{SLUG}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let page = html(&page);
    assert!(page.contains(&format!("<h1>{TITLE_UZ}</h1>")), "{page}");
    assert!(page.contains("<p>Markaz payvandchilarni tayyorlaydi.</p>"), "a paragraph");
    assert!(page.contains("<ul><li>pasport</li><li>diplom</li></ul>"), "the dashes are a list");
    assert!(page.contains(&format!("datetime=\"{today}\">{date}</time>")));
    assert!(page.contains(&format!("<title>{TITLE_UZ} — Köprü</title>")));
    let page = anon.in_turkish().page(&format!("/announcements/{SLUG}")).await;
    assert!(html(&page).contains("<li>pasaport</li>") && !page.body.contains("payvandchi"), "Turkish only, data too");
    // Publishing again keeps its date and changes nothing.
    w.staff.call::<PublishAnnouncement>(&[("announcement_id", id.to_string())]).await.ok();
    assert_eq!(public_slugs(&w).await, [SLUG]);

    // Corrected: the new texts under the same address.
    let mut edit = form("Toshkentda oʻquv markazi ochildi", TITLE_TR, BODY_UZ, BODY_TR);
    let sid = id.to_string();
    edit.push(("announcement_id", &sid));
    w.staff.call::<SaveAnnouncement>(&edit).await.ok();
    assert_eq!(one(&anon, SLUG, "uz").await.ok().json()["title"], "Toshkentda oʻquv markazi ochildi");
    assert_eq!(w.count("SELECT COUNT(*) FROM announcements").await, 1);
    // The same titles again: a new announcement, under the next free address.
    let second = draft(&w.staff, &form(TITLE_UZ, TITLE_TR, "Ikkinchi.", "İkinci.")).await;
    let slug2 = w.staff.call::<StaffAnnouncement>(&[("id", second.to_string())]).await.ok().json()["slug"].clone();
    assert_eq!(slug2, format!("{SLUG}-2"));

    // Taken down: a draft again, public nowhere.
    let r = w
        .staff
        .form_post::<UnpublishAnnouncement>(&[("announcement_id", id.to_string())], "/staff/announcements/1")
        .await;
    assert_eq!(r.header("location"), Some(&*format!("/staff/announcements/{id}?unpublished=1")));
    one(&anon, SLUG, "uz").await.assert_err("NotFound");
    assert!(public_slugs(&w).await.is_empty());
    assert!(latest_slugs(&w).await.is_empty());
    assert!(!anon.page("/").await.body.contains(&link));
    assert_eq!(anon.page(&format!("/announcements/{SLUG}")).await.status, StatusCode::NOT_FOUND);
    // Both are on the staff's list, with their state.
    let lines = w.staff.call::<StaffAnnouncements>(NO_ARGS).await.ok().items();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["published_on"].is_null()));
    let page = w.staff.page("/staff/announcements").await;
    assert!(page.body.contains(&format!("href=\"/staff/announcements/{id}\"")));
    assert!(page.body.contains(&format!("href=\"/staff/announcements/{second}\"")));
    let page = w.staff.page(&format!("/staff/announcements/{id}?unpublished=1")).await;
    assert!(page.body.contains("role=\"status\""), "the notice");
    assert!(page.body.contains(&format!("action=\"{}\"", <PublishAnnouncement as ServerFn>::PATH)), "publish again");
}

#[tokio::test]
async fn only_staff_write_and_read_drafts() {
    let w = world().await;
    let admin = w.admin("admin@kopru.example").await;
    let id = draft(&w.staff, &form(TITLE_UZ, TITLE_TR, BODY_UZ, BODY_TR)).await.to_string();
    let refused = [(&w.anonymous(), "NotSignedIn"), (&w.migrant, "Forbidden"), (&w.employer, "Forbidden")];
    for (actor, error) in refused {
        actor.call::<SaveAnnouncement>(&form("Soxta", "Sahte", "Soxta", "Sahte")).await.assert_err(error);
        let mut edit = form("Soxta", "Sahte", "Soxta", "Sahte");
        edit.push(("announcement_id", &id));
        actor.call::<SaveAnnouncement>(&edit).await.assert_err(error);
        // Refused before the input is read: even an empty form learns nothing else.
        actor.call::<SaveAnnouncement>(NO_ARGS).await.assert_err(error);
        actor.call::<PublishAnnouncement>(&[("announcement_id", id.as_str())]).await.assert_err(error);
        actor.call::<UnpublishAnnouncement>(&[("announcement_id", id.as_str())]).await.assert_err(error);
        actor.call::<StaffAnnouncements>(NO_ARGS).await.assert_err(error);
        actor.call::<StaffAnnouncement>(&[("id", id.as_str())]).await.assert_err(error);
        // Their pages say so, and show no draft.
        let page = actor.page("/staff/announcements").await;
        assert!(!page.body.contains(TITLE_UZ), "{actor:?}");
        let page = actor.page(&format!("/staff/announcements/{id}")).await;
        assert!(!page.body.contains(TITLE_UZ), "{actor:?}");
    }
    assert_eq!(w.count("SELECT COUNT(*) FROM announcements").await, 1);
    assert_eq!(w.count("SELECT COUNT(*) FROM announcements WHERE published_at IS NOT NULL").await, 0);
    assert_eq!(w.text("SELECT title_uz FROM announcements").await.as_deref(), Some(TITLE_UZ));

    // An admin may do what staff do.
    admin.call::<PublishAnnouncement>(&[("announcement_id", id.as_str())]).await.ok();
    assert_eq!(public_slugs(&w).await, [SLUG]);
    // Rows that do not exist.
    w.staff.call::<PublishAnnouncement>(&[("announcement_id", "999999")]).await.assert_err("NotFound");
    w.staff.call::<StaffAnnouncement>(&[("id", "999999")]).await.assert_err("NotFound");
    let mut ghost = form("Yoʻq", "Yok", "Yoʻq", "Yok");
    ghost.push(("announcement_id", "999999"));
    w.staff.call::<SaveAnnouncement>(&ghost).await.assert_err("NotFound");
    one(&w.staff, "no-such-page", "uz").await.assert_err("NotFound");
    assert_eq!(w.count("SELECT COUNT(*) FROM announcements").await, 1);
}

#[tokio::test]
async fn bad_input_is_refused_on_its_field_and_changes_nothing() {
    let w = world().await;
    let long_title = "a".repeat(201);
    let long_body = "b".repeat(5001);
    w.staff
        .call::<SaveAnnouncement>(&form(TITLE_UZ, "", BODY_UZ, BODY_TR))
        .await
        .assert_fields(&[("title_tr", "Required")]);
    w.staff
        .call::<SaveAnnouncement>(&form(TITLE_UZ, "   ", BODY_UZ, BODY_TR))
        .await
        .assert_fields(&[("title_tr", "Required")]);
    w.staff
        .call::<SaveAnnouncement>(&form(&long_title, TITLE_TR, BODY_UZ, &long_body))
        .await
        .assert_fields(&[("title_uz", "TextTooLong"), ("body_tr", "TextTooLong")]);
    let r = w.staff.call::<SaveAnnouncement>(NO_ARGS).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    r.assert_fields(&[
        ("title_uz", "Required"),
        ("title_tr", "Required"),
        ("body_uz", "Required"),
        ("body_tr", "Required"),
    ]);
    assert_eq!(w.count("SELECT COUNT(*) FROM announcements").await, 0, "nothing stored");

    // A refused edit leaves the saved texts as they were.
    let id = draft(&w.staff, &form(TITLE_UZ, TITLE_TR, BODY_UZ, BODY_TR)).await.to_string();
    let mut edit = form("Yangi sarlavha", TITLE_TR, "", BODY_TR);
    edit.push(("announcement_id", &id));
    w.staff.call::<SaveAnnouncement>(&edit).await.assert_fields(&[("body_uz", "Required")]);
    let saved = w.staff.call::<StaffAnnouncement>(&[("id", id.as_str())]).await.ok().json();
    assert_eq!((saved["title_uz"].as_str(), saved["body_uz"].as_str()), (Some(TITLE_UZ), Some(BODY_UZ)));

    // Without JavaScript: back to the form with the error on its field and what was typed.
    let r = w
        .staff
        .form_post::<SaveAnnouncement>(&form("Qoralama sarlavhasi", "", BODY_UZ, BODY_TR), "/staff/announcements")
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.header("location"), Some("/staff/announcements?error=required%3Atitle_tr"));
    let kept = r.set_cookies().into_iter().find(|c| c.starts_with("kopru_form=")).expect("the form is kept");
    let back = w.staff.holding(kept.split(';').next().unwrap()).page(r.header("location").unwrap()).await;
    assert_eq!(back.status, StatusCode::OK);
    assert!(back.body.contains("id=\"title_tr-error\""), "the message next to its field");
    assert!(back.body.contains("aria-describedby=\"title-hint title_tr-error\""));
    assert!(back.body.contains("href=\"#title_tr\""), "the summary links to the field");
    assert!(back.body.contains("value=\"Qoralama sarlavhasi\""), "what was typed is back");
    assert!(back.body.contains("payvandchilarni"), "the body too");
    assert_eq!(w.count("SELECT COUNT(*) FROM announcements").await, 1);
}

#[tokio::test]
async fn what_staff_type_is_shown_as_text_never_as_markup() {
    let w = world().await;
    let title = "Diqqat <img src=x onerror=alert(1)>";
    let body = "<script>alert('xss')</script>\n\n<b>qalin</b> & \"iqtibos\"\n- <a href=\"//evil.example\">havola</a>\n\n</textarea><i>x</i>";
    let id = draft(&w.staff, &form(title, "Dikkat <i>önemli</i>", body, "<script>alert(2)</script>")).await;
    w.staff.call::<PublishAnnouncement>(&[("announcement_id", id.to_string())]).await.ok();
    let slug = w.text(&format!("SELECT slug FROM announcements WHERE id = {id}")).await.unwrap();
    assert_eq!(slug, "dikkat-i-onemli-i");
    // Stored as typed, sent as typed.
    assert_eq!(one(&w.anonymous(), &slug, "uz").await.ok().json()["body"], body);

    let page = w.anonymous().page(&format!("/announcements/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    // Every character is text in the HTML: escaped where it would be markup.
    let shown = html(&page);
    assert!(shown.contains("<p>&lt;script&gt;alert('xss')&lt;/script&gt;</p>"), "{shown}");
    assert!(shown.contains("<p>&lt;b&gt;qalin&lt;/b&gt; &amp; \"iqtibos\"</p>"), "{shown}");
    assert!(shown.contains("<li>&lt;a href=\"//evil.example\"&gt;havola&lt;/a&gt;</li>"), "{shown}");
    assert!(shown.contains("<h1>Diqqat &lt;img src=x onerror=alert(1)&gt;</h1>"), "{shown}");
    // The document's title has no tags to break out of `<title>` with.
    assert!(shown.contains("<title>Diqqat img src=x onerror=alert(1) — Köprü</title>"), "{shown}");
    // Nowhere as markup: neither in the HTML nor in the hydration data's script.
    for raw in ["<script>alert", "</script>\\n", "<b>qalin", "<img src=x", "<a href=\"//evil.example\""] {
        assert!(!page.body.contains(raw), "{raw} reached the page as markup");
    }
    assert!(data(&page).contains("alert(2)") || data(&page).contains("alert(1)"), "the data is there, escaped");
    // The lists and the home page escape the titles too.
    for path in ["/", "/announcements", "/staff/announcements"] {
        let page = w.staff.page(path).await;
        assert!(!page.body.contains("<img src=x"), "{path}");
        assert!(html(&page).contains("Diqqat &lt;img src=x onerror=alert(1)&gt;</a>"), "{path}");
    }
    // The form shows it as text too: a `</textarea>` in it does not end the field.
    let edit = html(&w.staff.page(&format!("/staff/announcements/{id}")).await);
    assert!(edit.contains(">&lt;script&gt;alert('xss')&lt;/script&gt;\n\n&lt;b&gt;"), "{edit}");
    assert!(edit.contains("&lt;/textarea&gt;&lt;i&gt;x&lt;/i&gt;</textarea>"), "{edit}");
    assert!(!edit.contains("<i>x</i>") && !edit.contains("<script>alert"), "{edit}");
    assert_eq!(edit.matches("</textarea>").count(), 2, "one end for each of the two fields");
}

#[tokio::test]
async fn the_list_is_newest_first_in_pages_and_the_home_page_shows_three() {
    let w = world().await;
    let mut slugs = vec![];
    for i in 1..=22 {
        let id = draft(&w.staff, &form(&format!("Eʼlon {i}"), &format!("Duyuru {i}"), "Matn.", "Metin.")).await;
        w.staff.call::<PublishAnnouncement>(&[("announcement_id", id.to_string())]).await.ok();
        slugs.push(format!("duyuru-{i}"));
    }
    // An unpublished one is in no list.
    draft(&w.staff, &form("Qoralama", "Taslak", "Matn.", "Metin.")).await;
    slugs.reverse();
    let app: &TestApp = &w;
    let page =
        |n: &'static str| async move { app.anonymous().get::<ListAnnouncements>(&[("page", n)]).await.ok().json() };
    let first = page("1").await;
    let got: Vec<&str> = first["items"].as_array().unwrap().iter().map(|i| i["slug"].as_str().unwrap()).collect();
    assert_eq!(got, slugs[..20].iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(first["more"], true);
    let second = page("2").await;
    let got: Vec<&str> = second["items"].as_array().unwrap().iter().map(|i| i["slug"].as_str().unwrap()).collect();
    assert_eq!(got, ["duyuru-2", "duyuru-1"]);
    assert_eq!(second["more"], false);
    assert!(page("3").await["items"].as_array().unwrap().is_empty());
    assert_eq!(page("0").await["page"], 1, "pages start at 1");
    w.anonymous().get::<ListAnnouncements>(&[("page", "x")]).await.assert_err("InvalidInput");

    assert_eq!(latest_slugs(&w).await, ["duyuru-22", "duyuru-21", "duyuru-20"]);
    let home = html(&w.anonymous().page("/").await);
    let at =
        |s: &str| home.find(&format!("href=\"/announcements/{s}\"")).unwrap_or_else(|| panic!("{s} on the home page"));
    assert!(at("duyuru-22") < at("duyuru-21") && at("duyuru-21") < at("duyuru-20"), "newest first");
    assert!(!home.contains("href=\"/announcements/duyuru-19\""), "three only");
    assert!(home.contains("href=\"/announcements\""), "and a link to all of them");

    // The list's pages link to each other, as plain links.
    let list = html(&w.anonymous().page("/announcements").await);
    assert!(list.contains("href=\"/announcements?page=2\"") && !list.contains("rel=\"prev\""));
    let list = html(&w.anonymous().page("/announcements?page=2").await);
    assert!(list.contains("href=\"/announcements\" rel=\"prev\"") && !list.contains("rel=\"next\""));
}

#[tokio::test]
async fn the_partnership_s_article_is_seeded_once_as_the_first_announcement() {
    let w = world().await;
    assert!(app::announcements::service::seed_article(&w.db).await.unwrap());
    assert!(!app::announcements::service::seed_article(&w.db).await.unwrap(), "the second run adds nothing");
    assert_eq!(w.count("SELECT COUNT(*) FROM announcements").await, 1);
    let slug = app::announcements::service::article_slug();
    assert_eq!(slug, "ozbekistan-ve-turkiye-isgucu-gocunde-insan-odakli-bir-ortaklik");
    assert_eq!(public_slugs(&w).await, vec![slug.clone()]);

    let uz = one(&w.anonymous(), &slug, "uz").await.ok().json();
    assert_eq!(uz["title"], "Oʻzbekiston va Turkiya: mehnat migratsiyasida insonga yoʻnaltirilgan hamkorlik");
    assert!(uz["body"].as_str().unwrap().contains("«Ijtimoiy himoya» kelishuvini"));
    let tr = one(&w.anonymous(), &slug, "tr").await.ok().json();
    assert_eq!(tr["title"], "Özbekistan ve Türkiye: İşgücü Göçünde İnsan Odaklı Bir Ortaklık");
    assert!(tr["body"].as_str().unwrap().contains("“Sosyal Koruma” anlaşması"));
    let page = html(&w.anonymous().page(&format!("/announcements/{slug}")).await);
    let article = page.split("<article").nth(1).unwrap().split("</article>").next().unwrap();
    assert_eq!(article.matches("<p>").count(), 8, "its eight paragraphs: {article}");

    // Taken down by staff, it stays down when the seed runs again.
    let id = w.count("SELECT id FROM announcements").await.to_string();
    w.staff.call::<UnpublishAnnouncement>(&[("announcement_id", id.as_str())]).await.ok();
    assert!(!app::announcements::service::seed_article(&w.db).await.unwrap());
    assert!(public_slugs(&w).await.is_empty());
}

/// The home page reads its announcements in one query, whether there are
/// none or many; and that query is the only one `latest` makes.
#[tokio::test]
async fn the_home_page_reads_the_announcements_in_one_query() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let w = world().await;
    let count = Arc::new(AtomicUsize::new(0));
    let mut counted = w.db.clone();
    let c = count.clone();
    counted.set_metric_callback(move |_| {
        c.fetch_add(1, Ordering::SeqCst);
    });
    let anon = Actor::Anonymous(w.instance_on(counted.clone()));
    let home = || async {
        anon.page("/").await.ok();
        count.swap(0, Ordering::SeqCst);
        anon.page("/").await.ok();
        count.swap(0, Ordering::SeqCst)
    };
    let without = home().await;
    for i in 0..5 {
        let id = draft(&w.staff, &form(&format!("Eʼlon {i}"), &format!("Duyuru {i}"), "Matn.", "Metin.")).await;
        w.staff.call::<PublishAnnouncement>(&[("announcement_id", id.to_string())]).await.ok();
    }
    assert_eq!(home().await, without, "the same queries with five announcements as with none");
    count.store(0, Ordering::SeqCst);
    assert_eq!(app::announcements::service::latest(&counted, 3).await.unwrap().len(), 3);
    assert_eq!(count.load(Ordering::SeqCst), 1, "one query");
}
