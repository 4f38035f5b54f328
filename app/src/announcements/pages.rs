//! The announcement pages: the public list and one announcement, the home
//! page's newest, and the staff's list, form and publishing. Staff's text is
//! shown as text nodes ([`AnnouncementBody`]), never as markup.

use super::api::{
    get_announcement, latest_announcements, list_announcements, staff_announcement, staff_announcements,
    PublishAnnouncement, SaveAnnouncement, UnpublishAnnouncement,
};
use super::{blocks, Announcement, AnnouncementLine, Block, MAX_BODY, MAX_TITLE};
use crate::error::AppError;
use crate::forms::{described_by, invalid, use_echo, use_form_error, Echo, FieldError, FormError, FormErrors};
use crate::i18n::*;
use crate::ui::{use_id_param, Loaded};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The document's title. Leptos writes `<title>`'s text as it is (the
/// browser reads no tags inside it but `</title>`), so what staff typed
/// reaches it without `<` and `>`.
fn page_title(what: &str) -> String {
    format!("{} — Köprü", what.replace(['<', '>'], ""))
}

/// `05.01.2026`, as the reader's language writes a date.
fn day(on: &str, locale: Locale) -> String {
    crate::format::date(on, locale)
}

/// An announcement's text: paragraphs (their lines kept) and lists, every
/// piece a text node, so whatever staff typed — `<script>` too — is shown as
/// the characters it is.
#[component]
pub fn AnnouncementBody(text: String) -> impl IntoView {
    blocks(&text)
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(mut lines) if lines.len() == 1 => view! { <p>{lines.remove(0)}</p> }.into_any(),
            Block::Paragraph(lines) => {
                // Lines kept as written: a line break between them.
                let mut lines = lines.into_iter();
                let first = lines.next().unwrap_or_default();
                let rest = lines.map(|line| view! { <br/>{line} }).collect_view();
                view! { <p>{first}{rest}</p> }.into_any()
            }
            Block::List(items) => {
                view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
            }
        })
        .collect_view()
}

/// One announcement of a list: its title (a link) in the reader's language
/// and its date; its heading a `<h3>` under the home page's `<h2>`, else a `<h2>`.
fn line_view(line: &AnnouncementLine, locale: Locale, h3: bool) -> AnyView {
    let href = format!("/announcements/{}", line.slug);
    let title = line.title(locale).to_string();
    let link = if h3 {
        view! { <h3><a href=href>{title}</a></h3> }.into_any()
    } else {
        view! { <h2><a href=href>{title}</a></h2> }.into_any()
    };
    let date = line.published_on.clone().map(|on| {
        let text = day(&on, locale);
        view! { <p class="small"><time datetime=on>{text}</time></p> }
    });
    view! { <li class="card">{link}{date}</li> }.into_any()
}

/// The home page's newest announcements (one query; nothing when there are none).
#[component]
pub fn NewestAnnouncements() -> impl IntoView {
    let i18n = use_i18n();
    let latest = Resource::new(|| (), |_| latest_announcements());
    view! {
        <Loaded resource=latest let:lines>
            {
                let locale = i18n.get_locale_untracked();
                (!lines.is_empty()).then(|| view! {
                    <section class="announcements" aria-labelledby="announcements-title">
                        <h2 id="announcements-title">{tu_string!(i18n, announcements.home_title)}</h2>
                        <ul class="cards">{lines.iter().map(|l| line_view(l, locale, true)).collect_view()}</ul>
                        <p><a class="button secondary" href="/announcements">{tu_string!(i18n, announcements.all)}</a></p>
                    </section>
                })
            }
        </Loaded>
    }
}

/// `/announcements?page=N`: the published announcements, newest first.
#[component]
pub fn AnnouncementsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| q.get("page").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1).clamp(1, 10_000))
    });
    let list = Resource::new(move || page.get(), list_announcements);
    view! {
        <Title text=page_title(tu_string!(i18n, announcements.title))/>
        <Loaded resource=list let:list>
            {
                let locale = i18n.get_locale_untracked();
                let href = |p: u32| if p == 1 { "/announcements".to_string() } else { format!("/announcements?page={p}") };
                let prev = (list.page > 1).then(|| href(list.page - 1));
                let next = list.more.then(|| href(list.page + 1));
                view! {
                    <section>
                        <h1>{tu_string!(i18n, announcements.title)}</h1>
                        {list.items.is_empty().then(|| view! { <p class="card">{tu_string!(i18n, announcements.none)}</p> })}
                        <ul class="results">{list.items.iter().map(|l| line_view(l, locale, false)).collect_view()}</ul>
                        {(prev.is_some() || next.is_some()).then(|| view! {
                            <nav class="pager" aria-label=tu_string!(i18n, announcements.pages).to_string()>
                                {prev.map(|h| view! { <a href=h rel="prev">{tu_string!(i18n, announcements.newer)}</a> })}
                                {next.map(|h| view! { <a href=h rel="next">{tu_string!(i18n, announcements.older)}</a> })}
                            </nav>
                        })}
                    </section>
                }
            }
        </Loaded>
    }
}

