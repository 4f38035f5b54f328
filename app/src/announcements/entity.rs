//! The sea-orm entity of announcements (see migration `m20261202_000016_announcements`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "announcements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub title_uz: String,
    pub title_tr: String,
    #[sea_orm(column_type = "Text")]
    pub body_uz: String,
    #[sea_orm(column_type = "Text")]
    pub body_tr: String,
    /// `None`: a draft (or taken down again), seen by staff only.
    pub published_at: Option<ChronoDateTimeUtc>,
    /// `None` for the seeded article.
    pub author_user_id: Option<i32>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The day of a moment in Türkiye (UTC+3 all year), `YYYY-MM-DD`: the
/// representation publishes on Türkiye's calendar.
pub fn turkiye_day(at: ChronoDateTimeUtc) -> String {
    let tr = chrono::FixedOffset::east_opt(3 * 3600).expect("a valid offset");
    at.with_timezone(&tr).date_naive().to_string()
}

impl Model {
    pub fn into_view(self) -> super::Announcement {
        super::Announcement {
            id: self.id,
            slug: self.slug,
            title_uz: self.title_uz,
            title_tr: self.title_tr,
            body_uz: self.body_uz,
            body_tr: self.body_tr,
            published_at: self.published_at.map(|t| t.to_rfc3339()),
            published_on: self.published_at.map(turkiye_day),
            updated_at: self.updated_at.to_rfc3339(),
        }
    }

    /// The reader's language only.
    pub fn into_text(self, locale: crate::i18n::Locale) -> super::AnnouncementText {
        let (title, body) = match locale {
            crate::i18n::Locale::uz => (self.title_uz, self.body_uz),
            crate::i18n::Locale::tr => (self.title_tr, self.body_tr),
        };
        super::AnnouncementText {
            id: self.id,
            slug: self.slug,
            title,
            body,
            lang: leptos_i18n::Locale::as_str(locale).to_string(),
            published_on: self.published_at.map(turkiye_day),
        }
    }
}

/// The columns a list shows (never the bodies).
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct LineRow {
    pub id: i32,
    pub slug: String,
    pub title_uz: String,
    pub title_tr: String,
    pub published_at: Option<ChronoDateTimeUtc>,
}

impl LineRow {
    pub fn into_view(self) -> super::AnnouncementLine {
        super::AnnouncementLine {
            id: self.id,
            slug: self.slug,
            title_uz: self.title_uz,
            title_tr: self.title_tr,
            published_on: self.published_at.map(turkiye_day),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_day_is_turkiye_s() {
        let late = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 21, 30, 0).unwrap();
        assert_eq!(turkiye_day(late), "2026-12-02", "00:30 in Ankara");
        let early = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 20, 59, 0).unwrap();
        assert_eq!(turkiye_day(early), "2026-12-01");
    }
}
