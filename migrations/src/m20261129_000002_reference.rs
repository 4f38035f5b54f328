//! Reference data (F4.4): Turkish provinces, Uzbek regions, sectors,
//! occupations and the legal minimum wage, created and seeded.
//!
//! Provinces are keyed by their plate code and Uzbek regions by a fixed number,
//! so their ids are given; sectors, occupations and minimum wages take ids from
//! the database (staff add more later), and occupations find their sector by code.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Provinces {
    Table,
    Id,
    NameTr,
    NameUz,
    Search,
}

#[derive(DeriveIden)]
enum UzRegions {
    Table,
    Id,
    NameUz,
    NameTr,
}

#[derive(DeriveIden)]
enum Sectors {
    Table,
    Id,
    Code,
    NameUz,
    NameTr,
}

#[derive(DeriveIden)]
enum Occupations {
    Table,
    Id,
    Code,
    SectorId,
    NameUz,
    NameTr,
    Search,
}

#[derive(DeriveIden)]
enum MinimumWages {
    Table,
    Id,
    GrossMonthlyKurus,
    ValidFrom,
    SetByUserId,
    CreatedAt,
}

/// The 81 provinces by plate code: official Turkish name, Uzbek Latin name.
const PROVINCES: [(i32, &str, &str); 81] = [
    (1, "Adana", "Adana"),
    (2, "Adıyaman", "Adiyaman"),
    (3, "Afyonkarahisar", "Afyonkarahisar"),
    (4, "Ağrı", "Agʻri"),
    (5, "Amasya", "Amasya"),
    (6, "Ankara", "Anqara"),
    (7, "Antalya", "Antalya"),
    (8, "Artvin", "Artvin"),
    (9, "Aydın", "Aydin"),
    (10, "Balıkesir", "Balikesir"),
    (11, "Bilecik", "Bilejik"),
    (12, "Bingöl", "Bingol"),
    (13, "Bitlis", "Bitlis"),
    (14, "Bolu", "Bolu"),
    (15, "Burdur", "Burdur"),
    (16, "Bursa", "Bursa"),
    (17, "Çanakkale", "Chanakkale"),
    (18, "Çankırı", "Chankiri"),
    (19, "Çorum", "Chorum"),
    (20, "Denizli", "Denizli"),
    (21, "Diyarbakır", "Diyarbakir"),
    (22, "Edirne", "Edirne"),
    (23, "Elazığ", "Elazigʻ"),
    (24, "Erzincan", "Erzinjan"),
    (25, "Erzurum", "Erzurum"),
    (26, "Eskişehir", "Eskishehir"),
    (27, "Gaziantep", "Gaziantep"),
    (28, "Giresun", "Giresun"),
    (29, "Gümüşhane", "Gumushhane"),
    (30, "Hakkâri", "Hakkari"),
    (31, "Hatay", "Hatay"),
    (32, "Isparta", "Isparta"),
    (33, "Mersin", "Mersin"),
    (34, "İstanbul", "Istanbul"),
    (35, "İzmir", "Izmir"),
    (36, "Kars", "Kars"),
    (37, "Kastamonu", "Kastamonu"),
    (38, "Kayseri", "Kayseri"),
    (39, "Kırklareli", "Kirklareli"),
    (40, "Kırşehir", "Kirshehir"),
    (41, "Kocaeli", "Kojaeli"),
    (42, "Konya", "Konya"),
    (43, "Kütahya", "Kutahya"),
    (44, "Malatya", "Malatya"),
    (45, "Manisa", "Manisa"),
    (46, "Kahramanmaraş", "Kahramanmarash"),
    (47, "Mardin", "Mardin"),
    (48, "Muğla", "Mugʻla"),
    (49, "Muş", "Mush"),
    (50, "Nevşehir", "Nevshehir"),
    (51, "Niğde", "Nigʻde"),
    (52, "Ordu", "Ordu"),
    (53, "Rize", "Rize"),
    (54, "Sakarya", "Sakarya"),
    (55, "Samsun", "Samsun"),
    (56, "Siirt", "Siirt"),
    (57, "Sinop", "Sinop"),
    (58, "Sivas", "Sivas"),
    (59, "Tekirdağ", "Tekirdagʻ"),
    (60, "Tokat", "Tokat"),
    (61, "Trabzon", "Trabzon"),
    (62, "Tunceli", "Tunjeli"),
    (63, "Şanlıurfa", "Shanliurfa"),
    (64, "Uşak", "Ushak"),
    (65, "Van", "Van"),
    (66, "Yozgat", "Yozgat"),
    (67, "Zonguldak", "Zonguldak"),
    (68, "Aksaray", "Aksaray"),
    (69, "Bayburt", "Bayburt"),
    (70, "Karaman", "Karaman"),
    (71, "Kırıkkale", "Kirikkale"),
    (72, "Batman", "Batman"),
    (73, "Şırnak", "Shirnak"),
    (74, "Bartın", "Bartin"),
    (75, "Ardahan", "Ardahan"),
    (76, "Iğdır", "Igʻdir"),
    (77, "Yalova", "Yalova"),
    (78, "Karabük", "Karabuk"),
    (79, "Kilis", "Kilis"),
    (80, "Osmaniye", "Osmaniye"),
    (81, "Düzce", "Duzje"),
];

