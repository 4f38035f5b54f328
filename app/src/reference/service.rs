//! Reference data: the lists for forms and filters, checks that an id names a
//! real row, and the legal minimum wage over time. Free of HTTP.

use super::api::{MinimumWage, Named, ReferenceLists};
use super::entity::*;
use crate::error::AppError;
use crate::i18n::Locale;
use chrono::NaiveDate;
use sea_orm::*;

/// The lists for forms and filters, in Uzbek and in Turkish.
pub async fn lists<C: ConnectionTrait>(db: &C, today: NaiveDate) -> Result<[ReferenceLists; 2], AppError> {
    let sectors = sector::Entity::find().order_by_asc(sector::Column::Id).all(db).await?;
    let occupations = occupation::Entity::find().order_by_asc(occupation::Column::Id).all(db).await?;
    let provinces = province::Entity::find().order_by_asc(province::Column::Id).all(db).await?;
    let regions = uz_region::Entity::find().order_by_asc(uz_region::Column::Id).all(db).await?;
    let minimum_wage_kurus = minimum_wage_on(db, today).await.ok();
    let named = |id, name: &String, parent| Named { id, name: name.clone(), parent };
    let lists = |uz: bool| ReferenceLists {
        sectors: sectors.iter().map(|s| named(s.id, if uz { &s.name_uz } else { &s.name_tr }, None)).collect(),
        occupations: occupations
            .iter()
            .map(|o| named(o.id, if uz { &o.name_uz } else { &o.name_tr }, Some(o.sector_id)))
            .collect(),
        provinces: sorted_provinces(
            if uz { Locale::uz } else { Locale::tr },
            provinces.iter().map(|p| named(p.id, if uz { &p.name_uz } else { &p.name_tr }, None)).collect(),
        ),
        uz_regions: regions.iter().map(|r| named(r.id, if uz { &r.name_uz } else { &r.name_tr }, None)).collect(),
        minimum_wage_kurus,
    };
    Ok([lists(true), lists(false)])
}

/// Where most vacancies are (by plate code): first in every province list.
pub const MAIN_PROVINCES: [i32; 6] = [34, 6, 35, 16, 7, 41];

/// Provinces as the reader looks for them: the main destinations first
/// (İstanbul, Ankara, İzmir, Bursa, Antalya, Kocaeli), then the rest in the
/// alphabet of the reader's language.
pub fn sorted_provinces(locale: Locale, mut provinces: Vec<Named>) -> Vec<Named> {
    let main = |p: &Named| MAIN_PROVINCES.iter().position(|id| *id == p.id).unwrap_or(MAIN_PROVINCES.len());
    provinces.sort_by(|a, b| main(a).cmp(&main(b)).then_with(|| super::collate::compare(locale, &a.name, &b.name)));
    provinces
}

/// The legal gross monthly minimum wage in force on a day, in kuruş;
/// `MinimumWageUnknown` when none is on record for that day.
pub async fn minimum_wage_on<C: ConnectionTrait>(db: &C, day: NaiveDate) -> Result<i64, AppError> {
    let row = minimum_wage::Entity::find()
        .filter(minimum_wage::Column::ValidFrom.lte(day))
        .order_by_desc(minimum_wage::Column::ValidFrom)
        .one(db)
        .await?;
    row.map(|r| r.gross_monthly_kurus).ok_or(AppError::MinimumWageUnknown)
}

/// The minimum-wage history, newest first.
pub async fn minimum_wages<C: ConnectionTrait>(db: &C) -> Result<Vec<MinimumWage>, AppError> {
    let rows = minimum_wage::Entity::find().order_by_desc(minimum_wage::Column::ValidFrom).all(db).await?;
    Ok(rows.into_iter().map(minimum_wage::Model::into_view).collect())
}

/// Records a new minimum wage from a day on; one amount per day.
pub async fn record_minimum_wage<C: ConnectionTrait>(
    db: &C,
    staff_id: i32,
    kurus: i64,
    valid_from: NaiveDate,
) -> Result<(), AppError> {
    let taken = minimum_wage::Entity::find().filter(minimum_wage::Column::ValidFrom.eq(valid_from)).count(db).await?;
    if taken > 0 {
        return Err(AppError::InvalidDate);
    }
    minimum_wage::ActiveModel {
        gross_monthly_kurus: Set(kurus),
        valid_from: Set(valid_from),
        set_by_user_id: Set(Some(staff_id)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    tracing::info!(staff_id, kurus, valid_from = %valid_from, "minimum wage recorded");
    Ok(())
}

/// `InvalidInput` unless the id names a row of the list.
async fn check<E: EntityTrait, C: ConnectionTrait>(db: &C, id: i32) -> Result<E::Model, AppError>
where
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    E::find_by_id(id).one(db).await?.ok_or(AppError::InvalidInput)
}

pub async fn check_sector<C: ConnectionTrait>(db: &C, id: i32) -> Result<sector::Model, AppError> {
    check::<sector::Entity, _>(db, id).await
}

pub async fn check_province<C: ConnectionTrait>(db: &C, id: i32) -> Result<province::Model, AppError> {
    check::<province::Entity, _>(db, id).await
}

pub async fn check_occupation<C: ConnectionTrait>(db: &C, id: i32) -> Result<occupation::Model, AppError> {
    check::<occupation::Entity, _>(db, id).await
}

pub async fn check_uz_region<C: ConnectionTrait>(db: &C, id: i32) -> Result<uz_region::Model, AppError> {
    check::<uz_region::Entity, _>(db, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(id: i32, name: &str) -> Named {
        Named { id, name: name.into(), parent: None }
    }

    #[test]
    fn main_destinations_first_then_the_readers_alphabet() {
        let tr = [(67, "Zonguldak"), (35, "İzmir"), (17, "Çanakkale"), (1, "Adana"), (34, "İstanbul"), (6, "Ankara")];
        let names = |l: Vec<Named>| l.into_iter().map(|n| n.name).collect::<Vec<_>>();
        assert_eq!(
            names(sorted_provinces(Locale::tr, tr.iter().map(|(i, n)| named(*i, n)).collect())),
            ["İstanbul", "Ankara", "İzmir", "Adana", "Çanakkale", "Zonguldak"]
        );
        let uz = [(67, "Zonguldak"), (17, "Chanakkale"), (1, "Adana"), (63, "Shanliurfa"), (7, "Antalya")];
        assert_eq!(
            names(sorted_provinces(Locale::uz, uz.iter().map(|(i, n)| named(*i, n)).collect())),
            ["Antalya", "Adana", "Zonguldak", "Shanliurfa", "Chanakkale"]
        );
    }
}
