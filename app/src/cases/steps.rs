//! Staff keep a case's checklist (issue 11 item 6b): the server functions that
//! add, change and remove next steps with their due dates, and the forms of
//! the staff case page that post to them (plain posts: they work without
//! JavaScript). The migrant ticks steps (`api::tick_checklist`) and is
//! reminded before their dates (`reminders`).

use super::ChecklistItem;
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
use crate::forms::echo::Echo;
use crate::forms::{described_by, invalid, use_form_error, FieldError};
#[cfg(feature = "ssr")]
use crate::guard::guard;
use crate::i18n::*;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Staff add a next step with its due date to a case of any kind (not closed
/// or withdrawn), written in the migrant's language; the migrant hears of it.
#[server(endpoint = "add_case_step")]
pub async fn add_case_step(case_id: i32, label: String, due_on: String) -> Result<(), AppError> {
    use super::reminders::{add_step, parse_step, turkiye_date};
    let (user, state) = guard(Action::ReviewCases).await?;
    let today = turkiye_date(chrono::Utc::now());
    let (label, due) = parse_step(&label, &due_on, today, "step_label", "step_due")?;
    let id = add_step(&state.db, &user, case_id, label, due, crate::lang::request_locale()).await?;
    crate::forms::redirect(&format!("/cases/{id}#steps"));
    Ok(())
}

/// Staff change a step the migrant has not ticked: its words, its date.
#[server(endpoint = "edit_case_step")]
pub async fn edit_case_step(item_id: i32, label: String, due_on: String) -> Result<(), AppError> {
    use super::reminders::{edit_step, parse_step, turkiye_date};
    let (user, state) = guard(Action::ReviewCases).await?;
    let today = turkiye_date(chrono::Utc::now());
    let (label, due) = parse_step(&label, &due_on, today, "edit_label", "edit_due")?;
    let id = edit_step(&state.db, &user, item_id, label, due, crate::lang::request_locale()).await?;
    crate::forms::redirect(&format!("/cases/{id}#steps"));
    Ok(())
}

/// Staff remove a step the migrant has not ticked.
#[server(endpoint = "remove_case_step")]
pub async fn remove_case_step(item_id: i32) -> Result<(), AppError> {
    let (user, state) = guard(Action::ReviewCases).await?;
    let id = super::reminders::remove_step(&state.db, &user, item_id).await?;
    crate::forms::redirect(&format!("/cases/{id}#steps"));
    Ok(())
}

type I18n = leptos_i18n::I18nContext<Locale>;

/// "Write in Uzbek" / "in Turkish": the language the migrant reads.
fn write_in(i18n: I18n, owner_lang: &str) -> &'static str {
    match crate::lang::parse_locale(owner_lang) {
        Some(Locale::tr) => tu_string!(i18n, cases.write_in_tr),
        _ => tu_string!(i18n, cases.write_in_uz),
    }
}

/// When the owner was reminded of a step.
#[component]
pub fn Reminded(times: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    (!times.is_empty()).then(|| {
        let when = times.iter().map(|t| crate::staff::cases::turkiye_time(t)).collect::<Vec<_>>().join("; ");
        view! { <p class="small">{tu_string!(i18n, checklist.reminded)} " " {when}</p> }
    })
}

