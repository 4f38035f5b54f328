use super::api::{emergency_contacts, UpdateContact};
use super::{display_phone, ContactKind};
use crate::authz::Action;
use crate::forms::{use_form_error, FormError};
use crate::i18n::*;
use crate::ui::{user_who_may, Loaded};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

fn kind_label(i18n: leptos_i18n::I18nContext<Locale>, kind: ContactKind) -> String {
    match kind {
        ContactKind::Embassy => tu_string!(i18n, contacts.embassy),
        ContactKind::Consular => tu_string!(i18n, contacts.consular),
        ContactKind::Hotline => tu_string!(i18n, contacts.hotline),
    }
    .to_string()
}

/// The block at the foot of every page.
#[component]
pub fn EmergencyContacts() -> impl IntoView {
    let i18n = use_i18n();
    let contacts = Resource::new(|| (), |_| emergency_contacts());
    view! {
        <section id="emergency" class="emergency" aria-labelledby="emergency-title">
            <h2 id="emergency-title">{tu_string!(i18n, contacts.title)}</h2>
            <Loaded resource=contacts let:list>
                        <ul class="contact-list">
                            {list.into_iter().map(|c| {
                                let href = format!("tel:{}", c.phone);
                                view! {
                                    <li>
                                        <a class="tel" href=href>
                                            <span class="contact-kind">{kind_label(i18n, c.kind)}</span>
                                            <span class="contact-number">{display_phone(&c.phone)}</span>
                                        </a>
                                        {c.placeholder.then(|| view! {
                                            <span class="placeholder-note">{tu_string!(i18n, contacts.placeholder)}</span>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
            </Loaded>
        </section>
    }
}

/// Staff edit the numbers.
#[component]
pub fn ContactsEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let contacts = Resource::new(
        || (),
        |_| async {
            user_who_may(Action::EditEmergencyContacts).await?;
            emergency_contacts().await
        },
    );
    let error = use_form_error();
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("saved").is_some());
    view! {
        <Loaded resource=contacts let:list>
                        {view! {
                            <section class="card narrow">
                                <h1>{tu_string!(i18n, contacts.edit_title)}</h1>
                                <Show when=saved>
                                    <p class="notice" role="status">{tu_string!(i18n, contacts.saved)}</p>
                                </Show>
                                <FormError error/>
                                {list.into_iter().map(|c| {
                                    let id = format!("phone-{}", c.kind.as_str());
                                    view! {
                                        <form method="post" action=UpdateContact::url() class="stack">
                                            <input type="hidden" name="kind" value=c.kind.as_str()/>
                                            <label for=id.clone()>{kind_label(i18n, c.kind)}</label>
                                            <input id=id name="phone" type="tel" required value=c.phone.clone() autocomplete="off"/>
                                            <button type="submit" class="primary">{tu_string!(i18n, contacts.save)}</button>
                                        </form>
                                    }
                                }).collect_view()}
                            </section>
                        }}
        </Loaded>
    }
}
