//! Sign-in, sign-up and account pages. Every form is a plain POST to its server
//! function, so it works before (or without) the WASM.

use super::api::*;
use super::validate::{PASSWORD_MAX, PASSWORD_MIN};
use crate::error::AppError;
use crate::forms::{described_by, invalid, use_echo, use_form_error, FieldError, FormError, FormErrors};
use crate::i18n::*;
use crate::ui::{role_name, Loaded};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// `path` with the page the person came for (`next`), if any.
fn with_next(path: &str, next: Option<String>) -> String {
    match next.filter(|n| !n.is_empty()) {
        Some(n) => format!("{path}?{}", crate::parse::query_string([("next", n)])),
        None => path.to_string(),
    }
}

/// A password input with a show/hide button (the button needs the WASM; the
/// field works without it). Its errors are those of the field `name` (a new
/// password's are refused on `new_password`, see `service::check_new_password`),
/// and `id` is `name`, so that the error summary's link finds the input.
#[component]
pub(super) fn PasswordField(
    id: &'static str,
    name: &'static str,
    autocomplete: &'static str,
    error: Memo<FormErrors>,
    #[prop(optional)] hint: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let (shown, set_shown) = signal(false);
    view! {
        <label for=id>{children()}</label>
        <div class="password-row">
            <input
                id=id
                name=name
                type=move || if shown.get() { "text" } else { "password" }
                autocomplete=autocomplete
                required
                minlength=PASSWORD_MIN.to_string()
                maxlength=PASSWORD_MAX.to_string()
                aria-describedby=described_by(error, name, hint)
                aria-invalid=invalid(error, name)
            />
            <button
                type="button"
                class="secondary show-password"
                aria-pressed=move || if shown.get() { "true" } else { "false" }
                aria-controls=id
                on:click=move |_| set_shown.update(|s| *s = !*s)
            >
                {move || if shown.get() { tu_string!(i18n, account.hide_password) } else { tu_string!(i18n, account.show_password) }}
            </button>
        </div>
        <FieldError error field=name/>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    let echo = use_echo();
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).unwrap_or_default();
    // Migrants sign in with a phone number, so the field opens the phone
    // keypad; employers and staff follow a link to the e-mail keyboard. The
    // field takes either in both cases: only the keyboard differs.
    let by_email = query.with_untracked(|q| q.get("with").as_deref() == Some("email"));
    let switch_href = move || {
        let mut pairs = Vec::new();
        if !by_email {
            pairs.push(("with", "email".to_string()));
        }
        if let Some(n) = query.with(|q| q.get("next")) {
            pairs.push(("next", n));
        }
        let q = crate::parse::query_string(pairs);
        if q.is_empty() {
            "/signin".to_string()
        } else {
            format!("/signin?{q}")
        }
    };
    view! {
        <section class="card narrow">
            <h1>{tu_string!(i18n, account.sign_in_title)}</h1>
            <FormError error/>
            <form method="post" action=SignIn::url() class="stack">
                <input type="hidden" name="next" value=next/>
                <label for="login">{tu_string!(i18n, account.login_label)}</label>
                <input id="login" name="login" type="text" inputmode=if by_email { "email" } else { "tel" }
                    autocomplete="username" required value=echo.value("login")
                    aria-describedby=described_by(error, "login", Some("login-hint")) aria-invalid=invalid(error, "login")/>
                <p class="hint" id="login-hint">
                    {tu_string!(i18n, account.login_hint)} " "
                    <a href=switch_href>
                        {if by_email { tu_string!(i18n, account.login_with_phone) } else { tu_string!(i18n, account.login_with_email) }}
                    </a>
                </p>
                <FieldError error field="login"/>
                <PasswordField id="password" name="password" autocomplete="current-password" error>
                    {tu_string!(i18n, account.password_label)}
                </PasswordField>
                <button type="submit" class="primary">{tu_string!(i18n, account.sign_in_button)}</button>
            </form>
            <p><a href="/reset">{tu_string!(i18n, account.forgot_password)}</a></p>
            <p>{tu_string!(i18n, account.no_account)} " " <a href=move || with_next("/signup", query.with(|q| q.get("next")))>{tu_string!(i18n, account.sign_up_link)}</a></p>
        </section>
    }
}

