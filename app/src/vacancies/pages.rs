use super::api::{
    employer_desk, get_project, get_vacancy, my_projects, search_vacancies, vacancy_review_queue, CloseVacancy,
    ReviewVacancy, SaveProject, SaveVacancy,
};
use super::{SearchQuery, Sort, TurkishLevel, Vacancy, VacancyStatus, VacancySummary};
use crate::accounts::api::get_current_user;
use crate::format::{date, money_try};
use crate::forms::{described_by, invalid, use_echo, use_form_error, FieldError, FormError};
use crate::i18n::*;
use crate::markup::Markup;
use crate::reference::api::{RefList, ReferenceLists};
use crate::ui::{options_markup, use_id_param, use_reference, use_refs, Loaded, RefSelect};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

pub fn level_text(i18n: leptos_i18n::I18nContext<Locale>, level: TurkishLevel) -> String {
    match level {
        TurkishLevel::None => tu_string!(i18n, vacancies.turkish_none),
        TurkishLevel::A1 => tu_string!(i18n, vacancies.level_a1),
        TurkishLevel::A2 => tu_string!(i18n, vacancies.level_a2),
        TurkishLevel::B1 => tu_string!(i18n, vacancies.level_b1),
        TurkishLevel::B2 => tu_string!(i18n, vacancies.level_b2),
    }
    .to_string()
}

fn status_text(i18n: leptos_i18n::I18nContext<Locale>, s: VacancyStatus) -> String {
    match s {
        VacancyStatus::Draft => tu_string!(i18n, vacancies.status_draft),
        VacancyStatus::Submitted => tu_string!(i18n, vacancies.status_submitted),
        VacancyStatus::Returned => tu_string!(i18n, vacancies.status_returned),
        VacancyStatus::Published => tu_string!(i18n, vacancies.status_published),
        VacancyStatus::Rejected => tu_string!(i18n, vacancies.status_rejected),
        VacancyStatus::Closed => tu_string!(i18n, vacancies.status_closed),
    }
    .to_string()
}

/// Reads the search filters from the URL.
fn query_from_url(q: &leptos_router::params::ParamsMap) -> SearchQuery {
    let num = |k: &str| q.get(k).and_then(|v| v.trim().parse::<i64>().ok());
    SearchQuery {
        q: q.get("q").unwrap_or_default().chars().take(200).collect(),
        sector: num("sector").map(|v| v as i32),
        province: num("province").map(|v| v as i32),
        min_wage: num("min_wage").filter(|w| *w > 0),
        housing: q.get("housing").is_some_and(|v| !v.is_empty()),
        no_certificate: q.get("no_certificate").is_some_and(|v| !v.is_empty()),
        sort: q.get("sort").and_then(|s| s.parse().ok()).unwrap_or_default(),
        page: num("page").unwrap_or(1).clamp(1, 10_000) as u32,
    }
}

/// The URL of another page of the same search.
fn page_href(q: &SearchQuery, page: u32) -> String {
    let mut pairs: Vec<(&str, String)> = vec![];
    if !q.q.is_empty() {
        pairs.push(("q", q.q.clone()));
    }
    if let Some(s) = q.sector {
        pairs.push(("sector", s.to_string()));
    }
    if let Some(p) = q.province {
        pairs.push(("province", p.to_string()));
    }
    if let Some(w) = q.min_wage {
        pairs.push(("min_wage", w.to_string()));
    }
    if q.housing {
        pairs.push(("housing", "1".into()));
    }
    if q.no_certificate {
        pairs.push(("no_certificate", "1".into()));
    }
    if q.sort != Sort::Newest {
        pairs.push(("sort", q.sort.as_str().into()));
    }
    pairs.push(("page", page.to_string()));
    format!("/vacancies?{}", crate::parse::query_string(pairs))
}

/// What the cards of a result page and a vacancy's page say, taken from the catalogue once per page.
pub struct VacancyTexts {
    pub locale: Locale,
    pub per_month_gross: &'static str,
    pub verified_company: &'static str,
    pub housing: &'static str,
    pub no_certificate_needed: &'static str,
    pub closes: &'static str,
    pub project_link: &'static str,
    pub description: &'static str,
}

impl VacancyTexts {
    fn of(i18n: leptos_i18n::I18nContext<Locale>) -> Self {
        VacancyTexts {
            locale: i18n.get_locale_untracked(),
            per_month_gross: tu_string!(i18n, vacancies.per_month_gross),
            verified_company: tu_string!(i18n, vacancies.verified_company),
            housing: tu_string!(i18n, vacancies.housing),
            no_certificate_needed: tu_string!(i18n, vacancies.no_certificate_needed),
            closes: tu_string!(i18n, vacancies.closes),
            project_link: tu_string!(i18n, vacancies.project_link),
            description: tu_string!(i18n, vacancies.description),
        }
    }
}

/// The cards of a result page, one `<li>` each, as markup (see [`crate::markup`]): twenty cards are most
/// of the page's nodes, and none of them changes once it is shown.
pub fn cards_markup(items: &[VacancySummary], lists: &ReferenceLists, t: &VacancyTexts) -> String {
    let mut m = Markup::with_capacity(520 * items.len());
    for v in items {
        // `rel="external"`: a document navigation even with the WASM, so Back
        // comes to the same place in the list (the browser restores it).
        m.raw("<li class=\"card vacancy\"><h2><a rel=\"external\" href=\"/vacancies/").int(v.id.into()).raw("\">");
        m.text(&lists.occupation(v.occupation_id)).raw("</a></h2>");
        m.raw("<p class=\"wage\">").text(&money_try(v.wage_kurus, t.locale));
        m.raw(" <span class=\"small\">").text(t.per_month_gross).raw("</span></p>");
        m.raw("<p>").text(&lists.province(v.province_id));
        if !v.district.is_empty() {
            m.text(", ").text(&v.district);
        }
        m.text(" · ").text(&v.company_name);
        if v.company_verified {
            m.raw(" <span class=\"badge\">").text(t.verified_company).raw("</span>");
        }
        m.raw("</p><p class=\"small\">");
        if v.housing {
            m.raw("<span class=\"tag\">").text(t.housing).raw("</span> ");
        }
        if !v.certificate_required {
            m.raw("<span class=\"tag\">").text(t.no_certificate_needed).raw("</span> ");
        }
        m.text(t.closes).text(" ").text(&date(&v.closing_date, t.locale)).raw("</p></li>");
    }
    m.into_string()
}

/// The labels of the search form, taken from the catalogue once per page.
pub struct FilterTexts {
    pub query: &'static str,
    pub sector: &'static str,
    pub province: &'static str,
    pub any: &'static str,
    pub min_wage: &'static str,
    pub sort: &'static str,
    pub sort_newest: &'static str,
    pub sort_wage: &'static str,
    pub housing: &'static str,
    pub no_certificate_needed: &'static str,
    pub search: &'static str,
    pub filters: &'static str,
}

