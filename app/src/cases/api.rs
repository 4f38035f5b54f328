//! The case server functions: guard → parse → service → view. Those that take
//! files are multipart posts, so that a phone without JavaScript uploads with a
//! plain `<form enctype="multipart/form-data">`.

use super::{Case, CaseKind, CaseLine, Queue, QueueFilter, Stage};
#[cfg(feature = "ssr")]
use super::{Category, CurrentStatus, Decision, EntryRoute};
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::guard::guard;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};
use serde::{Deserialize, Serialize};

/// What the form for a new case offers to pick from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseChoices {
    /// Complaints: the companies of the migrant's own applications.
    pub my_employers: Vec<(i32, String)>,
    /// Regularisation: verified companies that may be willing to hire.
    pub companies: Vec<(i32, String)>,
}

/// A case's fields as posted, read from a multipart form (SSR only).
#[cfg(feature = "ssr")]
struct Posted(Vec<(String, String)>);

#[cfg(feature = "ssr")]
impl Posted {
    fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    fn id(&self, name: &str) -> Result<i32, AppError> {
        crate::parse::int(self.get(name), AppError::InvalidInput)
    }

    fn opt_id(&self, name: &str) -> Result<Option<i32>, AppError> {
        match self.get(name).trim() {
            "" => Ok(None),
            v => crate::parse::int(v, AppError::InvalidInput).map(Some),
        }
    }

    fn choice<T: std::str::FromStr>(&self, name: &str) -> Result<T, AppError> {
        self.get(name).trim().parse::<T>().map_err(|_| AppError::ChoiceRequired)
    }

    fn checked(&self, name: &str) -> bool {
        !matches!(self.get(name), "" | "false")
    }
}

/// Reads a multipart post: its text fields and its files, each file checked
/// and stored (refused by content, not by name) before any row is written.
#[cfg(feature = "ssr")]
async fn read_posted(
    data: MultipartData,
    state: &crate::state::AppState,
) -> Result<(Posted, Vec<crate::documents::Stored>), AppError> {
    let form = crate::documents::read_form(data).await?;
    let mut stored = Vec::with_capacity(form.files.len());
    for upload in form.files {
        match crate::documents::store(&state.uploads, upload).await {
            Ok(s) => stored.push(s),
            Err(e) => {
                crate::documents::discard(&state.uploads, stored).await;
                return Err(e.at("file"));
            }
        }
    }
    Ok((Posted(form.fields), stored))
}

