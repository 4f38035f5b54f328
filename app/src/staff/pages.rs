use super::api::{staff_accounts, staff_console, CreateStaffAccount, SetQueueTarget};
use super::{Console, Queue, QueueKind, WaitingFlag, TARGET_HOURS_MAX};
use crate::accounts::validate::{PASSWORD_MAX, PASSWORD_MIN};
use crate::accounts::Role;
use crate::authz::Action;
use crate::forms::{described_by, invalid, use_form_error, FieldError, FormError};
use crate::i18n::*;
use crate::ui::{age_text, role_name, use_reference, use_refs, user_who_may, Loaded};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// The staff console: what comes first. The queues against their targets,
/// then everything waiting in one list, oldest first, overdue items marked,
/// each with what it lacks; then the tools.
#[component]
pub fn StaffConsolePage() -> impl IntoView {
    let i18n = use_i18n();
    let console = Resource::new(
        || (),
        |_| async {
            let user = user_who_may(Action::ViewStaffConsole).await?;
            Ok((user, staff_console().await?))
        },
    );
    use_reference();
    let error = use_form_error();
    let query = use_query_map();
    let target_set = move || query.with(|q| q.get("target").is_some());
    view! {
        <Loaded resource=console let:data>
            {
                let (u, c) = data;
                let lists = use_refs();
                let locale = i18n.get_locale_untracked();
                let Console { queues, waiting, sample_contacts } = c;
                let targets: Vec<(QueueKind, i64)> = queues.iter().map(|q| (q.kind, q.target_hours)).collect();
                view! {
                    <section class="card">
                        <h1>{tu_string!(i18n, staff.console_title)}</h1>
                        {(sample_contacts != 0).then(|| view! {
                            <p class="flag" role="status">{tu_string!(i18n, staff.sample_contacts)} " "
                                <a href="/staff/contacts">{tu_string!(i18n, staff.replace_contacts)}</a></p>
                        })}
                        <ul class="cards queues">
                            {queues.into_iter().map(|q| view! { <QueueCard q locale/> }).collect_view()}
                        </ul>
                        <h2 id="waiting-title">{tu_string!(i18n, staff.waiting_title)}</h2>
                        {waiting.is_empty().then(|| view! { <p>{tu_string!(i18n, staff.queue_empty)}</p> })}
                        <ol class="waiting" aria-labelledby="waiting-title">
                            {waiting.into_iter().map(|w| {
                                let href = match w.kind {
                                    QueueKind::Companies => format!("/staff/companies#company-{}", w.id),
                                    QueueKind::Vacancies => format!("/staff/vacancies/{}", w.id),
                                    QueueKind::Applications => format!("/applications/{}", w.id),
                                    QueueKind::Assessments => format!("/staff/assessments#assessment-{}", w.id),
                                    _ => format!("/cases/{}", w.id),
                                };
                                let job = w.occupation_id.map(|o| format!(" · {}", lists.occupation(o)));
                                let about = w.category.map(|c| format!(" · {}", super::cases::category_name(i18n, c)));
                                let number = w.kind.case_kind().map(|_| {
                                    format!("{} · ", tu_string!(i18n, cases.number).replace("%ID%", &w.id.to_string()))
                                });
                                view! {
                                    <li class=if w.overdue { "overdue" } else { "" }>
                                        <span class="tag">{queue_title(i18n, w.kind)}</span> " "
                                        <a href=href>{number} {w.name} {job} {about}</a>
                                        <span class="small">" · " {tu_string!(i18n, staff.waiting_for)} " " {age_text(i18n, w.hours, locale)}</span>
                                        {w.overdue.then(|| view! { " " <strong class="tag overdue-tag">{tu_string!(i18n, staff.overdue)}</strong> })}
                                        {w.flags.into_iter().map(|f| view! { " " <span class=flag_class(f)>{flag_text(i18n, f)}</span> }).collect_view()}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        {(u.role == Role::Admin).then(|| view! {
                            <details class="card" open=error.with_untracked(|e| !e.is_empty())>
                                <summary>{tu_string!(i18n, staff.targets_title)}</summary>
                                <Show when=target_set>
                                    <p class="notice" role="status">{tu_string!(i18n, staff.target_saved)}</p>
                                </Show>
                                <FormError error/>
                                <form method="post" action=SetQueueTarget::url() class="stack" novalidate>
                                    <label for="queue">{tu_string!(i18n, staff.target_queue)}</label>
                                    <select id="queue" name="queue">
                                        {targets.iter().map(|(k, h)| view! {
                                            <option value=k.as_str()>{queue_title(i18n, *k)} " (" {age_text(i18n, *h, locale)} ")"</option>
                                        }).collect_view()}
                                    </select>
                                    <label for="target_hours">{tu_string!(i18n, staff.target_hours)}</label>
                                    <input id="target_hours" name="target_hours" type="number" inputmode="numeric" min="1"
                                        max=TARGET_HOURS_MAX.to_string() required
                                        aria-describedby=described_by(error, "target_hours", None) aria-invalid=invalid(error, "target_hours")/>
                                    <FieldError error field="target_hours"/>
                                    <button type="submit" class="primary">{tu_string!(i18n, contacts.save)}</button>
                                </form>
                            </details>
                        })}
                        <ul class="tool-list">
                            <li><a href="/staff/contacts">{tu_string!(i18n, contacts.edit_title)}</a></li>
                            <li><a href="/staff/minimum-wage">{tu_string!(i18n, staff.minimum_wage_title)}</a></li>
                            <li><a href="/staff/contributions">{tu_string!(i18n, contributions.staff_title)}</a></li>
                            {(u.role == Role::Admin).then(|| view! {
                                <li><a href="/admin/accounts">{tu_string!(i18n, nav.staff_accounts)}</a></li>
                                <li><a href="/admin/outbox">{tu_string!(i18n, nav.outbox)}</a></li>
                            })}
                        </ul>
                    </section>
                }
            }
        </Loaded>
    }
}

fn queue_title(i18n: leptos_i18n::I18nContext<Locale>, k: QueueKind) -> &'static str {
    match (k, k.case_kind()) {
        (_, Some(kind)) => super::cases::kind_name(i18n, kind),
        (QueueKind::Companies, _) => tu_string!(i18n, nav.company_queue),
        (QueueKind::Vacancies, _) => tu_string!(i18n, nav.vacancy_queue),
        (QueueKind::Assessments, _) => tu_string!(i18n, skills.staff_queue),
        _ => tu_string!(i18n, staff.applications_queue),
    }
}

fn flag_text(i18n: leptos_i18n::I18nContext<Locale>, f: WaitingFlag) -> &'static str {
    match f {
        WaitingFlag::NoTranslation => tu_string!(i18n, staff.flag_no_translation),
        WaitingFlag::NoProfile => tu_string!(i18n, staff.flag_no_profile),
        WaitingFlag::Urgent => tu_string!(i18n, cases.urgent),
        WaitingFlag::AwaitingStaff => tu_string!(i18n, cases.awaiting_staff),
    }
}

fn flag_class(f: WaitingFlag) -> &'static str {
    match f {
        WaitingFlag::Urgent => "tag urgent-tag",
        _ => "tag flag-tag",
    }
}

/// One queue: how many wait, how many are past the target, the oldest; for
/// cases also how many are urgent and how many the reader holds.
#[component]
fn QueueCard(q: Queue, locale: Locale) -> impl IntoView {
    let i18n = use_i18n();
    let href = q.kind.href();
    let class = if q.overdue > 0 { "card overdue" } else { "card" };
    let n = move |v: u64| crate::format::integer(v as i64, locale);
    let cases = q.kind.case_kind().is_some();
    view! {
        <li class=class>
            <h2><a href=href>{queue_title(i18n, q.kind)}</a></h2>
            <p class="count">{n(q.count)}</p>
            {(q.urgent != 0).then(|| view! {
                <p><strong class="tag urgent-tag">{tu_string!(i18n, staff.cases_urgent)} " " {n(q.urgent)}</strong></p>
            })}
            {(q.overdue != 0).then(|| view! {
                <p><strong>{tu_string!(i18n, staff.overdue_count)} " " {n(q.overdue)}</strong></p>
            })}
            {cases.then(|| view! { <p class="small">{tu_string!(i18n, staff.cases_mine)} " " {n(q.mine)}</p> })}
            <p class="small">{tu_string!(i18n, staff.target)} " " {age_text(i18n, q.target_hours, locale)}</p>
            {q.oldest_hours.map(|h| view! { <p class="small">{tu_string!(i18n, staff.oldest)} " " {age_text(i18n, h, locale)}</p> })}
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
