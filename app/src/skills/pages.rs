//! The skills pages: the public catalogue and the public check of a
//! certificate, the migrant's requests and certificates, a certificate with
//! its QR code, and staff's catalogue and assessment queue. Every form is a
//! plain post (or, for the check, a plain GET) that works without JavaScript.

use super::api::{
    assessment_queue, get_certificate, my_skills, qualification_catalogue, staff_catalogue, staff_qualification,
    verify_certificate, CancelAssessment, RecordAssessmentResult, RequestAssessment, RevokeCertificate, SaveCentre,
    SaveQualification, ScheduleAssessment, SetCentreActive, SetQualificationActive, WithdrawAssessment,
};
use super::{Assessment, AssessmentStatus, CertificateStatus, Qualification, Sector, Verification};
use crate::error::AppError;
use crate::forms::{described_by, invalid, use_echo, use_form_error, FieldError, FormError};
use crate::i18n::*;
use crate::reference::api::RefList;
use crate::ui::{use_id_param, use_reference, use_refs, Loaded, RefSelect};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

type I18n = leptos_i18n::I18nContext<Locale>;

fn page_title(what: &str) -> String {
    format!("{what} — Köprü")
}

fn uz(i18n: I18n) -> bool {
    i18n.get_locale_untracked() == Locale::uz
}

pub fn sector_text(i18n: I18n, s: Sector) -> &'static str {
    match s {
        Sector::Construction => tu_string!(i18n, skills.sector_construction),
        Sector::Textile => tu_string!(i18n, skills.sector_textile),
        Sector::Metalwork => tu_string!(i18n, skills.sector_metalwork),
        Sector::Hospitality => tu_string!(i18n, skills.sector_hospitality),
        Sector::Agriculture => tu_string!(i18n, skills.sector_agriculture),
        Sector::Logistics => tu_string!(i18n, skills.sector_logistics),
        Sector::Other => tu_string!(i18n, skills.sector_other),
    }
}

pub fn status_text(i18n: I18n, s: AssessmentStatus) -> &'static str {
    match s {
        AssessmentStatus::Requested => tu_string!(i18n, skills.status_requested),
        AssessmentStatus::Scheduled => tu_string!(i18n, skills.status_scheduled),
        AssessmentStatus::Passed => tu_string!(i18n, skills.status_passed),
        AssessmentStatus::Failed => tu_string!(i18n, skills.status_failed),
        AssessmentStatus::Cancelled => tu_string!(i18n, skills.status_cancelled),
    }
}

pub fn certificate_status_text(i18n: I18n, s: CertificateStatus) -> &'static str {
    match s {
        CertificateStatus::Valid => tu_string!(i18n, skills.cert_status_valid),
        CertificateStatus::Expired => tu_string!(i18n, skills.cert_status_expired),
        CertificateStatus::Revoked => tu_string!(i18n, skills.cert_status_revoked),
    }
}

fn day(iso: &str, i18n: I18n) -> String {
    crate::format::date(iso, i18n.get_locale_untracked())
}

fn level_text(i18n: I18n, level: i32) -> String {
    tu_string!(i18n, skills.level_n).replace("%N%", &level.to_string())
}

fn years_text(i18n: I18n, n: i32) -> String {
    tu_string!(i18n, skills.validity_years).replace("%N%", &n.to_string())
}

/// A notice named by the page's query (`?saved=1` …), the first that is set.
fn notice(pairs: Vec<(&'static str, &'static str)>) -> impl Fn() -> Option<&'static str> + Send + Sync {
    let query = use_query_map();
    move || query.with(|q| pairs.iter().find(|(k, _)| q.get(k).is_some()).map(|(_, t)| *t))
}