/// The new case's fields, all refusals at once.
#[cfg(feature = "ssr")]
fn parse_new_case(p: &Posted, has_files: bool) -> Result<super::service::NewCase, AppError> {
    use super::service::{NewCase, RegularisationAnswers, MAX_TEXT};
    use crate::parse::{optional_text, parse_date, required_text};
    let mut c = crate::error::Checks::default();
    let kind = c.take_as("kind", p.choice::<CaseKind>("kind"));
    let category = match kind.map(|k| k.categories()).filter(|cats| !cats.is_empty()) {
        Some(cats) => c.take_as(
            "category",
            p.choice::<Category>("category")
                .and_then(|x| cats.contains(&x).then_some(x).ok_or(AppError::ChoiceRequired)),
        ),
        None => None,
    };
    // A photo says enough for a help request; otherwise a few words are needed.
    let summary = match (kind, has_files, p.get("summary").trim().is_empty()) {
        (Some(CaseKind::Help), true, true) => Some(String::new()),
        _ => c.take_as("summary", required_text(p.get("summary"), MAX_TEXT, AppError::Required)),
    };
    let vacancy_id = c.take_as("vacancy_id", p.opt_id("vacancy_id"));
    let company_id = c.take_as("company_id", p.opt_id("company_id"));
    let employer_name = c.take_as("employer_name", optional_text(Some(p.get("employer_name")), 200));
    let fee_kurus = match p.get("fee").trim() {
        "" => Some(None),
        v => c.take_as(
            "fee",
            crate::format::parse_try_to_kurus(v).filter(|k| *k > 0).map(Some).ok_or(AppError::InvalidWage),
        ),
    };
    let regularisation = if kind == Some(CaseKind::Regularisation) {
        let today = chrono::Utc::now().date_naive();
        let entered_on = c.take_as(
            "entered_on",
            parse_date(p.get("entered_on")).and_then(|d| {
                if d > today {
                    Err(AppError::InvalidDate)
                } else if d < today - chrono::Duration::days(365 * 40) {
                    Err(AppError::OutOfRange)
                } else {
                    Ok(d)
                }
            }),
        );
        let entry_route = c.take_as("entry_route", p.choice::<EntryRoute>("entry_route"));
        let current_status = c.take_as("current_status", p.choice::<CurrentStatus>("current_status"));
        let sector_id = c.take_as("sector_id", p.id("sector_id").map_err(|_| AppError::ChoiceRequired));
        let employer_company_id = c.take_as("employer_company_id", p.opt_id("employer_company_id"));
        match (entered_on, entry_route, current_status, sector_id, employer_company_id) {
            (Some(entered_on), Some(entry_route), Some(current_status), Some(sector_id), Some(employer_company_id)) => {
                Some(Some(RegularisationAnswers {
                    entered_on,
                    entry_route,
                    current_status,
                    sector_id,
                    employer_company_id,
                    employer_name: employer_name.clone().flatten(),
                }))
            }
            _ => None,
        }
    } else {
        Some(None)
    };
    let new = match (kind, summary, vacancy_id, company_id, employer_name, fee_kurus, regularisation) {
        (Some(kind), Some(summary), Some(vacancy_id), Some(company_id), Some(employer_name), Some(fee), Some(reg)) => {
            Some(NewCase {
                kind,
                category,
                urgent: p.checked("urgent"),
                summary,
                lang: crate::lang::request_locale(),
                vacancy_id,
                company_id,
                employer_name,
                regularisation: reg,
                fee_kurus: fee,
            })
        }
        _ => None,
    };
    if kind.is_some_and(|k| !k.categories().is_empty()) && category.is_none() && !c.refused("category") {
        c.fail("category", AppError::ChoiceRequired);
    }
    c.finish(new)
}

/// A migrant opens a case (with documents, photos): regularisation, help, a
/// complaint, or a report of an illegal fee on a vacancy.
#[server(endpoint = "open_case", input = MultipartFormData)]
pub async fn open_case(data: MultipartData) -> Result<(), AppError> {
    let (user, state) = guard(Action::OpenCase).await?;
    let (posted, files) = read_posted(data, &state).await?;
    let new = match parse_new_case(&posted, !files.is_empty()) {
        Ok(n) => n,
        Err(e) => {
            crate::documents::discard(&state.uploads, files).await;
            return Err(e);
        }
    };
    // Refused or rolled back: the files stored for it go too.
    let id = match super::service::open(&state.db, &user, new, files.clone()).await {
        Ok(id) => id,
        Err(e) => {
            crate::documents::discard(&state.uploads, files).await;
            return Err(e);
        }
    };
    crate::forms::redirect(&format!("/cases/{id}"));
    Ok(())
}

/// What the new-case form offers: the migrant's employers, verified companies.
#[server(endpoint = "case_form_options", input = GetUrl)]
pub async fn case_form_options() -> Result<CaseChoices, AppError> {
    let (user, state) = guard(Action::OpenCase).await?;
    let my_employers = super::service::my_employers(&state.db, user.id).await?;
    let companies = super::service::hiring_companies(&state.db).await?;
    Ok(CaseChoices { my_employers, companies })
}

/// The migrant's own cases, newest first.
#[server(endpoint = "my_cases", input = GetUrl)]
pub async fn my_cases() -> Result<Vec<CaseLine>, AppError> {
    let (user, state) = guard(Action::ListOwnCases).await?;
    super::service::mine(&state.db, &user).await
}

/// One case: for its migrant, or staff (with the internal notes).
#[server(endpoint = "get_case", input = GetUrl)]
pub async fn get_case(id: i32) -> Result<Case, AppError> {
    let (user, state) = guard(Action::ReadCase).await?;
    super::service::get(&state.db, &user, id).await
}