/// Uzbekistan's 12 regions, the Republic of Karakalpakstan and Tashkent city.
const UZ_REGIONS: [(i32, &str, &str); 14] = [
    (1, "Qoraqalpogʻiston Respublikasi", "Karakalpakistan Cumhuriyeti"),
    (2, "Andijon viloyati", "Andican vilayeti"),
    (3, "Buxoro viloyati", "Buhara vilayeti"),
    (4, "Jizzax viloyati", "Cizzak vilayeti"),
    (5, "Qashqadaryo viloyati", "Kaşkaderya vilayeti"),
    (6, "Navoiy viloyati", "Navoi vilayeti"),
    (7, "Namangan viloyati", "Namangan vilayeti"),
    (8, "Samarqand viloyati", "Semerkant vilayeti"),
    (9, "Surxondaryo viloyati", "Surhanderya vilayeti"),
    (10, "Sirdaryo viloyati", "Sirderya vilayeti"),
    (11, "Toshkent viloyati", "Taşkent vilayeti"),
    (12, "Fargʻona viloyati", "Fergana vilayeti"),
    (13, "Xorazm viloyati", "Harezm vilayeti"),
    (14, "Toshkent shahri", "Taşkent şehri"),
];

/// Sectors: code, Uzbek name, Turkish name.
const SECTORS: [(&str, &str, &str); 10] = [
    ("construction", "Qurilish", "İnşaat"),
    ("textiles", "Toʻqimachilik va tikuvchilik", "Tekstil ve hazır giyim"),
    ("agriculture", "Qishloq xoʻjaligi", "Tarım ve hayvancılık"),
    ("tourism", "Turizm va mehmonxonalar", "Turizm ve konaklama"),
    ("manufacturing", "Sanoat ishlab chiqarishi", "İmalat sanayi"),
    ("logistics", "Logistika va transport", "Lojistik ve taşımacılık"),
    ("food", "Oziq-ovqat ishlab chiqarish", "Gıda üretimi"),
    ("healthcare", "Sogʻliqni saqlash va parvarish", "Sağlık ve bakım"),
    ("mining_energy", "Togʻ-kon sanoati va energetika", "Madencilik ve enerji"),
    ("services", "Xizmat koʻrsatish", "Hizmetler"),
];

