use super::api::{my_profile, SaveProfile};
use crate::accounts::api::get_current_user;
use crate::error::AppError;
use crate::forms::{described_by, invalid, use_echo, use_form_error, FieldError, FormError};
use crate::i18n::*;
use crate::reference::api::RefList;
use crate::ui::{use_reference, use_refs, Loaded, RefSelect};
use crate::vacancies::{pages::level_text, TurkishLevel};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let profile =
        Resource::new(|| (), |_| async { Ok::<_, AppError>((my_profile().await?, get_current_user().await?)) });
    use_reference();
    let error = use_form_error();
    let echo = use_echo();
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("saved").is_some());
    let next = query.with_untracked(|q| q.get("next")).unwrap_or_default();
    view! {
        <Loaded resource=profile let:data>
            {
                let lists = use_refs();
                let (p, user) = data;
                let is_new = p.is_none();
                let p = p.unwrap_or_default();
                // A new profile starts from the name given at sign-up; nothing
                // is chosen for the person (no region, no trade).
                let name = echo.or("full_name", || if is_new { user.map(|u| u.name).unwrap_or_default() } else { p.full_name.clone() });
                let loc = echo.or("location", || if is_new { String::new() } else { format!("{}:{}", p.location_kind.as_str(), p.location_id) });
                let occupation = echo.id("occupation_id", (!is_new).then_some(p.occupation_id));
                let level = echo.value("turkish_level").and_then(|l| l.parse::<TurkishLevel>().ok()).unwrap_or(p.turkish_level);
                let text = |id: &'static str, kind: &'static str, auto: &'static str, value: String, hint: Option<&'static str>| view! {
                    <input id=id name=id type=kind required autocomplete=auto value=value
                        aria-describedby=described_by(error, id, hint) aria-invalid=invalid(error, id)/>
                };
                view! {
                    <section class="card narrow">
                        <h1>{tu_string!(i18n, profile.title)}</h1>
                        <Show when=saved>
                            <p class="notice" role="status">{tu_string!(i18n, profile.saved)}</p>
                        </Show>
                        {(!next.is_empty()).then(|| view! { <p class="notice">{tu_string!(i18n, profile.before_applying)}</p> })}
                        <FormError error/>
                        <form method="post" action=SaveProfile::url() class="stack" novalidate>
                            <input type="hidden" name="next" value=next.clone()/>
                            <label for="full_name">{tu_string!(i18n, profile.full_name)}</label>
                            {text("full_name", "text", "name", name, Some("full_name-hint"))}
                            <p class="hint" id="full_name-hint">{tu_string!(i18n, profile.name_hint)}</p>
                            <FieldError error field="full_name"/>
                            <label for="birth_date">{tu_string!(i18n, profile.birth_date)}</label>
                            {text("birth_date", "date", "bday", echo.or("birth_date", || p.birth_date.clone()), None)}
                            <FieldError error field="birth_date"/>
                            <label for="passport">{tu_string!(i18n, profile.passport)}</label>
                            <input id="passport" name="passport" type="text" maxlength="12" autocomplete="off" value=echo.value("passport")
                                aria-describedby=described_by(error, "passport", Some("passport-hint")) aria-invalid=invalid(error, "passport")/>
                            <p class="hint" id="passport-hint">
                                {match p.passport_masked.clone() {
                                    Some(m) => view! { {tu_string!(i18n, profile.passport_stored)} " " <span class="mono">{m}</span> }.into_any(),
                                    None => view! { {tu_string!(i18n, profile.passport_hint)} }.into_any(),
                                }}
                            </p>
                            <FieldError error field="passport"/>
                            <label for="location">{tu_string!(i18n, profile.location)}</label>
                            <select id="location" name="location" required
                                aria-describedby=described_by(error, "location", None) aria-invalid=invalid(error, "location")>
                                <option value="" selected=loc.is_empty()>{tu_string!(i18n, site.choose)}</option>
                                <optgroup label=tu_string!(i18n, profile.in_uzbekistan).to_string()>
                                    {lists.uz_regions.iter().map(|r| {
                                        let v = format!("uz:{}", r.id);
                                        let sel = v == loc;
                                        view! { <option value=v selected=sel>{r.name.clone()}</option> }
                                    }).collect_view()}
                                </optgroup>
                                <optgroup label=tu_string!(i18n, profile.in_turkiye).to_string()>
                                    {lists.provinces.iter().map(|r| {
                                        let v = format!("tr:{}", r.id);
                                        let sel = v == loc;
                                        view! { <option value=v selected=sel>{r.name.clone()}</option> }
                                    }).collect_view()}
                                </optgroup>
                            </select>
                            <FieldError error field="location"/>
                            <label for="occupation_id">{tu_string!(i18n, profile.trade)}</label>
                            <RefSelect id="occupation_id" list=RefList::Occupations selected=occupation error/>
                            <label for="experience_years">{tu_string!(i18n, profile.experience)}</label>
                            <input id="experience_years" name="experience_years" type="number" inputmode="numeric" min="0" max="60" required
                                value=echo.or("experience_years", || p.experience_years.to_string())
                                aria-describedby=described_by(error, "experience_years", None) aria-invalid=invalid(error, "experience_years")/>
                            <FieldError error field="experience_years"/>
                            <label for="turkish_level">{tu_string!(i18n, vacancies.turkish_level)}</label>
                            <select id="turkish_level" name="turkish_level">
                                {TurkishLevel::all().map(|l| {
                                    let label = if l == TurkishLevel::None { tu_string!(i18n, profile.turkish_none).to_string() } else { level_text(i18n, l) };
                                    view! { <option value=l.as_str() selected=level == l>{label}</option> }
                                }).collect_view()}
                            </select>
                            <label for="certificates">{tu_string!(i18n, profile.certificates)}</label>
                            <textarea id="certificates" name="certificates" rows="3" maxlength="500"
                                aria-describedby=described_by(error, "certificates", None) aria-invalid=invalid(error, "certificates")>{crate::ui::textarea_text(echo.or("certificates", || p.certificates.clone()))}</textarea>
                            <FieldError error field="certificates"/>
                            <button type="submit" class="primary">{tu_string!(i18n, profile.save)}</button>
                        </form>
                    </section>
                    // F3.2: the certificates the portal issued, which count for vacancies that require one.
                    <section class="card narrow" aria-labelledby="myk-title">
                        <h2 id="myk-title">{tu_string!(i18n, profile.myk_certificates)}</h2>
                        {if p.myk_certificates.is_empty() {
                            view! { <p>{tu_string!(i18n, profile.myk_none)}</p> }.into_any()
                        } else {
                            view! { <crate::skills::pages::CertificateList certificates=p.myk_certificates.clone()/> }.into_any()
                        }}
                        <p class="hint">{tu_string!(i18n, profile.myk_hint)}</p>
                        <p><a href="/skills">{tu_string!(i18n, skills.my_title)}</a></p>
                    </section>
                }
            }
        </Loaded>
    }
}