/// A move of a case, as its forms post it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoveCaseForm {
    pub case_id: String,
    pub to: Stage,
    #[serde(default)]
    pub decision: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    /// An eligible regularisation's next steps: one per line, `what | YYYY-MM-DD`.
    #[serde(default)]
    pub steps: Option<String>,
}

impl MoveCaseForm {
    #[cfg(feature = "ssr")]
    fn parse(self) -> Result<super::service::Move, AppError> {
        use super::service::MAX_TEXT;
        let mut c = crate::error::Checks::default();
        let id = c.take_as("", crate::parse::int(&self.case_id, AppError::InvalidInput));
        let decision = match self.decision.as_deref().map(str::trim).unwrap_or("") {
            "" => Some(None),
            d => c.take_as("decision", d.parse::<Decision>().map(Some).map_err(|_| AppError::ChoiceRequired)),
        };
        let reason = c.take_as("reason", crate::parse::optional_text(self.reason.as_deref(), MAX_TEXT));
        let steps =
            c.take_as("steps", parse_steps(self.steps.as_deref().unwrap_or(""), chrono::Utc::now().date_naive()));
        let m = match (id, decision, reason, steps) {
            (Some(id), Some(decision), Some(reason), Some(checklist)) => Some(super::service::Move {
                id,
                to: self.to,
                decision,
                reason,
                lang: crate::lang::request_locale(),
                checklist,
            }),
            _ => None,
        };
        c.finish(m)
    }
}

/// Next steps, one per line: `what to do | YYYY-MM-DD` (the date may be left
/// out; it may not lie in the past). At most 20, each at most 300 characters.
pub fn parse_steps(text: &str, today: chrono::NaiveDate) -> Result<Vec<(String, Option<chrono::NaiveDate>)>, AppError> {
    let mut steps = vec![];
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (label, date) = match line.rsplit_once('|') {
            Some((l, d)) => (l.trim(), Some(d.trim())),
            None => (line, None),
        };
        if label.is_empty() || label.chars().count() > 300 {
            return Err(AppError::InvalidInput);
        }
        let due = match date.filter(|d| !d.is_empty()) {
            Some(d) => {
                let d = crate::parse::parse_date(d)?;
                if d < today {
                    return Err(AppError::DateInPast);
                }
                Some(d)
            }
            None => None,
        };
        steps.push((label.to_string(), due));
    }
    if steps.len() > 20 {
        return Err(AppError::OutOfRange);
    }
    Ok(steps)
}

/// Moves a case (see `stage::owner_of`): staff's moves and decisions, the
/// migrant's documents sent and withdrawal.
#[server(endpoint = "move_case")]
pub async fn move_case(#[server(flatten)] form: MoveCaseForm) -> Result<(), AppError> {
    let (user, state) = guard(Action::MoveCase).await?;
    let m = form.parse()?;
    let id = m.id;
    super::service::move_to(&state.db, &user, m).await?;
    crate::forms::redirect(&format!("/cases/{id}"));
    Ok(())
}

/// A message in a case's thread, with attachments (a multipart post).
#[server(endpoint = "post_case_message", input = MultipartFormData)]
pub async fn post_case_message(data: MultipartData) -> Result<(), AppError> {
    let (user, state) = guard(Action::PostCaseMessage).await?;
    let (posted, files) = read_posted(data, &state).await?;
    let parsed = (|| {
        let id = posted.id("case_id")?;
        let body = match (posted.get("body").trim().is_empty(), files.is_empty()) {
            (true, false) => String::new(),
            _ => crate::parse::required_text(posted.get("body"), super::service::MAX_TEXT, AppError::Required)
                .map_err(|e| e.at("body"))?,
        };
        Ok::<_, AppError>((id, body))
    })();
    let (id, body) = match parsed {
        Ok(v) => v,
        Err(e) => {
            crate::documents::discard(&state.uploads, files).await;
            return Err(e);
        }
    };
    let lang = crate::lang::request_locale();
    if let Err(e) = super::service::post_message(&state.db, &user, id, body, lang, files.clone()).await {
        crate::documents::discard(&state.uploads, files).await;
        return Err(e);
    }
    crate::forms::redirect(&format!("/cases/{id}#thread"));
    Ok(())
}