/// Occupations: ISCO-08 unit group and a serial, sector code, Uzbek name, Turkish name.
const OCCUPATIONS: [(&str, &str, &str, &str); 48] = [
    ("7112.01", "construction", "Gʻisht teruvchi (bino quruvchi)", "Duvar ustası"),
    ("7114.01", "construction", "Betonchi", "Betoncu"),
    ("7114.02", "construction", "Armaturachi", "İnşaat demircisi"),
    ("7115.01", "construction", "Qolipchi duradgor", "Kalıpçı"),
    ("7122.01", "construction", "Kafel teruvchi", "Fayans ustası"),
    ("7123.01", "construction", "Suvoqchi", "Sıvacı"),
    ("7126.01", "construction", "Santexnik", "Tesisatçı"),
    ("7131.01", "construction", "Boʻyoqchi", "Boyacı"),
    ("7212.01", "construction", "Payvandchi", "Kaynakçı"),
    ("7411.01", "construction", "Elektrik montajchisi", "Elektrikçi"),
    ("8342.01", "construction", "Ekskavator mashinisti", "İş makinesi operatörü"),
    ("8343.01", "construction", "Kran operatori", "Vinç operatörü"),
    ("9313.01", "construction", "Qurilish ishchisi", "İnşaat işçisi"),
    ("7532.01", "textiles", "Bichuvchi", "Kesimci"),
    ("7543.01", "textiles", "Sifat nazoratchisi", "Kalite kontrolcü"),
    ("8152.01", "textiles", "Toʻquv dastgohi operatori", "Dokuma makinesi operatörü"),
    ("8153.01", "textiles", "Tikuvchi (tikuv mashinasi operatori)", "Dikiş makinesi operatörü"),
    ("8159.01", "textiles", "Dazmolchi", "Ütücü"),
    ("9211.01", "agriculture", "Dala ishchisi", "Tarım işçisi"),
    ("9211.02", "agriculture", "Meva va yongʻoq teruvchi", "Meyve ve fındık toplama işçisi"),
    ("9212.01", "agriculture", "Chorvachilik ishchisi", "Hayvancılık işçisi"),
    ("9214.01", "agriculture", "Issiqxona ishchisi", "Sera işçisi"),
    ("4224.01", "tourism", "Mehmonxona administratori", "Otel resepsiyonisti"),
    ("5120.01", "tourism", "Oshpaz", "Aşçı"),
    ("5131.01", "tourism", "Ofitsiant", "Garson"),
    ("9112.01", "tourism", "Mehmonxona xonalarini yigʻishtiruvchi", "Kat görevlisi"),
    ("9412.01", "tourism", "Oshxona yordamchisi", "Mutfak yardımcısı"),
    ("7223.01", "manufacturing", "CNC dastgoh operatori", "CNC operatörü"),
    ("8219.01", "manufacturing", "Yigʻuvchi (montajchi)", "Montaj işçisi"),
    ("9321.01", "manufacturing", "Qadoqlovchi", "Paketleme işçisi"),
    ("9329.01", "manufacturing", "Ishlab chiqarish ishchisi", "Üretim işçisi"),
    ("8332.01", "logistics", "Yuk mashinasi haydovchisi", "Tır şoförü"),
    ("8344.01", "logistics", "Forklift operatori", "Forklift operatörü"),
    ("9333.01", "logistics", "Ombor ishchisi", "Depo işçisi"),
    ("9621.01", "logistics", "Kuryer", "Kurye"),
    ("7511.01", "food", "Qassob", "Kasap"),
    ("7512.01", "food", "Novvoy", "Fırıncı"),
    ("7512.02", "food", "Qandolatchi", "Pastacı"),
    ("8160.01", "food", "Oziq-ovqat liniyasi ishchisi", "Gıda üretim işçisi"),
    ("5311.01", "healthcare", "Enaga", "Çocuk bakıcısı"),
    ("5321.01", "healthcare", "Hamshira yordamchisi", "Hasta bakıcı"),
    ("5322.01", "healthcare", "Keksalarga qarovchi", "Yaşlı bakıcısı"),
    ("7411.02", "mining_energy", "Quyosh panellarini oʻrnatuvchi", "Güneş paneli montajcısı"),
    ("8111.01", "mining_energy", "Konchi", "Maden işçisi"),
    ("5141.01", "services", "Sartarosh", "Kuaför"),
    ("5414.01", "services", "Qoʻriqchi", "Güvenlik görevlisi"),
    ("7231.01", "services", "Avtomexanik", "Oto tamircisi"),
    ("9112.02", "services", "Farrosh", "Temizlik görevlisi"),
];

