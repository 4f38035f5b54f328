//! Shared widgets every feature's pages use. This module depends on no feature
//! page: routes → feature pages → `ui`.

use crate::accounts::api::get_current_user;
use crate::accounts::{Role, SessionUser};
use crate::error::AppError;
use crate::forms::FieldError;
use crate::i18n::*;
use crate::reference::api::{fetch_reference_lists, Named, RefList, ReferenceLists};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::params::Params;
use std::sync::Arc;

/// The signed-in user, as a resource of the calling component. Create it at
/// the top of a component, never inside a `Suspend`: the browser must find the
/// server's value when it hydrates.
pub fn use_current_user() -> Resource<Result<Option<SessionUser>, AppError>> {
    Resource::new(|| (), |_| get_current_user())
}

/// The reference lists of the page (sectors, occupations, provinces, regions,
/// minimum wage), fetched once per page and shared through context. The first
/// caller on the page creates the resource; [`Loaded`] awaits it and hands the
/// lists to its children through [`use_refs`].
pub fn use_reference() -> ReferenceResource {
    use_context::<ReferenceResource>().unwrap_or_else(|| {
        let lang = leptos_i18n::Locale::as_str(use_i18n().get_locale_untracked()).to_string();
        let r = ReferenceResource(Resource::new(move || lang.clone(), fetch_reference_lists));
        provide_context(r);
        r
    })
}

#[derive(Clone, Copy)]
pub struct ReferenceResource(pub Resource<Result<ReferenceLists, AppError>>);

/// The reference lists, inside a [`Loaded`] of a page that called [`use_reference`].
#[derive(Clone, Default)]
pub struct Refs(pub Arc<ReferenceLists>);

impl std::ops::Deref for Refs {
    type Target = ReferenceLists;
    fn deref(&self) -> &ReferenceLists {
        &self.0
    }
}

pub fn use_refs() -> Refs {
    use_context::<Refs>().unwrap_or_default()
}

/// Awaits a resource and shows it, or shows the error (sign-in prompt, "not
/// allowed", or the translated message). When the page asked for the reference
/// lists ([`use_reference`]), they are awaited too and available to the children
/// through [`use_refs`].
#[component]
pub fn Loaded<T, V, F>(resource: Resource<Result<T, AppError>>, children: F) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
{
    let refs = use_context::<ReferenceResource>();
    let children = Arc::new(children);
    let body = move || {
        let children = children.clone();
        Suspend::new(async move {
            if let Some(r) = refs {
                match r.0.await {
                    Ok(lists) => provide_context(Refs(Arc::new(lists))),
                    Err(e) => return Either::Right(view! { <ErrorNotice error=e/> }),
                }
            }
            match resource.await {
                // Built untracked: a signal the view reads while it is built
                // must not make this boundary render again when hydration sets
                // it, which would replace the server's nodes instead of adopting them.
                Ok(value) => Either::Left(untrack(|| children(value))),
                Err(e) => Either::Right(view! { <ErrorNotice error=e/> }),
            }
        })
    };
    // In the browser the body is a closure, so that the boundary shows new data
    // when the resource loads again (another page of results, say). The server
    // renders a page once: there the closure would only cost, because Leptos
    // calls it on each pass over the tree (two dry runs and the render), and
    // each call built the whole view again. One `Suspend` renders the same HTML.
    #[cfg(feature = "ssr")]
    let body = body();
    view! { <Suspense fallback=|| ()>{body}</Suspense> }
}

/// Shown instead of a page that needs a session.
#[component]
pub fn SignInRequired() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let href = move || format!("/signin?next={}", location.pathname.get());
    view! {
        <section class="card narrow">
            <h1>{tu_string!(i18n, account.sign_in_required)}</h1>
            <p><a href=href class="button primary">{tu_string!(i18n, nav.sign_in)}</a></p>
        </section>
    }
}

/// Shown to a signed-in person whose role may not open the page.
#[component]
pub fn Forbidden() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card narrow">
            <h1>{tu_string!(i18n, errors.forbidden)}</h1>
            <p><a href="/">{tu_string!(i18n, nav.home)}</a></p>
        </section>
    }
}

/// What a page shows when its data came back with an error.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    match error {
        AppError::NotSignedIn => view! { <SignInRequired/> }.into_any(),
        AppError::Forbidden => view! { <Forbidden/> }.into_any(),
        other => {
            let i18n = use_i18n();
            view! { <p class="form-error" role="alert">{crate::forms::error_text(i18n, &other)}</p> }.into_any()
        }
    }
}

pub fn role_name(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Migrant => tu_string!(i18n, roles.migrant),
        Role::Employer => tu_string!(i18n, roles.employer),
        Role::Staff => tu_string!(i18n, roles.staff),
        Role::Admin => tu_string!(i18n, roles.admin),
    }
    .to_string()
}

