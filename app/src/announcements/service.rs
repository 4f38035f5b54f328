//! Announcements: queries and mutations, free of HTTP. Lists read the columns
//! they show, never the bodies, in one query each.

use super::entity::{self, Column, Entity as Announcements, LineRow};
use super::{Announcement, AnnouncementInput, AnnouncementLine, AnnouncementList, AnnouncementText};
use crate::accounts::SessionUser;
use crate::error::AppError;
use crate::i18n::Locale;
use chrono::Utc;
use sea_orm::*;

/// The list columns of every announcement.
fn lines() -> Select<Announcements> {
    Announcements::find().select_only().columns([
        Column::Id,
        Column::Slug,
        Column::TitleUz,
        Column::TitleTr,
        Column::PublishedAt,
    ])
}

/// The published ones, newest first.
fn published_lines() -> Select<Announcements> {
    lines().filter(Column::PublishedAt.is_not_null()).order_by_desc(Column::PublishedAt).order_by_desc(Column::Id)
}

/// The `n` newest published announcements (the home page): one query.
pub async fn latest<C: ConnectionTrait>(db: &C, n: u64) -> Result<Vec<AnnouncementLine>, AppError> {
    let rows = published_lines().limit(n).into_model::<LineRow>().all(db).await?;
    Ok(rows.into_iter().map(LineRow::into_view).collect())
}

/// One page (1-based) of the published announcements, newest first.
pub async fn published<C: ConnectionTrait>(db: &C, page: u32) -> Result<AnnouncementList, AppError> {
    let page = page.clamp(1, 10_000);
    let size = super::PAGE_SIZE;
    // One row more than a page tells whether another page follows.
    let rows =
        published_lines().offset(u64::from(page - 1) * size).limit(size + 1).into_model::<LineRow>().all(db).await?;
    let more = rows.len() as u64 > size;
    let items = rows.into_iter().take(size as usize).map(LineRow::into_view).collect();
    Ok(AnnouncementList { items, page, more })
}

/// One announcement by its address, in `locale`: a published one for
/// anyone, a draft for staff only ([`crate::authz::may_read_announcement`]);
/// anyone else learns nothing about a draft.
pub async fn by_slug<C: ConnectionTrait>(
    db: &C,
    reader: Option<&SessionUser>,
    slug: &str,
    locale: Locale,
) -> Result<AnnouncementText, AppError> {
    let row = Announcements::find()
        .filter(Column::Slug.eq(slug))
        .one(db)
        .await?
        .filter(|a| crate::authz::may_read_announcement(reader, a.published_at.is_some()))
        .ok_or(AppError::NotFound)?;
    Ok(row.into_text(locale))
}

/// Every announcement, the drafts too, the last changed first (staff).
pub async fn all<C: ConnectionTrait>(db: &C) -> Result<Vec<AnnouncementLine>, AppError> {
    let rows =
        lines().order_by_desc(Column::UpdatedAt).order_by_desc(Column::Id).into_model::<LineRow>().all(db).await?;
    Ok(rows.into_iter().map(LineRow::into_view).collect())
}

/// One announcement in both languages (staff edit it).
pub async fn one<C: ConnectionTrait>(db: &C, id: i32) -> Result<Announcement, AppError> {
    Ok(Announcements::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?.into_view())
}

/// Saves a new announcement (a draft until published) or edits one; its id.
/// A new one's address is made from its title ([`super::unique_slug`]); an
/// existing one keeps its address, so that links to it keep working.
pub async fn save(db: &DatabaseConnection, author_id: i32, input: AnnouncementInput) -> Result<i32, AppError> {
    let now = Utc::now();
    let id = match input.id {
        Some(id) => {
            let row = Announcements::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            let mut am = row.into_active_model();
            am.title_uz = Set(input.title_uz);
            am.title_tr = Set(input.title_tr);
            am.body_uz = Set(input.body_uz);
            am.body_tr = Set(input.body_tr);
            am.updated_at = Set(now);
            am.update(db).await?.id
        }
        None => create(db, author_id, input).await?,
    };
    tracing::info!(user_id = author_id, announcement_id = id, "announcement saved");
    Ok(id)
}

