//! Legal vacancies (F2.2, F2.4): employers of verified companies post them,
//! staff review them, anyone searches the published ones.

pub mod api;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

crate::state_enum! {
    /// A vacancy's life: submitted for review, returned for correction,
    /// published, rejected, or closed (closing date passed or positions filled).
    pub enum VacancyStatus {
        /// Saved while the company awaits verification; sent for review when it is verified.
        Draft,
        Submitted,
        Returned,
        Published,
        Rejected,
        Closed,
    }
}

crate::state_enum! {
    /// Turkish asked of a worker (vacancies) or spoken by one (profiles).
    #[derive(Default)]
    pub enum TurkishLevel {
        #[default]
        None,
        A1,
        A2,
        B1,
        B2,
    }
}

crate::state_enum! {
    /// Order of search results.
    #[derive(Default)]
    pub enum Sort {
        #[default]
        Newest,
        Wage,
    }
}

crate::state_enum! {
    /// What staff decide about a submitted vacancy.
    pub enum VacancyDecision {
        Publish,
        Return,
        Reject,
    }
}

/// A vacancy as readers see it: structured data, so it reads in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vacancy {
    pub id: i32,
    pub company_id: i32,
    pub company_name: String,
    pub company_verified: bool,
    /// Staff suspended the company (an illegal fee, a complaint): the vacancy
    /// left the search and takes no applications; the public sees why not.
    #[serde(default)]
    pub company_suspended: bool,
    pub sector_id: i32,
    pub occupation_id: i32,
    pub positions: i32,
    pub filled: i32,
    pub province_id: i32,
    pub district: String,
    pub wage_kurus: i64,
    pub hours_per_week: i32,
    pub housing: bool,
    pub meals: bool,
    pub transport: bool,
    pub contract_months: i32,
    pub turkish_level: TurkishLevel,
    pub certificate_required: bool,
    /// `YYYY-MM-DD`.
    pub start_date: String,
    pub closing_date: String,
    pub text_tr: String,
    pub text_uz: Option<String>,
    pub status: VacancyStatus,
    /// Sent back or rejected: the reason from the list, the note and its language.
    pub review_reason: Option<String>,
    pub review_reason_code: Option<crate::reasons::ReasonCode>,
    pub review_reason_lang: Option<String>,
    /// For staff deciding on it: the language its employer reads (`uz`, `tr`).
    #[serde(default)]
    pub owner_lang: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    pub project_id: Option<i32>,
    /// The MYK qualification whose valid certificate the work requires (F3.2, F4.4).
    #[serde(default)]
    pub required_qualification_id: Option<i32>,
    /// That qualification, for the page that shows one vacancy.
    #[serde(default)]
    pub qualification: Option<crate::skills::RequiredQualification>,
    /// For a signed-in migrant reading a vacancy that requires a qualification:
    /// whether a valid certificate of theirs counts for it.
    #[serde(default)]
    pub reader_certificate: Option<crate::skills::ReaderCertificate>,
}

/// A company's project with its own public page (F2.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: i32,
    pub company_id: i32,
    pub company_name: String,
    pub name: String,
    pub description_tr: String,
    pub description_uz: Option<String>,
    pub province_id: i32,
}

/// The filters of the public search; all of them live in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchQuery {
    pub q: String,
    pub sector: Option<i32>,
    pub province: Option<i32>,
    /// Minimum gross monthly wage in whole lira.
    pub min_wage: Option<i64>,
    pub housing: bool,
    /// Only vacancies that need no certificate.
    pub no_certificate: bool,
    pub sort: Sort,
    pub page: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResult {
    /// Whether a next page exists (no COUNT over the table: it would cost
    /// more than the page itself).
    pub has_next: bool,
    pub page: u32,
    pub per_page: u32,
    /// How many vacancies match, counted up to [`MATCHES_COUNTED_UP_TO`] + 1
    /// (shown as "500+").
    pub matches: u32,
    pub items: Vec<VacancySummary>,
}

/// One line of a result list: what its card shows, without the texts. Sent as an array in the order of
/// the fields (as [`crate::reference::api::Named`] is): a result page carries twenty of them for
/// hydration, and their field names were half of those bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VacancySummary {
    pub id: i32,
    pub occupation_id: i32,
    pub province_id: i32,
    pub district: String,
    pub wage_kurus: i64,
    pub housing: bool,
    pub certificate_required: bool,
    /// `YYYY-MM-DD`.
    pub closing_date: String,
    pub company_name: String,
    pub company_verified: bool,
}

type SummaryTuple = (i32, i32, i32, String, i64, bool, bool, String, String, bool);

impl Serialize for VacancySummary {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self;
        (
            v.id,
            v.occupation_id,
            v.province_id,
            &v.district,
            v.wage_kurus,
            v.housing,
            v.certificate_required,
            &v.closing_date,
            &v.company_name,
            v.company_verified,
        )
            .serialize(s)
    }
}

impl<'de> Deserialize<'de> for VacancySummary {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (
            id,
            occupation_id,
            province_id,
            district,
            wage_kurus,
            housing,
            certificate_required,
            closing_date,
            company_name,
            company_verified,
        ) = SummaryTuple::deserialize(d)?;
        Ok(VacancySummary {
            id,
            occupation_id,
            province_id,
            district,
            wage_kurus,
            housing,
            certificate_required,
            closing_date,
            company_name,
            company_verified,
        })
    }
}

impl Vacancy {
    pub fn summary(&self) -> VacancySummary {
        VacancySummary {
            id: self.id,
            occupation_id: self.occupation_id,
            province_id: self.province_id,
            district: self.district.clone(),
            wage_kurus: self.wage_kurus,
            housing: self.housing,
            certificate_required: self.certificate_required,
            closing_date: self.closing_date.clone(),
            company_name: self.company_name.clone(),
            company_verified: self.company_verified,
        }
    }
}

pub const PER_PAGE: u32 = 20;
/// A search counts its matches up to this many (then says "500+").
pub const MATCHES_COUNTED_UP_TO: u32 = 500;

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A summary with every flag that shows something set, for the tests of this module and of the pages.
    pub(crate) fn summary(company_name: &str) -> VacancySummary {
        VacancySummary {
            id: 7,
            occupation_id: 10,
            province_id: 34,
            district: "Esenyurt".into(),
            wage_kurus: 3_503_000,
            housing: true,
            certificate_required: false,
            closing_date: "2027-02-02".into(),
            company_name: company_name.into(),
            company_verified: true,
        }
    }

    #[test]
    fn a_summary_travels_as_an_array_and_comes_back_whole() {
        let v = summary("Anadolu İnşaat");
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"[7,10,34,"Esenyurt",3503000,true,false,"2027-02-02","Anadolu İnşaat",true]"#);
        assert_eq!(serde_json::from_str::<VacancySummary>(&json).unwrap(), v);
        assert!(serde_json::from_str::<VacancySummary>(r#"[7,10,34]"#).is_err());
    }
}