/// `/announcements/:slug`: one announcement in the reader's language. Staff
/// see a draft too, marked as one, with a link to edit it.
#[component]
pub fn AnnouncementPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    let lang = leptos_i18n::Locale::as_str(i18n.get_locale_untracked()).to_string();
    // "Not found" is this page's own answer (a 404), not an error notice.
    let one = Resource::new(
        move || (slug.get(), lang.clone()),
        |(slug, lang)| async move {
            match get_announcement(slug, lang).await {
                Ok(a) => Ok(Some(a)),
                Err(AppError::NotFound) => Ok(None),
                Err(e) => Err(e),
            }
        },
    );
    view! {
        <Loaded resource=one let:found>
            {match found {
                None => view! { <crate::shell::NotFound/> }.into_any(),
                Some(a) => {
                    let locale = i18n.get_locale_untracked();
                    let date = a.published_on.clone().map(|on| {
                        let text = day(&on, locale);
                        view! {
                            <p class="small">{tu_string!(i18n, announcements.published_label)} " " <time datetime=on>{text}</time></p>
                        }
                    });
                    let draft = a.published_on.is_none().then(|| view! {
                        <p class="notice warn" role="status">{tu_string!(i18n, announcements.draft_notice)} " "
                            <a href=format!("/staff/announcements/{}", a.id)>{tu_string!(i18n, announcements.edit)}</a></p>
                    });
                    view! {
                        <Title text=page_title(&a.title)/>
                        <article class="card announcement">
                            {draft}
                            <h1>{a.title.clone()}</h1>
                            {date}
                            <AnnouncementBody text=a.body.clone()/>
                        </article>
                        <p><a class="button secondary" href="/announcements">{tu_string!(i18n, announcements.all)}</a></p>
                    }.into_any()
                }
            }}
        </Loaded>
    }
}

fn status_text(i18n: leptos_i18n::I18nContext<Locale>, published: bool) -> &'static str {
    if published {
        tu_string!(i18n, announcements.status_published)
    } else {
        tu_string!(i18n, announcements.status_draft)
    }
}

/// The four texts of an announcement: what a refused form had typed, else
/// what is saved (`saved`), else empty. Inside the `<form>` of the page.
#[component]
fn AnnouncementFields(saved: Option<Announcement>, error: Memo<FormErrors>, echo: Echo) -> impl IntoView {
    let i18n = use_i18n();
    let value =
        move |name: &str, f: fn(&Announcement) -> String| echo.or(name, || saved.as_ref().map(f).unwrap_or_default());
    let max_title = MAX_TITLE.to_string();
    let max_body = MAX_BODY.to_string();
    let title = |id: &'static str, lang: &'static str, label: &'static str, v: String| {
        view! {
            <label for=id>{label}</label>
            <input id=id name=id type="text" lang=lang required maxlength=max_title.clone() autocomplete="off" value=v
                aria-describedby=described_by(error, id, Some("title-hint")) aria-invalid=invalid(error, id)/>
            <FieldError error field=id/>
        }
    };
    let body = |id: &'static str, lang: &'static str, label: &'static str, v: String| {
        view! {
            <label for=id>{label}</label>
            <textarea id=id name=id lang=lang rows="12" required maxlength=max_body.clone()
                aria-describedby=described_by(error, id, Some("body-hint")) aria-invalid=invalid(error, id)>{crate::ui::textarea_text(v)}</textarea>
            <FieldError error field=id/>
        }
    };
    view! {
        <p class="hint" id="title-hint">{tu_string!(i18n, announcements.title_hint)}</p>
        <p class="hint" id="body-hint">{tu_string!(i18n, announcements.body_hint)}</p>
        {title("title_uz", "uz", tu_string!(i18n, announcements.title_uz), value("title_uz", |a| a.title_uz.clone()))}
        {body("body_uz", "uz", tu_string!(i18n, announcements.body_uz), value("body_uz", |a| a.body_uz.clone()))}
        {title("title_tr", "tr", tu_string!(i18n, announcements.title_tr), value("title_tr", |a| a.title_tr.clone()))}
        {body("body_tr", "tr", tu_string!(i18n, announcements.body_tr), value("body_tr", |a| a.body_tr.clone()))}
    }
}

