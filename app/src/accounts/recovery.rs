//! The code pages (F1.2): proving a new account's phone or e-mail, and
//! setting a new password with a code. Plain form posts, like every form.

use super::api::{RequestReset, ResendCode, ResetPassword, VerifyAccount};
use super::pages::PasswordField;
use crate::forms::{described_by, invalid, use_echo, use_form_error, FieldError, FormError, FormErrors};
use crate::i18n::*;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// The six-digit code field: the phone's number pad, and the code offered
/// from the SMS where the phone can (`one-time-code`).
#[component]
fn CodeField(error: Memo<FormErrors>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label for="code">{tu_string!(i18n, verify.code_label)}</label>
        <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
            pattern="[0-9 ]*" maxlength="12" required class="code"
            aria-describedby=described_by(error, "code", Some("code-hint")) aria-invalid=invalid(error, "code")/>
        <p class="hint" id="code-hint">{tu_string!(i18n, verify.code_hint)}</p>
        <FieldError error field="code"/>
    }
}

/// `/verify`: the code sent at sign-up (or asked for again).
#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).unwrap_or_default();
    let sent = move || query.with(|q| q.get("sent").is_some());
    view! {
        <section class="card narrow">
            <h1>{tu_string!(i18n, verify.title)}</h1>
            <p>{tu_string!(i18n, verify.intro)}</p>
            <Show when=sent>
                <p class="notice" role="status">{tu_string!(i18n, verify.sent_again)}</p>
            </Show>
            <FormError error/>
            <form method="post" action=VerifyAccount::url() class="stack" novalidate>
                <input type="hidden" name="next" value=next/>
                <CodeField error/>
                <button type="submit" class="primary">{tu_string!(i18n, verify.button)}</button>
            </form>
            <h2>{tu_string!(i18n, verify.no_code_title)}</h2>
            <p>{tu_string!(i18n, verify.no_code_text)}</p>
            <form method="post" action=ResendCode::url()>
                <input type="hidden" name="next" value=next/>
                <button type="submit" class="secondary">{tu_string!(i18n, verify.resend)}</button>
            </form>
        </section>
    }
}

/// `/reset`: the login first; then (`?sent=1`) the code and a new password.
#[component]
pub fn ResetPage() -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    let echo = use_echo();
    let query = use_query_map();
    let sent = move || query.with(|q| q.get("sent").is_some());
    view! {
        <section class="card narrow">
            <h1>{tu_string!(i18n, reset.title)}</h1>
            <FormError error/>
            <Show
                when=sent
                fallback=move || view! {
                    <p>{tu_string!(i18n, reset.intro)}</p>
                    <form method="post" action=RequestReset::url() class="stack" novalidate>
                        <label for="login">{tu_string!(i18n, account.login_label)}</label>
                        <input id="login" name="login" type="text" inputmode="tel" autocomplete="username" required
                            maxlength="254" value=echo.value("login")
                            aria-describedby=described_by(error, "login", Some("login-hint")) aria-invalid=invalid(error, "login")/>
                        <p class="hint" id="login-hint">{tu_string!(i18n, account.login_hint)}</p>
                        <FieldError error field="login"/>
                        <button type="submit" class="primary">{tu_string!(i18n, reset.send_button)}</button>
                    </form>
                }
            >
                <p class="notice" role="status">{tu_string!(i18n, reset.sent)}</p>
                <form method="post" action=ResetPassword::url() class="stack" novalidate>
                    <CodeField error/>
                    <PasswordField id="new_password" name="new_password" autocomplete="new-password" error hint="password-hint">
                        {tu_string!(i18n, account.new_password_label)}
                    </PasswordField>
                    <p class="hint" id="password-hint">{tu_string!(i18n, account.password_hint)}</p>
                    <button type="submit" class="primary">{tu_string!(i18n, reset.button)}</button>
                </form>
                <p><a href="/reset">{tu_string!(i18n, reset.again)}</a></p>
            </Show>
        </section>
    }
}
