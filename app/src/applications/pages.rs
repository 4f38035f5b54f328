use super::api::{get_application, list_applications, my_notifications, Apply, MarkNotificationsRead, MoveApplication};
use super::stage::owner_of;
use super::{Interview, InterviewMode, NotificationKind, OfferTerms, Stage};
use crate::accounts::api::get_current_user;
use crate::accounts::{Role, SessionUser};
use crate::format::date;
use crate::forms::echo::Echo;
use crate::forms::{described_by, invalid, use_echo, use_form_error, FieldError, FormError};
use crate::i18n::*;
use crate::reasons::{written_in, ReasonFields, ReasonFor, ReasonShown};
use crate::ui::{use_id_param, use_reference, use_refs, Loaded};
use crate::vacancies::pages::level_text;
use crate::vacancies::TurkishLevel;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// A migrant's Turkish in words ("Bilmayman" for none), never a raw code.
fn turkish_level_text(i18n: leptos_i18n::I18nContext<Locale>, l: TurkishLevel) -> String {
    if l == TurkishLevel::None {
        tu_string!(i18n, profile.turkish_none).to_string()
    } else {
        level_text(i18n, l)
    }
}

pub fn stage_text(i18n: leptos_i18n::I18nContext<Locale>, s: Stage) -> String {
    match s {
        Stage::Submitted => tu_string!(i18n, stages.submitted),
        Stage::Screening => tu_string!(i18n, stages.screening),
        Stage::Forwarded => tu_string!(i18n, stages.forwarded),
        Stage::Rejected => tu_string!(i18n, stages.rejected),
        Stage::Interview => tu_string!(i18n, stages.interview),
        Stage::Offer => tu_string!(i18n, stages.offer),
        Stage::Accepted => tu_string!(i18n, stages.accepted),
        Stage::Hired => tu_string!(i18n, stages.hired),
        Stage::Declined => tu_string!(i18n, stages.declined),
        Stage::Withdrawn => tu_string!(i18n, stages.withdrawn),
    }
    .to_string()
}

/// What a stage means and what comes next, in one line: to the migrant about
/// their own application, or about the candidate to everyone else.
pub fn stage_meaning(i18n: leptos_i18n::I18nContext<Locale>, s: Stage, own: bool) -> &'static str {
    match (s, own) {
        (Stage::Submitted, true) => tu_string!(i18n, stages.mine_submitted),
        (Stage::Screening, true) => tu_string!(i18n, stages.mine_screening),
        (Stage::Forwarded, true) => tu_string!(i18n, stages.mine_forwarded),
        (Stage::Rejected, true) => tu_string!(i18n, stages.mine_rejected),
        (Stage::Interview, true) => tu_string!(i18n, stages.mine_interview),
        (Stage::Offer, true) => tu_string!(i18n, stages.mine_offer),
        (Stage::Accepted, true) => tu_string!(i18n, stages.mine_accepted),
        (Stage::Hired, true) => tu_string!(i18n, stages.mine_hired),
        (Stage::Declined, true) => tu_string!(i18n, stages.mine_declined),
        (Stage::Withdrawn, true) => tu_string!(i18n, stages.mine_withdrawn),
        (Stage::Submitted, false) => tu_string!(i18n, stages.theirs_submitted),
        (Stage::Screening, false) => tu_string!(i18n, stages.theirs_screening),
        (Stage::Forwarded, false) => tu_string!(i18n, stages.theirs_forwarded),
        (Stage::Rejected, false) => tu_string!(i18n, stages.theirs_rejected),
        (Stage::Interview, false) => tu_string!(i18n, stages.theirs_interview),
        (Stage::Offer, false) => tu_string!(i18n, stages.theirs_offer),
        (Stage::Accepted, false) => tu_string!(i18n, stages.theirs_accepted),
        (Stage::Hired, false) => tu_string!(i18n, stages.theirs_hired),
        (Stage::Declined, false) => tu_string!(i18n, stages.theirs_declined),
        (Stage::Withdrawn, false) => tu_string!(i18n, stages.theirs_withdrawn),
    }
}

