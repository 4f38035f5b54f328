use super::api::{get_application, list_applications, my_notifications, Apply, MarkNotificationsRead, MoveApplication};
use super::stage::owner_of;
use super::{NotificationKind, Stage};
use crate::accounts::api::get_current_user;
use crate::accounts::{Role, SessionUser};
use crate::format::date;
use crate::forms::{use_form_error, FormError};
use crate::i18n::*;
use crate::ui::{use_id_param, use_reference, use_refs, Loaded};
use crate::vacancies::pages::level_text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub fn stage_text(i18n: leptos_i18n::I18nContext<Locale>, s: Stage) -> String {
    match s {
        Stage::Submitted => tu_string!(i18n, stages.submitted),
        Stage::Screening => tu_string!(i18n, stages.screening),
        Stage::Forwarded => tu_string!(i18n, stages.forwarded),
        Stage::Rejected => tu_string!(i18n, stages.rejected),
        Stage::Interview => tu_string!(i18n, stages.interview),
        Stage::Offer => tu_string!(i18n, stages.offer),
        Stage::Hired => tu_string!(i18n, stages.hired),
        Stage::Declined => tu_string!(i18n, stages.declined),
        Stage::Withdrawn => tu_string!(i18n, stages.withdrawn),
    }
    .to_string()
}

/// The apply button on a vacancy page (a plain form: works without JS).
#[component]
pub fn ApplyBox(vacancy_id: i32, open: bool, reader: Option<SessionUser>) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    view! {
        <FormError error/>
        {match (open, reader) {
                    (false, _) => view! { <p class="notice">{tu_string!(i18n, vacancies.not_open)}</p> }.into_any(),
                    (true, Some(u)) if u.role == Role::Migrant => view! {
                        <form method="post" action=Apply::url()>
                            <input type="hidden" name="vacancy_id" value=vacancy_id.to_string()/>
                            <button type="submit" class="primary">{tu_string!(i18n, vacancies.apply)}</button>
                        </form>
                    }.into_any(),
                    (true, Some(_)) => ().into_any(),
                    (true, None) => view! {
                        <p><a class="button primary" href=format!("/signin?next=/vacancies/{vacancy_id}")>{tu_string!(i18n, vacancies.sign_in_to_apply)}</a></p>
                    }.into_any(),
        }}
    }
}