impl FilterTexts {
    fn of(i18n: leptos_i18n::I18nContext<Locale>) -> Self {
        FilterTexts {
            query: tu_string!(i18n, vacancies.query_label),
            sector: tu_string!(i18n, companies.sector),
            province: tu_string!(i18n, companies.province),
            any: tu_string!(i18n, vacancies.any),
            min_wage: tu_string!(i18n, vacancies.min_wage_label),
            sort: tu_string!(i18n, vacancies.sort_label),
            sort_newest: tu_string!(i18n, vacancies.sort_newest),
            sort_wage: tu_string!(i18n, vacancies.sort_wage),
            housing: tu_string!(i18n, vacancies.housing),
            no_certificate_needed: tu_string!(i18n, vacancies.no_certificate_needed),
            search: tu_string!(i18n, vacancies.search_button),
            filters: tu_string!(i18n, vacancies.filters),
        }
    }
}

/// The fields of the search form, filled in from the query, as markup (see [`crate::markup`]).
pub fn filters_markup(q: &SearchQuery, lists: &ReferenceLists, t: &FilterTexts) -> String {
    let mut m = Markup::with_capacity(6000);
    m.raw("<label for=\"q\">").text(t.query).raw("</label><div class=\"search-row\">");
    m.raw("<input id=\"q\" name=\"q\" type=\"search\" value=\"").attr(&q.q).raw("\" maxlength=\"200\">");
    m.raw("<button type=\"submit\" class=\"primary\">").text(t.search).raw("</button></div>");
    // The other filters fold away, so that on a phone the results start on the first screen.
    let active = [q.sector.is_some(), q.province.is_some(), q.min_wage.is_some(), q.housing, q.no_certificate]
        .into_iter()
        .filter(|on| *on)
        .count();
    m.raw("<details class=\"more-filters\"><summary>").text(t.filters);
    if active > 0 {
        m.text(" (").int(active as i64).text(")");
    }
    m.raw("</summary>");
    m.raw("<div class=\"grid2\"><div class=\"stack\"><label for=\"sector\">").text(t.sector).raw("</label>");
    m.raw("<select id=\"sector\" name=\"sector\">");
    m.raw_owned(&options_markup(lists.list(RefList::Sectors), q.sector, Some(t.any))).raw("</select></div>");
    m.raw("<div class=\"stack\"><label for=\"province\">").text(t.province).raw("</label>");
    m.raw("<select id=\"province\" name=\"province\">");
    m.raw_owned(&options_markup(lists.list(RefList::Provinces), q.province, Some(t.any))).raw("</select></div>");
    m.raw("<div class=\"stack\"><label for=\"min_wage\">").text(t.min_wage).raw("</label>");
    m.raw("<input id=\"min_wage\" name=\"min_wage\" type=\"number\" inputmode=\"numeric\" min=\"0\" step=\"500\" value=\"");
    if let Some(w) = q.min_wage {
        m.int(w);
    }
    m.raw("\"></div><div class=\"stack\"><label for=\"sort\">")
        .text(t.sort)
        .raw("</label><select id=\"sort\" name=\"sort\">");
    let selected = |on: bool| if on { "\" selected>" } else { "\">" };
    m.raw("<option value=\"newest").raw(selected(q.sort == Sort::Newest)).text(t.sort_newest).raw("</option>");
    m.raw("<option value=\"wage").raw(selected(q.sort == Sort::Wage)).text(t.sort_wage).raw("</option>");
    m.raw("</select></div></div>");
    let checked = |on: bool| if on { "\" checked>" } else { "\">" };
    m.raw("<div class=\"check\"><input id=\"housing\" name=\"housing\" type=\"checkbox\" value=\"1")
        .raw(checked(q.housing));
    m.raw("<label for=\"housing\">").text(t.housing).raw("</label></div>");
    m.raw("<div class=\"check\"><input id=\"no_certificate\" name=\"no_certificate\" type=\"checkbox\" value=\"1");
    m.raw(checked(q.no_certificate))
        .raw("<label for=\"no_certificate\">")
        .text(t.no_certificate_needed)
        .raw("</label></div>");
    m.raw("<button type=\"submit\" class=\"primary\">").text(t.search).raw("</button></details>");
    m.into_string()
}

/// Public search (F2.4): a GET form, so it works without JavaScript and the
/// URL can be shared over Telegram.
#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = Memo::new(move |_| query.with(query_from_url));
    let results = Resource::new(move || q.get(), search_vacancies);
    use_reference();
    view! {
        <h1>{tu_string!(i18n, vacancies.search_title)}</h1>
        <Loaded resource=results let:r>
            {
                let lists = use_refs();
                let cur = q.get_untracked();
                let locale = i18n.get_locale_untracked();
                let prev = (r.page > 1).then(|| page_href(&cur, r.page - 1));
                let next = r.has_next.then(|| page_href(&cur, r.page + 1));
                view! {
                    <p role="status" class="count">
                        {if r.matches == 0 {
                            tu_string!(i18n, vacancies.nothing_found).to_string()
                        } else {
                            let n = crate::format::integer(r.matches.min(crate::vacancies::MATCHES_COUNTED_UP_TO) as i64, locale);
                            let plus = if r.matches > crate::vacancies::MATCHES_COUNTED_UP_TO { "+" } else { "" };
                            format!("{n}{plus} {}", tu_string!(i18n, vacancies.found))
                        }}
                        {(r.page > 1).then(|| view! { " · " {tu_string!(i18n, vacancies.page)} " " {crate::format::integer(r.page as i64, locale)} })}
                    </p>
                    <form method="get" action="/vacancies" class="card filters" role="search"
                        inner_html=filters_markup(&cur, &lists, &FilterTexts::of(i18n))></form>
                    <ul class="results" inner_html=cards_markup(&r.items, &lists, &VacancyTexts::of(i18n))></ul>
                    <nav class="pager" aria-label=tu_string!(i18n, vacancies.pages).to_string()>
                        {prev.map(|h| view! { <a href=h rel="prev">{tu_string!(i18n, vacancies.prev)}</a> })}
                        {next.map(|h| view! { <a href=h rel="next">{tu_string!(i18n, vacancies.next)}</a> })}
                    </nav>
                }
            }
        </Loaded>
    }
}

/// A vacancy above its apply box, as markup (see [`crate::markup`]); `facts` from [`crate::markup::definitions`].
/// The description as the reader gets it: the Uzbek text for Uzbek readers
/// when there is one, else the Turkish; its language, and the label saying so
/// when it is not the reader's.
pub struct Described<'a> {
    pub text: &'a str,
    pub lang: Locale,
    pub label: Option<&'a str>,
}

