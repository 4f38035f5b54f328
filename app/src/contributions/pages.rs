//! The contributions pages: the migrant's `/contributions` (periods, the
//! estimate with the plain warning, the claim once the agreement is in
//! force), staff's `/staff/contributions` (the rules and their history), and
//! the periods a claim carried, shown on its case's page.
//!
//! Every form is a plain `<form method="post">` aimed at a server function
//! (the claim a multipart post), so it works before the WASM arrives.

use super::api::{
    claim_periods, contribution_rules, my_contributions, DeleteContributionPeriod, FileContributionsClaim,
    SaveContributionPeriod, SetContributionRules,
};
use super::{hundredths_text, AgreementStatus, ClaimPeriod, Overview, Period, PeriodEstimate, Rules};
use crate::documents::FileInput;
use crate::error::AppError;
use crate::format::{date, integer, money_try};
use crate::forms::echo::Echo;
use crate::forms::{described_by, invalid, use_echo, use_form_error, FieldError, FormError, FormErrors};
use crate::i18n::*;
use crate::ui::Loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

type I18n = leptos_i18n::I18nContext<Locale>;

fn page_title(what: &str) -> String {
    format!("{what} — Köprü")
}

/// Kuruş as a person types lira back into the form: `45000,50`.
fn wage_input(kurus: i64) -> String {
    format!("{},{:02}", kurus / 100, kurus % 100)
}

fn percent(bp: i32) -> String {
    format!("{} %", hundredths_text(bp))
}

fn agreement_text(i18n: I18n, a: AgreementStatus) -> &'static str {
    match a {
        AgreementStatus::Negotiating => tu_string!(i18n, contributions.agreement_negotiating),
        AgreementStatus::InForce => tu_string!(i18n, contributions.agreement_inforce),
    }
}

/// A labelled text input with its hint and message; the value from a refused
/// post, else `saved`.
#[allow(clippy::too_many_arguments)]
fn text_input(
    error: Memo<FormErrors>,
    echo: &Echo,
    name: &'static str,
    label: &'static str,
    hint: Option<(&'static str, &'static str)>,
    kind: &'static str,
    inputmode: Option<&'static str>,
    required: bool,
    saved: String,
) -> impl IntoView {
    let value = echo.or(name, || saved);
    view! {
        <label for=name>{label}</label>
        {hint.map(|(id, text)| view! { <p class="hint" id=id>{text}</p> })}
        <input id=name name=name type=kind inputmode=inputmode required=required autocomplete="off" value=value
            aria-describedby=described_by(error, name, hint.map(|h| h.0)) aria-invalid=invalid(error, name)/>
        <FieldError error field=name/>
    }
}

/// The plain warning: no refund on leaving; a reclaim rests on the agreement.
#[component]
fn Warning(rules: Rules) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let status = match (rules.agreement, rules.in_force_on.as_deref()) {
        (AgreementStatus::InForce, Some(on)) => {
            format!("{} {}", tu_string!(i18n, contributions.in_force_since), date(on, locale))
        }
        (AgreementStatus::InForce, None) => tu_string!(i18n, contributions.agreement_inforce).to_string(),
        (AgreementStatus::Negotiating, _) => tu_string!(i18n, contributions.negotiating_notice).to_string(),
    };
    view! {
        <section class="notice warn" aria-labelledby="warning-title">
            <h2 id="warning-title">{tu_string!(i18n, contributions.warning_title)}</h2>
            <p>{tu_string!(i18n, contributions.warning_no_refund)}</p>
            <p>{tu_string!(i18n, contributions.warning_lump_sums)}</p>
            <p><strong>{status}</strong></p>
        </section>
    }
}

