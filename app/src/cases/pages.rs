//! The pages of cases (F3.1, F3.3, F6.1, F6.4, F6.5): the migrant's list, the
//! three new-case forms and the illegal-fee report of a vacancy, and one case
//! for its migrant and for staff (staff see more: the migrant's details, the
//! answers, assignment, internal notes, suspending the company, moving the
//! worker).
//!
//! Every form is a plain `<form method="post">` aimed at a server function, so
//! it works before the WASM arrives; those with files are multipart posts. A
//! refused post comes back with `?error=key` (or `key:field`) and each message
//! shows next to its field.

use super::api::{
    case_form_options, get_case, my_cases, AddCaseNote, AssignCase, MoveCase, MoveWorker, OpenCase, PostCaseMessage,
    SuspendCompanyFromCase, TickChecklist,
};
use super::stage::{decisions_of, owner_of, stages_of};
use super::{
    Case, CaseKind, CaseLine, Category, ChecklistItem, CurrentStatus, Decision, EntryRoute, Event, EventKind, Message,
    Note, Stage, StageTime,
};
use crate::accounts::api::get_current_user;
use crate::accounts::{Role, SessionUser};
use crate::authz::Action;
use crate::contacts::{Contact, ContactKind};
use crate::documents::{DocumentList, FileInput};
use crate::error::AppError;
use crate::format::{date, money_try};
use crate::forms::echo::Echo;
use crate::forms::{described_by, invalid, use_echo, use_form_error, FieldError, FormError, FormErrors};
use crate::i18n::*;
use crate::reasons::written_in;
use crate::reference::api::{Named, RefList};
use crate::ui::{use_id_param, use_reference, Loaded, RefSelect};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

type I18n = leptos_i18n::I18nContext<Locale>;

/// A page's `<title>`: what it is, then the site.
fn page_title(what: &str) -> String {
    format!("{what} — Köprü")
}

/// The longest text of one field (the service's `MAX_TEXT`).
const MAX_TEXT: &str = "4000";

pub fn kind_text(i18n: I18n, k: CaseKind) -> &'static str {
    match k {
        CaseKind::Regularisation => tu_string!(i18n, cases.kind_regularisation),
        CaseKind::Help => tu_string!(i18n, cases.kind_help),
        CaseKind::FeeReport => tu_string!(i18n, cases.kind_feereport),
        CaseKind::Complaint => tu_string!(i18n, cases.kind_complaint),
        CaseKind::Claim => tu_string!(i18n, cases.kind_claim),
    }
}

/// "№12" (Uzbek), "No. 12" (Turkish).
pub fn case_number(i18n: I18n, id: i32) -> String {
    tu_string!(i18n, cases.number).replace("%ID%", &id.to_string())
}

pub fn category_text(i18n: I18n, c: Category) -> &'static str {
    match c {
        Category::UnpaidWages => tu_string!(i18n, cases.cat_unpaidwages),
        Category::ConfiscatedDocuments => tu_string!(i18n, cases.cat_confiscateddocuments),
        Category::WorkplaceAccident => tu_string!(i18n, cases.cat_workplaceaccident),
        Category::Housing => tu_string!(i18n, cases.cat_housing),
        Category::Detention => tu_string!(i18n, cases.cat_detention),
        Category::Health => tu_string!(i18n, cases.cat_health),
        Category::Family => tu_string!(i18n, cases.cat_family),
        Category::Abuse => tu_string!(i18n, cases.cat_abuse),
        Category::Other => tu_string!(i18n, cases.cat_other),
    }
}

pub fn stage_text(i18n: I18n, s: Stage) -> &'static str {
    match s {
        Stage::Submitted => tu_string!(i18n, cases.stage_submitted),
        Stage::DocumentsRequested => tu_string!(i18n, cases.stage_documentsrequested),
        Stage::DocumentsSubmitted => tu_string!(i18n, cases.stage_documentssubmitted),
        Stage::UnderReview => tu_string!(i18n, cases.stage_underreview),
        Stage::Decided => tu_string!(i18n, cases.stage_decided),
        Stage::Closed => tu_string!(i18n, cases.stage_closed),
        Stage::Withdrawn => tu_string!(i18n, cases.stage_withdrawn),
    }
}

/// What a stage means and what comes next: to the migrant about their own
/// case (`own`), or to staff.
pub fn stage_meaning(i18n: I18n, s: Stage, own: bool) -> &'static str {
    match (s, own) {
        (Stage::Submitted, true) => tu_string!(i18n, cases.mine_submitted),
        (Stage::DocumentsRequested, true) => tu_string!(i18n, cases.mine_documentsrequested),
        (Stage::DocumentsSubmitted, true) => tu_string!(i18n, cases.mine_documentssubmitted),
        (Stage::UnderReview, true) => tu_string!(i18n, cases.mine_underreview),
        (Stage::Decided, true) => tu_string!(i18n, cases.mine_decided),
        (Stage::Closed, true) => tu_string!(i18n, cases.mine_closed),
        (Stage::Withdrawn, true) => tu_string!(i18n, cases.mine_withdrawn),
        (Stage::Submitted, false) => tu_string!(i18n, cases.theirs_submitted),
        (Stage::DocumentsRequested, false) => tu_string!(i18n, cases.theirs_documentsrequested),
        (Stage::DocumentsSubmitted, false) => tu_string!(i18n, cases.theirs_documentssubmitted),
        (Stage::UnderReview, false) => tu_string!(i18n, cases.theirs_underreview),
        (Stage::Decided, false) => tu_string!(i18n, cases.theirs_decided),
        (Stage::Closed, false) => tu_string!(i18n, cases.theirs_closed),
        (Stage::Withdrawn, false) => tu_string!(i18n, cases.theirs_withdrawn),
    }
}

pub fn decision_text(i18n: I18n, d: Decision) -> &'static str {
    match d {
        Decision::Eligible => tu_string!(i18n, cases.decision_eligible),
        Decision::NotEligible => tu_string!(i18n, cases.decision_noteligible),
        Decision::Resolved => tu_string!(i18n, cases.decision_resolved),
        Decision::Unresolved => tu_string!(i18n, cases.decision_unresolved),
    }
}

fn route_text(i18n: I18n, r: EntryRoute) -> &'static str {
    match r {
        EntryRoute::VisaFree => tu_string!(i18n, cases.route_visafree),
        EntryRoute::WorkVisa => tu_string!(i18n, cases.route_workvisa),
        EntryRoute::StudentVisa => tu_string!(i18n, cases.route_studentvisa),
        EntryRoute::Other => tu_string!(i18n, cases.route_other),
    }
}

fn status_text(i18n: I18n, s: CurrentStatus) -> &'static str {
    match s {
        CurrentStatus::Overstay => tu_string!(i18n, cases.status_overstay),
        CurrentStatus::NoWorkPermit => tu_string!(i18n, cases.status_noworkpermit),
        CurrentStatus::PermitExpired => tu_string!(i18n, cases.status_permitexpired),
        CurrentStatus::Other => tu_string!(i18n, cases.status_other),
    }
}

/// The button that moves a case to `to`: what the person does.
fn action_text(i18n: I18n, to: Stage) -> &'static str {
    match to {
        Stage::DocumentsSubmitted => tu_string!(i18n, cases.action_documentssubmitted),
        Stage::Withdrawn => tu_string!(i18n, cases.action_withdraw),
        Stage::DocumentsRequested => tu_string!(i18n, cases.action_documentsrequested),
        Stage::Decided => tu_string!(i18n, cases.action_decided),
        Stage::Closed => tu_string!(i18n, cases.action_closed),
        Stage::Submitted | Stage::UnderReview => tu_string!(i18n, cases.action_underreview),
    }
}