/// The button that moves an application to `to`: what the person does.
fn action_text(i18n: leptos_i18n::I18nContext<Locale>, to: Stage, from: Stage) -> &'static str {
    match to {
        Stage::Screening => tu_string!(i18n, stages.action_screening),
        Stage::Forwarded => tu_string!(i18n, stages.action_forwarded),
        Stage::Rejected => tu_string!(i18n, stages.action_rejected),
        Stage::Interview => tu_string!(i18n, stages.action_interview),
        Stage::Offer => tu_string!(i18n, stages.action_offer),
        Stage::Accepted => tu_string!(i18n, stages.action_accepted),
        Stage::Hired => tu_string!(i18n, stages.action_hired),
        Stage::Declined => tu_string!(i18n, stages.action_declined),
        Stage::Withdrawn if from == Stage::Offer => tu_string!(i18n, applications.withdraw_offer),
        Stage::Withdrawn | Stage::Submitted => tu_string!(i18n, applications.withdraw),
    }
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
                        {move || error.with(|e| e.has(&crate::error::AppError::ProfileRequired)).then(|| view! {
                            <p><a class="button primary" href=format!("/profile?next=%2Fvacancies%2F{vacancy_id}")>{tu_string!(i18n, applications.fill_profile)}</a></p>
                        })}
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
                            {items.is_empty().then(|| view! {
                                <p>{tu_string!(i18n, applications.none_yet)} " " <a class="button primary" href="/vacancies">{tu_string!(i18n, home.cta_search)}</a></p>
                            })}
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
    let echo = use_echo();
    let query = leptos_router::hooks::use_query_map();
    let confirming = query.with_untracked(|q| q.get("withdraw").is_some());
    view! {
        <Loaded resource=app let:data>
            {
                let (a, role) = data;
                let lists = use_refs();
                let locale = i18n.get_locale_untracked();
                let own = role == Some(Role::Migrant);
                let acting = match role { Some(Role::Admin) => Some(Role::Staff), r => r };
                let moves: Vec<Stage> = Stage::all().filter(|to| owner_of(a.stage, *to).is_some() && owner_of(a.stage, *to) == acting).collect();
                let reader = crate::lang::parse_locale(&a.candidate_lang);
                view! {
                    <article class="card">
                        <h1>{lists.occupation(a.occupation_id)}</h1>
                        <p>{a.company_name.clone()} " · " <a href=format!("/vacancies/{}", a.vacancy_id)>{tu_string!(i18n, applications.vacancy_link)}</a></p>
                        <p class="stage-now">{tu_string!(i18n, applications.stage_now)} " " <strong>{stage_text(i18n, a.stage)}</strong></p>
                        <p class="stage-meaning">{stage_meaning(i18n, a.stage, own)}</p>
                        {a.review_within_hours.map(|h| view! {
                            <p class="hint">{format!("{} {}", tu_string!(i18n, applications.review_within), crate::ui::age_text(i18n, h, locale))}</p>
                        })}
                        {(!own).then(|| view! {
                            <dl class="facts">
                                <dt>{tu_string!(i18n, account.name_label)}</dt><dd>{a.candidate_name.clone()}</dd>
                                <dt>{tu_string!(i18n, account.phone_label)}</dt><dd><a href=format!("tel:{}", a.candidate_phone)>{a.candidate_phone.clone()}</a></dd>
                                {a.candidate_profile.clone().map(|p| view! {
                                    <dt>{tu_string!(i18n, applications.candidate_trade)}</dt><dd>{lists.occupation(p.occupation_id)}</dd>
                                    <dt>{tu_string!(i18n, applications.candidate_experience)}</dt><dd>{crate::format::integer(i64::from(p.experience_years), locale)}</dd>
                                    <dt>{tu_string!(i18n, vacancies.turkish_level)}</dt><dd>{turkish_level_text(i18n, p.turkish_level)}</dd>
                                    // What the candidate wrote, in the language they read the site in.
                                    <dt>{tu_string!(i18n, profile.certificates)} {reader.and_then(|l| written_in(i18n, l)).map(|l| format!(" {l}"))}</dt>
                                    <dd lang=reader.map(leptos_i18n::Locale::as_str)>{p.certificates.clone()}</dd>
                                })}
                            </dl>
                        })}
                        {(!own).then(|| {
                            // F3.2, F4.4: the candidate's certificates, and whether one counts for the vacancy.
                            let required = a.required_qualification_id;
                            let meets = required.map(|q| a.candidate_certificates.iter().any(|c| c.qualification_id == q));
                            let certificates = a.candidate_certificates.clone();
                            view! {
                                <h2>{tu_string!(i18n, applications.candidate_certificates)}</h2>
                                {meets.map(|m| view! {
                                    <p class=if m { "notice" } else { "flag" } data-requirement=if m { "met" } else { "missing" }>
                                        {if m { tu_string!(i18n, applications.meets_requirement) } else { tu_string!(i18n, applications.lacks_requirement) }}
                                    </p>
                                })}
                                {if certificates.is_empty() {
                                    view! { <p>{tu_string!(i18n, applications.no_certificates)}</p> }.into_any()
                                } else {
                                    view! { <crate::skills::pages::CertificateList certificates required=required/> }.into_any()
                                }}
                            }
                        })}
                        {a.passport_shared.then(|| view! {
                            <p class="flag">{tu_string!(i18n, applications.passport_shared)}</p>
                        })}
                        {(!own && a.candidate_profile.is_none()).then(|| view! {
                            <p class="flag">{tu_string!(i18n, applications.candidate_no_profile)}</p>
                        })}
                        {a.interview.clone().map(|iv| view! { <InterviewShown iv/> })}
                        {a.offer.clone().map(|o| view! { <OfferShown o/> })}
                        {a.work_permit_no.clone().map(|p| view! {
                            <p>{tu_string!(i18n, applications.work_permit_no)} ": " {p} " · " {tu_string!(i18n, applications.start_date)} ": " {a.start_date.clone().map(|d| date(&d, locale)).unwrap_or_default()}</p>
                        })}
                        <h2>{tu_string!(i18n, applications.history)}</h2>
                        <ol class="timeline">
                            {a.history.iter().map(|e| view! {
                                <li>
                                    <strong>{if e.from == Some(Stage::Withdrawn) && e.to == Stage::Submitted {
                                        tu_string!(i18n, applications.reapplied).to_string()
                                    } else {
                                        stage_text(i18n, e.to)
                                    }}</strong> " — " {date(&e.at, locale)}
                                    {a.usual_secs.iter().find(|(s, _)| *s == e.to && !s.is_final()).map(|(_, secs)| view! {
                                        " " <span class="small">"(" {crate::ui::usual_text(i18n, *secs)} ")"</span>
                                    })}
                                    <ReasonShown code=e.reason_code note=e.reason.clone() lang=e.reason_lang.clone()/>
                                </li>
                            }).collect_view()}
                        </ol>
                        <FormError error/>
                        {moves.into_iter().map(|to| {
                            let label = action_text(i18n, to, a.stage);
                            // Withdrawing asks first (a plain link: no JavaScript needed; a document
                            // navigation with JavaScript too, as the page reads the question from its URL once).
                            if to == Stage::Withdrawn && !confirming {
                                return view! {
                                    <p><a class="button secondary" rel="external" href=format!("/applications/{}?withdraw=1", a.id)>{label}</a></p>
                                }.into_any();
                            }
                            let fields = match to {
                                Stage::Rejected => view! { <ReasonFields decision=ReasonFor::Rejection reader echo=echo.clone()/> }.into_any(),
                                Stage::Declined => view! { <ReasonFields decision=ReasonFor::Decline reader echo=echo.clone()/> }.into_any(),
                                Stage::Interview => view! { <InterviewFields echo=echo.clone() reader/> }.into_any(),
                                Stage::Offer => view! { <OfferFields echo=echo.clone()/> }.into_any(),
                                Stage::Hired => view! { <HireFields echo=echo.clone()/> }.into_any(),
                                Stage::Accepted => view! { <p class="hint">{tu_string!(i18n, applications.accept_hint)}</p> }.into_any(),
                                Stage::Withdrawn => view! {
                                    <p role="alert"><strong>{label}</strong> " — " {tu_string!(i18n, applications.withdraw_confirm)}</p>
                                }.into_any(),
                                _ => ().into_any(),
                            };
                            let buttons = if to == Stage::Withdrawn {
                                view! {
                                    <div class="actions">
                                        <button type="submit" class="primary">{tu_string!(i18n, applications.withdraw_yes)}</button>
                                        <a class="button secondary" rel="external" href=format!("/applications/{}", a.id)>{tu_string!(i18n, applications.withdraw_no)}</a>
                                    </div>
                                }.into_any()
                            } else {
                                view! {
                                    <button type="submit" class=if to.needs_reason() { "secondary" } else { "primary" }>{label}</button>
                                }.into_any()
                            };
                            view! {
                                <form method="post" action=MoveApplication::url() novalidate
                                    class=if to == Stage::Withdrawn { "stack move confirm" } else { "stack move" }>
                                    <input type="hidden" name="application_id" value=a.id.to_string()/>
                                    <input type="hidden" name="to" value=to.as_str()/>
                                    {fields}
                                    {buttons}
                                </form>
                            }.into_any()
                        }).collect_view()}
                    </article>
                }
            }
        </Loaded>
    }
}

