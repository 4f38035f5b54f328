use super::api::{my_company, pending_companies, DecideCompany, RegisterCompany};
use super::{Company, CompanyStatus};
use crate::forms::{described_by, invalid, use_echo, use_form_error, FieldError, FormError, FormErrors};
use crate::i18n::*;
use crate::reference::api::RefList;
use crate::ui::{use_reference, use_refs, Loaded, RefSelect};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub fn status_text(i18n: leptos_i18n::I18nContext<Locale>, s: CompanyStatus) -> String {
    match s {
        CompanyStatus::Pending => tu_string!(i18n, companies.status_pending),
        CompanyStatus::Verified => tu_string!(i18n, companies.status_verified),
        CompanyStatus::Rejected => tu_string!(i18n, companies.status_rejected),
        CompanyStatus::Suspended => tu_string!(i18n, companies.status_suspended),
    }
    .to_string()
}

/// The employer's company: the registration form, or its status.
#[component]
pub fn MyCompanyPage() -> impl IntoView {
    let i18n = use_i18n();
    let company = Resource::new(|| (), |_| my_company());
    use_reference();
    let error = use_form_error();
    view! {
        <Loaded resource=company let:company>
            {
                let lists = use_refs();
                match company {
                    Some(c) if c.status != CompanyStatus::Rejected => {
                        view! {
                            <section class="card narrow">
                                <h1>{c.legal_name.clone()}</h1>
                                <p class=format!("status status-{}", c.status.as_str())>{status_text(i18n, c.status)}</p>
                                <dl class="facts">
                                    <dt>{tu_string!(i18n, companies.vkn_short)}</dt><dd>{c.vkn.clone()}</dd>
                                    <dt>{tu_string!(i18n, companies.mersis_short)}</dt><dd>{c.mersis.clone()}</dd>
                                    <dt>{tu_string!(i18n, companies.sector)}</dt><dd>{lists.sector(c.sector_id)}</dd>
                                    <dt>{tu_string!(i18n, companies.province)}</dt><dd>{lists.province(c.province_id)}</dd>
                                </dl>
                            </section>
                        }.into_any()
                    }
                    existing => view! { <CompanyForm existing error/> }.into_any(),
                }
            }
        </Loaded>
    }
}

#[component]
fn CompanyForm(existing: Option<Company>, error: Memo<FormErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let echo = use_echo();
    let (e, typed) = (existing.clone(), echo.clone());
    // What was typed into a refused form, else the record being corrected.
    let v = move |name: &str, f: fn(&Company) -> String| typed.or(name, || e.as_ref().map(f).unwrap_or_default());
    let field = move |id: &'static str,
                      kind: &'static str,
                      max: &'static str,
                      auto: Option<&'static str>,
                      saved: fn(&Company) -> String| {
        let mode = match kind {
            "digits" => Some("numeric"),
            _ => None,
        };
        let kind = if kind == "digits" { "text" } else { kind };
        view! {
            <input id=id name=id type=kind inputmode=mode required maxlength=max autocomplete=auto value=v(id, saved)
                aria-describedby=described_by(error, id, None) aria-invalid=invalid(error, id)/>
            <FieldError error field=id/>
        }
    };
    let sector = echo.id("sector_id", existing.as_ref().map(|c| c.sector_id));
    let province = echo.id("province_id", existing.as_ref().map(|c| c.province_id));
    view! {
        <section class="card narrow">
            <h1>{tu_string!(i18n, companies.register_title)}</h1>
            {existing.as_ref().filter(|c| c.status == super::CompanyStatus::Rejected).map(|c| view! {
                <div class="form-error" role="status">
                    <p>{tu_string!(i18n, companies.rejected_because)}</p>
                    <crate::reasons::ReasonShown code=c.decision_reason_code note=c.decision_reason.clone() lang=c.decision_reason_lang.clone()/>
                </div>
            })}
            <p>{tu_string!(i18n, companies.register_intro)}</p>
            <FormError error/>
            <form method="post" action=RegisterCompany::url() class="stack" novalidate>
                <label for="legal_name">{tu_string!(i18n, companies.legal_name)}</label>
                {field("legal_name", "text", "200", Some("organization"), |c| c.legal_name.clone())}
                <label for="vkn">{tu_string!(i18n, companies.vkn)}</label>
                {field("vkn", "digits", "13", None, |c| c.vkn.clone())}
                <label for="mersis">{tu_string!(i18n, companies.mersis)}</label>
                {field("mersis", "digits", "20", None, |c| c.mersis.clone())}
                <label for="sector_id">{tu_string!(i18n, companies.sector)}</label>
                <RefSelect id="sector_id" list=RefList::Sectors selected=sector error/>
                <label for="province_id">{tu_string!(i18n, companies.province)}</label>
                <RefSelect id="province_id" list=RefList::Provinces selected=province error/>
                <label for="address">{tu_string!(i18n, companies.address)}</label>
                {field("address", "text", "500", Some("street-address"), |c| c.address.clone())}
                <label for="contact_person">{tu_string!(i18n, companies.contact_person)}</label>
                {field("contact_person", "text", "200", Some("name"), |c| c.contact_person.clone())}
                <label for="contact_phone">{tu_string!(i18n, companies.contact_phone)}</label>
                {field("contact_phone", "tel", "24", Some("tel"), |c| c.contact_phone.clone())}
                <button type="submit" class="primary">{tu_string!(i18n, companies.submit)}</button>
            </form>
        </section>
    }
}