/// The estimate: per period and in total, with the rates it used.
#[component]
fn EstimateView(o: Overview) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let r = o.rules.clone();
    let names: Vec<(i32, String)> = o.periods.iter().map(|p| (p.id, p.employer_name.clone())).collect();
    let name_of = move |id: i32| names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()).unwrap_or_default();
    let e = o.estimate.clone();
    let notes = |l: &PeriodEstimate| {
        let mut v = Vec::new();
        if l.raised_to_floor {
            v.push(tu_string!(i18n, contributions.raised_to_floor));
        }
        if l.cut_to_ceiling {
            v.push(tu_string!(i18n, contributions.cut_to_ceiling));
        }
        if l.minimum_wage_unknown {
            v.push(tu_string!(i18n, contributions.minimum_wage_unknown));
        }
        v.join(" ")
    };
    let ceiling = if r.ceiling_hundredths > 0 {
        format!("{}×", hundredths_text(r.ceiling_hundredths))
    } else {
        tu_string!(i18n, contributions.none).to_string()
    };
    let heading = if r.agreement == AgreementStatus::Negotiating {
        tu_string!(i18n, contributions.estimate_title_assumed)
    } else {
        tu_string!(i18n, contributions.estimate_title)
    };
    view! {
        <section class="card" aria-labelledby="estimate-title" id="estimate">
            <h2 id="estimate-title">{heading}</h2>
            {e.periods.is_empty().then(|| view! { <p>{tu_string!(i18n, contributions.estimate_empty)}</p> })}
            {(!e.periods.is_empty()).then(|| view! {
                <div class="table-scroll" role="region" tabindex="0" aria-labelledby="estimate-caption">
                <table class="list">
                    <caption id="estimate-caption">{tu_string!(i18n, contributions.estimate_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{tu_string!(i18n, contributions.col_employer)}</th>
                        <th scope="col">{tu_string!(i18n, contributions.col_days)}</th>
                        <th scope="col">{tu_string!(i18n, contributions.col_employee)}</th>
                        <th scope="col">{tu_string!(i18n, contributions.col_employer_share)}</th>
                        <th scope="col">{tu_string!(i18n, contributions.col_reclaimable)}</th>
                    </tr></thead>
                    <tbody>
                        {e.periods.iter().map(|l| view! {
                            <tr>
                                <th scope="row">{name_of(l.period_id)}<span class="small">" " {notes(l)}</span></th>
                                <td>{integer(l.days, locale)}</td>
                                <td>{money_try(l.employee_kurus, locale)}</td>
                                <td>{money_try(l.employer_kurus, locale)}</td>
                                <td>{money_try(l.reclaimable_kurus, locale)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr>
                        <th scope="row">{tu_string!(i18n, contributions.total)}</th>
                        <td>{integer(e.days, locale)}</td>
                        <td>{money_try(e.employee_kurus, locale)}</td>
                        <td>{money_try(e.employer_kurus, locale)}</td>
                        <td data-testid="reclaimable-total">{money_try(e.reclaimable_kurus, locale)}</td>
                    </tr></tfoot>
                </table>
                </div>
            })}
            <h3>{tu_string!(i18n, contributions.assumptions_title)}</h3>
            <ul class="small">
                <li>{tu_string!(i18n, contributions.rate_employee)} ": " {percent(r.employee_bp)}</li>
                <li>{tu_string!(i18n, contributions.rate_employer)} ": " {percent(r.employer_bp)}</li>
                <li>{tu_string!(i18n, contributions.floor_label)} ": "
                    {if r.floor_minimum_wage { tu_string!(i18n, contributions.floor_minimum_wage) } else { tu_string!(i18n, contributions.none) }}</li>
                <li>{tu_string!(i18n, contributions.ceiling_label)} ": " {ceiling}</li>
                <li>{tu_string!(i18n, contributions.reclaim_label)} ": " {percent(r.reclaim_bp)}</li>
            </ul>
            <p class="hint">{tu_string!(i18n, contributions.method_hint)}</p>
        </section>
    }
}

/// The migrant's periods, each with its edit link and delete button.
#[component]
fn PeriodList(periods: Vec<Period>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        {periods.is_empty().then(|| view! { <p>{tu_string!(i18n, contributions.periods_none)}</p> })}
        <ul class="cards">
            {periods.into_iter().map(|p| {
                let to = match p.ended_on.as_deref() {
                    Some(d) => date(d, locale),
                    None => tu_string!(i18n, contributions.still_working).to_string(),
                };
                let id = p.id.to_string();
                view! {
                    <li class="card" id=format!("period-{}", p.id)>
                        <h3>{p.employer_name.clone()}</h3>
                        <p>{date(&p.started_on, locale)} " – " {to}</p>
                        <p>{tu_string!(i18n, contributions.wage_label)} ": " {money_try(p.gross_monthly_kurus, locale)}</p>
                        {p.sgk_number.clone().map(|n| view! { <p class="small">{tu_string!(i18n, contributions.sgk_label)} ": " {n}</p> })}
                        {p.insured_days.map(|d| view! { <p class="small">{tu_string!(i18n, contributions.days_label)} ": " {d}</p> })}
                        <div class="actions">
                            <a class="button secondary" href=format!("/contributions?edit={}#period-form", p.id)>
                                {tu_string!(i18n, contributions.edit)}<span class="visually-hidden">": " {p.employer_name.clone()}</span>
                            </a>
                            <form method="post" action=DeleteContributionPeriod::url() class="inline">
                                <input type="hidden" name="period_id" value=id/>
                                <button type="submit" class="secondary">
                                    {tu_string!(i18n, contributions.delete)}<span class="visually-hidden">": " {p.employer_name.clone()}</span>
                                </button>
                            </form>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The form of a new period, or of the one being corrected.
#[component]
fn PeriodFormView(editing: Option<Period>, companies: Vec<(i32, String)>, today: String) -> impl IntoView {
    let i18n = use_i18n();
    let error = errors_of(false);
    let echo = use_echo();
    let e = editing.clone();
    let saved = move |f: fn(&Period) -> String| e.as_ref().map(f).unwrap_or_default();
    let picked = echo
        .or("company_id", || editing.as_ref().and_then(|p| p.company_id).map(|c| c.to_string()).unwrap_or_default());
    let title = if editing.is_some() {
        tu_string!(i18n, contributions.edit_period)
    } else {
        tu_string!(i18n, contributions.add_period)
    };
    view! {
        <section class="card narrow" aria-labelledby="period-form-title" id="period-form">
            <h2 id="period-form-title">{title}</h2>
            <FormError error/>
            <form method="post" action=SaveContributionPeriod::url() class="stack" novalidate>
                {editing.as_ref().map(|p| view! { <input type="hidden" name="period_id" value=p.id.to_string()/> })}
                {(!companies.is_empty()).then(|| view! {
                    <label for="company_id">{tu_string!(i18n, contributions.company_label)}</label>
                    <p class="hint" id="company-hint">{tu_string!(i18n, contributions.company_hint)}</p>
                    <select id="company_id" name="company_id"
                        aria-describedby=described_by(error, "company_id", Some("company-hint")) aria-invalid=invalid(error, "company_id")>
                        <option value="">{tu_string!(i18n, contributions.company_none)}</option>
                        {companies.iter().map(|(id, name)| {
                            let v = id.to_string();
                            let sel = v == picked;
                            view! { <option value=v selected=sel>{name.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <FieldError error field="company_id"/>
                })}
                {text_input(error, &echo, "employer_name", tu_string!(i18n, contributions.employer_label), None, "text", None, false,
                    saved(|p| if p.company_id.is_some() { String::new() } else { p.employer_name.clone() }))}
                <label for="started_on">{tu_string!(i18n, contributions.from_label)}</label>
                <input id="started_on" name="started_on" type="date" required max=today.clone()
                    value=echo.or("started_on", || saved(|p| p.started_on.clone()))
                    aria-describedby=described_by(error, "started_on", None) aria-invalid=invalid(error, "started_on")/>
                <FieldError error field="started_on"/>
                <label for="ended_on">{tu_string!(i18n, contributions.to_label)}</label>
                <p class="hint" id="to-hint">{tu_string!(i18n, contributions.to_hint)}</p>
                <input id="ended_on" name="ended_on" type="date" max=today
                    value=echo.or("ended_on", || saved(|p| p.ended_on.clone().unwrap_or_default()))
                    aria-describedby=described_by(error, "ended_on", Some("to-hint")) aria-invalid=invalid(error, "ended_on")/>
                <FieldError error field="ended_on"/>
                {text_input(error, &echo, "wage", tu_string!(i18n, contributions.wage_label),
                    Some(("wage-hint", tu_string!(i18n, contributions.wage_hint))), "text", Some("decimal"), true,
                    saved(|p| wage_input(p.gross_monthly_kurus)))}
                {text_input(error, &echo, "sgk_number", tu_string!(i18n, contributions.sgk_label),
                    Some(("sgk-hint", tu_string!(i18n, contributions.sgk_hint))), "text", Some("numeric"), false,
                    saved(|p| p.sgk_number.clone().unwrap_or_default()))}
                {text_input(error, &echo, "insured_days", tu_string!(i18n, contributions.days_label),
                    Some(("days-hint", tu_string!(i18n, contributions.days_hint))), "text", Some("numeric"), false,
                    saved(|p| p.insured_days.map(|d| d.to_string()).unwrap_or_default()))}
                <button type="submit" class="primary">{tu_string!(i18n, contributions.save)}</button>
                {editing.is_some().then(|| view! {
                    <a class="button secondary" href="/contributions#periods">{tu_string!(i18n, contributions.cancel)}</a>
                })}
            </form>
        </section>
    }
}

/// The claim: its form once the agreement is in force, else why there is none.
#[component]
fn ClaimView(o: Overview) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error = errors_of(true);
    let open = o.claims.iter().find(|c| !c.stage.is_final()).cloned();
    let ended = o.periods.iter().any(|p| p.ended_on.is_some());
    let body = match (o.rules.agreement, open, ended) {
        (AgreementStatus::Negotiating, _, _) => view! {
            <p>{tu_string!(i18n, contributions.claim_not_yet)}</p>
        }
        .into_any(),
        (AgreementStatus::InForce, Some(c), _) => view! {
            <p>{tu_string!(i18n, contributions.claim_open)} " "
                <a href=format!("/cases/{}", c.case_id)>{tu_string!(i18n, contributions.claim_link)} " #" {c.case_id}</a>
                " (" {date(&c.created_at, locale)} ")"</p>
        }
        .into_any(),
        (AgreementStatus::InForce, None, false) => view! {
            <p>{tu_string!(i18n, contributions.claim_needs_period)}</p>
        }
        .into_any(),
        (AgreementStatus::InForce, None, true) => view! {
            <form method="post" action=FileContributionsClaim::url() enctype="multipart/form-data" class="stack" novalidate>
                <p>{tu_string!(i18n, contributions.claim_intro)}</p>
                <label for="note">{tu_string!(i18n, contributions.note_label)}</label>
                <textarea id="note" name="note" rows="4" maxlength="4000"
                    aria-describedby=described_by(error, "note", None) aria-invalid=invalid(error, "note")></textarea>
                <FieldError error field="note"/>
                <FileInput error label=tu_string!(i18n, contributions.files_label) multiple=true/>
                <p class="hint">{tu_string!(i18n, contributions.claim_confirm_hint)}</p>
                <button type="submit" class="primary">{tu_string!(i18n, contributions.file_claim)}</button>
            </form>
        }
        .into_any(),
    };
    view! {
        <section class="card narrow" aria-labelledby="claim-title" id="claim">
            <h2 id="claim-title">{tu_string!(i18n, contributions.claim_title)}</h2>
            // Whatever the claim's state now: a refusal (a claim already open, say) is told here.
            <FormError error/>
            {body}
        </section>
    }
}

/// Whether a refusal is the claim form's (its fields, its own errors) rather than the period form's.
fn is_claim_error(f: &crate::error::FieldError) -> bool {
    match f.field.as_str() {
        "note" | crate::documents::FILE_FIELD => true,
        "" => {
            matches!(f.error, AppError::ClaimAlreadyOpen | AppError::ClaimNeedsPeriods | AppError::AgreementNotInForce)
        }
        _ => false,
    }
}

/// The page's refusals that belong to one of its two forms (`claim`: the claim
/// form's), so that each form's summary shows its own and no error shows twice.
fn errors_of(claim: bool) -> Memo<FormErrors> {
    let all = use_form_error();
    Memo::new(move |_| FormErrors(all.get().0.into_iter().filter(|f| is_claim_error(f) == claim).collect()))
}

/// `/contributions`: the migrant's periods, the estimate, the warning and the claim.
#[component]
pub fn ContributionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| my_contributions());
    let query = use_query_map();
    let notice = move || {
        query.with(|q| {
            if q.get("saved").is_some() {
                Some(tu_string!(i18n, contributions.saved))
            } else if q.get("deleted").is_some() {
                Some(tu_string!(i18n, contributions.deleted))
            } else {
                None
            }
        })
    };
    let editing = Memo::new(move |_| query.with(|q| q.get("edit").and_then(|v| v.parse::<i32>().ok())));
    view! {
        <Title text=page_title(tu_string!(i18n, contributions.title))/>
        <Loaded resource=data let:o>
            {
                let edit = editing.get_untracked().and_then(|id| o.periods.iter().find(|p| p.id == id).cloned());
                view! {
                    <h1>{tu_string!(i18n, contributions.title)}</h1>
                    {notice().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                    <Warning rules=o.rules.clone()/>
                    <section aria-labelledby="periods-title" id="periods">
                        <h2 id="periods-title">{tu_string!(i18n, contributions.periods_title)}</h2>
                        <PeriodList periods=o.periods.clone()/>
                    </section>
                    <PeriodFormView editing=edit companies=o.companies.clone() today=o.today.clone()/>
                    <EstimateView o=o.clone()/>
                    <ClaimView o=o.clone()/>
                }
            }
        </Loaded>
    }
}

/// The periods a claim carried, on its case's page (its migrant and staff).
#[component]
pub fn ClaimPeriodsCard(case_id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new(move || case_id, claim_periods);
    view! {
        <Loaded resource=rows let:rows>
            {
                let locale = i18n.get_locale_untracked();
                let total: i64 = rows.iter().map(|r| r.reclaimable_kurus).sum();
                let line = |r: &ClaimPeriod| {
                    let to = match r.ended_on.as_deref() {
                        Some(d) => date(d, locale),
                        None => tu_string!(i18n, contributions.still_working).to_string(),
                    };
                    view! {
                        <tr>
                            <th scope="row">{r.employer_name.clone()}</th>
                            <td>{date(&r.started_on, locale)} " – " {to}</td>
                            <td>{money_try(r.gross_monthly_kurus, locale)}</td>
                            <td>{r.sgk_number.clone().unwrap_or_default()}</td>
                            <td>{integer(r.days, locale)}</td>
                            <td>{money_try(r.reclaimable_kurus, locale)}</td>
                        </tr>
                    }
                };
                view! {
                    <section class="card" aria-labelledby="claim-periods-title">
                        <h2 id="claim-periods-title">{tu_string!(i18n, contributions.claim_periods_title)}</h2>
                        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="claim-periods-title">
                        <table class="list">
                            <thead><tr>
                                <th scope="col">{tu_string!(i18n, contributions.col_employer)}</th>
                                <th scope="col">{tu_string!(i18n, contributions.col_dates)}</th>
                                <th scope="col">{tu_string!(i18n, contributions.wage_label)}</th>
                                <th scope="col">{tu_string!(i18n, contributions.sgk_label)}</th>
                                <th scope="col">{tu_string!(i18n, contributions.col_days)}</th>
                                <th scope="col">{tu_string!(i18n, contributions.col_reclaimable)}</th>
                            </tr></thead>
                            <tbody>{rows.iter().map(line).collect_view()}</tbody>
                            <tfoot><tr>
                                <th scope="row" colspan="5">{tu_string!(i18n, contributions.total)}</th>
                                <td>{money_try(total, locale)}</td>
                            </tr></tfoot>
                        </table>
                        </div>
                    </section>
                }
            }
        </Loaded>
    }
}

/// `/staff/contributions`: the rules of the estimate, the agreement's state,
/// the reminder schedule, and every earlier version with who set it.
#[component]
pub fn StaffContributionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| contribution_rules());
    let error = use_form_error();
    let echo = use_echo();
    let query = use_query_map();
    let saved_notice = move || query.with(|q| q.get("saved").is_some());
    view! {
        <Title text=page_title(tu_string!(i18n, contributions.staff_title))/>
        <Loaded resource=data let:versions>
            {
                let locale = i18n.get_locale_untracked();
                let r = versions.first().map(|v| v.rules.clone()).unwrap_or_default();
                let agreement = echo.or("agreement", || r.agreement.as_str().to_string());
                let floor = echo.checked("floor", r.floor_minimum_wage);
                view! {
                    <section class="card narrow">
                        <h1>{tu_string!(i18n, contributions.staff_title)}</h1>
                        {saved_notice().then(|| view! { <p class="notice" role="status">{tu_string!(i18n, contributions.rules_saved)}</p> })}
                        <p class="hint">{tu_string!(i18n, contributions.staff_hint)}</p>
                        <FormError error/>
                        <form method="post" action=SetContributionRules::url() class="stack" novalidate>
                            {text_input(error, &echo, "employee_rate", tu_string!(i18n, contributions.rate_employee),
                                Some(("employee-hint", tu_string!(i18n, contributions.percent_hint))), "text", Some("decimal"), true, hundredths_text(r.employee_bp))}
                            {text_input(error, &echo, "employer_rate", tu_string!(i18n, contributions.rate_employer),
                                Some(("employer-hint", tu_string!(i18n, contributions.percent_hint))), "text", Some("decimal"), true, hundredths_text(r.employer_bp))}
                            <div class="check">
                                <input id="floor" name="floor" type="checkbox" value="true" checked=floor/>
                                <label for="floor">{tu_string!(i18n, contributions.floor_checkbox)}</label>
                            </div>
                            {text_input(error, &echo, "ceiling", tu_string!(i18n, contributions.ceiling_label),
                                Some(("ceiling-hint", tu_string!(i18n, contributions.ceiling_hint))), "text", Some("decimal"), true, hundredths_text(r.ceiling_hundredths))}
                            {text_input(error, &echo, "reclaim_share", tu_string!(i18n, contributions.reclaim_label),
                                Some(("reclaim-hint", tu_string!(i18n, contributions.reclaim_hint))), "text", Some("decimal"), true, hundredths_text(r.reclaim_bp))}
                            <fieldset class="choices" aria-describedby=described_by(error, "agreement", None)>
                                <legend>{tu_string!(i18n, contributions.agreement_label)}</legend>
                                {AgreementStatus::all().enumerate().map(|(i, a)| {
                                    let id = if i == 0 { "agreement".to_string() } else { format!("agreement-{}", a.as_str()) };
                                    view! {
                                        <div class="check">
                                            <input type="radio" id=id.clone() name="agreement" value=a.as_str() required
                                                checked=agreement == a.as_str() aria-invalid=invalid(error, "agreement")/>
                                            <label for=id>{agreement_text(i18n, a)}</label>
                                        </div>
                                    }
                                }).collect_view()}
                                <FieldError error field="agreement"/>
                            </fieldset>
                            {text_input(error, &echo, "in_force_on", tu_string!(i18n, contributions.in_force_on_label),
                                Some(("in-force-hint", tu_string!(i18n, contributions.in_force_on_hint))), "date", None, false, r.in_force_on.clone().unwrap_or_default())}
                            {text_input(error, &echo, "reminder_days", tu_string!(i18n, contributions.reminder_label),
                                Some(("reminder-hint", tu_string!(i18n, contributions.reminder_hint))), "text", Some("numeric"), true, r.reminder_days.to_string())}
                            <button type="submit" class="primary">{tu_string!(i18n, contributions.save_rules)}</button>
                        </form>
                    </section>
                    <section class="card" aria-labelledby="history-title">
                        <h2 id="history-title">{tu_string!(i18n, contributions.history_title)}</h2>
                        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="history-title">
                        <table class="list">
                            <thead><tr>
                                <th scope="col">{tu_string!(i18n, contributions.col_when)}</th>
                                <th scope="col">{tu_string!(i18n, contributions.col_who)}</th>
                                <th scope="col">{tu_string!(i18n, contributions.agreement_label)}</th>
                                <th scope="col">{tu_string!(i18n, contributions.col_rates)}</th>
                                <th scope="col">{tu_string!(i18n, contributions.ceiling_label)}</th>
                                <th scope="col">{tu_string!(i18n, contributions.reclaim_label)}</th>
                                <th scope="col">{tu_string!(i18n, contributions.reminder_label)}</th>
                            </tr></thead>
                            <tbody>
                                {versions.iter().map(|v| {
                                    let when = if v.at.is_empty() { tu_string!(i18n, contributions.defaults).to_string() } else { crate::format::date_time(&v.at, locale) };
                                    let who = v.by.clone().unwrap_or_else(|| "—".to_string());
                                    let status = match v.rules.in_force_on.as_deref() {
                                        Some(on) => format!("{} ({})", agreement_text(i18n, v.rules.agreement), date(on, locale)),
                                        None => agreement_text(i18n, v.rules.agreement).to_string(),
                                    };
                                    view! {
                                        <tr>
                                            <td>{when}</td>
                                            <td>{who}</td>
                                            <td>{status}</td>
                                            <td>{percent(v.rules.employee_bp)} " + " {percent(v.rules.employer_bp)}</td>
                                            <td>{if v.rules.ceiling_hundredths > 0 { format!("{}×", hundredths_text(v.rules.ceiling_hundredths)) } else { "—".into() }}</td>
                                            <td>{percent(v.rules.reclaim_bp)}</td>
                                            <td>{v.rules.reminder_days}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    </section>
                }
            }
        </Loaded>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FieldError as Refusal;

    fn refusal(field: &str, error: AppError) -> Refusal {
        Refusal { field: field.into(), error }
    }

    #[test]
    fn each_refusal_belongs_to_one_form() {
        for claim in [
            refusal("note", AppError::TextTooLong),
            refusal("file", AppError::FileTooLarge),
            refusal("", AppError::ClaimAlreadyOpen),
            refusal("", AppError::ClaimNeedsPeriods),
            refusal("", AppError::AgreementNotInForce),
        ] {
            assert!(is_claim_error(&claim), "{claim:?}");
        }
        for period in [
            refusal("wage", AppError::InvalidWage),
            refusal("started_on", AppError::PeriodsOverlap),
            refusal("ended_on", AppError::EndBeforeStart),
            refusal("", AppError::RateLimited),
        ] {
            assert!(!is_claim_error(&period), "{period:?}");
        }
    }
}