/// A labelled input of a move form, with its message when refused.
fn move_input(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    value: String,
    max: &'static str,
) -> impl IntoView {
    let error = use_form_error();
    view! {
        <label for=id>{label}</label>
        <input id=id name=id type=kind required maxlength=max value=value
            aria-describedby=described_by(error, id, None) aria-invalid=invalid(error, id)/>
        <FieldError error field=id/>
    }
}

/// The employer's invitation: when, how, where, whom to ask.
#[component]
fn InterviewFields(echo: Echo, reader: Option<Locale>) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    let mode = echo.value("interview_mode");
    view! {
        {reader.map(|l| view! { <p class="hint">{match l {
            Locale::uz => tu_string!(i18n, applications.candidate_reads_uz),
            Locale::tr => tu_string!(i18n, applications.candidate_reads_tr),
        }}</p> })}
        {move_input("interview_at", tu_string!(i18n, applications.interview_at), "datetime-local", echo.or("interview_at", String::new), "16")}
        <label for="interview_mode">{tu_string!(i18n, applications.interview_mode)}</label>
        <select id="interview_mode" name="interview_mode" required
            aria-describedby=described_by(error, "interview_mode", None) aria-invalid=invalid(error, "interview_mode")>
            <option value="" selected=mode.is_none()>{tu_string!(i18n, site.choose)}</option>
            {InterviewMode::all().map(|m| view! {
                <option value=m.as_str() selected=mode.as_deref() == Some(m.as_str())>{mode_text(i18n, m)}</option>
            }).collect_view()}
        </select>
        <FieldError error field="interview_mode"/>
        {move_input("interview_place", tu_string!(i18n, applications.interview_place), "text", echo.or("interview_place", String::new), "300")}
        {move_input("interview_contact", tu_string!(i18n, applications.interview_contact), "text", echo.or("interview_contact", String::new), "200")}
    }
}