/// Gross monthly minimum wage in kuruş (TRY × 100) and the day it applies from.
const MINIMUM_WAGES: [(i64, (i32, u32, u32)); 2] = [(2_600_550, (2025, 1, 1)), (3_303_000, (2026, 1, 1))];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Provinces::Table)
                    .col(integer(Provinces::Id).primary_key())
                    .col(string_len(Provinces::NameTr, 64))
                    .col(string_len(Provinces::NameUz, 64))
                    .col(string_len(Provinces::Search, 64))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UzRegions::Table)
                    .col(integer(UzRegions::Id).primary_key())
                    .col(string_len(UzRegions::NameUz, 100))
                    .col(string_len(UzRegions::NameTr, 100))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sectors::Table)
                    .col(pk_auto(Sectors::Id))
                    .col(string_len(Sectors::Code, 32).unique_key())
                    .col(string_len(Sectors::NameUz, 200))
                    .col(string_len(Sectors::NameTr, 200))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Occupations::Table)
                    .col(pk_auto(Occupations::Id))
                    .col(string_len(Occupations::Code, 32).unique_key())
                    .col(integer(Occupations::SectorId))
                    .col(string_len(Occupations::NameUz, 200))
                    .col(string_len(Occupations::NameTr, 200))
                    .col(string_len(Occupations::Search, 400))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_occupations_sector")
                            .from(Occupations::Table, Occupations::SectorId)
                            .to(Sectors::Table, Sectors::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_occupations_sector")
                    .table(Occupations::Table)
                    .col(Occupations::SectorId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MinimumWages::Table)
                    .col(pk_auto(MinimumWages::Id))
                    .col(big_integer(MinimumWages::GrossMonthlyKurus))
                    .col(date(MinimumWages::ValidFrom).unique_key())
                    .col(integer_null(MinimumWages::SetByUserId))
                    .col(timestamp_with_time_zone(MinimumWages::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_minimum_wages_user")
                            .from(MinimumWages::Table, MinimumWages::SetByUserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        let mut insert = Query::insert()
            .into_table(Provinces::Table)
            .columns([Provinces::Id, Provinces::NameTr, Provinces::NameUz, Provinces::Search])
            .to_owned();
        for (plate, tr, uz) in PROVINCES {
            insert.values_panic([plate.into(), tr.into(), uz.into(), fold(tr).into()]);
        }
        manager.exec_stmt(insert).await?;

        let mut insert = Query::insert()
            .into_table(UzRegions::Table)
            .columns([UzRegions::Id, UzRegions::NameUz, UzRegions::NameTr])
            .to_owned();
        for (id, uz, tr) in UZ_REGIONS {
            insert.values_panic([id.into(), uz.into(), tr.into()]);
        }
        manager.exec_stmt(insert).await?;

        let mut insert = Query::insert()
            .into_table(Sectors::Table)
            .columns([Sectors::Code, Sectors::NameUz, Sectors::NameTr])
            .to_owned();
        for (code, uz, tr) in SECTORS {
            insert.values_panic([code.into(), uz.into(), tr.into()]);
        }
        manager.exec_stmt(insert).await?;

        let mut insert = Query::insert()
            .into_table(Occupations::Table)
            .columns([
                Occupations::Code,
                Occupations::SectorId,
                Occupations::NameUz,
                Occupations::NameTr,
                Occupations::Search,
            ])
            .to_owned();
        for (code, sector, uz, tr) in OCCUPATIONS {
            let sector_id = Query::select()
                .column(Sectors::Id)
                .from(Sectors::Table)
                .and_where(Expr::col(Sectors::Code).eq(sector))
                .to_owned();
            insert.values_panic([
                code.into(),
                SimpleExpr::SubQuery(None, Box::new(sector_id.into_sub_query_statement())),
                uz.into(),
                tr.into(),
                format!("{} {}", fold(uz), fold(tr)).into(),
            ]);
        }
        manager.exec_stmt(insert).await?;

        let now = chrono::Utc::now();
        let mut insert = Query::insert()
            .into_table(MinimumWages::Table)
            .columns([MinimumWages::GrossMonthlyKurus, MinimumWages::ValidFrom, MinimumWages::CreatedAt])
            .to_owned();
        for (kurus, (y, m, d)) in MINIMUM_WAGES {
            let from = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date");
            insert.values_panic([kurus.into(), from.into(), now.into()]);
        }
        manager.exec_stmt(insert).await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Migrations only move forward.
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}

/// The search fold of `app::reference::text::normalize_search` (this crate cannot
/// depend on `app`): Turkish lower case without dots and diacritics, Uzbek
/// apostrophes removed, other runs of non-alphanumerics as one space.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if matches!(c, '\u{02BB}' | '\u{02BC}' | '\u{2018}' | '\u{2019}' | '\'' | '`' | '\u{00B4}')
            || ('\u{0300}'..='\u{036F}').contains(&c)
        {
            continue;
        }
        let folded = match c {
            'İ' | 'I' | 'ı' | 'î' | 'Î' => 'i',
            'Ş' | 'ş' => 's',
            'Ğ' | 'ğ' => 'g',
            'Ç' | 'ç' => 'c',
            'Ö' | 'ö' => 'o',
            'Ü' | 'ü' | 'û' | 'Û' => 'u',
            'Â' | 'â' => 'a',
            c if c.is_alphanumeric() => c.to_lowercase().next().unwrap_or(c),
            _ => {
                gap = true;
                continue;
            }
        };
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push(folded);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_matches_the_search_rules() {
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Şanlıurfa"), "sanliurfa");
        assert_eq!(fold("Iğdır"), "igdir");
        assert_eq!(fold("Hakkâri"), "hakkari");
        assert_eq!(fold("Gʻisht teruvchi (bino quruvchi)"), "gisht teruvchi bino quruvchi");
        assert_eq!(fold("Togʻ-kon  sanoati"), "tog kon sanoati");
    }

    #[test]
    fn seed_data_is_complete_and_consistent() {
        use std::collections::HashSet;
        let plates: HashSet<i32> = PROVINCES.iter().map(|p| p.0).collect();
        assert_eq!(plates, (1..=81).collect());
        let names: HashSet<&str> = PROVINCES.iter().map(|p| p.1).collect();
        assert_eq!(names.len(), 81);
        let regions: HashSet<i32> = UZ_REGIONS.iter().map(|r| r.0).collect();
        assert_eq!(regions, (1..=14).collect());
        let sectors: HashSet<&str> = SECTORS.iter().map(|s| s.0).collect();
        assert_eq!(sectors.len(), 10);
        let codes: HashSet<&str> = OCCUPATIONS.iter().map(|o| o.0).collect();
        assert_eq!(codes.len(), OCCUPATIONS.len(), "occupation codes are unique");
        for (code, sector, _, _) in OCCUPATIONS {
            assert!(sectors.contains(sector), "{code}: unknown sector {sector}");
        }
        for sector in &sectors {
            assert!(OCCUPATIONS.iter().any(|o| o.1 == *sector), "no occupation in {sector}");
        }
    }

    #[test]
    fn uzbek_names_use_the_modifier_letter_turned_comma() {
        let uzbek = PROVINCES
            .iter()
            .map(|p| p.2)
            .chain(UZ_REGIONS.iter().map(|r| r.1))
            .chain(SECTORS.iter().map(|s| s.1))
            .chain(OCCUPATIONS.iter().map(|o| o.2));
        for name in uzbek {
            assert!(!name.contains(['\'', '`', '‘', '’']), "{name}");
            // oʻ and gʻ are the only letters that take U+02BB.
            for (i, _) in name.match_indices('\u{02BB}') {
                let before = name[..i].chars().last().map(|c| c.to_ascii_lowercase());
                assert!(matches!(before, Some('o' | 'g')), "{name}");
            }
            // Uzbek Latin has no Turkish letters.
            assert!(!name.contains(['ı', 'İ', 'ş', 'ğ', 'ç', 'ö', 'ü', 'â']), "{name}");
        }
    }
}