/// A new draft under a free address. The address is chosen and taken in one
/// transaction (which holds SQLite's write lock); on PostgreSQL a concurrent
/// request may take the same address first, and then the next free one is taken.
async fn create(db: &DatabaseConnection, author_id: i32, input: AnnouncementInput) -> Result<i32, AppError> {
    for _ in 0..3 {
        let input = input.clone();
        let made = crate::db::write(db, move |txn| {
            Box::pin(async move {
                let base = super::unique_slug(&input.title_tr, &input.title_uz, |_| false);
                let taken: Vec<String> = Announcements::find()
                    .select_only()
                    .column(Column::Slug)
                    .filter(Column::Slug.starts_with(&base))
                    .into_tuple()
                    .all(txn)
                    .await?;
                let slug = super::unique_slug(&input.title_tr, &input.title_uz, |s| taken.iter().any(|t| t == s));
                let now = Utc::now();
                let row = entity::ActiveModel {
                    slug: Set(slug),
                    title_uz: Set(input.title_uz),
                    title_tr: Set(input.title_tr),
                    body_uz: Set(input.body_uz),
                    body_tr: Set(input.body_tr),
                    published_at: Set(None),
                    author_user_id: Set(Some(author_id)),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await
                // The address was taken meanwhile: try again (below).
                .map_err(|e| crate::error::unique_violation_is(e, AppError::Busy))?;
                Ok(row.id)
            })
        })
        .await;
        match made {
            Err(AppError::Busy) => continue,
            other => return other,
        }
    }
    Err(AppError::Busy)
}

/// Publishes an announcement (dated now) or takes it down (a draft again).
/// Publishing a published one keeps its date; taking down a draft changes nothing.
pub async fn set_published<C: ConnectionTrait>(db: &C, staff_id: i32, id: i32, publish: bool) -> Result<(), AppError> {
    let row = Announcements::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if row.published_at.is_some() == publish {
        return Ok(());
    }
    let now = Utc::now();
    let mut am = row.into_active_model();
    am.published_at = Set(publish.then_some(now));
    am.updated_at = Set(now);
    am.update(db).await?;
    tracing::info!(user_id = staff_id, announcement_id = id, publish, "announcement published or taken down");
    Ok(())
}

/// The partnership's article (`shared/domain/seed-article.txt`, in English)
/// in Uzbek and in Turkish: its title on the first line, a blank line, then
/// its paragraphs.
const ARTICLE_UZ: &str = include_str!("article.uz.txt");
const ARTICLE_TR: &str = include_str!("article.tr.txt");

/// The article as staff would have typed it: title and body, through the form's own checks.
fn article(text: &str) -> (String, String) {
    let (title, body) = text.split_once("\n\n").expect("a title, a blank line, the body");
    (super::title(title).expect("a valid title"), super::body(body).expect("a valid body"))
}

/// The address of the seeded article.
pub fn article_slug() -> String {
    super::slug_of(&article(ARTICLE_TR).0)
}

/// Adds the partnership's article as a published announcement, written by
/// nobody in particular; once: when its address exists, nothing changes
/// (even when staff took it down or edited it since). Whether it was added.
pub async fn seed_article<C: ConnectionTrait>(db: &C) -> Result<bool, AppError> {
    let slug = article_slug();
    if Announcements::find().filter(Column::Slug.eq(slug.as_str())).count(db).await? > 0 {
        return Ok(false);
    }
    let ((title_uz, body_uz), (title_tr, body_tr)) = (article(ARTICLE_UZ), article(ARTICLE_TR));
    let now = Utc::now();
    entity::ActiveModel {
        slug: Set(slug),
        title_uz: Set(title_uz),
        title_tr: Set(title_tr),
        body_uz: Set(body_uz),
        body_tr: Set(body_tr),
        published_at: Set(Some(now)),
        author_user_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_passes_the_form_s_checks_in_both_languages() {
        for text in [ARTICLE_UZ, ARTICLE_TR] {
            let (title, body) = article(text);
            let input = super::super::check_form(None, &title, &title, &body, &body).unwrap();
            assert_eq!(input.title_uz, title);
            let paragraphs = super::super::blocks(&body);
            assert_eq!(paragraphs.len(), 8, "the article's eight paragraphs");
            assert!(paragraphs.iter().all(|b| matches!(b, super::super::Block::Paragraph(l) if l.len() == 1)));
        }
        assert_eq!(article_slug(), "ozbekistan-ve-turkiye-isgucu-gocunde-insan-odakli-bir-ortaklik");
    }

    #[test]
    fn the_uzbek_article_is_written_in_uzbek_latin() {
        let (title, body) = article(ARTICLE_UZ);
        let text = format!("{title}\n{body}");
        for bad in ['\'', '`', '‘', '’', 'ö', 'ü', 'ç', 'ş', 'ğ', 'ı', 'İ'] {
            assert!(!text.contains(bad), "{bad:?} in the Uzbek article");
        }
        assert!(text.starts_with("Oʻzbekiston"));
        // The agreement under negotiation has one name in each language (see the catalogue's test).
        assert!(text.contains("«Ijtimoiy himoya»"));
        assert!(article(ARTICLE_TR).1.contains("“Sosyal Koruma”"));
    }
}