/// The offer's terms, each structured, so the migrant reads them in their language.
#[component]
fn OfferFields(echo: Echo) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move_input("offer_wage", tu_string!(i18n, applications.offer_wage), "text", echo.or("offer_wage", String::new), "20")}
        {move_input("offer_start", tu_string!(i18n, applications.offer_start), "date", echo.or("offer_start", String::new), "10")}
        {[("offer_housing", tu_string!(i18n, applications.offer_housing)), ("offer_return_ticket", tu_string!(i18n, applications.offer_return_ticket))]
            .into_iter().map(|(name, label)| view! {
                <div class="check">
                    <input id=name name=name type="checkbox" value="1" checked=echo.checked(name, false)/>
                    <label for=name>{label}</label>
                </div>
            }).collect_view()}
    }
}

/// Hiring: the work permit's application number and the first day.
#[component]
fn HireFields(echo: Echo) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move_input("work_permit_no", tu_string!(i18n, applications.work_permit_no), "text", echo.or("work_permit_no", String::new), "40")}
        {move_input("start_date", tu_string!(i18n, applications.start_date), "date", echo.or("start_date", String::new), "10")}
    }
}

fn mode_text(i18n: leptos_i18n::I18nContext<Locale>, m: InterviewMode) -> &'static str {
    match m {
        InterviewMode::InPerson => tu_string!(i18n, applications.mode_inperson),
        InterviewMode::Video => tu_string!(i18n, applications.mode_video),
        InterviewMode::Phone => tu_string!(i18n, applications.mode_phone),
    }
}

