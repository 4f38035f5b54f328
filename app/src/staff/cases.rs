//! One kind's queue of cases for staff (F4.1): `/staff/cases?kind=help`, its
//! counts, its filters as a plain GET form (they live in the URL, so the page
//! works without JavaScript and a filtered queue can be shared), and its open
//! cases, urgent first, then the oldest.

use crate::cases::api::case_queue;
use crate::cases::stage::stages_of;
use crate::cases::{CaseKind, CaseLine, Category, Queue, QueueFilter, Stage};
use crate::error::AppError;
use crate::i18n::*;
use crate::shell::NotFound;
use crate::ui::{age_text, Loaded};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

/// What the URL asks for: the kind (none: not a kind, the page is not found)
/// and the filters, each kept only when the form offers it.
pub fn wanted(q: &ParamsMap) -> Option<(CaseKind, QueueFilter)> {
    let kind = q.get("kind")?.parse::<CaseKind>().ok()?;
    let holder = match q.get("holder").as_deref() {
        Some("mine") => "mine",
        Some("unassigned") => "unassigned",
        _ => "",
    };
    let stage = q
        .get("stage")
        .and_then(|s| s.parse::<Stage>().ok())
        .filter(|s| open_stages(kind).contains(s))
        .map(|s| s.as_str().to_string())
        .unwrap_or_default();
    let urgent = q.get("urgent").is_some_and(|v| !v.is_empty() && v != "false");
    Some((kind, QueueFilter { holder: holder.into(), stage, urgent }))
}

/// The stages a kind's queue can be filtered by: its open ones.
pub fn open_stages(kind: CaseKind) -> Vec<Stage> {
    stages_of(kind).iter().copied().filter(|s| s.is_open()).collect()
}

/// Seconds since the epoch, where the page's data is fetched (the server when
/// it renders the page; the browser afterwards).
fn now_secs() -> i64 {
    crate::format::now().timestamp()
}

fn secs_of(rfc3339: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(rfc3339).ok().map(|t| t.timestamp())
}

/// `DD.MM.YYYY, HH:MM` in Türkiye time (UTC+3, no summer time), where the
/// representation works.
pub fn turkiye_time(rfc3339: &str) -> String {
    let tr = chrono::FixedOffset::east_opt(3 * 3600).expect("a valid offset");
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => t.with_timezone(&tr).format("%d.%m.%Y, %H:%M").to_string(),
        Err(_) => rfc3339.to_string(),
    }
}

pub fn kind_name(i18n: leptos_i18n::I18nContext<Locale>, k: CaseKind) -> &'static str {
    match k {
        CaseKind::Regularisation => tu_string!(i18n, cases.kind_regularisation),
        CaseKind::Help => tu_string!(i18n, cases.kind_help),
        CaseKind::FeeReport => tu_string!(i18n, cases.kind_feereport),
        CaseKind::Complaint => tu_string!(i18n, cases.kind_complaint),
        CaseKind::Claim => tu_string!(i18n, cases.kind_claim),
    }
}

pub fn category_name(i18n: leptos_i18n::I18nContext<Locale>, c: Category) -> &'static str {
    match c {
        Category::UnpaidWages => tu_string!(i18n, cases.cat_unpaidwages),
        Category::ConfiscatedDocuments => tu_string!(i18n, cases.cat_confiscateddocuments),
        Category::WorkplaceAccident => tu_string!(i18n, cases.cat_workplaceaccident),
        Category::Housing => tu_string!(i18n, cases.cat_housing),
        Category::Detention => tu_string!(i18n, cases.cat_detention),
        Category::Health => tu_string!(i18n, cases.cat_health),
        Category::Family => tu_string!(i18n, cases.cat_family),
        Category::Abuse => tu_string!(i18n, cases.cat_abuse),
        Category::Other => tu_string!(i18n, cases.cat_other),
    }
}

fn stage_name(i18n: leptos_i18n::I18nContext<Locale>, s: Stage) -> &'static str {
    match s {
        Stage::Submitted => tu_string!(i18n, cases.stage_submitted),
        Stage::DocumentsRequested => tu_string!(i18n, cases.stage_documentsrequested),
        Stage::DocumentsSubmitted => tu_string!(i18n, cases.stage_documentssubmitted),
        Stage::UnderReview => tu_string!(i18n, cases.stage_underreview),
        Stage::Decided => tu_string!(i18n, cases.stage_decided),
        Stage::Closed => tu_string!(i18n, cases.stage_closed),
        Stage::Withdrawn => tu_string!(i18n, cases.stage_withdrawn),
    }
}

/// One kind's queue: the counts, the filters, the open cases.
#[component]
pub fn StaffCaseQueuePage() -> impl IntoView {
    let query = use_query_map();
    let asked = Memo::new(move |_| query.with(wanted));
    let queue = Resource::new(
        move || asked.get(),
        |asked| async move {
            let (kind, filter) = asked.ok_or(AppError::NotFound)?;
            let q = case_queue(kind, filter.clone()).await?;
            Ok((q, filter, now_secs()))
        },
    );
    view! {
        <Show when=move || asked.with(Option::is_some) fallback=|| view! { <NotFound/> }>
            <Loaded resource=queue let:data>
                {
                    let (q, filter, now) = data;
                    view! { <QueueView q filter now/> }
                }
            </Loaded>
        </Show>
    }
}