pub fn vacancy_markup(v: &Vacancy, occupation: &str, facts: &str, text: &Described, t: &VacancyTexts) -> String {
    let mut m = Markup::with_capacity(1200 + facts.len() + text.text.len());
    m.raw("<h1>").text(occupation).raw("</h1><p>").text(&v.company_name).text(" ");
    if v.company_verified {
        m.raw("<span class=\"badge\">").text(t.verified_company).raw("</span>");
    }
    m.raw("</p><p class=\"wage\">").text(&money_try(v.wage_kurus, t.locale));
    m.raw(" <span class=\"small\">").text(t.per_month_gross).raw("</span></p>");
    m.raw("<dl class=\"facts\">").raw_owned(facts).raw("</dl>");
    if let Some(p) = v.project_id {
        m.raw("<p><a href=\"/projects/").int(p.into()).raw("\">").text(t.project_link).raw("</a></p>");
    }
    m.raw("<h2>").text(t.description);
    if let Some(label) = text.label {
        m.raw(" <span class=\"small\">").text(label).raw("</span>");
    }
    m.raw("</h2><p class=\"prewrap\" lang=\"").raw(leptos_i18n::Locale::as_str(text.lang)).raw("\">");
    m.text(text.text).raw("</p>");
    m.into_string()
}

/// A vacancy's structured facts as `<dt>`/`<dd>` markup, in the reader's language.
fn vacancy_facts(i18n: leptos_i18n::I18nContext<Locale>, v: &Vacancy, lists: &ReferenceLists) -> String {
    let locale = i18n.get_locale_untracked();
    let yn =
        move |b: bool| if b { tu_string!(i18n, vacancies.yes) } else { tu_string!(i18n, vacancies.no) }.to_string();
    let district = if v.district.is_empty() { String::new() } else { format!(", {}", v.district) };
    crate::markup::definitions(&[
        (tu_string!(i18n, companies.sector), lists.sector(v.sector_id)),
        (tu_string!(i18n, companies.province), format!("{}{district}", lists.province(v.province_id))),
        (tu_string!(i18n, vacancies.places_free), crate::format::integer(i64::from(v.positions - v.filled), locale)),
        (tu_string!(i18n, vacancies.places_total), crate::format::integer(i64::from(v.positions), locale)),
        (tu_string!(i18n, vacancies.hours), v.hours_per_week.to_string()),
        (tu_string!(i18n, vacancies.housing), yn(v.housing)),
        (tu_string!(i18n, vacancies.meals), yn(v.meals)),
        (tu_string!(i18n, vacancies.transport), yn(v.transport)),
        (tu_string!(i18n, vacancies.contract_months), v.contract_months.to_string()),
        (tu_string!(i18n, vacancies.turkish_level), level_text(i18n, v.turkish_level)),
        (tu_string!(i18n, vacancies.certificate_required), yn(v.certificate_required)),
        (tu_string!(i18n, vacancies.required_qualification), required_text(i18n, v)),
        (tu_string!(i18n, vacancies.start_date), date(&v.start_date, locale)),
        (tu_string!(i18n, vacancies.closing_date), date(&v.closing_date, locale)),
        (tu_string!(i18n, vacancies.fees), tu_string!(i18n, vacancies.no_fees).to_string()),
    ])
}

/// The qualification a vacancy requires, as one line (`—` when none).
fn required_text(i18n: leptos_i18n::I18nContext<Locale>, v: &Vacancy) -> String {
    match &v.qualification {
        Some(q) => format!(
            "{} ({}, {})",
            q.title(i18n.get_locale_untracked() == Locale::uz),
            q.code,
            tu_string!(i18n, skills.level_n).replace("%N%", &q.level.to_string())
        ),
        None => tu_string!(i18n, vacancies.no_required_qualification).to_string(),
    }
}

/// F3.2, F4.4: what the vacancy's required qualification means for its reader:
/// the hazardous-work warning, and for a signed-in migrant whether a
/// certificate of theirs counts (else where to get one).
#[component]
fn CertificateNotice(v: Vacancy) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    v.qualification.clone().map(|q| {
        let standing = v.reader_certificate.clone();
        view! {
            <div class="certificate-notice" data-qualification=q.id.to_string()>
                <p><strong>{tu_string!(i18n, vacancies.requires_certificate)}</strong> " " {required_text(i18n, &v)}</p>
                {q.hazardous.then(|| view! { <p class="notice warn hazardous">{tu_string!(i18n, vacancies.hazardous_warning)}</p> })}
                {match standing {
                    Some(crate::skills::ReaderCertificate::Holds { id, number, valid_until }) => view! {
                        <p class="notice" role="status" data-certificate="holds">
                            {tu_string!(i18n, vacancies.you_hold)} " " <a href=format!("/skills/certificates/{id}")><code>{number}</code></a>
                            " · " {tu_string!(i18n, skills.valid_until)} " " {date(&valid_until, locale)}
                        </p>
                    }.into_any(),
                    Some(crate::skills::ReaderCertificate::Missing) => view! {
                        <p class="notice warn" data-certificate="missing">{tu_string!(i18n, vacancies.you_lack)} " "
                            <a href=format!("/skills?qualification={}#request-title", q.id)>{tu_string!(i18n, skills.request_link)}</a>
                        </p>
                    }.into_any(),
                    // A visitor: the apply box asks them to sign in; whoever else reads it holds no certificate.
                    None => ().into_any(),
                }}
            </div>
        }
    })
}