/// Staff: companies waiting for verification, oldest first.
#[component]
pub fn CompanyQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let queue = Resource::new(|| (), |_| pending_companies());
    use_reference();
    let error = use_form_error();
    let echo = use_echo();
    view! {
        <Loaded resource=queue let:list>
            {
                let lists = use_refs();
                view! {
                        <section class="card">
                            <h1>{tu_string!(i18n, companies.queue_title)} " (" {list.len()} ")"</h1>
                            <FormError error/>
                            {list.is_empty().then(|| view! { <p>{tu_string!(i18n, companies.queue_empty)}</p> })}
                            <ul class="queue">
                                {list.into_iter().map(|c| {
                                    // The card whose form was refused keeps plain ids, its errors and its text.
                                    let refused = echo.value("company_id") == Some(c.id.to_string());
                                    let ids = (!refused).then(|| format!("c{}-", c.id));
                                    let echo = if refused { echo.clone() } else { Default::default() };
                                    let reader = c.owner_lang.as_deref().and_then(crate::lang::parse_locale);
                                    view! {
                                        <li class="card" id=format!("company-{}", c.id)>
                                            <h2>{c.legal_name.clone()}</h2>
                                            <dl class="facts">
                                                <dt>{tu_string!(i18n, companies.vkn_short)}</dt><dd>{c.vkn.clone()}</dd>
                                                <dt>{tu_string!(i18n, companies.mersis_short)}</dt><dd>{c.mersis.clone()}</dd>
                                                <dt>{tu_string!(i18n, companies.sector)}</dt><dd>{lists.sector(c.sector_id)}</dd>
                                                <dt>{tu_string!(i18n, companies.province)}</dt><dd>{lists.province(c.province_id)}</dd>
                                                <dt>{tu_string!(i18n, companies.address)}</dt><dd>{c.address.clone()}</dd>
                                                <dt>{tu_string!(i18n, companies.contact_person)}</dt><dd>{c.contact_person.clone()} ", " {c.contact_phone.clone()}</dd>
                                            </dl>
                                            {(!c.same_numbers.is_empty()).then(|| view! {
                                                <div class="flag" role="note">
                                                    <p>{tu_string!(i18n, companies.same_numbers)}</p>
                                                    <ul>
                                                        {c.same_numbers.iter().map(|o| {
                                                            let which = match (o.same_vkn, o.same_mersis) {
                                                                (true, true) => tu_string!(i18n, companies.same_both),
                                                                (true, false) => tu_string!(i18n, companies.same_vkn),
                                                                _ => tu_string!(i18n, companies.same_mersis),
                                                            };
                                                            view! { <li>{o.legal_name.clone()} " (" {status_text(i18n, o.status)} "): " {which}</li> }
                                                        }).collect_view()}
                                                    </ul>
                                                </div>
                                            })}
                                            <form method="post" action=DecideCompany::url() class="stack">
                                                <input type="hidden" name="company_id" value=c.id.to_string()/>
                                                <button type="submit" name="decision" value="verify" class="primary">{tu_string!(i18n, companies.verify)}</button>
                                            </form>
                                            <form method="post" action=DecideCompany::url() class="stack" novalidate>
                                                <input type="hidden" name="company_id" value=c.id.to_string()/>
                                                <crate::reasons::ReasonFields decision=crate::reasons::ReasonFor::CompanyReject reader ids echo/>
                                                <button type="submit" name="decision" value="reject" class="secondary">{tu_string!(i18n, companies.reject)}</button>
                                            </form>
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
