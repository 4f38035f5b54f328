use super::api::{my_company, pending_companies, DecideCompany, RegisterCompany};
use super::{Company, CompanyStatus};
use crate::forms::{described_by, invalid, use_form_error, FormError};
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
fn CompanyForm(existing: Option<Company>, error: Memo<Option<crate::error::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let e = existing.clone();
    let v = move |f: fn(&Company) -> String| e.as_ref().map(f).unwrap_or_default();
    view! {
        <section class="card narrow">
            <h1>{tu_string!(i18n, companies.register_title)}</h1>
            {existing.as_ref().and_then(|c| c.decision_reason.clone()).map(|r| view! {
                <p class="form-error" role="status">{tu_string!(i18n, companies.rejected_because)} " " {r}</p>
            })}
            <p>{tu_string!(i18n, companies.register_intro)}</p>
            <FormError error/>
            <form method="post" action=RegisterCompany::url() class="stack">
                <label for="legal_name">{tu_string!(i18n, companies.legal_name)}</label>
                <input id="legal_name" name="legal_name" type="text" required maxlength="200" autocomplete="organization"
                    value=v(|c| c.legal_name.clone())/>
                <label for="vkn">{tu_string!(i18n, companies.vkn)}</label>
                <input id="vkn" name="vkn" type="text" inputmode="numeric" required maxlength="13" value=v(|c| c.vkn.clone())
                    aria-describedby=described_by(error, "vkn", None) aria-invalid=invalid(error, "vkn")/>
                <label for="mersis">{tu_string!(i18n, companies.mersis)}</label>
                <input id="mersis" name="mersis" type="text" inputmode="numeric" required maxlength="20" value=v(|c| c.mersis.clone())
                    aria-describedby=described_by(error, "mersis", None) aria-invalid=invalid(error, "mersis")/>
                <label for="sector_id">{tu_string!(i18n, companies.sector)}</label>
                <RefSelect id="sector_id" list=RefList::Sectors selected=existing.as_ref().map(|c| c.sector_id).unwrap_or(0)/>
                <label for="province_id">{tu_string!(i18n, companies.province)}</label>
                <RefSelect id="province_id" list=RefList::Provinces selected=existing.as_ref().map(|c| c.province_id).unwrap_or(0)/>
                <label for="address">{tu_string!(i18n, companies.address)}</label>
                <input id="address" name="address" type="text" required maxlength="500" autocomplete="street-address" value=v(|c| c.address.clone())/>
                <label for="contact_person">{tu_string!(i18n, companies.contact_person)}</label>
                <input id="contact_person" name="contact_person" type="text" required maxlength="200" autocomplete="name" value=v(|c| c.contact_person.clone())/>
                <label for="contact_phone">{tu_string!(i18n, companies.contact_phone)}</label>
                <input id="contact_phone" name="contact_phone" type="tel" required maxlength="24" autocomplete="tel" value=v(|c| c.contact_phone.clone())
                    aria-describedby=described_by(error, "phone", None) aria-invalid=invalid(error, "phone")/>
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
                                    let reason_id = format!("reason-{}", c.id);
                                    view! {
                                        <li class="card">
                                            <h2>{c.legal_name.clone()}</h2>
                                            <dl class="facts">
                                                <dt>{tu_string!(i18n, companies.vkn_short)}</dt><dd>{c.vkn.clone()}</dd>
                                                <dt>{tu_string!(i18n, companies.mersis_short)}</dt><dd>{c.mersis.clone()}</dd>
                                                <dt>{tu_string!(i18n, companies.sector)}</dt><dd>{lists.sector(c.sector_id)}</dd>
                                                <dt>{tu_string!(i18n, companies.province)}</dt><dd>{lists.province(c.province_id)}</dd>
                                                <dt>{tu_string!(i18n, companies.address)}</dt><dd>{c.address.clone()}</dd>
                                                <dt>{tu_string!(i18n, companies.contact_person)}</dt><dd>{c.contact_person.clone()} ", " {c.contact_phone.clone()}</dd>
                                            </dl>
                                            <form method="post" action=DecideCompany::url() class="stack">
                                                <input type="hidden" name="company_id" value=c.id.to_string()/>
                                                <label for=reason_id.clone()>{tu_string!(i18n, companies.reason)}</label>
                                                <input id=reason_id name="reason" type="text" maxlength="500"/>
                                                <div class="actions">
                                                    <button type="submit" name="decision" value="verify" class="primary">{tu_string!(i18n, companies.verify)}</button>
                                                    <button type="submit" name="decision" value="reject" class="secondary">{tu_string!(i18n, companies.reject)}</button>
                                                </div>
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