/// The migrant ticks a next step of their case (or unticks it).
#[server(endpoint = "tick_checklist")]
pub async fn tick_checklist(item_id: i32, done: String) -> Result<(), AppError> {
    let (user, state) = guard(Action::TickChecklist).await?;
    let done = match done.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::InvalidInput),
    };
    let case_id = super::service::tick(&state.db, &user, item_id, done).await?;
    crate::forms::redirect(&format!("/cases/{case_id}#steps"));
    Ok(())
}

/// A staff queue of one kind, with its filters.
#[server(endpoint = "case_queue", input = GetUrl)]
pub async fn case_queue(kind: CaseKind, filter: QueueFilter) -> Result<Queue, AppError> {
    let (user, state) = guard(Action::ReviewCases).await?;
    super::service::queue(&state.db, &user, kind, &filter).await
}

/// Staff give a case to a colleague, or take it (`assign_to` empty).
#[server(endpoint = "assign_case")]
pub async fn assign_case(case_id: i32, assign_to: Option<String>) -> Result<(), AppError> {
    let (user, state) = guard(Action::ReviewCases).await?;
    let to = match assign_to.as_deref().map(str::trim).unwrap_or("") {
        "" => None,
        v => Some(crate::parse::int(v, AppError::InvalidInput.at("assign_to"))?),
    };
    super::service::assign(&state.db, &user, case_id, to).await?;
    crate::forms::redirect(&format!("/cases/{case_id}"));
    Ok(())
}

/// An internal note on a case (staff only; never shown to the migrant).
#[server(endpoint = "add_case_note")]
pub async fn add_case_note(case_id: i32, note: String) -> Result<(), AppError> {
    let (user, state) = guard(Action::ReviewCases).await?;
    let body =
        crate::parse::required_text(&note, super::service::MAX_TEXT, AppError::Required).map_err(|e| e.at("note"))?;
    super::service::add_note(&state.db, &user, case_id, body).await?;
    crate::forms::redirect(&format!("/cases/{case_id}#notes"));
    Ok(())
}

/// Staff suspend the company a fee report or complaint is about.
#[server(endpoint = "suspend_company_from_case")]
pub async fn suspend_company_from_case(case_id: i32, reason: String) -> Result<(), AppError> {
    let (user, state) = guard(Action::ReviewCases).await?;
    let reason = crate::parse::required_text(&reason, super::service::MAX_TEXT, AppError::ReasonRequired)
        .map_err(|e| e.at("suspend_reason"))?;
    super::service::suspend_company(&state.db, &user, case_id, reason, crate::lang::request_locale()).await?;
    crate::forms::redirect(&format!("/cases/{case_id}"));
    Ok(())
}

/// Staff move a complaint's worker to another employer's open vacancy.
#[server(endpoint = "move_worker")]
pub async fn move_worker(case_id: i32, vacancy_id: String) -> Result<(), AppError> {
    let (user, state) = guard(Action::ReviewCases).await?;
    let vacancy_id = crate::parse::int(&vacancy_id, AppError::InvalidInput.at("vacancy_id"))?;
    super::service::move_worker(&state.db, &user, case_id, vacancy_id).await?;
    crate::forms::redirect(&format!("/cases/{case_id}"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn steps_one_per_line_with_optional_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let got = parse_steps("Pasport nusxasi | 2026-12-10\n\n  Ish beruvchi bilan shartnoma  \n", today).unwrap();
        assert_eq!(
            got,
            vec![
                ("Pasport nusxasi".to_string(), NaiveDate::from_ymd_opt(2026, 12, 10)),
                ("Ish beruvchi bilan shartnoma".to_string(), None)
            ]
        );
        assert_eq!(parse_steps("", today), Ok(vec![]));
        assert_eq!(parse_steps("x | 2026-11-30", today), Err(AppError::DateInPast));
        assert_eq!(parse_steps("x | 30.11.2026", today), Err(AppError::InvalidDate));
        assert_eq!(parse_steps(" | 2026-12-10", today), Err(AppError::InvalidInput));
        assert_eq!(parse_steps(&"x\n".repeat(21), today), Err(AppError::OutOfRange));
        assert_eq!(parse_steps(&"y".repeat(301), today), Err(AppError::InvalidInput));
    }
}
