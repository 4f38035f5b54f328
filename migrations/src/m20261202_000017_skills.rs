//! Skills certification (F3.2, F4.4):
//! - `qualifications`: MYK's vocational qualifications — the code (unique, MYK's
//!   shape `11UY0012-3` or `11UY0012-3/03`), titles in Turkish and Uzbek, level
//!   (1–8), sector, how many years a certificate is valid (2–5), whether the
//!   trade is hazardous (no candidate under 18), whether it is offered;
//! - `qualification_occupations`: the reference occupations a qualification covers (a unique pair);
//! - `test_centres`: where assessments take place (name, city, offered or not);
//! - `assessments`: a migrant's request (qualification, preferred city and
//!   month), its status, the centre and moment staff scheduled, the result's
//!   units (JSON) and who recorded it when;
//! - `certificates`: what a pass issues — the number (unique), the holder, the
//!   qualification, the assessment (`NULL` once its holder erased their
//!   account), issue and last valid day, a revocation with its reason;
//! - `certificate_lookups`: each public look-up of a number (the keyed hash of
//!   the client's address, when), for the rate limit; kept a day;
//! - `idx_assessments_queue`, `idx_certificates_holder`: the staff queue's and the holder's question.
//!
//! CREATE TABLE and CREATE INDEX only: SQLite can do no more.
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
enum Occupations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Qualifications {
    Table,
    Id,
    Code,
    TitleTr,
    TitleUz,
    Level,
    Sector,
    ValidityYears,
    Hazardous,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum QualificationOccupations {
    Table,
    QualificationId,
    OccupationId,
}

#[derive(DeriveIden)]
enum TestCentres {
    Table,
    Id,
    Name,
    City,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Assessments {
    Table,
    Id,
    MigrantId,
    QualificationId,
    PreferredCity,
    PreferredMonth,
    Status,
    CentreId,
    ScheduledAt,
    Units,
    ResultAt,
    RecordedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Certificates {
    Table,
    Id,
    Number,
    HolderId,
    QualificationId,
    AssessmentId,
    IssuedOn,
    ValidUntil,
    RevokedAt,
    RevokedReason,
    RevokedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CertificateLookups {
    Table,
    Id,
    ClientKey,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Qualifications::Table)
                    .col(pk_auto(Qualifications::Id))
                    .col(string_len(Qualifications::Code, 16).unique_key())
                    .col(string_len(Qualifications::TitleTr, 200))
                    .col(string_len(Qualifications::TitleUz, 200))
                    .col(integer(Qualifications::Level))
                    .col(string_len(Qualifications::Sector, 20))
                    .col(integer(Qualifications::ValidityYears))
                    .col(boolean(Qualifications::Hazardous))
                    .col(boolean(Qualifications::Active))
                    .col(timestamp_with_time_zone(Qualifications::CreatedAt))
                    .col(timestamp_with_time_zone(Qualifications::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QualificationOccupations::Table)
                    .col(integer(QualificationOccupations::QualificationId))
                    .col(integer(QualificationOccupations::OccupationId))
                    .primary_key(
                        Index::create()
                            .col(QualificationOccupations::QualificationId)
                            .col(QualificationOccupations::OccupationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_qualification_occupations_qualification")
                            .from(QualificationOccupations::Table, QualificationOccupations::QualificationId)
                            .to(Qualifications::Table, Qualifications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_qualification_occupations_occupation")
                            .from(QualificationOccupations::Table, QualificationOccupations::OccupationId)
                            .to(Occupations::Table, Occupations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_qualification_occupations_occupation")
                    .table(QualificationOccupations::Table)
                    .col(QualificationOccupations::OccupationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TestCentres::Table)
                    .col(pk_auto(TestCentres::Id))
                    .col(string_len(TestCentres::Name, 200))
                    .col(string_len(TestCentres::City, 100))
                    .col(boolean(TestCentres::Active))
                    .col(timestamp_with_time_zone(TestCentres::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Assessments::Table)
                    .col(pk_auto(Assessments::Id))
                    .col(integer(Assessments::MigrantId))
                    .col(integer(Assessments::QualificationId))
                    .col(string_len(Assessments::PreferredCity, 100))
                    .col(date(Assessments::PreferredMonth))
                    .col(string_len(Assessments::Status, 20))
                    .col(integer_null(Assessments::CentreId))
                    .col(timestamp_with_time_zone_null(Assessments::ScheduledAt))
                    .col(text(Assessments::Units))
                    .col(timestamp_with_time_zone_null(Assessments::ResultAt))
                    .col(integer_null(Assessments::RecordedBy))
                    .col(timestamp_with_time_zone(Assessments::CreatedAt))
                    .col(timestamp_with_time_zone(Assessments::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assessments_migrant")
                            .from(Assessments::Table, Assessments::MigrantId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assessments_qualification")
                            .from(Assessments::Table, Assessments::QualificationId)
                            .to(Qualifications::Table, Qualifications::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assessments_centre")
                            .from(Assessments::Table, Assessments::CentreId)
                            .to(TestCentres::Table, TestCentres::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assessments_recorded_by")
                            .from(Assessments::Table, Assessments::RecordedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_assessments_queue")
                    .table(Assessments::Table)
                    .col(Assessments::Status)
                    .col(Assessments::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_assessments_migrant")
                    .table(Assessments::Table)
                    .col(Assessments::MigrantId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Certificates::Table)
                    .col(pk_auto(Certificates::Id))
                    .col(string_len(Certificates::Number, 64).unique_key())
                    .col(integer(Certificates::HolderId))
                    .col(integer(Certificates::QualificationId))
                    .col(integer_null(Certificates::AssessmentId))
                    .col(date(Certificates::IssuedOn))
                    .col(date(Certificates::ValidUntil))
                    .col(timestamp_with_time_zone_null(Certificates::RevokedAt))
                    .col(string_len_null(Certificates::RevokedReason, 1000))
                    .col(integer_null(Certificates::RevokedBy))
                    .col(timestamp_with_time_zone(Certificates::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_certificates_holder")
                            .from(Certificates::Table, Certificates::HolderId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_certificates_qualification")
                            .from(Certificates::Table, Certificates::QualificationId)
                            .to(Qualifications::Table, Qualifications::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_certificates_assessment")
                            .from(Certificates::Table, Certificates::AssessmentId)
                            .to(Assessments::Table, Assessments::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_certificates_revoked_by")
                            .from(Certificates::Table, Certificates::RevokedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_certificates_holder")
                    .table(Certificates::Table)
                    .col(Certificates::HolderId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CertificateLookups::Table)
                    .col(pk_auto(CertificateLookups::Id))
                    .col(string_len(CertificateLookups::ClientKey, 64))
                    .col(timestamp_with_time_zone(CertificateLookups::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_certificate_lookups_client")
                    .table(CertificateLookups::Table)
                    .col(CertificateLookups::ClientKey)
                    .col(CertificateLookups::At)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("Köprü migrations are forward-only".into()))
    }
}
