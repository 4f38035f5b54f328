//! The document shell and the router: every URL and the page that answers it.
//! Dependencies point one way: routes → feature pages → `ui`.

use crate::i18n::*;
use crate::shell::{home::HomePage, Footer, Header, NotFound};
use crate::vacancies::pages::{SearchPage, VacancyPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5d5b"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" id="leptos" href=format!("/{}/{}.css", options.site_pkg_dir, asset_names(&options).css)/>
                <HydrationScript options/>
                <KeepTyped/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Loads the JS and the WASM only after the page has loaded and the browser is
/// idle, without preload hints: on slow mobile data the HTML and the CSS (what
/// the migrant reads, and every form works without JavaScript) get the whole
/// line first, and the WASM never delays the first or the largest paint. Both
/// files are fetched in parallel once loading starts. Replaces
/// Leptos' `HydrationScripts`, whose `defer` still preloads both files early.
#[component]
fn HydrationScript(options: LeptosOptions) -> impl IntoView {
    let Assets { js, wasm, .. } = asset_names(&options);
    let pkg = &options.site_pkg_dir;
    let script = format!(
        "(()=>{{const h=()=>{{const w=fetch('/{pkg}/{wasm}.wasm');\
         import('/{pkg}/{js}.js').then(m=>m.default({{module_or_path:w}}).then(()=>m.hydrate()))}};\
         const i=()=>'requestIdleCallback' in window?requestIdleCallback(h,{{timeout:1500}}):setTimeout(h,50);\
         document.readyState==='complete'?i():addEventListener('load',i,{{once:true}})}})()"
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}

/// The language switch keeps what was typed in an open form (issue 8): the
/// switch is a form post that reloads the page in the other language, so just
/// before it goes, this keeps the values of the page's forms in the tab's
/// `sessionStorage`, and the reloaded page (the same path) puts them back and
/// forgets them. Never a password or a passport number; nothing leaves the
/// browser. A few hundred bytes in the page itself, before any WASM: it works
/// while the WASM is still downloading.
#[component]
fn KeepTyped() -> impl IntoView {
    const SCRIPT: &str = "(()=>{const K='kopru_keep',S=sessionStorage,\
        F=()=>[...document.querySelectorAll('main form')],\
        E=f=>[...f.elements].filter(e=>e.name&&!/^(password|hidden|submit|button|file)$/.test(e.type)&&!/password|passport/.test(e.name)),\
        V=e=>e.type==='checkbox'||e.type==='radio'?e.checked:e.value;\
        addEventListener('submit',ev=>{if(!ev.target.matches('.lang-switch'))return;\
        try{S.setItem(K,JSON.stringify([location.pathname,F().map(f=>E(f).map(e=>[e.name,V(e)]))]))}catch(_){}},true);\
        try{const v=JSON.parse(S.getItem(K)||'null');S.removeItem(K);\
        if(v&&v[0]===location.pathname)F().forEach((f,i)=>{const d=v[1][i]||[];E(f).forEach((e,j)=>{const s=d[j];\
        if(!s||s[0]!==e.name)return;if(typeof s[1]==='boolean')e.checked=s[1];else e.value=s[1]})})}catch(_){}})()";
    view! { <script type="module" nonce=leptos::nonce::use_nonce() inner_html=SCRIPT></script> }
}

/// The built assets' file names without extension.
#[derive(Clone)]
struct Assets {
    js: String,
    wasm: String,
    css: String,
}

/// With `hash-files`, the names carry the hashes that cargo-leptos wrote to
/// `hash.txt` beside the binary: read once per process, not per page as Leptos'
/// own components do.
fn asset_names(options: &LeptosOptions) -> Assets {
    static NAMES: std::sync::OnceLock<Assets> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            let name = options.output_name.to_string();
            if !options.hash_files {
                let wasm =
                    if option_env!("LEPTOS_OUTPUT_NAME").is_none() { format!("{name}_bg") } else { name.clone() };
                return Assets { js: name.clone(), wasm, css: name };
            }
            let hashes = std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
                .and_then(|path| std::fs::read_to_string(path).ok())
                .unwrap_or_default();
            let with = |kind: &str| {
                let hash = hashes.lines().filter_map(|l| l.trim().split_once(':')).find(|(k, _)| *k == kind);
                hash.map(|(_, h)| format!("{name}.{}", h.trim())).unwrap_or_else(|| name.clone())
            };
            Assets { js: with("js"), wasm: with("wasm"), css: with("css") }
        })
        .clone()
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
        <Title text=tu_string!(i18n, site.title).to_string()/>
        <Router>
            <a class="skip" href="#main">{tu_string!(i18n, nav.skip_to_content)}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/signin") view={Lazy::<lazy::SignInPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view={Lazy::<lazy::SignUpPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/signup/employer") view={Lazy::<lazy::SignUpEmployerPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/account") view={Lazy::<lazy::AccountPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/verify") view={Lazy::<lazy::VerifyPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/reset") view={Lazy::<lazy::ResetPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/privacy") view={Lazy::<lazy::PrivacyPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/services/:service") view={Lazy::<lazy::ServicePage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff") view={Lazy::<lazy::StaffConsolePage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/contacts") view={Lazy::<lazy::ContactsEditPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/cases") view={Lazy::<lazy::StaffCaseQueuePage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/accounts") view={Lazy::<lazy::StaffAccountsPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/outbox") view={Lazy::<lazy::OutboxPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/employer/company") view={Lazy::<lazy::MyCompanyPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/companies") view={Lazy::<lazy::CompanyQueuePage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/vacancies") view={Lazy::<lazy::VacancyQueuePage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/vacancies/:id") view={Lazy::<lazy::StaffVacancyPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/vacancies") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/vacancies/:id") view=VacancyPage ssr=SsrMode::Async/>
                    <Route path=path!("/vacancies/:id/report-fee") view={Lazy::<lazy::ReportFeePage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/employer/vacancies") view={Lazy::<lazy::MyVacanciesPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/employer/vacancies/new") view={Lazy::<lazy::VacancyFormPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/applications") view={Lazy::<lazy::ApplicationsPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/applications/:id") view={Lazy::<lazy::ApplicationPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view={Lazy::<lazy::NotificationsPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/cases") view={Lazy::<lazy::MyCasesPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/cases/new") view={Lazy::<lazy::NewCasePage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/cases/:id") view={Lazy::<lazy::CasePage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/profile") view={Lazy::<lazy::ProfilePage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:id") view={Lazy::<lazy::ProjectPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/minimum-wage") view={Lazy::<lazy::MinimumWagePage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/announcements") view={Lazy::<lazy::AnnouncementsPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/announcements/:slug") view={Lazy::<lazy::AnnouncementPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/announcements") view={Lazy::<lazy::StaffAnnouncementsPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/announcements/:id") view={Lazy::<lazy::StaffAnnouncementPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/contributions") view={Lazy::<lazy::ContributionsPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/contributions") view={Lazy::<lazy::StaffContributionsPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/qualifications") view={Lazy::<lazy::QualificationsPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/certificates/verify") view={Lazy::<lazy::VerifyCertificatePage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/skills") view={Lazy::<lazy::MySkillsPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/skills/certificates/:id") view={Lazy::<lazy::CertificatePage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/qualifications") view={Lazy::<lazy::StaffQualificationsPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/qualifications/:id") view={Lazy::<lazy::StaffQualificationPage>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/assessments") view={Lazy::<lazy::StaffAssessmentsPage>::new()} ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

/// Every page but the three a migrant opens first (home, search, a vacancy) and
/// "not found", each in its own WASM chunk (cargo-leptos `--split`): the first
/// download does not grow with every staff, employer or account screen.
/// Each page is loaded when it is first shown; its data starts loading in the
/// same moment, inside the page.
mod lazy {
    use leptos::prelude::*;
    use leptos_router::{lazy_route, LazyRoute};

    macro_rules! lazy_pages {
        ($($page:ident => $component:path),* $(,)?) => {$(
            pub struct $page;

            #[lazy_route]
            impl LazyRoute for $page {
                fn data() -> Self {
                    $page
                }

                fn view(_this: Self) -> AnyView {
                    $component().into_any()
                }
            }
        )*};
    }

    lazy_pages! {
        QualificationsPage => crate::skills::pages::QualificationsPage,
        VerifyCertificatePage => crate::skills::pages::VerifyPage,
        MySkillsPage => crate::skills::pages::MySkillsPage,
        CertificatePage => crate::skills::pages::CertificatePage,
        StaffQualificationsPage => crate::skills::pages::StaffQualificationsPage,
        StaffQualificationPage => crate::skills::pages::StaffQualificationPage,
        StaffAssessmentsPage => crate::skills::pages::StaffAssessmentsPage,
        StaffConsolePage => crate::staff::pages::StaffConsolePage,
        StaffCaseQueuePage => crate::staff::cases::StaffCaseQueuePage,
        ContactsEditPage => crate::contacts::pages::ContactsEditPage,
        ServicePage => crate::shell::home::ServicePage,
        StaffAccountsPage => crate::staff::pages::StaffAccountsPage,
        OutboxPage => crate::outbox::pages::OutboxPage,
        MyCompanyPage => crate::companies::pages::MyCompanyPage,
        CompanyQueuePage => crate::companies::pages::CompanyQueuePage,
        VacancyQueuePage => crate::vacancies::pages::VacancyQueuePage,
        StaffVacancyPage => crate::vacancies::pages::StaffVacancyPage,
        MyVacanciesPage => crate::vacancies::pages::MyVacanciesPage,
        VacancyFormPage => crate::vacancies::pages::VacancyFormPage,
        MinimumWagePage => crate::staff::pages::MinimumWagePage,
        AccountPage => crate::accounts::pages::AccountPage,
        SignInPage => crate::accounts::pages::SignInPage,
        VerifyPage => crate::accounts::recovery::VerifyPage,
        ResetPage => crate::accounts::recovery::ResetPage,
        SignUpPage => crate::accounts::pages::SignUpPage,
        SignUpEmployerPage => crate::accounts::pages::SignUpEmployerPage,
        ApplicationsPage => crate::applications::pages::ApplicationsPage,
        ApplicationPage => crate::applications::pages::ApplicationPage,
        NotificationsPage => crate::applications::pages::NotificationsPage,
        MyCasesPage => crate::cases::pages::MyCasesPage,
        NewCasePage => crate::cases::pages::NewCasePage,
        CasePage => crate::cases::pages::CasePage,
        ReportFeePage => crate::cases::pages::ReportFeePage,
        ProfilePage => crate::profiles::pages::ProfilePage,
        PrivacyPage => crate::shell::privacy::PrivacyPage,
        ProjectPage => crate::vacancies::pages::ProjectPage,
        AnnouncementsPage => crate::announcements::pages::AnnouncementsPage,
        AnnouncementPage => crate::announcements::pages::AnnouncementPage,
        StaffAnnouncementsPage => crate::announcements::pages::StaffAnnouncementsPage,
        StaffAnnouncementPage => crate::announcements::pages::StaffAnnouncementPage,
        ContributionsPage => crate::contributions::pages::ContributionsPage,
        StaffContributionsPage => crate::contributions::pages::StaffContributionsPage,
    }
}