/// Migrant: my applications. Employer: forwarded candidates. Staff: screening queue.
#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| list_applications());
    use_reference();
    view! {
        <Loaded resource=list let:items>
            {
                let lists = use_refs();
                let locale = i18n.get_locale_untracked();
                view! {
                        <section class="card">
                            <h1>{tu_string!(i18n, nav.applications)} " (" {items.len()} ")"</h1>
                            <ul class="results">
                                {items.into_iter().map(|a| view! {
                                    <li class="card">
                                        <h2><a href=format!("/applications/{}", a.id)>{lists.occupation(a.occupation_id)}</a></h2>
                                        <p>{a.company_name.clone()} " · " {a.candidate_name.clone()}</p>
                                        <p><span class="tag">{stage_text(i18n, a.stage)}</span> " " {date(&a.created_at, locale)}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                }
            }
        </Loaded>
    }
}

/// One application: its timeline in the reader's language and the moves the
/// reader's role owns.
#[component]
pub fn ApplicationPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id_param();
    // The reader's role decides which moves the page offers.
    let app = Resource::new(
        move || id.get(),
        |id| async move {
            let a = get_application(id).await?;
            Ok((a, get_current_user().await?.map(|u| u.role)))
        },
    );
    use_reference();
    let error = use_form_error();
    view! {
        <Loaded resource=app let:data>
            {
                let (a, role) = data;
                let lists = use_refs();
                let locale = i18n.get_locale_untracked();
                {
                        let acting = match role { Some(Role::Admin) => Some(Role::Staff), r => r };
                        let moves: Vec<Stage> = Stage::all().filter(|to| owner_of(a.stage, *to).is_some() && owner_of(a.stage, *to) == acting).collect();
                        view! {
                            <article class="card">
                                <h1>{lists.occupation(a.occupation_id)}</h1>
                                <p>{a.company_name.clone()} " · " <a href=format!("/vacancies/{}", a.vacancy_id)>{tu_string!(i18n, applications.vacancy_link)}</a></p>
                                <p class="stage-now">{tu_string!(i18n, applications.stage_now)} " " <strong>{stage_text(i18n, a.stage)}</strong></p>
                                {(role != Some(Role::Migrant)).then(|| view! {
                                    <dl class="facts">
                                        <dt>{tu_string!(i18n, account.name_label)}</dt><dd>{a.candidate_name.clone()}</dd>
                                        <dt>{tu_string!(i18n, account.phone_label)}</dt><dd><a href=format!("tel:{}", a.candidate_phone)>{a.candidate_phone.clone()}</a></dd>
                                        {a.candidate_profile.clone().map(|p| view! {
                                            <dt>{tu_string!(i18n, profile.trade)}</dt><dd>{lists.occupation(p.occupation_id)}</dd>
                                            <dt>{tu_string!(i18n, profile.experience)}</dt><dd>{p.experience_years}</dd>
                                            <dt>{tu_string!(i18n, vacancies.turkish_level)}</dt><dd>{level_text(i18n, p.turkish_level)}</dd>
                                            <dt>{tu_string!(i18n, profile.certificates)}</dt><dd>{p.certificates.clone()}</dd>
                                        })}
                                    </dl>
                                })}
                                {a.work_permit_no.clone().map(|p| view! {
                                    <p>{tu_string!(i18n, applications.work_permit_no)} ": " {p} " · " {tu_string!(i18n, applications.start_date)} ": " {a.start_date.clone().map(|d| date(&d, locale)).unwrap_or_default()}</p>
                                })}
                                <h2>{tu_string!(i18n, applications.history)}</h2>
                                <ol class="timeline">
                                    {a.history.iter().map(|e| view! {
                                        <li>
                                            <strong>{stage_text(i18n, e.to)}</strong> " — " {date(&e.at, locale)}
                                            {e.reason.clone().map(|r| view! { <p>{tu_string!(i18n, applications.reason)} ": " {r}</p> })}
                                        </li>
                                    }).collect_view()}
                                </ol>
                                <FormError error/>
                                {moves.into_iter().map(|to| {
                                    let needs_reason = to.needs_reason();
                                    let hired = to == Stage::Hired;
                                    let rid = format!("reason-{}", to.as_str());
                                    let pid = format!("permit-{}", to.as_str());
                                    let sid = format!("start-{}", to.as_str());
                                    view! {
                                        <form method="post" action=MoveApplication::url() class="stack move">
                                            <input type="hidden" name="application_id" value=a.id.to_string()/>
                                            <input type="hidden" name="to" value=to.as_str()/>
                                            {needs_reason.then(|| view! {
                                                <label for=rid.clone()>{tu_string!(i18n, applications.reason)}</label>
                                                <input id=rid.clone() name="reason" type="text" required maxlength="500"/>
                                            })}
                                            {hired.then(|| view! {
                                                <label for=pid.clone()>{tu_string!(i18n, applications.work_permit_no)}</label>
                                                <input id=pid.clone() name="work_permit_no" type="text" required maxlength="40"/>
                                                <label for=sid.clone()>{tu_string!(i18n, applications.start_date)}</label>
                                                <input id=sid.clone() name="start_date" type="date" required/>
                                            })}
                                            <button type="submit" class=if needs_reason || to == Stage::Withdrawn { "secondary" } else { "primary" }>
                                                {tu_string!(i18n, applications.move_to)} " " {stage_text(i18n, to)}
                                            </button>
                                        </form>
                                    }
                                }).collect_view()}
                            </article>
                        }
                }
            }
        </Loaded>
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| my_notifications());
    view! {
        <Loaded resource=list let:items>
            {
                let locale = i18n.get_locale_untracked();
                view! {
                        <section class="card narrow">
                            <h1>{tu_string!(i18n, nav.notifications)}</h1>
                            <form method="post" action=MarkNotificationsRead::url()>
                                <button type="submit" class="secondary">{tu_string!(i18n, applications.mark_read)}</button>
                            </form>
                            <ul class="results">
                                {items.into_iter().map(|n| {
                                    let text = match (n.kind, n.stage) {
                                        (NotificationKind::Candidate, _) => tu_string!(i18n, applications.new_candidate).to_string(),
                                        (_, Some(s)) => format!("{} {}", tu_string!(i18n, applications.stage_changed), stage_text(i18n, s)),
                                        _ => tu_string!(i18n, applications.stage_changed).to_string(),
                                    };
                                    view! {
                                        <li class=if n.read { "card" } else { "card unread" }>
                                            {n.application_id.map(|id| view! { <a href=format!("/applications/{id}")>{text.clone()}</a> })}
                                            " " <span class="small">{date(&n.created_at, locale)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                }
            }
        </Loaded>
    }
}
