//! The document shell and the router: every URL and the page that answers it.
//! Dependencies point one way: routes → feature pages → `ui`.

use crate::accounts::pages::{AccountPage, SignInPage, SignUpEmployerPage, SignUpPage};
use crate::applications::pages::{ApplicationPage, ApplicationsPage, NotificationsPage};
use crate::companies::pages::{CompanyQueuePage, MyCompanyPage};
use crate::contacts::pages::ContactsEditPage;
use crate::i18n::*;
use crate::profiles::pages::ProfilePage;
use crate::shell::{home::HomePage, privacy::PrivacyPage, Footer, Header, NotFound};
use crate::staff::pages::{MinimumWagePage, StaffAccountsPage, StaffConsolePage};
use crate::vacancies::pages::{
    MyVacanciesPage, ProjectPage, SearchPage, VacancyFormPage, VacancyPage, VacancyQueuePage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
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

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Site/>
        </I18nContextProvider>
    }
}

#[component]
fn Site() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        // A plain string, not a closure: leptos_meta reads the title after the
        // page has rendered, when the reactive owner of the request may be gone
        // (a closure over the locale signal then panics and the response never
        // ends). The language changes by a full page load anyway.
        <Title text=t_string!(i18n, site.title).to_string()/>
        <Router>
            <a class="skip" href="#main">{t!(i18n, nav.skip_to_content)}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async/>
                    <Route path=path!("/signup/employer") view=SignUpEmployerPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/privacy") view=PrivacyPage ssr=SsrMode::Async/>
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
            <Footer/>
        </Router>
    }
}