/// `<select>` of a reference list in the reader's language, inside a [`Loaded`] of a page that called
/// [`use_reference`]. The options are written as markup ([`crate::markup`]): the province list alone is
/// 81 of them, and none changes once the form is shown.
#[component]
pub fn RefSelect(
    id: &'static str,
    list: RefList,
    /// The chosen entry; none gives a "choose" placeholder that the form
    /// refuses, never a silent first entry.
    #[prop(default = None)]
    selected: Option<i32>,
    #[prop(optional)] any_label: Option<String>,
    /// The form's errors: the select points at its own message.
    #[prop(optional)]
    error: Option<Memo<crate::forms::FormErrors>>,
) -> impl IntoView {
    let required = any_label.is_none();
    let refs = use_refs();
    let list = refs.list(list);
    let selected = selected.filter(|s| list.iter().any(|n| n.id == *s));
    let options = match (&any_label, selected) {
        (Some(any), _) => options_markup(list, selected, Some(any)),
        (None, Some(_)) => options_markup(list, selected, None),
        (None, None) => {
            let i18n = use_i18n();
            let mut m = crate::markup::Markup::with_capacity(64);
            m.raw("<option value=\"\" selected>").text(tu_string!(i18n, site.choose)).raw("</option>");
            m.into_string() + &options_markup(list, None, None)
        }
    };
    let refused = move || error.is_some_and(|e| e.with(|e| e.get(id).is_some()));
    view! {
        <select id=id name=id required=required inner_html=options
            aria-invalid=move || refused().then_some("true")
            aria-describedby=move || refused().then(|| crate::forms::field_error_id(id))></select>
        {error.map(|error| view! { <FieldError error field=id/> })}
    }
}

/// The `<option>`s of a reference list; `any_label` first, with the empty value, when given.
pub fn options_markup(list: &[Named], selected: Option<i32>, any_label: Option<&str>) -> String {
    let mut m = crate::markup::Markup::with_capacity(40 * (list.len() + 1));
    if let Some(label) = any_label {
        m.raw("<option value=\"\">").text(label).raw("</option>");
    }
    for n in list {
        m.raw("<option value=\"").int(n.id.into());
        m.raw(if selected == Some(n.id) { "\" selected>" } else { "\">" });
        m.text(&n.name).raw("</option>");
    }
    m.into_string()
}

/// The `:id` parameter of routes such as `/vacancies/:id`.
#[derive(Params, Clone, Debug, PartialEq, Eq)]
pub struct IdParam {
    pub id: Option<i32>,
}

/// The route's `:id` as a memo; 0 (found by nobody) when it is missing or not a number.
pub fn use_id_param() -> Memo<i32> {
    let params = leptos_router::hooks::use_params::<IdParam>();
    Memo::new(move |_| params.with(|p| p.as_ref().ok().and_then(|p| p.id).unwrap_or(0)))
}

/// The signed-in user if they may do `action`, for pages that show a form of a
/// guarded server function (the server function decides; this only chooses
/// between the form, the sign-in prompt and "not allowed").
pub async fn user_who_may(action: crate::authz::Action) -> Result<SessionUser, AppError> {
    let user = get_current_user().await?;
    crate::authz::authorize(user.as_ref(), action)?;
    user.ok_or(AppError::NotSignedIn)
}

/// "5 soat", "3 kun 4 soat": a wait in words that cannot be misread.
pub fn age_text(i18n: leptos_i18n::I18nContext<Locale>, h: i64, locale: Locale) -> String {
    let hours = |n: i64| format!("{} {}", crate::format::integer(n, locale), tu_string!(i18n, staff.hours));
    if h < 24 {
        hours(h)
    } else {
        let days = format!("{} {}", crate::format::integer(h / 24, locale), tu_string!(i18n, staff.days));
        if h % 24 == 0 {
            days
        } else {
            format!("{days} {}", hours(h % 24))
        }
    }
}

/// How long a stage usually takes (F6.4), in the reader's language: "odatda
/// ~3 kun" — a median of the last 90 days (`cases::timing`), whole units.
pub fn usual_text(i18n: leptos_i18n::I18nContext<crate::i18n::Locale>, secs: i64) -> String {
    use crate::cases::timing::{span, Span};
    use crate::i18n::*;
    let (text, n) = match span(secs) {
        Span::Minutes(n) => (tu_string!(i18n, site.usually_minutes), n),
        Span::Hours(n) => (tu_string!(i18n, site.usually_hours), n),
        Span::Days(n) => (tu_string!(i18n, site.usually_days), n),
    };
    text.replace("%N%", &crate::format::integer(n, i18n.get_locale_untracked()))
}

/// A `<textarea>`'s text. Leptos writes a textarea's children as they are on
/// the server (tachys does not escape them), where a `</textarea>` that someone
/// typed would end the field and what follows would be markup; escaped, the
/// browser reads the very characters back (a textarea decodes `&lt;`). In the
/// browser the text becomes a text node and needs nothing.
pub fn textarea_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        html_escape::encode_text(&text).into_owned()
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

#[cfg(all(test, feature = "ssr"))]
mod textarea_tests {
    /// What ends the field or starts markup comes out as text (the browser
    /// decodes it back to what was typed); anything else is unchanged.
    #[test]
    fn a_textarea_keeps_markup_as_text() {
        assert_eq!(
            super::textarea_text("</textarea><script>x</script>".into()),
            "&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(super::textarea_text("Oʻzbekiston & Türkiye".into()), "Oʻzbekiston &amp; Türkiye");
    }
}