/// The interview as its reader sees it: time and mode in the reader's
/// language, the place and contact as the employer wrote them, labelled.
#[component]
fn InterviewShown(iv: Interview) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let lang = iv.lang.as_deref().and_then(crate::lang::parse_locale);
    let label = lang.and_then(|l| written_in(i18n, l)).map(|l| format!(" {l}"));
    let lang_attr = lang.map(leptos_i18n::Locale::as_str);
    view! {
        <section class="terms" aria-labelledby="interview-title">
            <h2 id="interview-title">{tu_string!(i18n, applications.interview_title)}</h2>
            <dl class="facts">
                <dt>{tu_string!(i18n, applications.interview_at_shown)}</dt>
                <dd>{crate::format::date_time(&iv.at, locale)} " (" {tu_string!(i18n, applications.turkiye_time)} ")"</dd>
                <dt>{tu_string!(i18n, applications.interview_mode)}</dt><dd>{mode_text(i18n, iv.mode)}</dd>
                <dt>{tu_string!(i18n, applications.interview_place)} {label.clone()}</dt><dd lang=lang_attr>{iv.place}</dd>
                <dt>{tu_string!(i18n, applications.interview_contact)} {label}</dt><dd lang=lang_attr>{iv.contact}</dd>
            </dl>
        </section>
    }
}

