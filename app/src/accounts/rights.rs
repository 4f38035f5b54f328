//! Personal-data rights (F1.5) on the account page: download one's data,
//! erase one's account. The rules live in `accounts::data`; these are the
//! server functions (guard → parse → service → view) and the page's section.
//! Both work without JavaScript: the download is a plain link, the erasure a
//! plain form post.

use super::Role;
#[cfg(feature = "ssr")]
use crate::authz::Action;
use crate::error::AppError;
use crate::forms::{described_by, invalid, FieldError, FormError, FormErrors};
#[cfg(feature = "ssr")]
use crate::guard::guard;
use crate::i18n::*;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;

/// The erasure form's password field, named apart from the password change's
/// on the same page so that each form shows only its own refusals.
pub const DELETE_PASSWORD_FIELD: &str = "delete_password";
/// The erasure form's confirmation box (the error's own field, see `AppError::field`).
pub const CONFIRM_FIELD: &str = "confirm";
/// A refusal of the erasure form as a whole (an employer still hiring).
pub const DELETE_FORM: &str = "delete_account";

/// Everything the portal keeps about the signed-in person, as one JSON file
/// to save (a GET, so that a plain link downloads it).
#[server(endpoint = "my_data", input = GetUrl)]
pub async fn download_my_data() -> Result<serde_json::Value, AppError> {
    use http::{header, HeaderValue};
    let (user, state) = guard(Action::DownloadOwnData).await?;
    let data = super::data::export(&state, user.id).await?;
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        let file = format!("attachment; filename=\"kopru-data-{}.json\"", chrono::Utc::now().date_naive());
        res.insert_header(header::CONTENT_DISPOSITION, HeaderValue::from_str(&file).map_err(|_| AppError::Internal)?);
        res.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    serde_json::to_value(data).map_err(|_| AppError::Internal)
}

/// Erases the signed-in migrant's or employer's account (see
/// `accounts::data::delete`), then signs this browser out onto the home page.
#[server(endpoint = "delete_account")]
pub async fn delete_account(password: String, confirm: Option<String>) -> Result<(), AppError> {
    let (user, state) = guard(Action::DeleteOwnAccount).await?;
    if confirm.is_none() {
        return Err(AppError::ConfirmationRequired);
    }
    super::data::delete(&state, user.id, &password).await.map_err(|e| match e {
        AppError::BadCredentials => e.at(DELETE_PASSWORD_FIELD),
        AppError::StillHiring => e.at(DELETE_FORM),
        e => e,
    })?;
    crate::forms::set_cookie(&super::session::clearing_cookie(&state.security));
    crate::forms::redirect("/?deleted=1");
    Ok(())
}

/// The refusals of the erasure form, and those of the page's other forms.
/// A refusal of the form as a whole is shown at the top of the erasure form.
pub fn split_errors(all: Memo<FormErrors>) -> (Memo<FormErrors>, Memo<FormErrors>) {
    let ours = |field: &str| [DELETE_PASSWORD_FIELD, CONFIRM_FIELD, DELETE_FORM].contains(&field);
    let delete = Memo::new(move |_| {
        all.with(|e| {
            FormErrors(
                e.0.iter()
                    .filter(|f| ours(&f.field))
                    .map(|f| crate::error::FieldError {
                        field: if f.field == DELETE_FORM { String::new() } else { f.field.clone() },
                        error: f.error.clone(),
                    })
                    .collect(),
            )
        })
    });
    let rest = Memo::new(move |_| all.with(|e| FormErrors(e.0.iter().filter(|f| !ours(&f.field)).cloned().collect())));
    (delete, rest)
}

/// The account page's part on one's data: the download for everyone, and for
/// those who signed themselves up the erasure form, which says what goes and
/// what stays before it asks for the password and a confirmation.
#[component]
pub fn DataRights(role: Role, error: Memo<FormErrors>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card narrow" aria-labelledby="data-title">
            <h2 id="data-title">{tu_string!(i18n, account.data_title)}</h2>
            <p>{tu_string!(i18n, account.data_text)}</p>
            <p><a class="button secondary" href=DownloadMyData::url() download="">{tu_string!(i18n, account.data_download)}</a></p>
        </section>
        {matches!(role, Role::Migrant | Role::Employer).then(|| view! { <DeleteAccountForm role error/> })}
    }
}

#[component]
fn DeleteAccountForm(role: Role, error: Memo<FormErrors>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card narrow" aria-labelledby="delete-title">
            <h2 id="delete-title">{tu_string!(i18n, account.delete_title)}</h2>
            <p>{tu_string!(i18n, account.delete_intro)}</p>
            <h3>{tu_string!(i18n, account.delete_erased_title)}</h3>
            <p>{tu_string!(i18n, account.delete_erased)}</p>
            <h3>{tu_string!(i18n, account.delete_kept_title)}</h3>
            <p>{tu_string!(i18n, account.delete_kept)}</p>
            {(role == Role::Employer).then(|| view! { <p class="notice warn">{tu_string!(i18n, account.delete_employer)}</p> })}
            <FormError error/>
            <form method="post" action=DeleteAccount::url() class="stack">
                <label for=DELETE_PASSWORD_FIELD>{tu_string!(i18n, account.current_password_label)}</label>
                <input id=DELETE_PASSWORD_FIELD name="password" type="password" autocomplete="current-password" required
                    aria-describedby=described_by(error, DELETE_PASSWORD_FIELD, None) aria-invalid=invalid(error, DELETE_PASSWORD_FIELD)/>
                <FieldError error field=DELETE_PASSWORD_FIELD/>
                <div class="check">
                    <input id=CONFIRM_FIELD name="confirm" type="checkbox" value="yes" required
                        aria-describedby=described_by(error, CONFIRM_FIELD, None) aria-invalid=invalid(error, CONFIRM_FIELD)/>
                    <label for=CONFIRM_FIELD>{tu_string!(i18n, account.delete_confirm)}</label>
                </div>
                <FieldError error field=CONFIRM_FIELD/>
                <button type="submit" class="primary">{tu_string!(i18n, account.delete_button)}</button>
            </form>
        </section>
    }
}
