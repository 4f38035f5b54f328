//! The shell (F1.4): layout, navigation per role, the language switch, the
//! account menu and the emergency contacts on every page.

mod home;
mod privacy;

use crate::accounts::api::{get_current_user, SignOut};
use crate::accounts::pages::{AccountPage, SignInPage, SignUpEmployerPage, SignUpPage};
use crate::accounts::{Role, SessionUser};
use crate::applications::pages::{ApplicationPage, ApplicationsPage, NotificationsPage};
use crate::companies::pages::{CompanyQueuePage, MyCompanyPage};
use crate::profiles::pages::ProfilePage;
use crate::vacancies::pages::{MyVacanciesPage, ProjectPage, SearchPage, VacancyFormPage, VacancyPage, VacancyQueuePage};
use crate::contacts::pages::{ContactsEditPage, EmergencyContacts};
use crate::error::AppError;
use crate::i18n::*;
use crate::lang::SetLanguage;
use crate::staff::pages::{MinimumWagePage, StaffAccountsPage, StaffConsolePage};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, SsrMode};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5d5b"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The signed-in user, as a resource of the calling component (each caller
/// gets its own, serialized with its own boundary for hydration).
pub fn use_current_user() -> Resource<Result<Option<SessionUser>, AppError>> {
    Resource::new(|| (), |_| get_current_user())
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Inner/>
        </I18nContextProvider>
    }
}

#[component]
fn Inner() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, site.title).to_string()/>
        <Router>
            <a class="skip" href="#main">{t!(i18n, nav.skip_to_content)}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/signup/employer") view=SignUpEmployerPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/privacy") view=privacy::PrivacyPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff") view=StaffConsolePage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/contacts") view=ContactsEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/accounts") view=StaffAccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("/employer/company") view=MyCompanyPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/companies") view=CompanyQueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/vacancies") view=VacancyQueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/vacancies") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/vacancies/:id") view=VacancyPage ssr=SsrMode::Async/>
                    <Route path=path!("/employer/vacancies") view=MyVacanciesPage ssr=SsrMode::Async/>
                    <Route path=path!("/employer/vacancies/new") view=VacancyFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/applications") view=ApplicationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/applications/:id") view=ApplicationPage ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/profile") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id") view=ProjectPage ssr=SsrMode::Async/>
                    <Route path=path!("/staff/minimum-wage") view=MinimumWagePage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="site-footer">
                <EmergencyContacts/>
                <p class="small">{t!(i18n, site.footer_note)}</p>
            </footer>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
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
    view! {
        <header class="site-header">
            <div class="bar">
                <a class="brand" href="/">"Köprü"</a>
                <LanguageSwitch/>
            </div>
            <nav aria-label=move || t_string!(i18n, nav.main_label).to_string()>
                <ul class="nav">
                    <li><a href="/">{t!(i18n, nav.home)}</a></li>
                    <li><a href="/vacancies">{t!(i18n, nav.vacancies)}</a></li>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            let (u, n) = header.await;
                            view! { <RoleNav user=u unread=n/> }
                        })}
                    </Transition>
                    <li><a href="#emergency" class="sos">{t!(i18n, nav.emergency)}</a></li>
                </ul>
            </nav>
        </header>
    }
}

/// Links for the role, and the account menu.
#[component]
fn RoleNav(user: Option<SessionUser>, unread: u64) -> impl IntoView {
    let i18n = use_i18n();
    match user {
        None => view! {
            <li><a href="/signin">{t!(i18n, nav.sign_in)}</a></li>
            <li><a href="/signup">{t!(i18n, nav.sign_up)}</a></li>
        }
        .into_any(),
        Some(u) => {
            let staff = matches!(u.role, Role::Staff | Role::Admin);
            let admin = u.role == Role::Admin;
            let employer = u.role == Role::Employer;
            let migrant = u.role == Role::Migrant;
            view! {
                <Show when=move || migrant>
                    <li><a href="/profile">{t!(i18n, nav.profile)}</a></li>
                </Show>
                <Show when=move || employer>
                    <li><a href="/employer/company">{t!(i18n, nav.my_company)}</a></li>
                    <li><a href="/employer/vacancies">{t!(i18n, nav.my_vacancies)}</a></li>
                </Show>
                <li><a href="/applications">{t!(i18n, nav.applications)}</a></li>
                <li><NotificationsLink unread/></li>
                <Show when=move || staff>
                    <li><a href="/staff">{t!(i18n, nav.staff_console)}</a></li>
                </Show>
                <Show when=move || admin>
                    <li><a href="/admin/accounts">{t!(i18n, nav.staff_accounts)}</a></li>
                </Show>
                <li>
                    <a href="/account" class="account-link">
                        <span class="visually-hidden">{t!(i18n, nav.account)} ": "</span>
                        {u.name.clone()}
                    </a>
                </li>
                <li>
                    <form method="post" action=SignOut::url() class="inline">
                        <button type="submit" class="link">{t!(i18n, nav.sign_out)}</button>
                    </form>
                </li>
            }
            .into_any()
        }
    }
}

/// The notifications link with the count of unread ones.
#[component]
fn NotificationsLink(unread: u64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a href="/notifications">
            {t!(i18n, nav.notifications)}
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
    let current = move || i18n.get_locale();
    view! {
        <form method="post" action=SetLanguage::url() class="lang-switch">
            <input type="hidden" name="next" value=next/>
            <span class="visually-hidden" id="lang-label">{t!(i18n, nav.language)}</span>
            <button type="submit" name="lang" value="uz" lang="uz" aria-describedby="lang-label"
                aria-pressed=move || (current() == Locale::uz).to_string()>"Oʻzbekcha"</button>
            <button type="submit" name="lang" value="tr" lang="tr" aria-describedby="lang-label"
                aria-pressed=move || (current() == Locale::tr).to_string()>"Türkçe"</button>
        </form>
    }
}

pub fn role_name(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Migrant => t_string!(i18n, roles.migrant),
        Role::Employer => t_string!(i18n, roles.employer),
        Role::Staff => t_string!(i18n, roles.staff),
        Role::Admin => t_string!(i18n, roles.admin),
    }
    .to_string()
}

/// Shown instead of a page that needs a session.
#[component]
pub fn SignInRequired() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let href = move || format!("/signin?next={}", location.pathname.get());
    view! {
        <section class="card narrow">
            <h1>{t!(i18n, account.sign_in_required)}</h1>
            <p><a href=href class="button primary">{t!(i18n, nav.sign_in)}</a></p>
        </section>
    }
}

/// Shown to a signed-in person whose role may not open the page.
#[component]
pub fn Forbidden() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card narrow">
            <h1>{t!(i18n, errors.forbidden)}</h1>
            <p><a href="/">{t!(i18n, nav.home)}</a></p>
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

#[component]
fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="card narrow">
            <h1>{t!(i18n, errors.not_found)}</h1>
            <p><a href="/">{t!(i18n, nav.home)}</a></p>
        </section>
    }
}