/// Staff's forms under a step not ticked yet: change it (inside a
/// `<details>`, so the list stays short) and remove it. The form that came
/// back refused carries the fixed field ids its messages point at.
#[component]
pub fn StepEdit(item: ChecklistItem, owner_lang: String, echo: Echo) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    let id = item.id.to_string();
    let refused = echo.value("item_id").as_deref() == Some(id.as_str()) && echo.value("label").is_some();
    let label_id = if refused { "edit_label".to_string() } else { format!("edit_label_{}", item.id) };
    let due_id = if refused { "edit_due".to_string() } else { format!("edit_due_{}", item.id) };
    let hint_id = format!("edit_hint_{}", item.id);
    let hint_for_label = hint_id.clone();
    let label = if refused { echo.value("label").unwrap_or_default() } else { item.label.clone() };
    let due = if refused { echo.value("due_on").unwrap_or_default() } else { item.due_on.clone().unwrap_or_default() };
    let step_name = format!("step-{}", item.id);
    let (described_label, described_due, invalid_label, invalid_due) = if refused {
        (
            Some(described_by(error, "edit_label", None)),
            Some(described_by(error, "edit_due", None)),
            Some(invalid(error, "edit_label")),
            Some(invalid(error, "edit_due")),
        )
    } else {
        (None, None, None, None)
    };
    view! {
        <details class="step-edit" open=refused>
            <summary>{tu_string!(i18n, checklist.edit)}</summary>
            <form method="post" action=EditCaseStep::url() class="stack" novalidate>
                <input type="hidden" name="item_id" value=id.clone()/>
                <p class="hint" id=hint_id.clone()>{write_in(i18n, &owner_lang)}</p>
                <label for=label_id.clone()>{tu_string!(i18n, checklist.label)}</label>
                <input id=label_id name="label" type="text" maxlength="300" required autocomplete="off" value=label
                    aria-describedby=move || match described_label {
                        Some(f) => Some(f().map_or_else(|| hint_for_label.clone(), |e| format!("{hint_for_label} {e}"))),
                        None => Some(hint_for_label.clone()),
                    }
                    aria-invalid=move || invalid_label.and_then(|f| f())/>
                {refused.then(|| view! { <FieldError error field="edit_label"/> })}
                <label for=due_id.clone()>{tu_string!(i18n, checklist.due)}</label>
                <input id=due_id name="due_on" type="date" required value=due
                    aria-describedby=move || described_due.and_then(|f| f())
                    aria-invalid=move || invalid_due.and_then(|f| f())/>
                {refused.then(|| view! { <FieldError error field="edit_due"/> })}
                <button type="submit" class="secondary" aria-describedby=step_name.clone()>{tu_string!(i18n, checklist.save)}</button>
            </form>
        </details>
        <form method="post" action=RemoveCaseStep::url() class="inline">
            <input type="hidden" name="item_id" value=id/>
            <button type="submit" class="secondary" aria-describedby=step_name>{tu_string!(i18n, checklist.remove)}</button>
        </form>
    }
}

/// Staff's form for a new step with its due date.
#[component]
pub fn StepAdd(case_id: i32, owner_lang: String, echo: Echo) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    // What the refused add form had typed (not an edit form's).
    let mine = echo.value("item_id").is_none();
    let typed = |name: &str| mine.then(|| echo.value(name)).flatten().unwrap_or_default();
    view! {
        <form method="post" action=AddCaseStep::url() class="stack" novalidate>
            <h3>{tu_string!(i18n, checklist.add_title)}</h3>
            <p class="hint" id="step-hint">{tu_string!(i18n, checklist.add_intro)} " " {write_in(i18n, &owner_lang)}</p>
            <input type="hidden" name="case_id" value=case_id.to_string()/>
            <label for="step_label">{tu_string!(i18n, checklist.label)}</label>
            <input id="step_label" name="label" type="text" maxlength="300" required autocomplete="off" value=typed("label")
                aria-describedby=described_by(error, "step_label", Some("step-hint")) aria-invalid=invalid(error, "step_label")/>
            <FieldError error field="step_label"/>
            <label for="step_due">{tu_string!(i18n, checklist.due)}</label>
            <p class="hint" id="step_due-hint">{tu_string!(i18n, checklist.due_hint)}</p>
            <input id="step_due" name="due_on" type="date" required value=typed("due_on")
                aria-describedby=described_by(error, "step_due", Some("step_due-hint")) aria-invalid=invalid(error, "step_due")/>
            <FieldError error field="step_due"/>
            <button type="submit" class="primary">{tu_string!(i18n, checklist.add)}</button>
        </form>
    }
}