#[component]
fn QueueView(q: Queue, filter: QueueFilter, now: i64) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let n = move |v: u64| crate::format::integer(v as i64, locale);
    let kind = q.kind;
    let oldest = q.oldest.as_deref().and_then(secs_of).map(|t| (now - t).max(0) / 3600);
    let filtered = filter != QueueFilter::default();
    let shown = q.lines.len() as u64;
    let selected_stage = filter.stage.parse::<Stage>().ok();
    let urgent_class = if q.urgent != 0 { "card overdue" } else { "card" };
    view! {
        <section class="card">
            <p class="small"><a href="/staff">"← " {tu_string!(i18n, staff.cases_back)}</a></p>
            <h1>{format!("{}: {}", kind_name(i18n, kind), tu_string!(i18n, staff.cases_queue))}</h1>
            <p>{tu_string!(i18n, staff.cases_intro)}</p>
            <ul class="cards queues">
                <li class="card">
                    <p>{tu_string!(i18n, staff.cases_open)}</p>
                    <p class="count">{n(q.open)}</p>
                    {oldest.map(|h| view! { <p class="small">{tu_string!(i18n, staff.oldest)} " " {age_text(i18n, h, locale)}</p> })}
                </li>
                <li class="card">
                    <p>{tu_string!(i18n, staff.cases_mine)}</p>
                    <p class="count">{n(q.mine)}</p>
                </li>
                <li class=urgent_class>
                    <p>{tu_string!(i18n, staff.cases_urgent)}</p>
                    <p class="count">{n(q.urgent)}</p>
                </li>
            </ul>
            <form method="get" action="/staff/cases" class="card filters" role="search">
                <fieldset>
                    <legend>{tu_string!(i18n, staff.cases_filters)}</legend>
                    <input type="hidden" name="kind" value=kind.as_str()/>
                    <div class="grid2">
                        <div class="stack">
                            <label for="holder">{tu_string!(i18n, cases.holder)}</label>
                            <select id="holder" name="holder">
                                <option value="" selected=filter.holder.is_empty()>{tu_string!(i18n, staff.cases_holder_all)}</option>
                                <option value="mine" selected=filter.holder == "mine">{tu_string!(i18n, staff.cases_holder_mine)}</option>
                                <option value="unassigned" selected=filter.holder == "unassigned">{tu_string!(i18n, staff.cases_holder_unassigned)}</option>
                            </select>
                        </div>
                        <div class="stack">
                            <label for="stage">{tu_string!(i18n, staff.cases_stage)}</label>
                            <select id="stage" name="stage">
                                <option value="" selected=selected_stage.is_none()>{tu_string!(i18n, staff.cases_stage_all)}</option>
                                {open_stages(kind).into_iter().map(|s| view! {
                                    <option value=s.as_str() selected=selected_stage == Some(s)>{stage_name(i18n, s)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    </div>
                    <div class="check">
                        <input id="urgent" name="urgent" type="checkbox" value="1" checked=filter.urgent/>
                        <label for="urgent">{tu_string!(i18n, staff.cases_urgent_only)}</label>
                    </div>
                    <button type="submit" class="primary">{tu_string!(i18n, staff.cases_apply)}</button>
                    {filtered.then(|| view! {
                        " " <a href=format!("/staff/cases?kind={}", kind.as_str())>{tu_string!(i18n, staff.cases_reset)}</a>
                    })}
                </fieldset>
            </form>
            <h2 id="case-lines-title">{tu_string!(i18n, staff.cases_list)}</h2>
            <p role="status" class="small">{tu_string!(i18n, staff.cases_shown)} " " {n(shown)} " · " {tu_string!(i18n, staff.cases_times)}</p>
            {q.lines.is_empty().then(|| view! { <p>{tu_string!(i18n, staff.cases_none)}</p> })}
            {(!q.lines.is_empty()).then(|| view! {
                <div class="table-scroll" role="region" tabindex="0" aria-labelledby="case-lines-title">
                    <table class="list case-lines">
                        <thead><tr>
                            <th scope="col">{tu_string!(i18n, staff.cases_col_number)}</th>
                            <th scope="col">{tu_string!(i18n, cases.category)}</th>
                            <th scope="col">{tu_string!(i18n, cases.owner_title)}</th>
                            <th scope="col">{tu_string!(i18n, cases.holder)}</th>
                            <th scope="col">{tu_string!(i18n, cases.filed)}</th>
                            <th scope="col">{tu_string!(i18n, staff.cases_stage)}</th>
                            <th scope="col">{tu_string!(i18n, cases.staff_due)}</th>
                        </tr></thead>
                        <tbody>
                            {q.lines.into_iter().map(|line| view! { <LineRow line now/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

/// One case of the queue.
#[component]
fn LineRow(line: CaseLine, now: i64) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let hours_since = |t: &str| secs_of(t).map(|s| (now - s).max(0) / 3600).unwrap_or(0);
    let overdue = line.due_at.as_deref().and_then(secs_of).is_some_and(|d| d < now);
    let waits_for_migrant = line.stage.waits_for_migrant();
    let class = match (line.urgent, overdue) {
        (_, true) => "overdue",
        (true, false) => "urgent",
        _ => "",
    };
    let number = tu_string!(i18n, cases.number).replace("%ID%", &line.id.to_string());
    view! {
        <tr class=class>
            <td>
                <a href=format!("/cases/{}", line.id)>{number}</a>
                {line.urgent.then(|| view! { " " <strong class="tag urgent-tag">{tu_string!(i18n, cases.urgent)}</strong> })}
            </td>
            <td>{line.category.map(|c| category_name(i18n, c)).unwrap_or("—")}</td>
            <td>
                {line.owner_name}
                {line.awaiting_staff.then(|| view! { <br/><span class="tag flag-tag">{tu_string!(i18n, cases.awaiting_staff)}</span> })}
            </td>
            <td>{line.holder.unwrap_or_else(|| tu_string!(i18n, cases.holder_none).to_string())}</td>
            <td>
                {turkiye_time(&line.created_at)}
                <br/><span class="small">{tu_string!(i18n, staff.waiting_for)} " " {age_text(i18n, hours_since(&line.created_at), locale)}</span>
            </td>
            <td>
                {stage_name(i18n, line.stage)}
                <br/><span class="small">{tu_string!(i18n, staff.cases_since)} " " {turkiye_time(&line.stage_entered_at)}</span>
            </td>
            <td>
                {match line.due_at {
                    Some(d) => view! {
                        {turkiye_time(&d)}
                        {overdue.then(|| view! { " " <strong class="tag overdue-tag">{tu_string!(i18n, staff.overdue)}</strong> })}
                        {waits_for_migrant.then(|| view! { <br/><span class="small">{tu_string!(i18n, staff.cases_due_migrant)}</span> })}
                    }.into_any(),
                    None => "—".into_any(),
                }}
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> ParamsMap {
        let mut m = ParamsMap::new();
        for (k, v) in pairs {
            m.insert(k.to_string(), v.to_string());
        }
        m
    }

    #[test]
    fn the_url_gives_the_kind_and_only_filters_the_form_offers() {
        assert_eq!(wanted(&map(&[])), None);
        assert_eq!(wanted(&map(&[("kind", "visa")])), None, "not a kind: not found");
        assert_eq!(wanted(&map(&[("kind", "Help")])), None, "lower case only");
        assert_eq!(wanted(&map(&[("kind", "help")])), Some((CaseKind::Help, QueueFilter::default())));
        let f = |holder: &str, stage: &str, urgent: bool| QueueFilter {
            holder: holder.into(),
            stage: stage.into(),
            urgent,
        };
        assert_eq!(
            wanted(&map(&[("kind", "help"), ("holder", "mine"), ("stage", "underreview"), ("urgent", "1")])),
            Some((CaseKind::Help, f("mine", "underreview", true)))
        );
        assert_eq!(
            wanted(&map(&[("kind", "feereport"), ("holder", "unassigned"), ("urgent", "")])),
            Some((CaseKind::FeeReport, f("unassigned", "", false)))
        );
        // A stage the kind does not have, a closed one, a holder the form does not offer: dropped.
        assert_eq!(
            wanted(&map(&[("kind", "help"), ("stage", "documentsrequested"), ("holder", "7")])),
            Some((CaseKind::Help, f("", "", false)))
        );
        assert_eq!(
            wanted(&map(&[("kind", "complaint"), ("stage", "closed")])),
            Some((CaseKind::Complaint, f("", "", false)))
        );
        assert_eq!(
            wanted(&map(&[("kind", "regularisation"), ("stage", "documentsrequested")])),
            Some((CaseKind::Regularisation, f("", "documentsrequested", false)))
        );
    }

    #[test]
    fn open_stages_per_kind() {
        assert_eq!(
            open_stages(CaseKind::Regularisation),
            vec![Stage::Submitted, Stage::DocumentsRequested, Stage::DocumentsSubmitted, Stage::UnderReview]
        );
        assert_eq!(open_stages(CaseKind::Claim), open_stages(CaseKind::Regularisation));
        for k in [CaseKind::Help, CaseKind::FeeReport, CaseKind::Complaint] {
            assert_eq!(open_stages(k), vec![Stage::Submitted, Stage::UnderReview]);
        }
    }

    #[test]
    fn times_are_shown_in_turkiye_time() {
        assert_eq!(turkiye_time("2026-12-15T21:30:00+00:00"), "16.12.2026, 00:30");
        assert_eq!(turkiye_time("2026-12-15T09:05:59.123456+00:00"), "15.12.2026, 12:05");
        assert_eq!(turkiye_time("not a time"), "not a time");
    }
}