/// Staff's decision on a submitted vacancy: publish (writing the Uzbek text
/// when the employer left it out), or send back or reject with a reason from
/// the list. `plain`: the page's only review box (its ids need no prefix).
#[component]
pub fn ReviewBox(
    v: Vacancy,
    /// What a refused form had (the page's `use_echo`, read once per page).
    echo: crate::forms::echo::Echo,
    #[prop(default = false)] plain: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form_error();
    // The box whose form was refused keeps the plain ids, its errors and its text.
    let refused = plain || echo.value("vacancy_id") == Some(v.id.to_string());
    let echo = if refused { echo } else { Default::default() };
    let ids = (!refused).then(|| format!("v{}-", v.id));
    let tid = format!("{}text_uz", ids.clone().unwrap_or_default());
    let reader = v.owner_lang.as_deref().and_then(crate::lang::parse_locale);
    let missing = v.text_uz.is_none();
    view! {
        <div class="review">
            <form method="post" action=ReviewVacancy::url() class="stack" novalidate>
                <input type="hidden" name="vacancy_id" value=v.id.to_string()/>
                {missing.then(|| view! {
                    <p class="flag">{tu_string!(i18n, vacancies.uz_missing)}</p>
                    <label for=tid.clone()>{tu_string!(i18n, vacancies.text_uz_by_staff)}</label>
                    <textarea id=tid.clone() name="text_uz" rows="5" maxlength="5000" required
                        aria-describedby=move || refused.then(|| described_by(error, "text_uz", None)()).flatten()
                        aria-invalid=move || refused.then(|| invalid(error, "text_uz")()).flatten()>
                        {crate::ui::textarea_text(echo.value("text_uz").unwrap_or_default())}
                    </textarea>
                    {refused.then(|| view! { <FieldError error field="text_uz"/> })}
                })}
                <button type="submit" name="decision" value="publish" class="primary">{tu_string!(i18n, vacancies.publish)}</button>
            </form>
            <form method="post" action=ReviewVacancy::url() class="stack" novalidate>
                <input type="hidden" name="vacancy_id" value=v.id.to_string()/>
                <crate::reasons::ReasonFields decision=crate::reasons::ReasonFor::Vacancy reader ids echo/>
                <div class="actions">
                    <button type="submit" name="decision" value="return" class="secondary">{tu_string!(i18n, vacancies.send_back)}</button>
                    <button type="submit" name="decision" value="reject" class="secondary">{tu_string!(i18n, companies.reject)}</button>
                </div>
            </form>
        </div>
    }
}

/// One vacancy with every structured field in the reader's language.
#[component]
pub fn VacancyPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id_param();
    // The reader too, in the same resource: the apply box depends on the role.
    let vacancy = Resource::new(
        move || id.get(),
        |id| async move {
            let v = get_vacancy(id).await?;
            Ok((v, get_current_user().await?))
        },
    );
    use_reference();
    view! {
        <Loaded resource=vacancy let:data>
            {
                let (v, reader) = data;
                let lists = use_refs();
                let locale = i18n.get_locale_untracked();
                {
                        let facts = vacancy_facts(i18n, &v, &lists);
                        let (text, lang) = match (locale, &v.text_uz) {
                            (Locale::uz, Some(t)) => (t.as_str(), Locale::uz),
                            _ => (v.text_tr.as_str(), Locale::tr),
                        };
                        let described = Described { text, lang, label: crate::reasons::written_in(i18n, lang) };
                        let html = vacancy_markup(&v, &lists.occupation(v.occupation_id), &facts, &described, &VacancyTexts::of(i18n));
                        // Staff decide on their own page (a lazy chunk: the migrant's download stays small).
                        let staff = reader.as_ref().is_some_and(|u| u.role.is_staff());
                        let review = (staff && v.status == VacancyStatus::Submitted).then(|| view! {
                            <p><a class="button primary" href=format!("/staff/vacancies/{}", v.id)>{tu_string!(i18n, vacancies.review)}</a></p>
                        });
                        view! {
                            <article class="card vacancy-page">
                                <div inner_html=html></div>
                                <CertificateNotice v=v.clone()/>
                                {review}
                                {v.company_suspended.then(|| view! {
                                    <p class="notice warn" role="status">{tu_string!(i18n, vacancies.company_suspended)}</p>
                                })}
                                <crate::applications::pages::ApplyBox vacancy_id=v.id open=v.status == VacancyStatus::Published && !v.company_suspended reader/>
                                // F6.1: a plain link to the report form (a lazy page of its own).
                                {(v.status == VacancyStatus::Published).then(|| view! {
                                    <p class="tool-list"><a href=format!("/vacancies/{}/report-fee", v.id)>{tu_string!(i18n, cases.fee_link)}</a></p>
                                })}
                            </article>
                        }
                }
            }
        </Loaded>
    }
}