/// The consent checkbox with the link to the privacy notice (F1.5).
#[component]
fn ConsentField(error: Memo<FormErrors>, checked: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="check">
            <input id="consent" name="consent" type="checkbox" value="yes" required checked=checked
                aria-describedby=described_by(error, "consent", None) aria-invalid=invalid(error, "consent")/>
            <label for="consent">
                {tu_string!(i18n, account.consent_label)} " "
                <a href="/privacy">{tu_string!(i18n, account.privacy_link)}</a>
            </label>
        </div>
        <FieldError error field="consent"/>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    let echo = use_echo();
    let query = use_query_map();
    let next = query.with_untracked(|q| q.get("next"));
    view! {
        <section class="card narrow">
            <h1>{tu_string!(i18n, account.sign_up_title)}</h1>
            <p>{tu_string!(i18n, account.sign_up_intro)}</p>
            <FormError error/>
            <form method="post" action=SignUpMigrant::url() class="stack" novalidate>
                <input type="hidden" name="next" value=next.clone().unwrap_or_default()/>
                <label for="name">{tu_string!(i18n, account.name_label)}</label>
                <input id="name" name="name" type="text" autocomplete="name" required maxlength="200" value=echo.value("name")
                    aria-describedby=described_by(error, "name", Some("name-hint")) aria-invalid=invalid(error, "name")/>
                <p class="hint" id="name-hint">{tu_string!(i18n, account.name_hint)}</p>
                <FieldError error field="name"/>
                <label for="phone">{tu_string!(i18n, account.phone_label)}</label>
                <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" required maxlength="24" value=echo.value("phone")
                    aria-describedby=described_by(error, "phone", Some("phone-hint")) aria-invalid=invalid(error, "phone")/>
                <p class="hint" id="phone-hint">{tu_string!(i18n, account.phone_hint)}</p>
                <FieldError error field="phone"/>
                <PasswordField id="password" name="password" autocomplete="new-password" error hint="password-hint">
                    {tu_string!(i18n, account.password_label)}
                </PasswordField>
                <p class="hint" id="password-hint">{tu_string!(i18n, account.password_hint)}</p>
                <ConsentField error checked=echo.checked("consent", false)/>
                <button type="submit" class="primary">{tu_string!(i18n, account.sign_up_button)}</button>
            </form>
            <p>{tu_string!(i18n, account.employer_question)} " " <a href="/signup/employer">{tu_string!(i18n, account.employer_sign_up_link)}</a></p>
            <p>{tu_string!(i18n, account.have_account)} " " <a href=with_next("/signin", next)>{tu_string!(i18n, account.sign_in_link)}</a></p>
        </section>
    }
}

#[component]
pub fn SignUpEmployerPage() -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    let echo = use_echo();
    let query = use_query_map();
    let next = query.with_untracked(|q| q.get("next"));
    view! {
        <section class="card narrow">
            <h1>{tu_string!(i18n, account.employer_sign_up_title)}</h1>
            <p>{tu_string!(i18n, account.employer_sign_up_intro)}</p>
            <FormError error/>
            <form method="post" action=SignUpEmployer::url() class="stack" novalidate>
                <input type="hidden" name="next" value=next.clone().unwrap_or_default()/>
                <label for="name">{tu_string!(i18n, account.contact_name_label)}</label>
                <input id="name" name="name" type="text" autocomplete="name" required maxlength="200" value=echo.value("name")
                    aria-describedby=described_by(error, "name", None) aria-invalid=invalid(error, "name")/>
                <FieldError error field="name"/>
                <label for="email">{tu_string!(i18n, account.email_label)}</label>
                <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value=echo.value("email")
                    aria-describedby=described_by(error, "email", None) aria-invalid=invalid(error, "email")/>
                <FieldError error field="email"/>
                <PasswordField id="password" name="password" autocomplete="new-password" error hint="password-hint">
                    {tu_string!(i18n, account.password_label)}
                </PasswordField>
                <p class="hint" id="password-hint">{tu_string!(i18n, account.password_hint)}</p>
                <ConsentField error checked=echo.checked("consent", false)/>
                <button type="submit" class="primary">{tu_string!(i18n, account.sign_up_button)}</button>
            </form>
            <p>{tu_string!(i18n, account.have_account)} " " <a href=with_next("/signin", next)>{tu_string!(i18n, account.sign_in_link)}</a></p>
        </section>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let user = Resource::new(|| (), |_| async { get_current_user().await?.ok_or(AppError::NotSignedIn) });
    // The erasure form's refusals stay with it, the password change's with that form.
    let (delete_error, error) = super::rights::split_errors(use_form_error());
    let query = use_query_map();
    let changed = move || query.with(|q| q.get("changed").is_some());
    view! {
        <Loaded resource=user let:u>
                    {view! {
                        <section class="card narrow">
                            <h1>{tu_string!(i18n, account.account_title)}</h1>
                            {(!u.verified).then(|| view! {
                                <p class="flag" role="status">
                                    {tu_string!(i18n, account.not_verified)} " "
                                    <a href="/verify">{tu_string!(i18n, account.verify_link)}</a>
                                </p>
                            })}
                            <dl class="facts">
                                <dt>{tu_string!(i18n, account.name_label)}</dt><dd>{u.name.clone()}</dd>
                                <dt>{tu_string!(i18n, account.login_label)}</dt><dd>{u.login.clone()}</dd>
                                <dt>{tu_string!(i18n, account.role_label)}</dt><dd>{role_name(i18n, u.role)}</dd>
                            </dl>
                            <form method="post" action=SignOut::url()>
                                <button type="submit" class="secondary">{tu_string!(i18n, nav.sign_out)}</button>
                            </form>
                        </section>
                        <section class="card narrow">
                            <h2>{tu_string!(i18n, account.change_password_title)}</h2>
                            <Show when=changed>
                                <p class="notice" role="status">{tu_string!(i18n, account.password_changed)}</p>
                            </Show>
                            <FormError error/>
                            <form method="post" action=ChangePassword::url() class="stack">
                                <label for="current_password">{tu_string!(i18n, account.current_password_label)}</label>
                                <input id="current_password" name="current_password" type="password" autocomplete="current-password" required/>
                                <PasswordField id="new_password" name="new_password" autocomplete="new-password" error hint="password-hint">
                                    {tu_string!(i18n, account.new_password_label)}
                                </PasswordField>
                                <p class="hint" id="password-hint">{tu_string!(i18n, account.password_hint)}</p>
                                <button type="submit" class="primary">{tu_string!(i18n, account.change_password_button)}</button>
                            </form>
                        </section>
                        <super::rights::DataRights role=u.role error=delete_error/>
                    }}
        </Loaded>
        <crate::outbox::pages::TelegramLink/>
    }
}