/// A person's valid certificates as a list, each with its public check: on
/// the migrant's profile and, for staff and the employer, on a candidate.
/// `required`: the qualification a vacancy asks for, marked when one counts.
#[component]
pub fn CertificateList(
    certificates: Vec<super::CertificateLine>,
    #[prop(default = None)] required: Option<i32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let uz = uz(i18n);
    view! {
        <ul class="certificates">
            {certificates.into_iter().map(|c| {
                let counts = required == Some(c.qualification_id);
                view! {
                    <li class:counts=counts>
                        <strong>{c.title(uz).to_string()}</strong> " " <code>{c.code.clone()}</code> " · " {level_text(i18n, c.level)}
                        <br/>
                        <a href=super::verify_path(&c.number)><code>{c.number.clone()}</code></a>
                        " · " {tu_string!(i18n, skills.valid_until)} " " {day(&c.valid_until, i18n)}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// `/qualifications`: the offered qualifications and the test centres, for anyone.
#[component]
pub fn QualificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = Resource::new(|| (), |_| qualification_catalogue());
    use_reference();
    view! {
        <Title text=page_title(tu_string!(i18n, skills.catalogue_title))/>
        <Loaded resource=catalogue let:cat>
            {
                let refs = use_refs();
                let uz = uz(i18n);
                view! {
                    <section class="card">
                        <h1>{tu_string!(i18n, skills.catalogue_title)}</h1>
                        <p>{tu_string!(i18n, skills.catalogue_intro)}</p>
                        <p class="actions">
                            <a class="button primary" href="/skills">{tu_string!(i18n, skills.request_link)}</a>
                            <a class="button secondary" href="/certificates/verify">{tu_string!(i18n, skills.nav_verify)}</a>
                        </p>
                        {cat.qualifications.is_empty().then(|| view! { <p>{tu_string!(i18n, skills.none)}</p> })}
                        <ul class="results">
                            {cat.qualifications.iter().map(|q| {
                                let jobs = q.occupation_ids.iter().map(|o| refs.occupation(*o)).collect::<Vec<_>>().join(", ");
                                view! {
                                    <li class="card">
                                        <h2>{q.title(uz).to_string()}</h2>
                                        <dl class="facts">
                                            <dt>{tu_string!(i18n, skills.code)}</dt><dd><code>{q.code.clone()}</code></dd>
                                            <dt>{tu_string!(i18n, skills.level)}</dt><dd>{level_text(i18n, q.level)}</dd>
                                            <dt>{tu_string!(i18n, skills.sector)}</dt><dd>{sector_text(i18n, q.sector)}</dd>
                                            <dt>{tu_string!(i18n, skills.validity)}</dt><dd>{years_text(i18n, q.validity_years)}</dd>
                                            <dt>{tu_string!(i18n, skills.hazardous)}</dt>
                                            <dd>{if q.hazardous { tu_string!(i18n, skills.hazardous_yes) } else { tu_string!(i18n, skills.hazardous_no) }}</dd>
                                            {(!jobs.is_empty()).then(|| view! { <dt>{tu_string!(i18n, skills.occupations)}</dt><dd>{jobs.clone()}</dd> })}
                                        </dl>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                    <section class="card" id="centres" aria-labelledby="centres-title">
                        <h2 id="centres-title">{tu_string!(i18n, skills.centres)}</h2>
                        <ul>
                            {cat.centres.iter().map(|c| view! { <li>{c.name.clone()} " — " {c.city.clone()}</li> }).collect_view()}
                        </ul>
                    </section>
                }
            }
        </Loaded>
    }
}

/// What a look-up answered, for the page: found, not found, or refused.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Lookup {
    None,
    Found(Verification),
    NotFound,
    Limited,
}

/// `/certificates/verify?number=…`: anyone checks a certificate by its exact
/// number (a GET form). The answer names the qualification, the dates, the
/// status and the holder's masked name; an unknown number only "not found".
#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let number = Memo::new(move |_| query.with(|q| q.get("number").unwrap_or_default()));
    let result = Resource::new(
        move || number.get(),
        |n| async move {
            if n.trim().is_empty() {
                return Ok(Lookup::None);
            }
            match verify_certificate(n).await {
                Ok(v) => Ok(Lookup::Found(v)),
                Err(AppError::NotFound) => Ok(Lookup::NotFound),
                Err(AppError::RateLimited) => Ok(Lookup::Limited),
                Err(e) => Err(e),
            }
        },
    );
    view! {
        <Title text=page_title(tu_string!(i18n, skills.verify_title))/>
        <section class="card narrow">
            <h1>{tu_string!(i18n, skills.verify_title)}</h1>
            <p id="number-hint">{tu_string!(i18n, skills.verify_intro)}</p>
            <form method="get" action="/certificates/verify" class="stack">
                <label for="number">{tu_string!(i18n, skills.number)}</label>
                <input id="number" name="number" type="text" required maxlength="80" autocomplete="off"
                    spellcheck="false" autocapitalize="characters" aria-describedby="number-hint"
                    value=move || number.get()/>
                <button type="submit" class="primary">{tu_string!(i18n, skills.verify_button)}</button>
            </form>
        </section>
        <Loaded resource=result let:found>
            {match found {
                Lookup::None => ().into_any(),
                Lookup::NotFound => view! {
                    <section class="card narrow" aria-labelledby="verify-result"><h2 id="verify-result">{tu_string!(i18n, skills.verify_result)}</h2>
                    <p class="notice warn" role="status" data-result="notfound">{tu_string!(i18n, skills.verify_not_found)}</p></section>
                }.into_any(),
                Lookup::Limited => view! {
                    <section class="card narrow" aria-labelledby="verify-result"><h2 id="verify-result">{tu_string!(i18n, skills.verify_result)}</h2>
                    <p class="form-error" role="alert" data-result="limited">{tu_string!(i18n, skills.verify_limited)}</p></section>
                }.into_any(),
                Lookup::Found(v) => {
                    let status = v.status;
                    let class = match status {
                        CertificateStatus::Valid => "notice ok",
                        _ => "notice warn",
                    };
                    let holder = if v.holder_masked.is_empty() { tu_string!(i18n, skills.holder_erased).to_string() } else { v.holder_masked.clone() };
                    view! {
                        <section class="card narrow" aria-labelledby="verify-result">
                            <h2 id="verify-result">{tu_string!(i18n, skills.verify_result)}</h2>
                            <p class=class role="status" data-result=status.as_str()><strong>{certificate_status_text(i18n, status)}</strong></p>
                            <dl class="facts">
                                <dt>{tu_string!(i18n, skills.number)}</dt><dd><code>{v.number.clone()}</code></dd>
                                <dt>{tu_string!(i18n, skills.qualification)}</dt><dd>{v.title(uz(i18n)).to_string()} " (" <code>{v.code.clone()}</code> ")"</dd>
                                <dt>{tu_string!(i18n, skills.level)}</dt><dd>{level_text(i18n, v.level)}</dd>
                                <dt>{tu_string!(i18n, skills.holder)}</dt><dd class="holder">{holder}</dd>
                                <dt>{tu_string!(i18n, skills.issued_on)}</dt><dd>{day(&v.issued_on, i18n)}</dd>
                                <dt>{tu_string!(i18n, skills.valid_until)}</dt><dd>{day(&v.valid_until, i18n)}</dd>
                            </dl>
                        </section>
                    }.into_any()
                }
            }}
        </Loaded>
    }
}

fn units_view(i18n: I18n, a: &Assessment) -> impl IntoView {
    (!a.units.is_empty()).then(|| {
        let text = a
            .units
            .iter()
            .map(|u| {
                format!(
                    "{}: {}",
                    u.unit,
                    if u.passed { tu_string!(i18n, skills.unit_passed) } else { tu_string!(i18n, skills.unit_failed) }
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        view! { <dt>{tu_string!(i18n, skills.units)}</dt><dd>{text}</dd> }
    })
}

fn scheduled_view(i18n: I18n, a: &Assessment) -> impl IntoView {
    let locale = i18n.get_locale_untracked();
    a.scheduled_at.as_ref().map(|at| {
        let centre = a.centre.as_ref().map(|c| format!("{}, {}", c.name, c.city)).unwrap_or_default();
        view! {
            <dt>{tu_string!(i18n, skills.scheduled_at)}</dt><dd>{crate::format::date_time(at, locale)}</dd>
            <dt>{tu_string!(i18n, skills.centre)}</dt><dd>{centre}</dd>
        }
    })
}

/// `/skills`: the migrant's requests with their status, their certificates,
/// and the form for a new request.
#[component]
pub fn MySkillsPage() -> impl IntoView {
    let i18n = use_i18n();
    let mine = Resource::new(|| (), |_| my_skills());
    let catalogue = Resource::new(|| (), |_| qualification_catalogue());
    let error = use_form_error();
    let echo = use_echo();
    let done = notice(vec![
        ("requested", tu_string!(i18n, skills.requested_ok)),
        ("withdrawn", tu_string!(i18n, skills.withdrawn_ok)),
    ]);
    view! {
        <Title text=page_title(tu_string!(i18n, skills.my_title))/>
        <Loaded resource=mine let:mine>
            {
                let uz = uz(i18n);
                let echo = echo.clone();
                view! {
                    <section class="card">
                        <h1>{tu_string!(i18n, skills.my_title)}</h1>
                        {done().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                        <h2>{tu_string!(i18n, skills.my_certificates)}</h2>
                        {mine.certificates.is_empty().then(|| view! { <p>{tu_string!(i18n, skills.none)}</p> })}
                        <ul class="results">
                            {mine.certificates.iter().map(|c| view! {
                                <li class="card">
                                    <h3><a href=format!("/skills/certificates/{}", c.id)>{c.title(uz).to_string()}</a></h3>
                                    <p><code>{c.number.clone()}</code> " · " <strong>{certificate_status_text(i18n, c.status)}</strong>
                                        " · " {tu_string!(i18n, skills.valid_until)} " " {day(&c.valid_until, i18n)}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                        <h2>{tu_string!(i18n, skills.my_assessments)}</h2>
                        {mine.assessments.is_empty().then(|| view! { <p>{tu_string!(i18n, skills.none)}</p> })}
                        <ul class="results">
                            {mine.assessments.iter().map(|a| {
                                let open = a.status.is_open();
                                view! {
                                    <li class="card" data-assessment=a.id.to_string()>
                                        <h3>{a.title(uz).to_string()} " " <code>{a.code.clone()}</code></h3>
                                        <dl class="facts">
                                            <dt>{tu_string!(i18n, skills.status)}</dt><dd class="status">{status_text(i18n, a.status)}</dd>
                                            <dt>{tu_string!(i18n, skills.preferred)}</dt><dd>{a.preferred_city.clone()} ", " {a.preferred_month.clone()}</dd>
                                            {scheduled_view(i18n, a)}
                                            {units_view(i18n, a)}
                                        </dl>
                                        {a.certificate_id.map(|c| view! { <p><a class="button secondary" href=format!("/skills/certificates/{c}")>{tu_string!(i18n, skills.open_certificate)}</a></p> })}
                                        {open.then(|| view! {
                                            <form method="post" action=WithdrawAssessment::url()>
                                                <input type="hidden" name="assessment_id" value=a.id.to_string()/>
                                                <button type="submit" class="secondary">{tu_string!(i18n, skills.withdraw)}</button>
                                            </form>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                    <section class="card narrow" aria-labelledby="request-title">
                        <h2 id="request-title">{tu_string!(i18n, skills.request_title)}</h2>
                        <p>{tu_string!(i18n, skills.request_intro)}</p>
                        <FormError error/>
                        <Loaded resource=catalogue let:cat>
                            {
                                let mut cities: Vec<String> = cat.centres.iter().map(|c| c.city.clone()).collect();
                                cities.sort();
                                cities.dedup();
                                // `?qualification=ID`: from a vacancy that requires it.
                                let asked = use_query_map().with_untracked(|q| q.get("qualification")).unwrap_or_default();
                                let chosen_q = echo.or("qualification_id", || asked);
                                let chosen_city = echo.or("preferred_city", String::new);
                                let month = echo.or("preferred_month", String::new);
                                let min_month = crate::format::now().format("%Y-%m").to_string();
                                view! {
                                    <form method="post" action=RequestAssessment::url() class="stack" novalidate>
                                        <label for="qualification_id">{tu_string!(i18n, skills.qualification)}</label>
                                        <select id="qualification_id" name="qualification_id" required
                                            aria-describedby=described_by(error, "qualification_id", None) aria-invalid=invalid(error, "qualification_id")>
                                            <option value="">{tu_string!(i18n, skills.choose)}</option>
                                            {cat.qualifications.iter().map(|q| {
                                                let v = q.id.to_string();
                                                let selected = v == chosen_q;
                                                view! { <option value=v selected=selected>{format!("{} ({})", q.title(uz), q.code)}</option> }
                                            }).collect_view()}
                                        </select>
                                        <FieldError error field="qualification_id"/>
                                        <label for="preferred_city">{tu_string!(i18n, skills.preferred_city)}</label>
                                        <select id="preferred_city" name="preferred_city" required
                                            aria-describedby=described_by(error, "preferred_city", None) aria-invalid=invalid(error, "preferred_city")>
                                            <option value="">{tu_string!(i18n, skills.choose)}</option>
                                            {cities.into_iter().map(|c| {
                                                let selected = c == chosen_city;
                                                view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                                            }).collect_view()}
                                        </select>
                                        <FieldError error field="preferred_city"/>
                                        <label for="preferred_month">{tu_string!(i18n, skills.preferred_month)}</label>
                                        <input id="preferred_month" name="preferred_month" type="month" required min=min_month value=month
                                            placeholder="2027-01"
                                            aria-describedby=described_by(error, "preferred_month", Some("month-hint")) aria-invalid=invalid(error, "preferred_month")/>
                                        <p class="hint" id="month-hint">{tu_string!(i18n, skills.preferred_month_hint)}</p>
                                        <FieldError error field="preferred_month"/>
                                        <button type="submit" class="primary">{tu_string!(i18n, skills.send_request)}</button>
                                    </form>
                                }
                            }
                        </Loaded>
                    </section>
                }
            }
        </Loaded>
    }
}

/// `/skills/certificates/:id`: one certificate for its holder (or staff), with
/// the QR code of its public check and the link it encodes; staff revoke it here.
#[component]
pub fn CertificatePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id_param();
    let one = Resource::new(move || id.get(), get_certificate);
    let user = crate::ui::use_current_user();
    let error = use_form_error();
    let done = notice(vec![("revoked", tu_string!(i18n, skills.revoked_ok))]);
    view! {
        <Title text=page_title(tu_string!(i18n, skills.certificate_title))/>
        <Loaded resource=one let:c>
            {
                let line = c.line.clone();
                let staff_form = {
                    let revoked = c.revoked_at.is_some();
                    let id = line.id;
                    view! {
                        <Loaded resource=user let:u>
                            {(u.is_some_and(|u| u.role.is_staff()) && !revoked).then(|| view! {
                                <section class="card narrow no-print" aria-labelledby="revoke-title">
                                    <h2 id="revoke-title">{tu_string!(i18n, skills.revoke)}</h2>
                                    <FormError error/>
                                    <form method="post" action=RevokeCertificate::url() class="stack" novalidate>
                                        <input type="hidden" name="certificate_id" value=id.to_string()/>
                                        <label for="reason">{tu_string!(i18n, skills.revoked_reason)}</label>
                                        <textarea id="reason" name="reason" rows="3" required maxlength="1000"
                                            aria-describedby=described_by(error, "reason", None) aria-invalid=invalid(error, "reason")></textarea>
                                        <FieldError error field="reason"/>
                                        <button type="submit" class="secondary">{tu_string!(i18n, skills.revoke)}</button>
                                    </form>
                                </section>
                            })}
                        </Loaded>
                    }
                };
                view! {
                    <article class="card narrow certificate">
                        <h1>{tu_string!(i18n, skills.certificate_title)}</h1>
                        {done().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                        <p class="notice" data-result=line.status.as_str()><strong>{certificate_status_text(i18n, line.status)}</strong></p>
                        <dl class="facts">
                            <dt>{tu_string!(i18n, skills.holder)}</dt><dd>{c.holder_name.clone()}</dd>
                            <dt>{tu_string!(i18n, skills.qualification)}</dt><dd>{line.title(uz(i18n)).to_string()}</dd>
                            <dt>{tu_string!(i18n, skills.code)}</dt><dd><code>{line.code.clone()}</code></dd>
                            <dt>{tu_string!(i18n, skills.level)}</dt><dd>{level_text(i18n, line.level)}</dd>
                            <dt>{tu_string!(i18n, skills.number)}</dt><dd><code class="number">{line.number.clone()}</code></dd>
                            <dt>{tu_string!(i18n, skills.issued_on)}</dt><dd>{day(&line.issued_on, i18n)}</dd>
                            <dt>{tu_string!(i18n, skills.valid_until)}</dt><dd>{day(&line.valid_until, i18n)}</dd>
                            {c.revoked_reason.clone().map(|r| view! { <dt>{tu_string!(i18n, skills.revoked_reason)}</dt><dd>{r}</dd> })}
                        </dl>
                        <figure class="qr" data-verify-url=c.verify_url.clone()>
                            <div role="img" aria-label=tu_string!(i18n, skills.qr_label).to_string() inner_html=c.qr_svg.clone()></div>
                            <figcaption>{tu_string!(i18n, skills.qr_caption)} " "
                                <a class="verify-link" href=c.verify_url.clone()>{c.verify_url.clone()}</a>
                            </figcaption>
                        </figure>
                        <p class="small">{tu_string!(i18n, skills.printed_note)}</p>
                    </article>
                    {staff_form}
                }
            }
        </Loaded>
    }
}

/// The fields of a qualification (new or saved) inside its form.
#[component]
fn QualificationFields(saved: Option<Qualification>) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    let echo = use_echo();
    let s = saved.clone();
    let value =
        move |name: &str, f: fn(&Qualification) -> String| echo.or(name, || s.as_ref().map(f).unwrap_or_default());
    let code = value("code", |q| q.code.clone());
    let title_tr = value("title_tr", |q| q.title_tr.clone());
    let title_uz = value("title_uz", |q| q.title_uz.clone());
    let years = value("validity_years", |q| q.validity_years.to_string());
    let sector = value("sector", |q| q.sector.as_str().to_string());
    let hazardous = saved.as_ref().is_some_and(|q| q.hazardous);
    let occ = |i: usize| saved.as_ref().and_then(|q| q.occupation_ids.get(i).copied());
    let text = |id: &'static str, label: &'static str, v: String, hint: Option<&'static str>, lang: &'static str| {
        view! {
            <label for=id>{label}</label>
            <input id=id name=id type="text" required maxlength="200" autocomplete="off" value=v lang=lang
                aria-describedby=described_by(error, id, hint) aria-invalid=invalid(error, id)/>
            <FieldError error field=id/>
        }
    };
    view! {
        {text("code", tu_string!(i18n, skills.code), code, Some("code-hint"), "tr")}
        <p class="hint" id="code-hint">{tu_string!(i18n, skills.code_hint)}</p>
        {text("title_tr", tu_string!(i18n, skills.title_tr), title_tr, None, "tr")}
        {text("title_uz", tu_string!(i18n, skills.title_uz), title_uz, None, "uz")}
        <label for="sector">{tu_string!(i18n, skills.sector)}</label>
        <select id="sector" name="sector" required aria-describedby=described_by(error, "sector", None) aria-invalid=invalid(error, "sector")>
            <option value="">{tu_string!(i18n, skills.choose)}</option>
            {Sector::all().map(|x| view! { <option value=x.as_str() selected=x.as_str() == sector>{sector_text(i18n, x)}</option> }).collect_view()}
        </select>
        <FieldError error field="sector"/>
        <label for="validity_years">{tu_string!(i18n, skills.validity)}</label>
        <input id="validity_years" name="validity_years" type="number" min="2" max="5" required value=years inputmode="numeric"
            aria-describedby=described_by(error, "validity_years", Some("years-hint")) aria-invalid=invalid(error, "validity_years")/>
        <p class="hint" id="years-hint">{tu_string!(i18n, skills.validity_hint)}</p>
        <FieldError error field="validity_years"/>
        <div class="check">
            <input id="hazardous" name="hazardous" type="checkbox" value="on" checked=hazardous/>
            <label for="hazardous">{tu_string!(i18n, skills.hazardous)}</label>
        </div>
        <fieldset>
            <legend>{tu_string!(i18n, skills.occupations)}</legend>
            <label for="occupation_1">"1"</label>
            <RefSelect id="occupation_1" list=RefList::Occupations selected=occ(0) any_label=tu_string!(i18n, skills.choose).to_string()/>
            <label for="occupation_2">"2"</label>
            <RefSelect id="occupation_2" list=RefList::Occupations selected=occ(1) any_label=tu_string!(i18n, skills.choose).to_string()/>
            <label for="occupation_3">"3"</label>
            <RefSelect id="occupation_3" list=RefList::Occupations selected=occ(2) any_label=tu_string!(i18n, skills.choose).to_string()/>
        </fieldset>
    }
}

fn active_toggle(i18n: I18n, action: String, field: &'static str, id: i32, active: bool) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline">
            <input type="hidden" name=field value=id.to_string()/>
            <input type="hidden" name="active" value=if active { "false" } else { "true" }/>
            <button type="submit" class="secondary">{if active { tu_string!(i18n, skills.deactivate) } else { tu_string!(i18n, skills.activate) }}</button>
        </form>
    }
}

/// `/staff/qualifications`: the whole catalogue for staff: qualifications and
/// centres, each offered or withdrawn, with the forms for new ones.
#[component]
pub fn StaffQualificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let cat = Resource::new(|| (), |_| staff_catalogue());
    use_reference();
    let error = use_form_error();
    let done = notice(vec![("saved", tu_string!(i18n, skills.saved_ok))]);
    view! {
        <Title text=page_title(tu_string!(i18n, skills.staff_catalogue))/>
        <Loaded resource=cat let:cat>
            {
                let uz = uz(i18n);
                view! {
                    <section class="card">
                        <h1>{tu_string!(i18n, skills.staff_catalogue)}</h1>
                        {done().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="quals-caption">
                        <table class="list">
                            <caption id="quals-caption">{tu_string!(i18n, skills.catalogue_title)}</caption>
                            <thead><tr>
                                <th scope="col">{tu_string!(i18n, skills.code)}</th>
                                <th scope="col">{tu_string!(i18n, skills.qualification)}</th>
                                <th scope="col">{tu_string!(i18n, skills.level)}</th>
                                <th scope="col">{tu_string!(i18n, skills.status)}</th>
                                <th scope="col"><span class="visually-hidden">{tu_string!(i18n, skills.edit)}</span></th>
                            </tr></thead>
                            <tbody>
                                {cat.qualifications.iter().map(|q| view! {
                                    <tr>
                                        <td><code>{q.code.clone()}</code></td>
                                        <td><a href=format!("/staff/qualifications/{}", q.id)>{q.title(uz).to_string()}</a></td>
                                        <td>{q.level}</td>
                                        <td>{if q.active { tu_string!(i18n, skills.active) } else { tu_string!(i18n, skills.inactive) }}</td>
                                        <td>{active_toggle(i18n, SetQualificationActive::url().to_string(), "qualification_id", q.id, q.active)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    </section>
                    <section class="card narrow" aria-labelledby="new-qualification">
                        <h2 id="new-qualification">{tu_string!(i18n, skills.staff_new_qualification)}</h2>
                        <FormError error/>
                        <form method="post" action=SaveQualification::url() class="stack" novalidate>
                            <QualificationFields saved=None/>
                            <button type="submit" class="primary">{tu_string!(i18n, skills.save)}</button>
                        </form>
                    </section>
                    <section class="card" id="centres" aria-labelledby="centres-title">
                        <h2 id="centres-title">{tu_string!(i18n, skills.centres)}</h2>
                        <ul class="results">
                            {cat.centres.iter().map(|c| {
                                let name_id = format!("centre-name-{}", c.id);
                                let city_id = format!("centre-city-{}", c.id);
                                view! {
                                    <li class="card">
                                        <form method="post" action=SaveCentre::url() class="stack">
                                            <input type="hidden" name="centre_id" value=c.id.to_string()/>
                                            <label for=name_id.clone()>{tu_string!(i18n, skills.name)}</label>
                                            <input id=name_id name="name" type="text" required maxlength="200" value=c.name.clone()/>
                                            <label for=city_id.clone()>{tu_string!(i18n, skills.city)}</label>
                                            <input id=city_id name="city" type="text" required maxlength="100" value=c.city.clone()/>
                                            <p>{if c.active { tu_string!(i18n, skills.active) } else { tu_string!(i18n, skills.inactive) }}</p>
                                            <button type="submit" class="secondary">{tu_string!(i18n, skills.save)}</button>
                                        </form>
                                        {active_toggle(i18n, SetCentreActive::url().to_string(), "centre_id", c.id, c.active)}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <h3>{tu_string!(i18n, skills.staff_new_centre)}</h3>
                        <form method="post" action=SaveCentre::url() class="stack" novalidate>
                            <label for="name">{tu_string!(i18n, skills.name)}</label>
                            <input id="name" name="name" type="text" required maxlength="200"
                                aria-describedby=described_by(error, "name", None) aria-invalid=invalid(error, "name")/>
                            <FieldError error field="name"/>
                            <label for="city">{tu_string!(i18n, skills.city)}</label>
                            <input id="city" name="city" type="text" required maxlength="100"
                                aria-describedby=described_by(error, "city", None) aria-invalid=invalid(error, "city")/>
                            <FieldError error field="city"/>
                            <button type="submit" class="primary">{tu_string!(i18n, skills.save)}</button>
                        </form>
                    </section>
                }
            }
        </Loaded>
    }
}

/// `/staff/qualifications/:id`: correct one qualification.
#[component]
pub fn StaffQualificationPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id_param();
    let one = Resource::new(move || id.get(), staff_qualification);
    use_reference();
    let error = use_form_error();
    let done = notice(vec![("saved", tu_string!(i18n, skills.saved_ok))]);
    view! {
        <Title text=page_title(tu_string!(i18n, skills.staff_edit_qualification))/>
        <Loaded resource=one let:q>
            <section class="card narrow">
                <h1>{tu_string!(i18n, skills.staff_edit_qualification)}</h1>
                {done().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                <p><a href="/staff/qualifications">{tu_string!(i18n, skills.staff_catalogue)}</a></p>
                <FormError error/>
                <form method="post" action=SaveQualification::url() class="stack" novalidate>
                    <input type="hidden" name="qualification_id" value=q.id.to_string()/>
                    <QualificationFields saved=Some(q.clone())/>
                    <button type="submit" class="primary">{tu_string!(i18n, skills.save)}</button>
                </form>
            </section>
        </Loaded>
    }
}

/// `/staff/assessments?status=…`: the queue. Each open request with the forms
/// to schedule it, record its result or cancel it.
#[component]
pub fn StaffAssessmentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let status = Memo::new(move |_| query.with(|q| q.get("status").unwrap_or_default()));
    let list = Resource::new(move || Some(status.get()), assessment_queue);
    let cat = Resource::new(|| (), |_| staff_catalogue());
    let error = use_form_error();
    let done = notice(vec![
        ("scheduled", tu_string!(i18n, skills.scheduled_ok)),
        ("recorded", tu_string!(i18n, skills.recorded_ok)),
        ("cancelled", tu_string!(i18n, skills.cancelled_ok)),
    ]);
    view! {
        <Title text=page_title(tu_string!(i18n, skills.staff_queue))/>
        <section class="card">
            <h1>{tu_string!(i18n, skills.staff_queue)}</h1>
            {move || done().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <FormError error/>
            <form method="get" action="/staff/assessments" class="inline">
                <label for="status">{tu_string!(i18n, skills.filter_status)}</label>
                <select id="status" name="status">
                    <option value="">{tu_string!(i18n, skills.filter_open)}</option>
                    {move || {
                        let now = status.get();
                        AssessmentStatus::all().map(|s| view! { <option value=s.as_str() selected=s.as_str() == now>{status_text(i18n, s)}</option> }).collect_view()
                    }}
                </select>
                <button type="submit" class="secondary">{tu_string!(i18n, skills.show)}</button>
            </form>
            <p><a href="/staff/qualifications">{tu_string!(i18n, skills.staff_catalogue)}</a></p>
        </section>
        <Loaded resource=cat let:cat>
            {
                let centres: Vec<_> = cat.centres.into_iter().filter(|c| c.active).collect();
                view! {
                    <Loaded resource=list let:items>
                        {
                            let uz = uz(i18n);
                            let min_at = crate::format::now().with_timezone(&chrono::FixedOffset::east_opt(5 * 3600).expect("offset")).format("%Y-%m-%dT%H:%M").to_string();
                            view! {
                                {items.is_empty().then(|| view! { <p class="card">{tu_string!(i18n, skills.queue_empty)}</p> })}
                                <ul class="results">
                                    {items.iter().map(|a| {
                                        let id = a.id;
                                        let sid = |f: &str| format!("{f}-{id}");
                                        let can_schedule = a.status.may_move(AssessmentStatus::Scheduled);
                                        let can_record = a.status.may_move(AssessmentStatus::Passed);
                                        let can_cancel = a.status.may_move(AssessmentStatus::Cancelled);
                                        let centres = centres.clone();
                                        let min_at = min_at.clone();
                                        view! {
                                            <li class="card" id=format!("assessment-{id}") data-assessment=id.to_string()>
                                                <h2>{a.migrant_name.clone()} " — " {a.title(uz).to_string()} " " <code>{a.code.clone()}</code></h2>
                                                <dl class="facts">
                                                    <dt>{tu_string!(i18n, skills.status)}</dt><dd class="status">{status_text(i18n, a.status)}</dd>
                                                    <dt>{tu_string!(i18n, skills.preferred)}</dt><dd>{a.preferred_city.clone()} ", " {a.preferred_month.clone()}</dd>
                                                    {scheduled_view(i18n, a)}
                                                    {units_view(i18n, a)}
                                                </dl>
                                                {a.certificate_id.map(|c| view! { <p><a href=format!("/skills/certificates/{c}")>{tu_string!(i18n, skills.open_certificate)}</a></p> })}
                                                {can_schedule.then(|| view! {
                                                    <form method="post" action=ScheduleAssessment::url() class="stack schedule">
                                                        <input type="hidden" name="assessment_id" value=id.to_string()/>
                                                        <label for=sid("centre")>{tu_string!(i18n, skills.centre)}</label>
                                                        <select id=sid("centre") name="centre_id" required>
                                                            <option value="">{tu_string!(i18n, skills.choose)}</option>
                                                            {centres.iter().map(|c| view! { <option value=c.id.to_string()>{format!("{} — {}", c.name, c.city)}</option> }).collect_view()}
                                                        </select>
                                                        <label for=sid("at")>{tu_string!(i18n, skills.scheduled_at)}</label>
                                                        <input id=sid("at") name="scheduled_at" type="datetime-local" required min=min_at/>
                                                        <button type="submit" class="primary">{if a.status == AssessmentStatus::Scheduled { tu_string!(i18n, skills.reschedule) } else { tu_string!(i18n, skills.schedule) }}</button>
                                                    </form>
                                                })}
                                                {can_record.then(|| view! {
                                                    <form method="post" action=RecordAssessmentResult::url() class="stack result">
                                                        <input type="hidden" name="assessment_id" value=id.to_string()/>
                                                        <fieldset>
                                                            <legend>{tu_string!(i18n, skills.result)}</legend>
                                                            <div class="check">
                                                                <input id=sid("passed") name="result" type="radio" value="passed" required/>
                                                                <label for=sid("passed")>{tu_string!(i18n, skills.result_passed)}</label>
                                                            </div>
                                                            <div class="check">
                                                                <input id=sid("failed") name="result" type="radio" value="failed"/>
                                                                <label for=sid("failed")>{tu_string!(i18n, skills.result_failed)}</label>
                                                            </div>
                                                        </fieldset>
                                                        <label for=sid("ok")>{tu_string!(i18n, skills.units_passed)}</label>
                                                        <input id=sid("ok") name="units_passed" type="text" maxlength="300" aria-describedby=sid("units-hint")/>
                                                        <label for=sid("bad")>{tu_string!(i18n, skills.units_failed)}</label>
                                                        <input id=sid("bad") name="units_failed" type="text" maxlength="300" aria-describedby=sid("units-hint")/>
                                                        <p class="hint" id=sid("units-hint")>{tu_string!(i18n, skills.units_hint)}</p>
                                                        <button type="submit" class="primary">{tu_string!(i18n, skills.record_result)}</button>
                                                    </form>
                                                })}
                                                {can_cancel.then(|| view! {
                                                    <form method="post" action=CancelAssessment::url()>
                                                        <input type="hidden" name="assessment_id" value=id.to_string()/>
                                                        <button type="submit" class="secondary">{tu_string!(i18n, skills.cancel)}</button>
                                                    </form>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }
                        }
                    </Loaded>
                }
            }
        </Loaded>
    }
}