/// The employer's vacancies, with their review status.
#[component]
pub fn MyVacanciesPage() -> impl IntoView {
    use crate::companies::CompanyStatus;
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| employer_desk());
    use_reference();
    let query = use_query_map();
    let submitted = move || query.with(|q| q.get("submitted").is_some());
    let drafted = move || query.with(|q| q.get("drafted").is_some());
    let closed = move || query.with(|q| q.get("closed").is_some());
    let closing = query.with_untracked(|q| q.get("close").and_then(|v| v.parse::<i32>().ok()));
    let error = use_form_error();
    view! {
        <Loaded resource=list let:data>
            {
                let super::api::Desk { vacancies: items, projects, company, candidates } = data;
                let lists = use_refs();
                let locale = i18n.get_locale_untracked();
                let status = company.as_ref().map(|c| c.status);
                let verified = status == Some(CompanyStatus::Verified);
                // While the company awaits verification, vacancies are saved as drafts.
                let may_write = matches!(status, Some(CompanyStatus::Verified | CompanyStatus::Pending));
                // Before the 20-field form: whether the company may post at all yet.
                let banner = match company {
                    None => Some(view! {
                        <div class="notice warn" role="status">
                            <p>{tu_string!(i18n, vacancies.banner_no_company)}</p>
                            <p><a class="button primary" href="/employer/company">{tu_string!(i18n, companies.register_title)}</a></p>
                        </div>
                    }.into_any()),
                    Some(c) => match c.status {
                        CompanyStatus::Pending => Some(view! {
                            <p class="notice warn" role="status">{tu_string!(i18n, vacancies.banner_pending)}</p>
                        }.into_any()),
                        CompanyStatus::Rejected => Some(view! {
                            <div class="notice warn" role="status">
                                <p>{tu_string!(i18n, vacancies.banner_rejected)}</p>
                                <crate::reasons::ReasonShown code=c.reason_code note=c.reason lang=c.reason_lang/>
                                <p><a class="button primary" href="/employer/company">{tu_string!(i18n, vacancies.banner_correct_company)}</a></p>
                            </div>
                        }.into_any()),
                        CompanyStatus::Suspended => Some(view! {
                            <p class="notice warn" role="status">{tu_string!(i18n, vacancies.banner_suspended)}</p>
                        }.into_any()),
                        CompanyStatus::Verified => None,
                    },
                };
                let count = |id: i32| candidates.iter().find(|c| c.0 == id).map_or(0, |c| i64::from(c.1));
                view! {
                        <section class="card">
                            <h1>{tu_string!(i18n, nav.my_vacancies)}</h1>
                            {banner}
                            <Show when=submitted>
                                <p class="notice" role="status">{tu_string!(i18n, vacancies.submitted_notice)}</p>
                            </Show>
                            <Show when=drafted>
                                <p class="notice" role="status">{tu_string!(i18n, vacancies.drafted_notice)}</p>
                            </Show>
                            <Show when=closed>
                                <p class="notice" role="status">{tu_string!(i18n, vacancies.closed_notice)}</p>
                            </Show>
                            <FormError error/>
                            {closing.filter(|id| items.iter().any(|v| v.id == *id && v.status == VacancyStatus::Published)).map(|id| view! {
                                <form method="post" action=CloseVacancy::url() class="stack confirm">
                                    <input type="hidden" name="vacancy_id" value=id.to_string()/>
                                    <p role="alert"><strong>{tu_string!(i18n, vacancies.close)}</strong> " — " {tu_string!(i18n, vacancies.close_confirm)}</p>
                                    <div class="actions">
                                        <button type="submit" class="primary">{tu_string!(i18n, vacancies.close_yes)}</button>
                                        <a class="button secondary" rel="external" href="/employer/vacancies">{tu_string!(i18n, vacancies.close_no)}</a>
                                    </div>
                                </form>
                            })}
                            {may_write.then(|| view! {
                                <p><a class="button primary" href=if verified { "/employer/vacancies/new" } else { "/employer/vacancies/new?draft=1" }>{tu_string!(i18n, vacancies.new_title)}</a></p>
                            })}
                            {(!items.is_empty()).then(|| view! {
                                <div class="table-scroll" role="region" tabindex="0" aria-labelledby="my-vacancies-title">
                                <table class="list">
                                    <caption id="my-vacancies-title">{tu_string!(i18n, nav.my_vacancies)}</caption>
                                    <thead><tr>
                                        <th scope="col">{tu_string!(i18n, vacancies.occupation)}</th>
                                        <th scope="col">{tu_string!(i18n, vacancies.city)}</th>
                                        <th scope="col">{tu_string!(i18n, vacancies.status)}</th>
                                        <th scope="col">{tu_string!(i18n, vacancies.candidates)}</th>
                                        <th scope="col">{tu_string!(i18n, vacancies.places)}</th>
                                        <th scope="col">{tu_string!(i18n, vacancies.closing_date)}</th>
                                        <th scope="col">{tu_string!(i18n, vacancies.actions)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {items.into_iter().map(|v| {
                                            let city = if v.district.is_empty() { lists.province(v.province_id) } else { format!("{}, {}", lists.province(v.province_id), v.district) };
                                            view! {
                                                <tr>
                                                    <td><a href=format!("/vacancies/{}", v.id)>{lists.occupation(v.occupation_id)}</a></td>
                                                    <td>{city}</td>
                                                    <td>{status_text(i18n, v.status)}
                                                        <crate::reasons::ReasonShown code=v.review_reason_code note=v.review_reason.clone() lang=v.review_reason_lang.clone()/></td>
                                                    <td><a href="/applications">{crate::format::integer(count(v.id), locale)}</a></td>
                                                    <td>{tu_string!(i18n, vacancies.places_filled)} " " {crate::format::integer(i64::from(v.filled), locale)}
                                                        " / " {crate::format::integer(i64::from(v.positions), locale)}</td>
                                                    <td>{date(&v.closing_date, locale)}</td>
                                                    <td>
                                                        {match v.status {
                                                            VacancyStatus::Returned => Some(view! {
                                                                <a href=format!("/employer/vacancies/new?edit={}", v.id)>{tu_string!(i18n, vacancies.correct)}</a>
                                                            }.into_any()),
                                                            VacancyStatus::Draft => Some(view! {
                                                                <a href=format!("/employer/vacancies/new?edit={}&draft=1", v.id)>{tu_string!(i18n, vacancies.edit_draft)}</a>
                                                            }.into_any()),
                                                            VacancyStatus::Published => Some(view! {
                                                                <a rel="external" href=format!("/employer/vacancies?close={}", v.id)>{tu_string!(i18n, vacancies.close)}</a>
                                                            }.into_any()),
                                                            _ => None,
                                                        }}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                </div>
                            })}
                            {verified.then(|| view! {
                                <h2>{tu_string!(i18n, vacancies.projects)}</h2>
                                <ul class="results">
                                    {projects.into_iter().map(|p| view! {
                                        <li><a href=format!("/projects/{}", p.id)>{p.name}</a></li>
                                    }).collect_view()}
                                </ul>
                                <details class="card">
                                    <summary>{tu_string!(i18n, vacancies.new_project)}</summary>
                                    <FormError error/>
                                    <form method="post" action=SaveProject::url() class="stack">
                                        <label for="project_name">{tu_string!(i18n, vacancies.project_name)}</label>
                                        <input id="project_name" name="name" type="text" required maxlength="200"/>
                                        <label for="project_province">{tu_string!(i18n, companies.province)}</label>
                                        <select id="project_province" name="province_id" required>
                                            {lists.provinces.iter().map(|p| view! { <option value=p.id.to_string()>{p.name.clone()}</option> }).collect_view()}
                                        </select>
                                        <label for="description_tr">{tu_string!(i18n, vacancies.text_tr)}</label>
                                        <textarea id="description_tr" name="description_tr" rows="4" required maxlength="5000"></textarea>
                                        <label for="description_uz">{tu_string!(i18n, vacancies.text_uz)}</label>
                                        <textarea id="description_uz" name="description_uz" rows="4" maxlength="5000"></textarea>
                                        <button type="submit" class="primary">{tu_string!(i18n, vacancies.save_project)}</button>
                                    </form>
                                </details>
                            })}
                        </section>
                }
            }
        </Loaded>
    }
}

/// The vacancy form (new, or correcting one that staff sent back).
#[component]
pub fn VacancyFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let edit = Memo::new(move |_| query.with(|q| q.get("edit").and_then(|v| v.parse::<i32>().ok())));
    // The company awaits verification: the form saves a draft (the server decides; this is its label).
    let draft = query.with_untracked(|q| q.get("draft").is_some());
    // The vacancy being corrected (if any) and the employer's projects.
    let data = Resource::new(
        move || edit.get(),
        |id| async move {
            let v = match id {
                Some(id) => Some(get_vacancy(id).await?),
                None => None,
            };
            Ok((v, my_projects().await?, crate::skills::api::qualification_catalogue().await?.qualifications))
        },
    );
    use_reference();
    let error = use_form_error();
    let echo = use_echo();
    view! {
        <Loaded resource=data let:data>
            {
                let (v, projects, qualifications) = data;
                let lists = use_refs();
                let locale = i18n.get_locale_untracked();
                let min = lists.minimum_wage_kurus.map(|k| money_try(k, locale));
                // What was typed into a refused form, else the vacancy being corrected.
                let g = {
                    let (echo, v) = (echo.clone(), v.clone());
                    move |name: &str, f: fn(&Vacancy) -> String| echo.or(name, || v.as_ref().map(f).unwrap_or_default())
                };
                let number = {
                    let g = g.clone();
                    move |id: &'static str, min: &'static str, max: &'static str, saved: fn(&Vacancy) -> String| view! {
                        <input id=id name=id type="number" inputmode="numeric" min=min max=max required value=g(id, saved)
                            aria-describedby=described_by(error, id, None) aria-invalid=invalid(error, id)/>
                        <FieldError error field=id/>
                    }
                };
                let date_field = {
                    let g = g.clone();
                    move |id: &'static str, saved: fn(&Vacancy) -> String| view! {
                        <input id=id name=id type="date" required value=g(id, saved)
                            aria-describedby=described_by(error, id, None) aria-invalid=invalid(error, id)/>
                        <FieldError error field=id/>
                    }
                };
                let level = echo.value("turkish_level").and_then(|l| l.parse::<TurkishLevel>().ok())
                    .or(v.as_ref().map(|v| v.turkish_level));
                let project = echo.id("project_id", v.as_ref().and_then(|v| v.project_id));
                let required = echo.id("required_qualification_id", v.as_ref().and_then(|v| v.required_qualification_id));
                let saved_id = |f: fn(&Vacancy) -> i32| v.as_ref().map(f);
                view! {
                    <section class="card narrow">
                        <h1>{tu_string!(i18n, vacancies.new_title)}</h1>
                        <FormError error/>
                        <form method="post" action=SaveVacancy::url() class="stack" novalidate>
                            {v.as_ref().map(|v| view! { <input type="hidden" name="vacancy_id" value=v.id.to_string()/> })}
                            <label for="sector_id">{tu_string!(i18n, companies.sector)}</label>
                            <RefSelect id="sector_id" list=RefList::Sectors selected=echo.id("sector_id", saved_id(|v| v.sector_id)) error/>
                            <label for="occupation_id">{tu_string!(i18n, vacancies.occupation)}</label>
                            <RefSelect id="occupation_id" list=RefList::Occupations selected=echo.id("occupation_id", saved_id(|v| v.occupation_id)) error/>
                            <label for="positions">{tu_string!(i18n, vacancies.positions)}</label>
                            {number("positions", "1", "1000", |v| v.positions.to_string())}
                            <label for="province_id">{tu_string!(i18n, companies.province)}</label>
                            <RefSelect id="province_id" list=RefList::Provinces selected=echo.id("province_id", saved_id(|v| v.province_id)) error/>
                            <label for="district">{tu_string!(i18n, vacancies.district)}</label>
                            <input id="district" name="district" type="text" maxlength="100" value=g("district", |v| v.district.clone())
                                aria-describedby=described_by(error, "district", None) aria-invalid=invalid(error, "district")/>
                            <FieldError error field="district"/>
                            <label for="wage">{tu_string!(i18n, vacancies.wage_label)}</label>
                            <input id="wage" name="wage" type="text" inputmode="decimal" required value=g("wage", |v| (v.wage_kurus / 100).to_string())
                                aria-describedby=described_by(error, "wage", Some("wage-hint")) aria-invalid=invalid(error, "wage")/>
                            <p class="hint" id="wage-hint">{tu_string!(i18n, vacancies.wage_hint)} " " {min}</p>
                            <FieldError error field="wage"/>
                            <label for="hours_per_week">{tu_string!(i18n, vacancies.hours)}</label>
                            {number("hours_per_week", "1", "72", |v| v.hours_per_week.to_string())}
                            <label for="contract_months">{tu_string!(i18n, vacancies.contract_months)}</label>
                            {number("contract_months", "1", "60", |v| v.contract_months.to_string())}
                            <label for="turkish_level">{tu_string!(i18n, vacancies.turkish_level)}</label>
                            <select id="turkish_level" name="turkish_level">
                                {TurkishLevel::all().map(|l| {
                                    view! { <option value=l.as_str() selected=level == Some(l)>{level_text(i18n, l)}</option> }
                                }).collect_view()}
                            </select>
                            {[("housing", v.as_ref().is_some_and(|v| v.housing)), ("meals", v.as_ref().is_some_and(|v| v.meals)),
                              ("transport", v.as_ref().is_some_and(|v| v.transport)), ("certificate_required", v.as_ref().is_some_and(|v| v.certificate_required))]
                                .into_iter().map(|(name, saved)| {
                                    let label = match name {
                                        "housing" => tu_string!(i18n, vacancies.housing),
                                        "meals" => tu_string!(i18n, vacancies.meals),
                                        "transport" => tu_string!(i18n, vacancies.transport),
                                        _ => tu_string!(i18n, vacancies.certificate_required),
                                    };
                                    view! {
                                        <div class="check">
                                            <input id=name name=name type="checkbox" value="1" checked=echo.checked(name, saved)/>
                                            <label for=name>{label.to_string()}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            <label for="required_qualification_id">{tu_string!(i18n, vacancies.required_qualification)}</label>
                            <select id="required_qualification_id" name="required_qualification_id"
                                aria-describedby=described_by(error, "required_qualification_id", Some("qualification-hint"))
                                aria-invalid=invalid(error, "required_qualification_id")>
                                <option value="0">{tu_string!(i18n, vacancies.no_required_qualification)}</option>
                                {qualifications.into_iter().map(|q| {
                                    let label = format!("{} ({})", q.title(locale == Locale::uz), q.code);
                                    view! { <option value=q.id.to_string() selected=required == Some(q.id)>{label}</option> }
                                }).collect_view()}
                            </select>
                            <p class="hint" id="qualification-hint">{tu_string!(i18n, vacancies.required_qualification_hint)}</p>
                            <FieldError error field="required_qualification_id"/>
                            <label for="start_date">{tu_string!(i18n, vacancies.start_date)}</label>
                            {date_field("start_date", |v| v.start_date.clone())}
                            <label for="closing_date">{tu_string!(i18n, vacancies.closing_date)}</label>
                            {date_field("closing_date", |v| v.closing_date.clone())}
                            <label for="project_id">{tu_string!(i18n, vacancies.project)}</label>
                            <select id="project_id" name="project_id">
                                <option value="0">{tu_string!(i18n, vacancies.no_project)}</option>
                                {projects.into_iter().map(|p| {
                                    view! { <option value=p.id.to_string() selected=project == Some(p.id)>{p.name}</option> }
                                }).collect_view()}
                            </select>
                            <label for="text_tr">{tu_string!(i18n, vacancies.text_tr)}</label>
                            <textarea id="text_tr" name="text_tr" rows="6" required maxlength="5000"
                                aria-describedby=described_by(error, "text_tr", None) aria-invalid=invalid(error, "text_tr")>{crate::ui::textarea_text(g("text_tr", |v| v.text_tr.clone()))}</textarea>
                            <FieldError error field="text_tr"/>
                            <label for="text_uz">{tu_string!(i18n, vacancies.text_uz)}</label>
                            <textarea id="text_uz" name="text_uz" rows="6" maxlength="5000"
                                aria-describedby=described_by(error, "text_uz", None) aria-invalid=invalid(error, "text_uz")>{crate::ui::textarea_text(g("text_uz", |v| v.text_uz.clone().unwrap_or_default()))}</textarea>
                            <FieldError error field="text_uz"/>
                            {draft.then(|| view! { <p class="hint">{tu_string!(i18n, vacancies.draft_hint)}</p> })}
                            <button type="submit" class="primary">{if draft { tu_string!(i18n, vacancies.save_draft) } else { tu_string!(i18n, vacancies.submit) }}</button>
                        </form>
                    </section>
                }
            }
        </Loaded>
    }
}

/// Staff: one submitted vacancy as the public will see it, with the decision.
#[component]
pub fn StaffVacancyPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id_param();
    let vacancy = Resource::new(move || id.get(), get_vacancy);
    use_reference();
    let error = use_form_error();
    let echo = use_echo();
    view! {
        <Loaded resource=vacancy let:v>
            {
                let lists = use_refs();
                let facts = vacancy_facts(i18n, &v, &lists);
                let described = Described { text: &v.text_tr, lang: Locale::tr, label: crate::reasons::written_in(i18n, Locale::tr) };
                let html = vacancy_markup(&v, &lists.occupation(v.occupation_id), &facts, &described, &VacancyTexts::of(i18n));
                let pending = v.status == VacancyStatus::Submitted;
                view! {
                    <article class="card vacancy-page">
                        <div inner_html=html></div>
                        {v.text_uz.clone().map(|t| view! {
                            <h2>{tu_string!(i18n, vacancies.text_uz)}</h2>
                            <p class="prewrap" lang="uz">{t}</p>
                        })}
                        <p><span class="tag">{status_text(i18n, v.status)}</span></p>
                        <FormError error/>
                        {pending.then(|| view! { <ReviewBox v=v.clone() echo=echo.clone() plain=true/> })}
                    </article>
                }
            }
        </Loaded>
    }
}

/// Staff: vacancies waiting for review, oldest first, each card with what
/// the decision needs (every fact, both texts, what is missing) and the
/// decision itself.
#[component]
pub fn VacancyQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let queue = Resource::new(|| (), |_| vacancy_review_queue());
    use_reference();
    let error = use_form_error();
    let echo = use_echo();
    view! {
        <Loaded resource=queue let:items>
            {
                let lists = use_refs();
                let locale = i18n.get_locale_untracked();
                view! {
                        <section class="card">
                            <h1>{tu_string!(i18n, nav.vacancy_queue)} " (" {items.len()} ")"</h1>
                            <FormError error/>
                            {items.is_empty().then(|| view! { <p>{tu_string!(i18n, staff.queue_empty)}</p> })}
                            <ul class="queue">
                                {items.into_iter().map(|v| {
                                    let facts = vacancy_facts(i18n, &v, &lists);
                                    view! {
                                        <li class="card">
                                            <h2><a href=format!("/vacancies/{}", v.id)>{lists.occupation(v.occupation_id)}</a></h2>
                                            <p>{v.company_name.clone()} " · " <strong>{money_try(v.wage_kurus, locale)}</strong>
                                               " " <span class="small">{tu_string!(i18n, vacancies.per_month_gross)}</span>
                                               " · " {tu_string!(i18n, staff.waiting_since)} " " {date(&v.created_at, locale)}</p>
                                            <dl class="facts" inner_html=facts></dl>
                                            <details>
                                                <summary>{tu_string!(i18n, vacancies.text_tr)}</summary>
                                                <p class="prewrap" lang="tr">{v.text_tr.clone()}</p>
                                            </details>
                                            {v.text_uz.clone().map(|t| view! {
                                                <details>
                                                    <summary>{tu_string!(i18n, vacancies.text_uz)}</summary>
                                                    <p class="prewrap" lang="uz">{t}</p>
                                                </details>
                                            })}
                                            <ReviewBox v echo=echo.clone()/>
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

/// A project's public page with its open vacancies.
#[component]
pub fn ProjectPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id_param();
    let project = Resource::new(move || id.get(), get_project);
    use_reference();
    view! {
        <Loaded resource=project let:data>
            {
                let (p, vacancies) = data;
                let lists = use_refs();
                let locale = i18n.get_locale_untracked();
                {
                        let (text, lang) = match (locale, &p.description_uz) {
                            (Locale::uz, Some(t)) => (t.clone(), Locale::uz),
                            _ => (p.description_tr.clone(), Locale::tr),
                        };
                        let label = crate::reasons::written_in(i18n, lang);
                        view! {
                            <article class="card">
                                <h1>{p.name.clone()}</h1>
                                <p>{p.company_name.clone()} " " <span class="badge">{tu_string!(i18n, vacancies.verified_company)}</span>
                                   " · " {lists.province(p.province_id)}</p>
                                {label.map(|l| view! { <p class="small">{l}</p> })}
                                <p class="prewrap" lang=leptos_i18n::Locale::as_str(lang)>{text}</p>
                                <h2>{tu_string!(i18n, vacancies.search_title)}</h2>
                                <ul class="results" inner_html=cards_markup(&vacancies, &lists, &VacancyTexts::of(i18n))></ul>
                            </article>
                        }
                }
            }
        </Loaded>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::api::Named;
    use crate::ui::options_markup;

    fn lists() -> ReferenceLists {
        let n = |id, name: &str| Named { id, name: name.into(), parent: None };
        ReferenceLists {
            occupations: vec![n(10, "Gʻisht teruvchi")],
            provinces: vec![n(34, "İstanbul"), n(35, "İzmir")],
            ..Default::default()
        }
    }

    fn summary() -> VacancySummary {
        crate::vacancies::tests::summary("<script>alert(1)</script> & \"Ortaklar\"")
    }

    fn texts(locale: Locale) -> VacancyTexts {
        VacancyTexts {
            locale,
            per_month_gross: "oyiga",
            verified_company: "Tasdiqlangan",
            housing: "Turar joy",
            no_certificate_needed: "Sertifikat shart emas",
            closes: "Qabul tugaydi:",
            project_link: "Loyiha",
            description: "Tavsif",
        }
    }

    #[test]
    fn a_card_shows_every_fact_and_escapes_what_employers_typed() {
        let html = cards_markup(&[summary()], &lists(), &texts(Locale::uz));
        assert_eq!(
            html,
            "<li class=\"card vacancy\"><h2><a rel=\"external\" href=\"/vacancies/7\">Gʻisht teruvchi</a></h2>\
             <p class=\"wage\">35\u{a0}030,00\u{a0}TRY <span class=\"small\">oyiga</span></p>\
             <p>İstanbul, Esenyurt · &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Ortaklar\" \
             <span class=\"badge\">Tasdiqlangan</span></p>\
             <p class=\"small\"><span class=\"tag\">Turar joy</span> <span class=\"tag\">Sertifikat shart emas</span> \
             Qabul tugaydi: 02.02.2027</p></li>"
        );
    }

    fn filter_texts() -> FilterTexts {
        FilterTexts {
            query: "Soʻz",
            sector: "Soha",
            province: "Viloyat",
            any: "Hammasi",
            min_wage: "Eng kam maosh",
            sort: "Tartib",
            sort_newest: "Yangilari",
            sort_wage: "Maosh",
            housing: "Turar joy",
            no_certificate_needed: "Sertifikat shart emas",
            search: "Qidirish",
            filters: "Filtrlar",
        }
    }

    #[test]
    fn the_search_form_is_filled_in_from_the_query_and_escapes_it() {
        let q = SearchQuery {
            q: "\"><script>x</script>".into(),
            province: Some(35),
            min_wage: Some(30000),
            housing: true,
            sort: Sort::Wage,
            ..Default::default()
        };
        let html = filters_markup(&q, &lists(), &filter_texts());
        assert!(html.contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\" maxlength=\"200\">"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("<option value=\"35\" selected>İzmir</option>"), "{html}");
        assert!(html.contains("<option value=\"34\">İstanbul</option>"), "{html}");
        assert!(
            html.contains("<select id=\"sector\" name=\"sector\"><option value=\"\">Hammasi</option></select>"),
            "{html}"
        );
        assert!(html.contains("value=\"30000\">"), "{html}");
        assert!(
            html.contains("<option value=\"newest\">Yangilari</option><option value=\"wage\" selected>Maosh</option>")
        );
        assert!(html.contains("name=\"housing\" type=\"checkbox\" value=\"1\" checked>"), "{html}");
        assert!(html.contains("name=\"no_certificate\" type=\"checkbox\" value=\"1\"><label"), "{html}");
        // The word search stays on the first screen; the rest folds away, saying how many are set.
        assert!(html.contains("<details class=\"more-filters\"><summary>Filtrlar (3)</summary>"), "{html}");
        assert!(html.find("type=\"search\"") < html.find("<details"), "{html}");
    }

    #[test]
    fn an_empty_query_gives_an_empty_form() {
        let html = filters_markup(&SearchQuery::default(), &lists(), &filter_texts());
        assert!(html.contains("type=\"search\" value=\"\" maxlength"), "{html}");
        assert!(!html.contains("selected>İ") && !html.contains("checked"), "{html}");
        assert!(html.contains("<option value=\"newest\" selected>Yangilari</option>"), "{html}");
        assert!(html.contains("step=\"500\" value=\"\">"), "{html}");
        assert!(html.contains("<summary>Filtrlar</summary>"), "no count when nothing is set: {html}");
    }

    #[test]
    fn a_vacancy_escapes_what_its_employer_typed_and_links_its_project() {
        let v = Vacancy {
            id: 7,
            company_id: 2,
            company_name: "<b>Anadolu</b> & Ortaklar".into(),
            company_verified: true,
            company_suspended: false,
            sector_id: 1,
            occupation_id: 10,
            positions: 5,
            filled: 2,
            province_id: 35,
            district: String::new(),
            wage_kurus: 3_503_000,
            hours_per_week: 45,
            housing: true,
            meals: false,
            transport: false,
            contract_months: 12,
            turkish_level: TurkishLevel::A2,
            certificate_required: false,
            start_date: "2027-01-15".into(),
            closing_date: "2027-02-02".into(),
            text_tr: String::new(),
            text_uz: None,
            status: VacancyStatus::Published,
            review_reason: None,
            review_reason_code: None,
            review_reason_lang: None,
            owner_lang: None,
            created_at: "2026-12-01T10:00:00Z".into(),
            project_id: Some(3),
            required_qualification_id: None,
            qualification: None,
            reader_certificate: None,
        };
        let t = VacancyTexts {
            verified_company: "Doğrulanmış",
            per_month_gross: "aylık brüt",
            project_link: "Proje",
            description: "Açıklama",
            ..texts(Locale::tr)
        };
        let text = Described { text: "Satır 1\n<script>x</script>", lang: Locale::tr, label: None };
        let html = vacancy_markup(&v, "Kaynakçı", "<dt>İl</dt><dd>İzmir</dd>", &text, &t);
        assert_eq!(
            html,
            "<h1>Kaynakçı</h1><p>&lt;b&gt;Anadolu&lt;/b&gt; &amp; Ortaklar <span class=\"badge\">Doğrulanmış</span></p>\
             <p class=\"wage\">35.030,00\u{a0}TL <span class=\"small\">aylık brüt</span></p>\
             <dl class=\"facts\"><dt>İl</dt><dd>İzmir</dd></dl><p><a href=\"/projects/3\">Proje</a></p>\
             <h2>Açıklama</h2><p class=\"prewrap\" lang=\"tr\">Satır 1\n&lt;script&gt;x&lt;/script&gt;</p>"
        );
        // A text in another language than the reader's says so.
        let turkish = Described { text: "", lang: Locale::tr, label: Some("(turkcha yozilgan)") };
        let plain = vacancy_markup(&Vacancy { company_verified: false, project_id: None, ..v }, "K", "", &turkish, &t);
        assert!(!plain.contains("badge") && !plain.contains("/projects/"), "{plain}");
        assert!(
            plain.contains(
                "<h2>Açıklama <span class=\"small\">(turkcha yozilgan)</span></h2><p class=\"prewrap\" lang=\"tr\">"
            ),
            "{plain}"
        );
    }

    #[test]
    fn a_card_leaves_out_what_does_not_apply() {
        let v = VacancySummary {
            district: String::new(),
            housing: false,
            certificate_required: true,
            company_verified: false,
            ..summary()
        };
        let html = cards_markup(&[v.clone(), v], &lists(), &texts(Locale::tr));
        assert_eq!(html.matches("<li ").count(), 2);
        assert!(!html.contains("tag") && !html.contains("badge") && !html.contains("İstanbul,"), "{html}");
        assert!(html.contains("35.030,00\u{a0}TL"), "{html}");
        assert_eq!(cards_markup(&[], &lists(), &texts(Locale::tr)), "");
    }

    #[test]
    fn options_mark_the_selected_one_and_escape_names() {
        let mut l = lists();
        l.provinces.push(Named { id: 1, name: "A<b>\"".into(), parent: None });
        let html = options_markup(&l.provinces, Some(35), Some("Hammasi"));
        assert_eq!(
            html,
            "<option value=\"\">Hammasi</option><option value=\"34\">İstanbul</option>\
             <option value=\"35\" selected>İzmir</option><option value=\"1\">A&lt;b&gt;\"</option>"
        );
        assert!(!options_markup(&l.provinces, None, None).contains("selected"));
    }
}
