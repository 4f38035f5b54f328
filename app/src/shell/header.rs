//! The site header: brand, language switch, and the links of the reader's role.
//!
//! On a phone the header is short: the brand and the language switch, then
//! the main links (home, vacancies, applications, notifications, emergency);
//! everything else of a signed-in reader is folded into one `<details>` menu,
//! which opens without JavaScript.

use crate::accounts::api::{get_current_user, SignOut};
use crate::accounts::{Role, SessionUser};
use crate::i18n::*;
use crate::lang::SetLanguage;
use leptos::html::{Details, Summary};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    // The user and the unread count in one resource, awaited once: the
    // header's boundary then waits on a single future during server rendering.
    let header = Resource::new(
        || (),
        |_| async {
            let user = get_current_user().await.ok().flatten();
            let unread = match user {
                Some(_) => crate::applications::api::unread_count().await.unwrap_or(0),
                None => 0,
            };
            (user, unread)
        },
    );
    // The folded menu, so that it can be closed after a client-side
    // navigation (the header stays mounted; without JavaScript each page is
    // a new document and the menu comes back closed anyway).
    let menu = NodeRef::<Details>::new();
    let menu_summary = NodeRef::<Summary>::new();
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(d) = menu.get_untracked() {
            d.set_open(false);
        }
    });
    view! {
        <header class="site-header">
            <div class="bar">
                <a class="brand" href="/">"Köprü"</a>
                <LanguageSwitch/>
                // The signed-in reader's menu, in the top row next to the
                // language switch: the links below then fit two rows.
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let (u, _) = header.await;
                        u.map(|u| view! { <AccountMenu user=u menu menu_summary/> })
                    })}
                </Transition>
            </div>
            <nav aria-label=tu_string!(i18n, nav.main_label)>
                <ul class="nav">
                    <li><a href="/">{tu_string!(i18n, nav.home)}</a></li>
                    <li><a href="/vacancies">{tu_string!(i18n, nav.vacancies)}</a></li>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            let (u, n) = header.await;
                            view! { <RoleNav user=u unread=n/> }
                        })}
                    </Transition>
                    <li><a href="#emergency" class="sos">{tu_string!(i18n, nav.emergency)}</a></li>
                </ul>
            </nav>
        </header>
    }
}

/// The role's main links.
#[component]
fn RoleNav(user: Option<SessionUser>, unread: u64) -> impl IntoView {
    let i18n = use_i18n();
    match user {
        None => view! {
            <li><a href="/signin">{tu_string!(i18n, nav.sign_in)}</a></li>
            <li><a href="/signup">{tu_string!(i18n, nav.sign_up)}</a></li>
        }
        .into_any(),
        Some(_) => view! {
            <li><a href="/applications">{tu_string!(i18n, nav.applications)}</a></li>
            <li><NotificationsLink unread/></li>
        }
        .into_any(),
    }
}

/// The rest of a signed-in reader's links, folded into one menu: a plain
/// `<details>`, so it opens without JavaScript; the sign-out stays a form.
#[component]
fn AccountMenu(user: SessionUser, menu: NodeRef<Details>, menu_summary: NodeRef<Summary>) -> impl IntoView {
    let i18n = use_i18n();
    let staff = matches!(user.role, Role::Staff | Role::Admin);
    let admin = user.role == Role::Admin;
    let employer = user.role == Role::Employer;
    let migrant = user.role == Role::Migrant;
    // Escape closes the open menu and gives the focus back to its button
    // (with JavaScript; the summary toggles it in any case).
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Escape" {
            return;
        }
        if let Some(d) = menu.get_untracked().filter(|d| d.open()) {
            d.set_open(false);
            if let Some(s) = menu_summary.get_untracked() {
                let _ = s.focus();
            }
        }
    };
    view! {
        <details class="menu" node_ref=menu on:keydown=on_keydown>
            <summary node_ref=menu_summary>{tu_string!(i18n, nav.menu)}</summary>
            <ul>
                {migrant.then(|| view! {
                    <li><a href="/cases">{tu_string!(i18n, nav.cases)}</a></li>
                    <li><a href="/contributions">{tu_string!(i18n, contributions.nav)}</a></li>
                    <li><a href="/skills">{tu_string!(i18n, skills.nav)}</a></li>
                    <li><a href="/profile">{tu_string!(i18n, nav.profile)}</a></li>
                })}
                {employer.then(|| view! {
                    <li><a href="/employer/company">{tu_string!(i18n, nav.my_company)}</a></li>
                    <li><a href="/employer/vacancies">{tu_string!(i18n, nav.my_vacancies)}</a></li>
                })}
                {staff.then(|| view! {
                    <li><a href="/staff">{tu_string!(i18n, nav.staff_console)}</a></li>
                    <li><a href="/staff/announcements">{tu_string!(i18n, announcements.staff_title)}</a></li>
                    <li><a href="/staff/contributions">{tu_string!(i18n, contributions.staff_title)}</a></li>
                    <li><a href="/staff/qualifications">{tu_string!(i18n, skills.staff_catalogue)}</a></li>
                })}
                {admin.then(|| view! {
                    <li><a href="/admin/accounts">{tu_string!(i18n, nav.staff_accounts)}</a></li>
                })}
                <li>
                    <a href="/account" class="account-link">
                        <span class="visually-hidden">{tu_string!(i18n, nav.account)} ": "</span>
                        {user.name.clone()}
                    </a>
                </li>
                <li>
                    <form method="post" action=SignOut::url() class="inline">
                        <button type="submit" class="link">{tu_string!(i18n, nav.sign_out)}</button>
                    </form>
                </li>
            </ul>
        </details>
    }
}

/// The notifications link with the count of unread ones.
#[component]
fn NotificationsLink(unread: u64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a href="/notifications">
            {tu_string!(i18n, nav.notifications)}
            {(unread > 0).then(|| view! { " " <span class="counter">{unread}</span> })}
        </a>
    }
}

/// Two buttons in a plain form: works without JavaScript and comes back to
/// the same page.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let next = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{}", location.pathname.get(), search)
        }
    };
    // The language changes only by this form's post and a new page.
    let current = i18n.get_locale_untracked();
    view! {
        <form method="post" action=SetLanguage::url() class="lang-switch">
            <input type="hidden" name="next" value=next/>
            <span class="visually-hidden" id="lang-label">{tu_string!(i18n, nav.language)}</span>
            <button type="submit" name="lang" value="uz" lang="uz" aria-describedby="lang-label"
                aria-pressed=(current == Locale::uz).to_string()>"Oʻzbekcha"</button>
            <button type="submit" name="lang" value="tr" lang="tr" aria-describedby="lang-label"
                aria-pressed=(current == Locale::tr).to_string()>"Türkçe"</button>
        </form>
    }
}