/// A language's name in the reader's language ("oʻzbek tili", "Türkçe").
fn lang_name(i18n: I18n, lang: &str) -> &'static str {
    match crate::lang::parse_locale(lang) {
        Some(Locale::tr) => tu_string!(i18n, cases.lang_tr),
        _ => tu_string!(i18n, cases.lang_uz),
    }
}

/// " (turkcha)" after a text written in another language than the reader's.
fn written_label(i18n: I18n, lang: Option<&str>) -> Option<String> {
    lang.and_then(crate::lang::parse_locale).and_then(|l| written_in(i18n, l)).map(|l| format!(" {l}"))
}

fn lang_attr(lang: Option<&str>) -> Option<&'static str> {
    lang.and_then(crate::lang::parse_locale).map(leptos_i18n::Locale::as_str)
}

fn contact_kind(i18n: I18n, kind: ContactKind) -> String {
    match kind {
        ContactKind::Embassy => tu_string!(i18n, contacts.embassy),
        ContactKind::Consular => tu_string!(i18n, contacts.consular),
        ContactKind::Hotline => tu_string!(i18n, contacts.hotline),
    }
    .to_string()
}

/// The emergency numbers at the top of the help form and of an urgent help
/// case: Türkiye's 112 first, then the representation's numbers (tap to call).
/// Its own ids: the footer's block of the same numbers stays on the page too.
#[component]
fn EmergencyBox(contacts: Vec<Contact>, #[prop(default = false)] then_file: bool) -> impl IntoView {
    let i18n = use_i18n();
    let mut m = crate::markup::Markup::with_capacity(200 + 160 * contacts.len());
    m.raw("<li><a class=\"tel\" href=\"tel:112\"><span class=\"contact-kind\">");
    m.text(tu_string!(i18n, cases.emergency_112)).raw("</span><span class=\"contact-number\">112</span></a></li>");
    let numbers = m.into_string()
        + &crate::contacts::pages::contacts_markup(
            &contacts,
            |k| contact_kind(i18n, k),
            tu_string!(i18n, contacts.placeholder),
        );
    view! {
        <section class="card emergency urgent-box" aria-labelledby="urgent-title">
            <h2 id="urgent-title">{tu_string!(i18n, cases.emergency_heading)}</h2>
            <ul class="contact-list" inner_html=numbers></ul>
            {then_file.then(|| view! { <p>{tu_string!(i18n, cases.emergency_then)}</p> })}
        </section>
    }
}

/// A group of radio buttons under a visible legend. The first button carries
/// the field's id (the error summary links to it); the group points at its
/// hint and its message.
fn radios(
    error: Memo<FormErrors>,
    name: &'static str,
    legend: &'static str,
    options: Vec<(&'static str, &'static str)>,
    checked: Option<String>,
    hint: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <fieldset class="choices" aria-describedby=described_by(error, name, hint.map(|h| h.0))>
            <legend>{legend}</legend>
            {hint.map(|(id, text)| view! { <p class="hint" id=id>{text}</p> })}
            {options.into_iter().enumerate().map(|(i, (value, label))| {
                let id = if i == 0 { name.to_string() } else { format!("{name}-{value}") };
                view! {
                    <div class="check">
                        <input type="radio" id=id.clone() name=name value=value required
                            checked=checked.as_deref() == Some(value) aria-invalid=invalid(error, name)/>
                        <label for=id>{label}</label>
                    </div>
                }
            }).collect_view()}
            <FieldError error field=name/>
        </fieldset>
    }
}

/// A labelled textarea with an optional hint and its message.
#[allow(clippy::too_many_arguments)]
fn text_area(
    error: Memo<FormErrors>,
    id: &'static str,
    name: &'static str,
    label: &'static str,
    hint: Option<(&'static str, &'static str)>,
    rows: &'static str,
    required: bool,
    value: String,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        {hint.map(|(hid, text)| view! { <p class="hint" id=hid>{text}</p> })}
        <textarea id=id name=name rows=rows maxlength=MAX_TEXT required=required autocomplete="off"
            aria-describedby=described_by(error, id, hint.map(|h| h.0)) aria-invalid=invalid(error, id)>{crate::ui::textarea_text(value)}</textarea>
        <FieldError error field=id/>
    }
}

/// What a page that files a case may show its reader: the form, or why not.
#[derive(Debug, Clone, Serialize, Deserialize)]
enum Gate<T> {
    Open(T),
    /// A migrant whose phone is not confirmed yet.
    NotVerified,
    /// Signed in with another role.
    NotMigrant,
}

/// Whether the reader may file a case (the server function decides again).
async fn may_file() -> Result<Gate<()>, AppError> {
    match crate::ui::user_who_may(Action::OpenCase).await {
        Ok(_) => Ok(Gate::Open(())),
        Err(AppError::NotVerified) => Ok(Gate::NotVerified),
        Err(AppError::Forbidden) => Ok(Gate::NotMigrant),
        Err(e) => Err(e),
    }
}

/// Why the form is not shown: confirm the phone first, or only migrants file cases.
fn gate_notice<T>(i18n: I18n, gate: &Gate<T>) -> AnyView {
    match gate {
        Gate::NotVerified => view! {
            <div class="notice warn" role="status">
                <p>{tu_string!(i18n, cases.verify_first)}</p>
                <p><a class="button primary" href="/verify">{tu_string!(i18n, cases.verify_link)}</a></p>
            </div>
        }
        .into_any(),
        Gate::NotMigrant => {
            view! { <p class="notice warn" role="status">{tu_string!(i18n, cases.only_migrants)}</p> }.into_any()
        }
        Gate::Open(_) => ().into_any(),
    }
}

/// The three buttons to a new case.
#[component]
fn NewCaseButtons() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="actions">
            <a class="button primary" href="/cases/new?kind=help">{tu_string!(i18n, cases.new_help)}</a>
            <a class="button secondary" href="/cases/new?kind=regularisation">{tu_string!(i18n, cases.new_regularisation)}</a>
            <a class="button secondary" href="/cases/new?kind=complaint">{tu_string!(i18n, cases.new_complaint)}</a>
        </div>
    }
}

