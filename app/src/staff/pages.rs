use super::api::{staff_accounts, staff_queues, CreateStaffAccount};
use super::{Queue, QueueKind};
use crate::accounts::validate::{PASSWORD_MAX, PASSWORD_MIN};
use crate::accounts::Role;
use crate::authz::Action;
use crate::forms::{described_by, invalid, use_form_error, FormError};
use crate::i18n::*;
use crate::ui::{role_name, user_who_may, Loaded};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// The staff console: the queues, then the tools a staff member has today.
#[component]
pub fn StaffConsolePage() -> impl IntoView {
    let i18n = use_i18n();
    let console = Resource::new(
        || (),
        |_| async {
            let user = user_who_may(Action::ViewStaffConsole).await?;
            Ok((user, staff_queues().await?))
        },
    );
    view! {
        <Loaded resource=console let:data>
            {
                let (u, queues) = data;
                let locale = i18n.get_locale_untracked();
                view! {
                    <section class="card">
                        <h1>{tu_string!(i18n, staff.console_title)}</h1>
                        <ul class="cards queues">
                            {queues.into_iter().map(|q| view! { <QueueCard q locale/> }).collect_view()}
                        </ul>
                        <ul class="tool-list">
                            <li><a href="/staff/contacts">{tu_string!(i18n, contacts.edit_title)}</a></li>
                            <li><a href="/staff/minimum-wage">{tu_string!(i18n, staff.minimum_wage_title)}</a></li>
                            {(u.role == Role::Admin).then(|| view! {
                                <li><a href="/admin/accounts">{tu_string!(i18n, nav.staff_accounts)}</a></li>
                            })}
                        </ul>
                    </section>
                }
            }
        </Loaded>
    }
}

/// One queue with its count and the age of its oldest item.
#[component]
fn QueueCard(q: Queue, locale: Locale) -> impl IntoView {
    let i18n = use_i18n();
    let (href, title) = match q.kind {
        QueueKind::Companies => ("/staff/companies", tu_string!(i18n, nav.company_queue).to_string()),
        QueueKind::Vacancies => ("/staff/vacancies", tu_string!(i18n, nav.vacancy_queue).to_string()),
        QueueKind::Applications => ("/applications", tu_string!(i18n, staff.applications_queue).to_string()),
    };
    let age = q.oldest_hours.map(|h| {
        if h < 24 {
            format!("{} {}", crate::format::integer(h, locale), tu_string!(i18n, staff.hours))
        } else {
            format!("{} {}", crate::format::integer(h / 24, locale), tu_string!(i18n, staff.days))
        }
    });
    view! {
        <li class="card">
            <h2><a href=href>{title}</a></h2>
            <p class="count">{crate::format::integer(q.count as i64, locale)}</p>
            {age.map(|a| view! { <p class="small">{tu_string!(i18n, staff.oldest)} " " {a}</p> })}
        </li>
    }
}

/// Admins list and create staff accounts.
#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let accounts = Resource::new(|| (), |_| staff_accounts());
    let error = use_form_error();
    let query = use_query_map();
    let created = move || query.with(|q| q.get("created").is_some());
    view! {
        <Loaded resource=accounts let:list>
                        <section class="card">
                            <h1 id="staff-accounts-title">{tu_string!(i18n, nav.staff_accounts)}</h1>
                            <Show when=created>
                                <p class="notice" role="status">{tu_string!(i18n, staff.account_created)}</p>
                            </Show>
                            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="staff-accounts-title">
                            <table class="list">
                                <thead><tr>
                                    <th scope="col">{tu_string!(i18n, account.name_label)}</th>
                                    <th scope="col">{tu_string!(i18n, account.email_label)}</th>
                                    <th scope="col">{tu_string!(i18n, account.role_label)}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|a| view! {
                                        <tr><td>{a.name}</td><td>{a.email}</td><td>{role_name(i18n, a.role)}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        </section>
                        <section class="card narrow">
                            <h2>{tu_string!(i18n, staff.new_account_title)}</h2>
                            <FormError error/>
                            <form method="post" action=CreateStaffAccount::url() class="stack">
                                <label for="name">{tu_string!(i18n, account.name_label)}</label>
                                <input id="name" name="name" type="text" required maxlength="200" autocomplete="off"
                                    aria-describedby=described_by(error, "name", None) aria-invalid=invalid(error, "name")/>
                                <label for="email">{tu_string!(i18n, account.email_label)}</label>
                                <input id="email" name="email" type="email" required maxlength="254" autocomplete="off"
                                    aria-describedby=described_by(error, "email", None) aria-invalid=invalid(error, "email")/>
                                <label for="role">{tu_string!(i18n, account.role_label)}</label>
                                <select id="role" name="role">
                                    <option value="staff">{tu_string!(i18n, roles.staff)}</option>
                                    <option value="admin">{tu_string!(i18n, roles.admin)}</option>
                                </select>
                                <label for="password">{tu_string!(i18n, staff.first_password_label)}</label>
                                <input id="password" name="password" type="text" required autocomplete="new-password"
                                    minlength=PASSWORD_MIN.to_string() maxlength=PASSWORD_MAX.to_string()
                                    aria-describedby=described_by(error, "password", Some("password-hint")) aria-invalid=invalid(error, "password")/>
                                <p class="hint" id="password-hint">{tu_string!(i18n, account.password_hint)}</p>
                                <button type="submit" class="primary">{tu_string!(i18n, staff.create_account_button)}</button>
                            </form>
                        </section>
        </Loaded>
    }
}

/// Staff: the legal gross minimum wage and the day each amount applies from.
#[component]
pub fn MinimumWagePage() -> impl IntoView {
    use crate::reference::api::{minimum_wages, SetMinimumWage};
    let i18n = use_i18n();
    let list = Resource::new(
        || (),
        |_| async {
            user_who_may(Action::SetReferenceData).await?;
            minimum_wages().await
        },
    );
    let error = use_form_error();
    view! {
        <Loaded resource=list let:rows>
            {
                let locale = i18n.get_locale_untracked();
                        view! {
                            <section class="card narrow">
                                <h1>{tu_string!(i18n, staff.minimum_wage_title)}</h1>
                                <table class="list">
                                    <thead><tr><th scope="col">{tu_string!(i18n, staff.valid_from)}</th><th scope="col">{tu_string!(i18n, staff.amount)}</th></tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|r| view! {
                                            <tr><td>{crate::format::date(&r.valid_from, locale)}</td><td>{crate::format::money_try(r.gross_monthly_kurus, locale)}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <FormError error/>
                                <form method="post" action=SetMinimumWage::url() class="stack">
                                    <label for="amount">{tu_string!(i18n, staff.amount)}</label>
                                    <input id="amount" name="amount" type="text" inputmode="decimal" required/>
                                    <label for="valid_from">{tu_string!(i18n, staff.valid_from)}</label>
                                    <input id="valid_from" name="valid_from" type="date" required/>
                                    <button type="submit" class="primary">{tu_string!(i18n, contacts.save)}</button>
                                </form>
                            </section>
                        }
            }
        </Loaded>
    }
}