/// `/staff/announcements`: every announcement with its state, and the form
/// for a new one (a draft, published from its own page).
#[component]
pub fn StaffAnnouncementsPage() -> impl IntoView {
    let i18n = use_i18n();
    // The server function answers "sign in" or "not allowed" itself.
    let list = Resource::new(|| (), |_| staff_announcements());
    let error = use_form_error();
    let echo = use_echo();
    view! {
        <Title text=page_title(tu_string!(i18n, announcements.staff_title))/>
        <Loaded resource=list let:lines>
            {
                let locale = i18n.get_locale_untracked();
                view! {
                    <section class="card">
                        <h1>{tu_string!(i18n, announcements.staff_title)}</h1>
                        {lines.is_empty().then(|| view! { <p>{tu_string!(i18n, announcements.none)}</p> })}
                        {(!lines.is_empty()).then(|| view! {
                            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="announcements-caption">
                            <table class="list">
                                <caption id="announcements-caption">{tu_string!(i18n, announcements.title)}</caption>
                                <thead><tr>
                                    <th scope="col">{tu_string!(i18n, announcements.col_title)}</th>
                                    <th scope="col">{tu_string!(i18n, announcements.status)}</th>
                                    <th scope="col">{tu_string!(i18n, announcements.col_date)}</th>
                                </tr></thead>
                                <tbody>
                                    {lines.iter().map(|l| view! {
                                        <tr>
                                            <td><a href=format!("/staff/announcements/{}", l.id)>{l.title(locale).to_string()}</a></td>
                                            <td>{status_text(i18n, l.published_on.is_some())}</td>
                                            <td>{l.published_on.as_deref().map(|on| day(on, locale))}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        })}
                    </section>
                    <section class="card narrow" aria-labelledby="new-announcement">
                        <h2 id="new-announcement">{tu_string!(i18n, announcements.new_title)}</h2>
                        <FormError error/>
                        <form method="post" action=SaveAnnouncement::url() class="stack" novalidate>
                            <AnnouncementFields saved=None error echo=echo.clone()/>
                            <p class="hint">{tu_string!(i18n, announcements.draft_hint)}</p>
                            <button type="submit" class="primary">{tu_string!(i18n, announcements.save)}</button>
                        </form>
                    </section>
                }
            }
        </Loaded>
    }
}

/// `/staff/announcements/:id`: correct an announcement, publish it or take it down.
#[component]
pub fn StaffAnnouncementPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_id_param();
    let one = Resource::new(move || id.get(), staff_announcement);
    let error = use_form_error();
    let echo = use_echo();
    let query = use_query_map();
    let notice = move || {
        query.with(|q| {
            if q.get("saved").is_some() {
                Some(tu_string!(i18n, announcements.saved))
            } else if q.get("published").is_some() {
                Some(tu_string!(i18n, announcements.published_notice))
            } else if q.get("unpublished").is_some() {
                Some(tu_string!(i18n, announcements.unpublished_notice))
            } else {
                None
            }
        })
    };
    view! {
        <Title text=page_title(tu_string!(i18n, announcements.edit_title))/>
        <Loaded resource=one let:a>
            {
                let locale = i18n.get_locale_untracked();
                let published = a.published_on.is_some();
                let state = match a.published_on.as_deref() {
                    Some(on) => format!("{}: {}", status_text(i18n, true), day(on, locale)),
                    None => status_text(i18n, false).to_string(),
                };
                let publishing = if published {
                    view! {
                        <form method="post" action=UnpublishAnnouncement::url() class="stack">
                            <input type="hidden" name="announcement_id" value=a.id.to_string()/>
                            <p class="hint">{tu_string!(i18n, announcements.unpublish_hint)}</p>
                            <div class="actions"><button type="submit" class="secondary">{tu_string!(i18n, announcements.unpublish)}</button></div>
                        </form>
                    }.into_any()
                } else {
                    view! {
                        <form method="post" action=PublishAnnouncement::url() class="stack">
                            <input type="hidden" name="announcement_id" value=a.id.to_string()/>
                            <p class="hint">{tu_string!(i18n, announcements.publish_hint)}</p>
                            <div class="actions"><button type="submit" class="primary">{tu_string!(i18n, announcements.publish)}</button></div>
                        </form>
                    }.into_any()
                };
                view! {
                    <section class="card narrow">
                        <h1>{tu_string!(i18n, announcements.edit_title)}</h1>
                        {notice().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                        <p>{tu_string!(i18n, announcements.status)} ": " <strong>{state}</strong></p>
                        <p class="actions">
                            <a class="button secondary" href=format!("/announcements/{}", a.slug)>{tu_string!(i18n, announcements.view)}</a>
                            <a class="button secondary" href="/staff/announcements">{tu_string!(i18n, announcements.staff_title)}</a>
                        </p>
                        {publishing}
                    </section>
                    <section class="card narrow" aria-labelledby="edit-announcement">
                        <h2 id="edit-announcement">{a.title(locale).to_string()}</h2>
                        <FormError error/>
                        <form method="post" action=SaveAnnouncement::url() class="stack" novalidate>
                            <input type="hidden" name="announcement_id" value=a.id.to_string()/>
                            <AnnouncementFields saved=Some(a.clone()) error echo=echo.clone()/>
                            <button type="submit" class="primary">{tu_string!(i18n, announcements.save)}</button>
                        </form>
                    </section>
                }
            }
        </Loaded>
    }
}
