use super::api::{emergency_contacts, UpdateContact};
use super::{display_phone, Contact, ContactKind};
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

/// The numbers as markup (see [`crate::markup`]): they are on every page and never change once shown.
pub fn contacts_markup(list: &[Contact], kind: impl Fn(ContactKind) -> String, placeholder: &str) -> String {
    let mut m = crate::markup::Markup::with_capacity(160 * list.len());
    for c in list {
        m.raw("<li><a class=\"tel\" href=\"tel:").attr(&c.phone).raw("\"><span class=\"contact-kind\">");
        m.text(&kind(c.kind)).raw("</span><span class=\"contact-number\">").text(&display_phone(&c.phone));
        m.raw("</span></a>");
        if c.placeholder {
            m.raw("<span class=\"placeholder-note\">").text(placeholder).raw("</span>");
        }
        m.raw("</li>");
    }
    m.into_string()
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
                        <ul class="contact-list" inner_html=contacts_markup(&list, |k| kind_label(i18n, k), tu_string!(i18n, contacts.placeholder))></ul>
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_number_is_a_tel_link_with_its_kind_and_placeholders_say_so() {
        let list = [
            Contact { kind: ContactKind::Embassy, phone: "+903124413871".into(), placeholder: false },
            Contact { kind: ContactKind::Hotline, phone: "+998712000000".into(), placeholder: true },
        ];
        let kind = |k| format!("{k:?} <&>");
        assert_eq!(
            contacts_markup(&list, kind, "Namuna"),
            "<li><a class=\"tel\" href=\"tel:+903124413871\"><span class=\"contact-kind\">Embassy &lt;&amp;&gt;</span>\
             <span class=\"contact-number\">+90 312 441 38 71</span></a></li>\
             <li><a class=\"tel\" href=\"tel:+998712000000\"><span class=\"contact-kind\">Hotline &lt;&amp;&gt;</span>\
             <span class=\"contact-number\">+998 71 200 00 00</span></a><span class=\"placeholder-note\">Namuna</span></li>"
        );
        assert_eq!(contacts_markup(&[], kind, "Namuna"), "");
    }
}
