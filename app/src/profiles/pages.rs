use super::api::{my_profile, SaveProfile};
use crate::forms::{described_by, invalid, use_form_error, FormError};
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
    let profile = Resource::new(|| (), |_| my_profile());
    use_reference();
    let error = use_form_error();
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("saved").is_some());
    view! {
        <Loaded resource=profile let:p>
            {
                let lists = use_refs();
                {
                        let p = p.unwrap_or_default();
                        let loc = format!("{}:{}", p.location_kind.as_str(), p.location_id);
                        view! {
                            <section class="card narrow">
                                <h1>{tu_string!(i18n, profile.title)}</h1>
                                <Show when=saved>
                                    <p class="notice" role="status">{tu_string!(i18n, profile.saved)}</p>
                                </Show>
                                <FormError error/>
                                <form method="post" action=SaveProfile::url() class="stack">
                                    <label for="full_name">{tu_string!(i18n, profile.full_name)}</label>
                                    <input id="full_name" name="full_name" type="text" required maxlength="200" autocomplete="name" value=p.full_name.clone()
                                        aria-describedby=described_by(error, "name", Some("full_name-hint")) aria-invalid=invalid(error, "name")/>
                                    <p class="hint" id="full_name-hint">{tu_string!(i18n, account.name_hint)}</p>
                                    <label for="birth_date">{tu_string!(i18n, profile.birth_date)}</label>
                                    <input id="birth_date" name="birth_date" type="date" required autocomplete="bday" value=p.birth_date.clone()/>
                                    <label for="passport">{tu_string!(i18n, profile.passport)}</label>
                                    <input id="passport" name="passport" type="text" maxlength="12" autocomplete="off"
                                        aria-describedby=described_by(error, "passport", Some("passport-hint")) aria-invalid=invalid(error, "passport")/>
                                    <p class="hint" id="passport-hint">
                                        {match p.passport_masked.clone() {
                                            Some(m) => view! { {tu_string!(i18n, profile.passport_stored)} " " <span class="mono">{m}</span> }.into_any(),
                                            None => view! { {tu_string!(i18n, profile.passport_hint)} }.into_any(),
                                        }}
                                    </p>
                                    <label for="location">{tu_string!(i18n, profile.location)}</label>
                                    <select id="location" name="location" required>
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
                                    <label for="occupation_id">{tu_string!(i18n, profile.trade)}</label>
                                    <RefSelect id="occupation_id" list=RefList::Occupations selected=p.occupation_id/>
                                    <label for="experience_years">{tu_string!(i18n, profile.experience)}</label>
                                    <input id="experience_years" name="experience_years" type="number" min="0" max="60" required value=p.experience_years.to_string()/>
                                    <label for="turkish_level">{tu_string!(i18n, vacancies.turkish_level)}</label>
                                    <select id="turkish_level" name="turkish_level">
                                        {TurkishLevel::all().map(|l| {
                                            let sel = p.turkish_level == l;
                                            let label = if l == TurkishLevel::None { tu_string!(i18n, profile.turkish_none).to_string() } else { level_text(i18n, l) };
                                            view! { <option value=l.as_str() selected=sel>{label}</option> }
                                        }).collect_view()}
                                    </select>
                                    <label for="certificates">{tu_string!(i18n, profile.certificates)}</label>
                                    <textarea id="certificates" name="certificates" rows="3" maxlength="500">{p.certificates.clone()}</textarea>
                                    <button type="submit" class="primary">{tu_string!(i18n, profile.save)}</button>
                                </form>
                            </section>
                        }
                }
            }
        </Loaded>
    }
}