/// The offer's terms in the reader's language.
#[component]
fn OfferShown(o: OfferTerms) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let yn = move |b: bool| if b { tu_string!(i18n, vacancies.yes) } else { tu_string!(i18n, vacancies.no) };
    view! {
        <section class="terms" aria-labelledby="offer-title">
            <h2 id="offer-title">{tu_string!(i18n, applications.offer_title)}</h2>
            <dl class="facts">
                <dt>{tu_string!(i18n, applications.offer_wage_shown)}</dt><dd>{crate::format::money_try(o.wage_kurus, locale)}</dd>
                <dt>{tu_string!(i18n, applications.offer_start)}</dt><dd>{date(&o.start, locale)}</dd>
                <dt>{tu_string!(i18n, applications.offer_housing)}</dt><dd>{yn(o.housing)}</dd>
                <dt>{tu_string!(i18n, applications.offer_return_ticket)}</dt><dd>{yn(o.return_ticket)}</dd>
            </dl>
        </section>
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| my_notifications());
    use_reference();
    view! {
        <Loaded resource=list let:items>
            {
                let lists = use_refs();
                let locale = i18n.get_locale_untracked();
                view! {
                        <section class="card narrow">
                            <h1>{tu_string!(i18n, nav.notifications)}</h1>
                            <form method="post" action=MarkNotificationsRead::url()>
                                <button type="submit" class="secondary">{tu_string!(i18n, applications.mark_read)}</button>
                            </form>
                            <ul class="results">
                                {items.into_iter().map(|n| {
                                    let case_no = n.case_id.unwrap_or_default().to_string();
                                    let text = match (n.kind, n.stage) {
                                        (NotificationKind::CaseReply, _) => tu_string!(i18n, cases.notify_reply).replace("%ID%", &case_no),
                                        (NotificationKind::CaseStep, _) => tu_string!(i18n, checklist.notify_step).replace("%ID%", &case_no),
                                        (NotificationKind::Assessment, _) => tu_string!(i18n, skills.notify_in_site).to_string(),
                                        (NotificationKind::CaseMoved, _) => {
                                            let head = tu_string!(i18n, cases.notify_moved).replace("%ID%", &case_no);
                                            match n.case_stage {
                                                Some(s) => format!("{head} {}", crate::cases::pages::stage_text(i18n, s)),
                                                None => head,
                                            }
                                        }
                                        (NotificationKind::Candidate, Some(Stage::Accepted)) => tu_string!(i18n, applications.candidate_accepted).to_string(),
                                        (NotificationKind::Candidate, Some(Stage::Withdrawn)) => tu_string!(i18n, applications.candidate_withdrew).to_string(),
                                        (NotificationKind::Candidate, _) => tu_string!(i18n, applications.new_candidate).to_string(),
                                        (NotificationKind::CompanyVerified, _) => tu_string!(i18n, applications.company_verified).to_string(),
                                        (NotificationKind::CompanyRejected, _) => tu_string!(i18n, applications.company_rejected).to_string(),
                                        (NotificationKind::VacancyPublished, _) => tu_string!(i18n, applications.vacancy_published).to_string(),
                                        (NotificationKind::VacancyReturned, _) => tu_string!(i18n, applications.vacancy_returned).to_string(),
                                        (NotificationKind::VacancyRejected, _) => tu_string!(i18n, applications.vacancy_rejected).to_string(),
                                        (_, Some(s)) => format!("{} {}", tu_string!(i18n, applications.stage_changed), stage_text(i18n, s)),
                                        _ => tu_string!(i18n, applications.stage_changed).to_string(),
                                    };
                                    // Which job, at which company: two notifications never look the same.
                                    let about = n.occupation_id.map(|o| format!("{} — {}", lists.occupation(o), n.company_name.clone().unwrap_or_default()));
                                    view! {
                                        <li class=if n.read { "card" } else { "card unread" }>
                                            {about.map(|a| view! { <strong class="about">{a}</strong> })}
                                            {match (n.application_id, n.kind) {
                                                (_, NotificationKind::CaseReply | NotificationKind::CaseMoved) =>
                                                    view! { <a href=format!("/cases/{case_no}")>{text.clone()}</a> }.into_any(),
                                                (_, NotificationKind::CaseStep) =>
                                                    view! { <a href=format!("/cases/{case_no}#steps")>{text.clone()}</a> }.into_any(),
                                                (_, NotificationKind::Assessment) =>
                                                    view! { <a href="/skills">{text.clone()}</a> }.into_any(),
                                                (Some(id), _) => view! { <a href=format!("/applications/{id}")>{text.clone()}</a> }.into_any(),
                                                (None, NotificationKind::CompanyVerified | NotificationKind::CompanyRejected) =>
                                                    view! { <a href="/employer/company">{text.clone()}</a> }.into_any(),
                                                (None, _) => view! { <a href="/employer/vacancies">{text.clone()}</a> }.into_any(),
                                            }}
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