/// The migrant's cases: what each is, where it stands, who holds it, when it
/// was last answered; the ways to a new one.
#[component]
pub fn MyCasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(
        || (),
        |_| async {
            match my_cases().await {
                Ok(lines) => Ok(Gate::Open(lines)),
                Err(AppError::NotVerified) => Ok(Gate::NotVerified),
                Err(e) => Err(e),
            }
        },
    );
    view! {
        <Title text=page_title(tu_string!(i18n, cases.my_title))/>
        <Loaded resource=list let:gate>
            {
                let locale = i18n.get_locale_untracked();
                match gate {
                    Gate::Open(lines) => view! {
                        <section class="card">
                            <h1>{tu_string!(i18n, cases.my_title)} " (" {lines.len()} ")"</h1>
                            <p>{tu_string!(i18n, cases.my_intro)}</p>
                            {lines.is_empty().then(|| view! { <p>{tu_string!(i18n, cases.none_yet)}</p> })}
                            <h2>{tu_string!(i18n, cases.new_heading)}</h2>
                            <NewCaseButtons/>
                        </section>
                        <ul class="results">
                            {lines.into_iter().map(|l| view! { <CaseLineItem line=l locale/> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    other => view! {
                        <section class="card narrow">
                            <h1>{tu_string!(i18n, cases.my_title)}</h1>
                            {gate_notice(i18n, &other)}
                        </section>
                    }
                    .into_any(),
                }
            }
        </Loaded>
    }
}

#[component]
fn CaseLineItem(line: CaseLine, locale: Locale) -> impl IntoView {
    let i18n = use_i18n();
    let l = line;
    view! {
        <li class="card">
            <h2><a href=format!("/cases/{}", l.id)>{kind_text(i18n, l.kind)} " " {case_number(i18n, l.id)}</a></h2>
            <p>
                <span class="tag">{stage_text(i18n, l.stage)}</span>
                {l.urgent.then(|| view! { " " <span class="badge urgent">{tu_string!(i18n, cases.urgent)}</span> })}
                {l.category.map(|c| view! { " " {category_text(i18n, c)} })}
            </p>
            <dl class="facts">
                <dt>{tu_string!(i18n, cases.filed)}</dt>
                <dd>{date(&l.created_at, locale)}</dd>
                <dt>{tu_string!(i18n, cases.holder)}</dt>
                <dd>{l.holder.clone().unwrap_or_else(|| tu_string!(i18n, cases.holder_none).to_string())}</dd>
                <dt>{tu_string!(i18n, cases.last_reply)}</dt>
                <dd>
                    {l.last_reply_at.as_deref().map(|d| date(d, locale)).unwrap_or_else(|| tu_string!(i18n, cases.last_reply_none).to_string())}
                    {l.awaiting_staff.then(|| view! { " · " {tu_string!(i18n, cases.awaiting_staff)} })}
                </dd>
            </dl>
        </li>
    }
}

/// What the new-case form needs: the kind, the companies to pick from (only
/// the list the kind uses, so that the page carries no more), the emergency
/// numbers (help).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct NewCaseData {
    kind: Option<CaseKind>,
    companies: Vec<(i32, String)>,
    my_employers: Vec<(i32, String)>,
    contacts: Vec<Contact>,
}

/// `/cases/new?kind=…`: the form of one kind, or the choice of a kind.
#[component]
pub fn NewCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let kind = Memo::new(move |_| {
        query.with(|q| {
            q.get("kind").and_then(|k| k.parse::<CaseKind>().ok()).filter(|k| CaseKind::openable().contains(k))
        })
    });
    let data = Resource::new(
        move || kind.get(),
        |kind| async move {
            match may_file().await? {
                Gate::Open(()) => {}
                Gate::NotVerified => return Ok(Gate::NotVerified),
                Gate::NotMigrant => return Ok(Gate::NotMigrant),
            }
            let (mut companies, mut my_employers, mut contacts) = (vec![], vec![], vec![]);
            match kind {
                Some(CaseKind::Regularisation) => companies = case_form_options().await?.companies,
                Some(CaseKind::Complaint) => my_employers = case_form_options().await?.my_employers,
                Some(CaseKind::Help) => contacts = crate::contacts::api::emergency_contacts().await?,
                _ => {}
            }
            Ok(Gate::Open(NewCaseData { kind, companies, my_employers, contacts }))
        },
    );
    use_reference();
    view! {
        <Loaded resource=data let:gate>
            {match gate {
                Gate::Open(d) => match d.kind {
                    Some(CaseKind::Regularisation) => view! { <RegularisationForm companies=d.companies/> }.into_any(),
                    Some(CaseKind::Help) => view! { <HelpForm contacts=d.contacts/> }.into_any(),
                    Some(CaseKind::Complaint) => view! { <ComplaintForm employers=d.my_employers/> }.into_any(),
                    _ => view! { <KindChoice/> }.into_any(),
                },
                other => view! {
                    <section class="card narrow">
                        <h1>{tu_string!(i18n, cases.new_title)}</h1>
                        {gate_notice(i18n, &other)}
                    </section>
                }
                .into_any(),
            }}
        </Loaded>
    }
}

#[component]
fn KindChoice() -> impl IntoView {
    let i18n = use_i18n();
    let kinds = [
        (CaseKind::Help, tu_string!(i18n, cases.new_help), tu_string!(i18n, cases.kind_help_hint)),
        (
            CaseKind::Regularisation,
            tu_string!(i18n, cases.new_regularisation),
            tu_string!(i18n, cases.kind_regularisation_hint),
        ),
        (CaseKind::Complaint, tu_string!(i18n, cases.new_complaint), tu_string!(i18n, cases.kind_complaint_hint)),
    ];
    view! {
        <Title text=page_title(tu_string!(i18n, cases.new_title))/>
        <section class="card narrow">
            <h1>{tu_string!(i18n, cases.new_title)}</h1>
            <p>{tu_string!(i18n, cases.choose_kind)}</p>
            <ul class="results">
                {kinds.into_iter().map(|(k, label, hint)| view! {
                    <li class="card">
                        <h2><a href=format!("/cases/new?kind={}", k.as_str())>{label}</a></h2>
                        <p class="hint">{hint}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The start of every new-case form: the kind, and where a refused post lands.
fn form_top(kind: CaseKind) -> impl IntoView {
    view! { <input type="hidden" name="kind" value=kind.as_str()/> }
}

/// Residence permit vs work permit, in the reader's language, before a
/// regularisation request (people confuse the two). The Turkish names follow
/// the Uzbek words for an Uzbek reader: they are what Turkish offices say.
#[component]
fn PermitsExplained() -> impl IntoView {
    let i18n = use_i18n();
    let uz = i18n.get_locale_untracked() == Locale::uz;
    let turkish = move |term: &'static str| uz.then(|| view! { " (" <span lang="tr">{term}</span> ")" });
    view! {
        <section class="terms" aria-labelledby="permits-title">
            <h2 id="permits-title">{tu_string!(i18n, cases.permits_title)}</h2>
            <p>{tu_string!(i18n, cases.permits_intro)}</p>
            <dl class="facts">
                <dt>{tu_string!(i18n, cases.residence_name)} {turkish("ikamet izni")}</dt>
                <dd>{tu_string!(i18n, cases.residence_text)}</dd>
                <dt>{tu_string!(i18n, cases.work_name)} {turkish("çalışma izni")}</dt>
                <dd>{tu_string!(i18n, cases.work_text)}</dd>
            </dl>
            <p class="flag">{tu_string!(i18n, cases.conditions_2026)}</p>
        </section>
    }
}

#[component]
fn RegularisationForm(companies: Vec<(i32, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    let named: Vec<Named> = companies.into_iter().map(|(id, name)| Named { id, name, parent: None }).collect();
    let company_options = crate::ui::options_markup(&named, None, Some(tu_string!(i18n, cases.employer_none)));
    let routes: Vec<_> = EntryRoute::all().map(|r| (r.as_str(), route_text(i18n, r))).collect();
    let statuses: Vec<_> = CurrentStatus::all().map(|s| (s.as_str(), status_text(i18n, s))).collect();
    view! {
        <Title text=page_title(tu_string!(i18n, cases.regularisation_title))/>
        <section class="card narrow">
            <h1>{tu_string!(i18n, cases.regularisation_title)}</h1>
            <p>{tu_string!(i18n, cases.kind_regularisation_hint)}</p>
            <PermitsExplained/>
            <FormError error/>
            <form method="post" action=OpenCase::url() enctype="multipart/form-data" class="stack" novalidate>
                {form_top(CaseKind::Regularisation)}
                <label for="entered_on">{tu_string!(i18n, cases.entered_on)}</label>
                <p class="hint" id="entered_on-hint">{tu_string!(i18n, cases.entered_on_hint)}</p>
                <input id="entered_on" name="entered_on" type="date" required
                    aria-describedby=described_by(error, "entered_on", Some("entered_on-hint")) aria-invalid=invalid(error, "entered_on")/>
                <FieldError error field="entered_on"/>
                {radios(error, "entry_route", tu_string!(i18n, cases.entry_route), routes, None, None)}
                {radios(error, "current_status", tu_string!(i18n, cases.current_status), statuses, None, None)}
                <label for="sector_id">{tu_string!(i18n, cases.sector)}</label>
                <RefSelect id="sector_id" list=RefList::Sectors error/>
                <label for="employer_company_id">{tu_string!(i18n, cases.employer_company)}</label>
                <p class="hint" id="employer-hint">{tu_string!(i18n, cases.employer_hint)}</p>
                <select id="employer_company_id" name="employer_company_id" inner_html=company_options
                    aria-describedby=described_by(error, "employer_company_id", Some("employer-hint"))
                    aria-invalid=invalid(error, "employer_company_id")></select>
                <FieldError error field="employer_company_id"/>
                <label for="employer_name">{tu_string!(i18n, cases.employer_name)}</label>
                <input id="employer_name" name="employer_name" type="text" maxlength="200" autocomplete="off"
                    aria-describedby=described_by(error, "employer_name", Some("employer-hint")) aria-invalid=invalid(error, "employer_name")/>
                <FieldError error field="employer_name"/>
                {text_area(error, "summary", "summary", tu_string!(i18n, cases.summary_label),
                    Some(("summary-hint", tu_string!(i18n, cases.summary_hint_reg))), "5", true, String::new())}
                <FileInput error label=tu_string!(i18n, cases.files_label) multiple=true/>
                <p class="hint">{tu_string!(i18n, cases.submit_hint)}</p>
                <button type="submit" class="primary">{tu_string!(i18n, cases.submit)}</button>
            </form>
        </section>
    }
}

#[component]
fn HelpForm(contacts: Vec<Contact>) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    let categories: Vec<_> =
        CaseKind::Help.categories().iter().map(|c| (c.as_str(), category_text(i18n, *c))).collect();
    view! {
        <Title text=page_title(tu_string!(i18n, cases.help_title))/>
        // Without JavaScript the numbers cannot appear when "urgent" is
        // ticked: they are always here, above the form.
        <EmergencyBox contacts then_file=true/>
        <section class="card narrow">
            <h1>{tu_string!(i18n, cases.help_title)}</h1>
            <p>{tu_string!(i18n, cases.kind_help_hint)}</p>
            <FormError error/>
            <form method="post" action=OpenCase::url() enctype="multipart/form-data" class="stack" novalidate>
                {form_top(CaseKind::Help)}
                {radios(error, "category", tu_string!(i18n, cases.help_category), categories, None, None)}
                <div class="check">
                    <input id="urgent" name="urgent" type="checkbox" value="true" aria-describedby="urgent-hint"/>
                    <label for="urgent">{tu_string!(i18n, cases.urgent_label)}</label>
                </div>
                <p class="hint" id="urgent-hint">{tu_string!(i18n, cases.urgent_hint)}</p>
                {text_area(error, "summary", "summary", tu_string!(i18n, cases.summary_label_help),
                    Some(("summary-hint", tu_string!(i18n, cases.summary_hint_help))), "5", false, String::new())}
                <FileInput error label=tu_string!(i18n, cases.photo_label) multiple=true/>
                <p class="hint">{tu_string!(i18n, cases.submit_hint)}</p>
                <button type="submit" class="primary">{tu_string!(i18n, cases.submit)}</button>
            </form>
        </section>
    }
}

#[component]
fn ComplaintForm(employers: Vec<(i32, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    let categories: Vec<_> =
        CaseKind::Complaint.categories().iter().map(|c| (c.as_str(), category_text(i18n, *c))).collect();
    let named: Vec<Named> = employers.into_iter().map(|(id, name)| Named { id, name, parent: None }).collect();
    let has_employers = !named.is_empty();
    let options = crate::ui::options_markup(&named, None, Some(tu_string!(i18n, cases.employer_other)));
    view! {
        <Title text=page_title(tu_string!(i18n, cases.complaint_title))/>
        <section class="card narrow">
            <h1>{tu_string!(i18n, cases.complaint_title)}</h1>
            <p class="notice" role="note"><strong>{tu_string!(i18n, cases.confidential)}</strong></p>
            <p>{tu_string!(i18n, cases.move_promise)}</p>
            <FormError error/>
            <form method="post" action=OpenCase::url() enctype="multipart/form-data" class="stack" novalidate>
                {form_top(CaseKind::Complaint)}
                {radios(error, "category", tu_string!(i18n, cases.complaint_category), categories, None, None)}
                {has_employers.then(|| view! {
                    <label for="company_id">{tu_string!(i18n, cases.employer_label)}</label>
                    <p class="hint" id="company-hint">{tu_string!(i18n, cases.my_employer_hint)}</p>
                    <select id="company_id" name="company_id" inner_html=options.clone()
                        aria-describedby=described_by(error, "company_id", Some("company-hint")) aria-invalid=invalid(error, "company_id")></select>
                    <FieldError error field="company_id"/>
                })}
                <label for="employer_name">
                    {if has_employers { tu_string!(i18n, cases.employer_name_complaint) } else { tu_string!(i18n, cases.employer_label) }}
                </label>
                <input id="employer_name" name="employer_name" type="text" maxlength="200" autocomplete="off"
                    aria-describedby=described_by(error, "employer_name", None) aria-invalid=invalid(error, "employer_name")/>
                <FieldError error field="employer_name"/>
                {text_area(error, "summary", "summary", tu_string!(i18n, cases.summary_label_complaint), None, "5", true, String::new())}
                <FileInput error label=tu_string!(i18n, cases.files_label) multiple=true/>
                <p class="hint">{tu_string!(i18n, cases.submit_hint)}</p>
                <button type="submit" class="primary">{tu_string!(i18n, cases.submit)}</button>
            </form>
        </section>
    }
}

/// `/vacancies/:id/report-fee` (F6.1): recruitment costs the worker nothing;
/// a report of a fee asked for opens a case tied to the vacancy and its company.
#[component]
pub fn ReportFeePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id_param();
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let v = crate::vacancies::api::get_vacancy(id).await?;
            let gate = match get_current_user().await? {
                None => None,
                Some(_) => Some(may_file().await?),
            };
            Ok((v.id, v.occupation_id, v.company_name, gate))
        },
    );
    use_reference();
    let error = use_form_error();
    view! {
        <Title text=page_title(tu_string!(i18n, cases.fee_title))/>
        <Loaded resource=data let:data>
            {
                let (vacancy_id, occupation_id, company_name, gate) = data;
                let lists = crate::ui::use_refs();
                let next = format!("/vacancies/{vacancy_id}/report-fee");
                view! {
                    <section class="card narrow">
                        <h1>{tu_string!(i18n, cases.fee_title)}</h1>
                        <p class="notice"><strong>{tu_string!(i18n, cases.fee_free)}</strong></p>
                        <p>
                            {tu_string!(i18n, cases.fee_about)} ": "
                            <a href=format!("/vacancies/{vacancy_id}")>{lists.occupation(occupation_id)} " — " {company_name}</a>
                        </p>
                        {match gate {
                            None => view! {
                                <p><a class="button primary" href=format!("/signin?next={next}")>
                                    {tu_string!(i18n, cases.fee_sign_in)}
                                </a></p>
                            }.into_any(),
                            Some(Gate::Open(())) => view! {
                                <FormError error/>
                                <form method="post" action=OpenCase::url() enctype="multipart/form-data" class="stack" novalidate>
                                    {form_top(CaseKind::FeeReport)}
                                    <input type="hidden" name="vacancy_id" value=vacancy_id.to_string()/>
                                    <label for="fee">{tu_string!(i18n, cases.fee_amount)}</label>
                                    <p class="hint" id="fee-hint">{tu_string!(i18n, cases.fee_amount_hint)}</p>
                                    <input id="fee" name="fee" type="text" inputmode="decimal" maxlength="20" autocomplete="off"
                                        aria-describedby=described_by(error, "fee", Some("fee-hint")) aria-invalid=invalid(error, "fee")/>
                                    <FieldError error field="fee"/>
                                    {text_area(error, "summary", "summary", tu_string!(i18n, cases.fee_summary),
                                        Some(("summary-hint", tu_string!(i18n, cases.fee_summary_hint))), "5", true, String::new())}
                                    <FileInput error label=tu_string!(i18n, cases.files_label) multiple=true/>
                                    <p class="hint">{tu_string!(i18n, cases.fee_confidential)}</p>
                                    <button type="submit" class="primary">{tu_string!(i18n, cases.submit)}</button>
                                </form>
                            }.into_any(),
                            Some(other) => view! { {gate_notice(i18n, &other)} }.into_any(),
                        }}
                    </section>
                }
            }
        </Loaded>
    }
}

/// Everything the case page shows, in one resource: the case, the reader, the
/// emergency numbers (an urgent help case, for its migrant) and, for staff,
/// the regularisation's sector in words.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CaseData {
    case: Case,
    reader: Option<SessionUser>,
    contacts: Vec<Contact>,
    sector: Option<String>,
}

/// `/cases/:id`: one case, for its migrant and for staff (who see more).
#[component]
pub fn CasePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id_param();
    let lang = leptos_i18n::Locale::as_str(i18n.get_locale_untracked()).to_string();
    let data = Resource::new(
        move || id.get(),
        move |id| {
            let lang = lang.clone();
            async move {
                let case = get_case(id).await?;
                let reader = get_current_user().await?;
                let migrant = reader.as_ref().is_some_and(|u| u.role == Role::Migrant);
                let staff = reader.as_ref().is_some_and(|u| u.role.is_staff());
                let contacts = if migrant && case.kind == CaseKind::Help && case.urgent && !case.stage.is_final() {
                    crate::contacts::api::emergency_contacts().await?
                } else {
                    Vec::new()
                };
                let sector = match (&case.regularisation, staff) {
                    (Some(r), true) => {
                        Some(crate::reference::api::fetch_reference_lists(lang).await?.sector(r.sector_id))
                    }
                    _ => None,
                };
                Ok(CaseData { case, reader, contacts, sector })
            }
        },
    );
    let error = use_form_error();
    let echo = use_echo();
    let query = use_query_map();
    let confirming = query.with_untracked(|q| q.get("withdraw").is_some());
    view! {
        <Loaded resource=data let:data>
            {
                let CaseData { case: c, reader, contacts, sector } = data;
                let locale = i18n.get_locale_untracked();
                let role = reader.as_ref().map(|u| u.role);
                let own = role == Some(Role::Migrant);
                let staff = role.is_some_and(Role::is_staff);
                let me = reader.as_ref().map(|u| u.id);
                let acting = match role { Some(Role::Admin) => Some(Role::Staff), r => r };
                let moves: Vec<Stage> = stages_of(c.kind)
                    .iter()
                    .copied()
                    .filter(|to| owner_of(c.kind, c.stage, *to).is_some_and(|o| Some(o) == acting))
                    .collect();
                let title = page_title(&format!("{} {}", kind_text(i18n, c.kind), case_number(i18n, c.id)));
                let due = c.due_at.clone().filter(|_| staff || c.stage.waits_for_migrant());
                view! {
                    <Title text=title/>
                    {(!contacts.is_empty()).then(|| view! { <EmergencyBox contacts/> })}
                    <article class="card">
                        <h1>
                            {kind_text(i18n, c.kind)} " " {case_number(i18n, c.id)}
                            {c.urgent.then(|| view! { " " <span class="badge urgent">{tu_string!(i18n, cases.urgent)}</span> })}
                        </h1>
                        <FormError error/>
                        <p class="stage-now">{tu_string!(i18n, cases.stage_now)} " " <strong>{stage_text(i18n, c.stage)}</strong></p>
                        <p class="stage-meaning">{stage_meaning(i18n, c.stage, own)}</p>
                        <dl class="facts">
                            {c.category.map(|cat| view! {
                                <dt>{tu_string!(i18n, cases.category)}</dt><dd>{category_text(i18n, cat)}</dd>
                            })}
                            <dt>{tu_string!(i18n, cases.filed)}</dt><dd>{date(&c.created_at, locale)}</dd>
                            <dt>{tu_string!(i18n, cases.holder)}</dt>
                            <dd>{c.holder.clone().unwrap_or_else(|| tu_string!(i18n, cases.holder_none).to_string())}</dd>
                            <dt>{tu_string!(i18n, cases.last_reply)}</dt>
                            <dd>{c.last_reply_at.as_deref().map(|d| date(d, locale)).unwrap_or_else(|| tu_string!(i18n, cases.last_reply_none).to_string())}</dd>
                            {due.map(|d| view! {
                                <dt>{if staff { tu_string!(i18n, cases.staff_due) } else { tu_string!(i18n, cases.docs_due) }}</dt>
                                <dd>{date(&d, locale)}</dd>
                            })}
                            {c.company_name.clone().filter(|_| c.kind != CaseKind::Regularisation).map(|name| view! {
                                <dt>{tu_string!(i18n, cases.company)}</dt>
                                <dd>
                                    {name}
                                    {(staff && c.company_status == Some(crate::companies::CompanyStatus::Suspended)).then(|| view! {
                                        " · " <span class="flag">{tu_string!(i18n, cases.company_suspended)}</span>
                                    })}
                                </dd>
                            })}
                            {c.vacancy_id.map(|v| view! {
                                <dt>{tu_string!(i18n, cases.fee_about)}</dt>
                                <dd><a href=format!("/vacancies/{v}")>{tu_string!(i18n, cases.vacancy_link).replace("%ID%", &v.to_string())}</a></dd>
                            })}
                            {c.fee_kurus.map(|k| view! {
                                <dt>{tu_string!(i18n, cases.fee_asked)}</dt><dd>{money_try(k, locale)}</dd>
                            })}
                        </dl>
                        <h2>
                            {if own { tu_string!(i18n, cases.your_text) } else { tu_string!(i18n, cases.their_text) }}
                            {written_label(i18n, Some(c.lang.as_str())).map(|l| view! { <span class="small">{l}</span> })}
                        </h2>
                        {if c.summary.trim().is_empty() {
                            view! { <p class="hint">{tu_string!(i18n, cases.no_text)}</p> }.into_any()
                        } else {
                            view! { <p class="prewrap" lang=lang_attr(Some(c.lang.as_str()))>{c.summary.clone()}</p> }.into_any()
                        }}
                        {(!moves.is_empty()).then(|| view! {
                            <h2>{tu_string!(i18n, cases.actions_title)}</h2>
                            <Moves case_id=c.id kind=c.kind moves owner_lang=c.owner_lang.clone() confirming echo=echo.clone()/>
                        })}
                    </article>
                    {staff.then(|| view! {
                        <StaffPanels case=c.clone() me sector=sector.clone() echo=echo.clone()/>
                    })}
                    {c.decision.map(|d| view! {
                        <DecisionShown decision=d reason=c.decision_reason.clone() lang=c.decision_lang.clone()/>
                    })}
                    {(!c.checklist.is_empty() || (staff && !c.stage.is_final())).then(|| view! {
                        <Checklist items=c.checklist.clone() own case_id=c.id editable=staff && !c.stage.is_final()
                            owner_lang=c.owner_lang.clone() echo=echo.clone()/>
                    })}
                    <Timeline stages=c.timeline.clone() now=c.stage/>
                    {(c.kind == CaseKind::Claim).then(|| view! {
                        <crate::contributions::pages::ClaimPeriodsCard case_id=c.id/>
                    })}
                    <section class="card" aria-labelledby="documents-title">
                        <h2 id="documents-title">{tu_string!(i18n, cases.documents_title)}</h2>
                        {c.documents.is_empty().then(|| view! { <p class="hint">{tu_string!(i18n, cases.documents_none)}</p> })}
                        <DocumentList documents=c.documents.clone()/>
                    </section>
                    <Thread case_id=c.id messages=c.messages.clone() own open=!c.stage.is_final()/>
                    {staff.then(|| view! {
                        <Notes case_id=c.id notes=c.notes.clone() typed=echo.value("note").unwrap_or_default()/>
                    })}
                    <History events=c.history.clone() own staff/>
                }
            }
        </Loaded>
    }
}

/// The moves the reader's role owns on this case: the migrant's "documents
/// sent" and withdrawal (which asks first), staff's taking up, asking for
/// documents, deciding and closing.
#[component]
fn Moves(
    case_id: i32,
    kind: CaseKind,
    moves: Vec<Stage>,
    owner_lang: String,
    confirming: bool,
    echo: Echo,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    // What a refused move form had typed, for that form only.
    let refused_to = echo.value("to");
    let picked = (refused_to.as_deref() == Some(Stage::Decided.as_str())).then(|| echo.value("decision")).flatten();
    let typed = move |to: Stage, name: &str| {
        (refused_to.as_deref() == Some(to.as_str())).then(|| echo.value(name)).flatten().unwrap_or_default()
    };
    let write_in = match crate::lang::parse_locale(&owner_lang) {
        Some(Locale::tr) => tu_string!(i18n, cases.write_in_tr),
        _ => tu_string!(i18n, cases.write_in_uz),
    };
    moves
        .into_iter()
        .map(|to| {
            let label = action_text(i18n, to);
            if to == Stage::Withdrawn && !confirming {
                // A plain link asks first (no JavaScript needed; a document
                // navigation with it too, as the page reads the question once).
                return view! {
                    <p><a class="button secondary" rel="external" href=format!("/cases/{case_id}?withdraw=1")>{label}</a></p>
                }
                .into_any();
            }
            let fields = match to {
                Stage::DocumentsSubmitted => {
                    view! { <p class="hint">{tu_string!(i18n, cases.action_documentssubmitted_hint)}</p> }.into_any()
                }
                Stage::DocumentsRequested => text_area(
                    error,
                    "request_reason",
                    "reason",
                    tu_string!(i18n, cases.request_label),
                    Some(("request_reason-hint", write_in)),
                    "3",
                    false,
                    typed(to, "reason"),
                )
                .into_any(),
                Stage::Decided => {
                    let options: Vec<_> = decisions_of(kind).iter().map(|d| (d.as_str(), decision_text(i18n, *d))).collect();
                    view! {
                        {radios(error, "decision", tu_string!(i18n, cases.decision_legend), options, picked.clone(), None)}
                        {text_area(error, "reason", "reason", tu_string!(i18n, cases.reason_label),
                            Some(("reason-hint", write_in)), "4", true, typed(to, "reason"))}
                        {(kind == CaseKind::Regularisation).then(|| text_area(error, "steps", "steps", tu_string!(i18n, cases.steps_label),
                            Some(("steps-hint", tu_string!(i18n, cases.steps_hint))), "4", false, typed(to, "steps")))}
                    }
                    .into_any()
                }
                Stage::Withdrawn => view! {
                    <p role="alert"><strong>{label}</strong> " — " {tu_string!(i18n, cases.withdraw_confirm)}</p>
                }
                .into_any(),
                _ => ().into_any(),
            };
            let buttons = if to == Stage::Withdrawn {
                view! {
                    <div class="actions">
                        <button type="submit" class="primary">{tu_string!(i18n, cases.withdraw_yes)}</button>
                        <a class="button secondary" rel="external" href=format!("/cases/{case_id}")>{tu_string!(i18n, cases.withdraw_no)}</a>
                    </div>
                }
                .into_any()
            } else {
                let class = if matches!(to, Stage::DocumentsRequested | Stage::Closed) { "secondary" } else { "primary" };
                view! { <button type="submit" class=class>{label}</button> }.into_any()
            };
            view! {
                <form method="post" action=MoveCase::url() novalidate
                    class=if to == Stage::Withdrawn { "stack move confirm" } else { "stack move" }>
                    <input type="hidden" name="case_id" value=case_id.to_string()/>
                    <input type="hidden" name="to" value=to.as_str()/>
                    {fields}
                    {buttons}
                </form>
            }
            .into_any()
        })
        .collect_view()
}

/// The decision and its reason, labelled with its language when that is not the reader's.
#[component]
fn DecisionShown(decision: Decision, reason: Option<String>, lang: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card terms" aria-labelledby="decision-title">
            <h2 id="decision-title">{tu_string!(i18n, cases.decision_title)} ": " {decision_text(i18n, decision)}</h2>
            {reason.map(|r| view! {
                <p class="reason-note">
                    <strong>{tu_string!(i18n, cases.decision_reason)} {written_label(i18n, lang.as_deref())} ": "</strong>
                    <span class="prewrap" lang=lang_attr(lang.as_deref())>{r}</span>
                </p>
            })}
        </section>
    }
}

/// The next steps of a case: the migrant ticks them (one small form each);
/// staff add steps with due dates to an open case and change or remove those
/// not ticked yet (`steps`).
#[component]
fn Checklist(
    items: Vec<ChecklistItem>,
    own: bool,
    case_id: i32,
    editable: bool,
    owner_lang: String,
    echo: Echo,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let none = items.is_empty();
    let add_lang = owner_lang.clone();
    let add_echo = echo.clone();
    view! {
        <section class="card" id="steps" aria-labelledby="steps-title">
            <h2 id="steps-title">{tu_string!(i18n, cases.steps_title)}</h2>
            {(own && !none).then(|| view! { <p class="hint">{tu_string!(i18n, checklist.mine_hint)}</p> })}
            {none.then(|| view! { <p class="hint">{tu_string!(i18n, checklist.none_yet)}</p> })}
            <ul class="checklist" hidden=none>
                {items.into_iter().map(|item| {
                    let label_id = format!("step-{}", item.id);
                    let status = if item.done { tu_string!(i18n, cases.step_done) } else { tu_string!(i18n, cases.step_open) };
                    view! {
                        <li class=if item.done { "done" } else { "" }>
                            <span id=label_id.clone() lang=lang_attr(Some(item.lang.as_str()))>{item.label.clone()}</span>
                            {written_label(i18n, Some(item.lang.as_str())).map(|l| view! { <span class="small">{l}</span> })}
                            {item.due_on.as_deref().map(|d| view! { " " <span class="small">{tu_string!(i18n, cases.step_due)} " " {date(d, locale)}</span> })}
                            " · " <strong>{status}</strong>
                            <super::steps::Reminded times=item.reminded.clone()/>
                            {(editable && !item.done).then(|| view! {
                                <super::steps::StepEdit item=item.clone() owner_lang=owner_lang.clone() echo=echo.clone()/>
                            })}
                            {own.then(|| view! {
                                <form method="post" action=TickChecklist::url() class="inline">
                                    <input type="hidden" name="item_id" value=item.id.to_string()/>
                                    <input type="hidden" name="done" value=if item.done { "false" } else { "true" }/>
                                    <button type="submit" class="secondary" aria-describedby=label_id>
                                        {if item.done { tu_string!(i18n, cases.untick) } else { tu_string!(i18n, cases.tick) }}
                                    </button>
                                </form>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {editable.then(|| view! { <super::steps::StepAdd case_id owner_lang=add_lang echo=add_echo/> })}
        </section>
    }
}

/// F6.4: every stage of the kind, when it was entered and how long it usually takes.
#[component]
fn Timeline(stages: Vec<StageTime>, now: Stage) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let current = stages.iter().position(|s| s.stage == now);
    view! {
        <section class="card" aria-labelledby="stages-title">
            <h2 id="stages-title">{tu_string!(i18n, cases.stages_title)}</h2>
            <p class="hint">{tu_string!(i18n, cases.stages_hint)}</p>
            <ol class="timeline stages">
                {stages.into_iter().enumerate().map(|(i, s)| {
                    let is_now = Some(i) == current;
                    let when = match (&s.entered_at, current) {
                        (Some(at), _) => date(at, locale),
                        (None, Some(c)) if i < c => tu_string!(i18n, cases.skipped).to_string(),
                        (None, _) => tu_string!(i18n, cases.not_yet).to_string(),
                    };
                    let usual = s.usual_secs.filter(|_| !s.stage.is_final()).map(|secs| crate::ui::usual_text(i18n, secs));
                    view! {
                        <li class=if is_now { "now" } else { "" } aria-current=is_now.then_some("step")>
                            <strong>{stage_text(i18n, s.stage)}</strong> " — " {when}
                            {is_now.then(|| view! { " " <span class="tag">{tu_string!(i18n, cases.current)}</span> })}
                            {usual.map(|u| view! { " " <span class="small">"(" {u} ")"</span> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The thread with staff, newest last, each message's attachments under it,
/// and the reply form (a multipart post: text and files).
#[component]
fn Thread(case_id: i32, messages: Vec<Message>, own: bool, open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = use_form_error();
    let empty = messages.is_empty();
    view! {
        <section class="card" id="thread" aria-labelledby="thread-title">
            <h2 id="thread-title">{tu_string!(i18n, cases.thread_title)}</h2>
            {empty.then(|| view! {
                <p class="hint">{if own { tu_string!(i18n, cases.thread_none) } else { tu_string!(i18n, cases.last_reply_none) }}</p>
            })}
            <ol class="thread" hidden=empty>
                {messages.into_iter().map(|m| {
                    let who = match (m.from_staff, own) {
                        (true, _) => format!("{} ({})", m.author_name, tu_string!(i18n, cases.from_staff)),
                        (false, true) => tu_string!(i18n, cases.from_you).to_string(),
                        (false, false) => format!("{} ({})", m.author_name, tu_string!(i18n, cases.from_migrant)),
                    };
                    view! {
                        <li class=if m.from_staff { "from-staff" } else { "from-migrant" }>
                            <p class="small"><strong>{who}</strong> " · " {date(&m.at, locale)} {written_label(i18n, Some(m.lang.as_str()))}</p>
                            {(!m.body.trim().is_empty()).then(|| view! { <p class="prewrap" lang=lang_attr(Some(m.lang.as_str()))>{m.body.clone()}</p> })}
                            <DocumentList documents=m.documents/>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {if open {
                view! {
                    <form method="post" action=PostCaseMessage::url() enctype="multipart/form-data" class="stack" novalidate>
                        <input type="hidden" name="case_id" value=case_id.to_string()/>
                        {text_area(error, "body", "body", tu_string!(i18n, cases.reply_label),
                            own.then_some(("body-hint", tu_string!(i18n, cases.reply_hint))), "4", false, String::new())}
                        <FileInput error label=tu_string!(i18n, cases.attach_label) multiple=true/>
                        <button type="submit" class="primary">{tu_string!(i18n, cases.send)}</button>
                    </form>
                }
                .into_any()
            } else {
                view! { <p class="notice">{tu_string!(i18n, cases.closed_no_reply)}</p> }.into_any()
            }}
        </section>
    }
}

/// Who did what, when: every move with its reason, every assignment, a
/// suspended company, a worker moved to another employer.
#[component]
fn History(events: Vec<Event>, own: bool, staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{tu_string!(i18n, cases.history_title)}</h2>
            <ol class="timeline">
                {events.into_iter().map(|e| {
                    let what = match e.kind {
                        EventKind::Opened => tu_string!(i18n, cases.ev_opened).to_string(),
                        EventKind::Moved => match (e.from, e.to) {
                            (Some(f), Some(t)) => format!("{} → {}", stage_text(i18n, f), stage_text(i18n, t)),
                            (None, Some(t)) => stage_text(i18n, t).to_string(),
                            _ => String::new(),
                        },
                        EventKind::Assigned => format!("{} {}", tu_string!(i18n, cases.ev_assigned), e.detail.clone().unwrap_or_default()),
                        EventKind::CompanySuspended => tu_string!(i18n, cases.ev_suspended).to_string(),
                        EventKind::WorkerMoved => tu_string!(i18n, cases.ev_worker_moved).to_string(),
                    };
                    let who = match (e.actor_role, own) {
                        (Role::Migrant, true) => tu_string!(i18n, cases.from_you).to_string(),
                        (role, _) => {
                            let name = e.actor_name.clone().unwrap_or_default();
                            format!("{name} ({})", crate::ui::role_name(i18n, role))
                        }
                    };
                    let application = (e.kind == EventKind::WorkerMoved).then(|| e.detail.clone()).flatten();
                    // Why staff suspended a company is for staff.
                    let reason = e.reason.clone().filter(|_| staff || e.kind != EventKind::CompanySuspended);
                    let lang = e.reason_lang.clone();
                    view! {
                        <li>
                            <strong>{what}</strong> " — " {date(&e.at, locale)} " · " {who}
                            {application.map(|a| view! {
                                " " <a href=format!("/applications/{a}")>{tu_string!(i18n, cases.ev_application_link)}</a>
                            })}
                            {reason.map(|r| view! {
                                <p class="reason-note">
                                    {tu_string!(i18n, reasons.note_shown)} {written_label(i18n, lang.as_deref())} ": "
                                    <span class="prewrap" lang=lang_attr(lang.as_deref())>{r}</span>
                                </p>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// What only staff see: the migrant, the regularisation's answers, the
/// assignment, suspending the company, moving the worker, the internal notes.
#[component]
fn StaffPanels(case: Case, me: Option<i32>, sector: Option<String>, echo: Echo) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = use_form_error();
    let c = case;
    let id = c.id;
    let holder_options: Vec<Named> =
        c.assignable.iter().map(|(id, name)| Named { id: *id, name: name.clone(), parent: None }).collect();
    let holder_options = crate::ui::options_markup(&holder_options, c.assigned_to, None);
    // The suspension form posts only a reason; the note form only a note.
    let typed_suspend = (echo.value("to").is_none() && echo.value("note").is_none())
        .then(|| echo.value("reason"))
        .flatten()
        .unwrap_or_default();
    let suspendable = matches!(c.kind, CaseKind::FeeReport | CaseKind::Complaint) && c.company_id.is_some();
    let suspended = c.company_status == Some(crate::companies::CompanyStatus::Suspended);
    let can_move_worker = c.kind == CaseKind::Complaint && !c.stage.is_final();
    view! {
        <section class="card" aria-labelledby="owner-title">
            <h2 id="owner-title">{tu_string!(i18n, cases.owner_title)}</h2>
            <dl class="facts">
                <dt>{tu_string!(i18n, account.name_label)}</dt><dd>{c.owner_name.clone()}</dd>
                {c.owner_phone.clone().map(|p| view! {
                    <dt>{tu_string!(i18n, account.phone_label)}</dt><dd><a href=format!("tel:{p}")>{p.clone()}</a></dd>
                })}
                <dt>{tu_string!(i18n, cases.owner_lang)}</dt><dd>{lang_name(i18n, &c.owner_lang)}</dd>
            </dl>
        </section>
        {c.regularisation.clone().map(|r| view! {
            <section class="card" aria-labelledby="answers-title">
                <h2 id="answers-title">{tu_string!(i18n, cases.answers_title)}</h2>
                <dl class="facts">
                    <dt>{tu_string!(i18n, cases.entered_on_shown)}</dt><dd>{date(&r.entered_on, locale)}</dd>
                    <dt>{tu_string!(i18n, cases.entry_route_shown)}</dt><dd>{route_text(i18n, r.entry_route)}</dd>
                    <dt>{tu_string!(i18n, cases.status_shown)}</dt><dd>{status_text(i18n, r.current_status)}</dd>
                    <dt>{tu_string!(i18n, cases.sector_shown)}</dt><dd>{sector.clone().unwrap_or_default()}</dd>
                    <dt>{tu_string!(i18n, cases.employer_shown)}</dt>
                    <dd>
                        {match (r.employer_company_id, r.employer_name.clone()) {
                            (Some(cid), Some(name)) => format!("{name} ({})", tu_string!(i18n, cases.company_no).replace("%ID%", &cid.to_string())),
                            (Some(cid), None) => tu_string!(i18n, cases.company_no).replace("%ID%", &cid.to_string()),
                            (None, Some(name)) => name,
                            (None, None) => tu_string!(i18n, cases.not_named).to_string(),
                        }}
                    </dd>
                </dl>
            </section>
        })}
        <section class="card" aria-labelledby="assign-title">
            <h2 id="assign-title">{tu_string!(i18n, cases.assign_title)}</h2>
            <p>{c.holder.clone().unwrap_or_else(|| tu_string!(i18n, cases.holder_none).to_string())}</p>
            {(c.assigned_to != me).then(|| view! {
                <form method="post" action=AssignCase::url() class="inline">
                    <input type="hidden" name="case_id" value=id.to_string()/>
                    <button type="submit" class="primary">{tu_string!(i18n, cases.take)}</button>
                </form>
            })}
            <form method="post" action=AssignCase::url() class="stack" novalidate>
                <input type="hidden" name="case_id" value=id.to_string()/>
                <label for="assign_to">{tu_string!(i18n, cases.assign_to)}</label>
                <select id="assign_to" name="assign_to" required inner_html=holder_options
                    aria-describedby=described_by(error, "assign_to", None) aria-invalid=invalid(error, "assign_to")></select>
                <FieldError error field="assign_to"/>
                <button type="submit" class="secondary">{tu_string!(i18n, cases.assign)}</button>
            </form>
        </section>
        {suspendable.then(|| view! {
            <section class="card" aria-labelledby="suspend-title">
                <h2 id="suspend-title">{tu_string!(i18n, cases.suspend_title)}</h2>
                <p>{c.company_name.clone()}</p>
                {if suspended {
                    view! { <p class="flag">{tu_string!(i18n, cases.company_suspended)}</p> }.into_any()
                } else {
                    view! {
                        <form method="post" action=SuspendCompanyFromCase::url() class="stack" novalidate>
                            <input type="hidden" name="case_id" value=id.to_string()/>
                            {text_area(error, "suspend_reason", "reason", tu_string!(i18n, cases.suspend_reason),
                                Some(("suspend-hint", tu_string!(i18n, cases.suspend_hint))), "3", true, typed_suspend.clone())}
                            <button type="submit" class="secondary">{tu_string!(i18n, cases.suspend)}</button>
                        </form>
                    }
                    .into_any()
                }}
            </section>
        })}
        {can_move_worker.then(|| view! {
            <section class="card" aria-labelledby="move-worker-title">
                <h2 id="move-worker-title">{tu_string!(i18n, cases.move_worker_title)}</h2>
                {c.application_id.map(|a| view! {
                    <p><a href=format!("/applications/{a}")>{tu_string!(i18n, cases.moved_application)}</a></p>
                })}
                <form method="post" action=MoveWorker::url() class="stack" novalidate>
                    <input type="hidden" name="case_id" value=id.to_string()/>
                    <label for="vacancy_id">{tu_string!(i18n, cases.move_worker_label)}</label>
                    <p class="hint" id="vacancy_id-hint">{tu_string!(i18n, cases.move_worker_hint)}</p>
                    <input id="vacancy_id" name="vacancy_id" type="text" inputmode="numeric" maxlength="10" required autocomplete="off"
                        value=echo.value("vacancy_id").unwrap_or_default()
                        aria-describedby=described_by(error, "vacancy_id", Some("vacancy_id-hint")) aria-invalid=invalid(error, "vacancy_id")/>
                    <FieldError error field="vacancy_id"/>
                    <button type="submit" class="secondary">{tu_string!(i18n, cases.move_worker)}</button>
                </form>
            </section>
        })}
    }
}

/// Staff's internal notes: never shown to the migrant (the server leaves them
/// out of every answer to them; this section is drawn for staff only).
#[component]
fn Notes(case_id: i32, notes: Vec<Note>, typed: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = use_form_error();
    let none = notes.is_empty();
    view! {
        <section class="card internal" id="notes" aria-labelledby="notes-title">
            <h2 id="notes-title">{tu_string!(i18n, cases.notes_title)}</h2>
            <p class="flag">{tu_string!(i18n, cases.notes_private)}</p>
            {none.then(|| view! { <p class="hint">{tu_string!(i18n, cases.notes_none)}</p> })}
            <ol class="thread" hidden=none>
                {notes.into_iter().map(|n| view! {
                    <li>
                        <p class="small"><strong>{n.author_name}</strong> " · " {date(&n.at, locale)}</p>
                        <p class="prewrap">{n.body}</p>
                    </li>
                }).collect_view()}
            </ol>
            <form method="post" action=AddCaseNote::url() class="stack" novalidate>
                <input type="hidden" name="case_id" value=case_id.to_string()/>
                {text_area(error, "note", "note", tu_string!(i18n, cases.note_label), None, "3", true, typed)}
                <button type="submit" class="secondary">{tu_string!(i18n, cases.add_note)}</button>
            </form>
        </section>
    }
}
