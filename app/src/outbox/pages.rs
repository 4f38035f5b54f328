//! The admin's outbox page and the account page's Telegram box. Every button is
//! a plain form post to its server function: it works before (and without) the WASM.

use super::api::{outbox_overview, telegram_link, TelegramLinkCode, UnlinkTelegram};
use super::{Channel, MessageKind, OutboxRow, OutboxStatus, TelegramState};
use crate::i18n::*;
use crate::ui::Loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

fn status_name(i18n: leptos_i18n::I18nContext<Locale>, s: OutboxStatus) -> &'static str {
    match s {
        OutboxStatus::Queued => tu_string!(i18n, outbox.status_queued),
        OutboxStatus::Sending => tu_string!(i18n, outbox.status_sending),
        OutboxStatus::Sent => tu_string!(i18n, outbox.status_sent),
        OutboxStatus::Failed => tu_string!(i18n, outbox.status_failed),
    }
}

fn channel_name(i18n: leptos_i18n::I18nContext<Locale>, c: Channel) -> &'static str {
    match c {
        Channel::Sms => tu_string!(i18n, outbox.channel_sms),
        Channel::Email => tu_string!(i18n, outbox.channel_email),
        Channel::Telegram => tu_string!(i18n, outbox.channel_telegram),
    }
}

fn kind_name(i18n: leptos_i18n::I18nContext<Locale>, k: MessageKind) -> &'static str {
    match k {
        MessageKind::VerifyCode => tu_string!(i18n, outbox.kind_verify_code),
        MessageKind::ResetCode => tu_string!(i18n, outbox.kind_reset_code),
        MessageKind::LoginTaken => tu_string!(i18n, outbox.kind_login_taken),
        MessageKind::TelegramLinked => tu_string!(i18n, outbox.kind_telegram_linked),
        MessageKind::TelegramHelp => tu_string!(i18n, outbox.kind_telegram_help),
        MessageKind::Notification => tu_string!(i18n, outbox.kind_notification),
    }
}

/// Admins: how many messages stand in each status, and the newest ones with
/// their recipient masked and their last error; never a body.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let overview = Resource::new(|| (), |_| outbox_overview());
    view! {
        <Loaded resource=overview let:o>
            {
                let locale = i18n.get_locale_untracked();
                view! {
                    <section class="card">
                        <h1 id="outbox-title">{tu_string!(i18n, outbox.title)}</h1>
                        <p class="hint">{tu_string!(i18n, outbox.intro)}</p>
                        <ul class="cards queues">
                            {o.counts.into_iter().map(|c| {
                                let class = if c.status == OutboxStatus::Failed && c.count > 0 { "card overdue" } else { "card" };
                                view! {
                                    <li class=class>
                                        <h2>{status_name(i18n, c.status)}</h2>
                                        <p class="count">{crate::format::integer(c.count as i64, locale)}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <h2 id="outbox-recent">{tu_string!(i18n, outbox.recent_title)}</h2>
                        {o.recent.is_empty().then(|| view! { <p>{tu_string!(i18n, outbox.empty)}</p> })}
                        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="outbox-recent">
                            <table class="list">
                                <thead><tr>
                                    <th scope="col">{tu_string!(i18n, outbox.created)}</th>
                                    <th scope="col">{tu_string!(i18n, outbox.channel)}</th>
                                    <th scope="col">{tu_string!(i18n, outbox.recipient)}</th>
                                    <th scope="col">{tu_string!(i18n, outbox.kind)}</th>
                                    <th scope="col">{tu_string!(i18n, outbox.status)}</th>
                                    <th scope="col">{tu_string!(i18n, outbox.attempts)}</th>
                                    <th scope="col">{tu_string!(i18n, outbox.last_error)}</th>
                                    <th scope="col">{tu_string!(i18n, outbox.sent)}</th>
                                </tr></thead>
                                <tbody>
                                    {o.recent.into_iter().map(|r| view! { <Row r locale/> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                }
            }
        </Loaded>
    }
}

#[component]
fn Row(r: OutboxRow, locale: Locale) -> impl IntoView {
    let i18n = use_i18n();
    let when = |t: &str| crate::format::date_time(&t.replacen(' ', "T", 1), locale);
    view! {
        <tr>
            <td>{when(&r.created_at)}</td>
            <td>{channel_name(i18n, r.channel)}</td>
            <td translate="no">{r.recipient}</td>
            <td>{kind_name(i18n, r.kind)}</td>
            <td>{status_name(i18n, r.status)}</td>
            <td>{crate::format::integer(i64::from(r.attempts), locale)}</td>
            <td class="small">{r.last_error.unwrap_or_default()}</td>
            <td>{r.sent_at.as_deref().map(when).unwrap_or_default()}</td>
        </tr>
    }
}

/// The account page's Telegram box (F6.8): linked since when, with a button to
/// unlink; or a button for a one-time code, then the code with the bot's link
/// and how to send it. Shows nothing to a visitor (the page says to sign in).
#[component]
pub fn TelegramLink() -> impl IntoView {
    let link = Resource::new(|| (), |_| telegram_link());
    let query = use_query_map();
    let unlinked = move || query.with(|q| q.get("telegram").as_deref() == Some("unlinked"));
    let body = move || {
        Suspend::new(async move {
            let Ok(l) = link.await else {
                return None;
            };
            Some(untrack(|| view! { <TelegramBox l unlinked=unlinked()/> }))
        })
    };
    #[cfg(feature = "ssr")]
    let body = body();
    view! { <Suspense fallback=|| ()>{body}</Suspense> }
}

#[component]
fn TelegramBox(l: TelegramState, unlinked: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let state = match (l.linked_at, l.code) {
        (Some(at), _) => view! {
            <p class="notice" role="status">{tu_string!(i18n, outbox.telegram_linked_since)} " " {crate::format::date(&at, locale)}</p>
            <form method="post" action=UnlinkTelegram::url()>
                <button type="submit" class="secondary">{tu_string!(i18n, outbox.telegram_unlink)}</button>
            </form>
        }
        .into_any(),
        (None, Some(code)) => {
            let send = format!("/start {}", code.code);
            view! {
                <p>{tu_string!(i18n, outbox.telegram_code_label)}</p>
                <p class="count" translate="no">{code.code.clone()}</p>
                {code.deep_link.map(|href| view! {
                    <p><a class="button primary" href=href rel="noopener">{tu_string!(i18n, outbox.telegram_open_bot)}</a></p>
                })}
                <p class="hint">
                    {tu_string!(i18n, outbox.telegram_how)} " "
                    {code.bot.map(|b| view! { <strong translate="no">"@" {b}</strong> " " })}
                    {tu_string!(i18n, outbox.telegram_send)} " " <code translate="no">{send}</code>
                </p>
                <p class="hint">
                    {tu_string!(i18n, outbox.telegram_code_expires)} " "
                    {crate::format::integer(code.minutes_left, locale)} " " {tu_string!(i18n, outbox.minutes)}
                </p>
                <form method="post" action=TelegramLinkCode::url()>
                    <button type="submit" class="secondary">{tu_string!(i18n, outbox.telegram_new_code)}</button>
                </form>
            }
            .into_any()
        }
        (None, None) => view! {
            <form method="post" action=TelegramLinkCode::url()>
                <button type="submit" class="primary">{tu_string!(i18n, outbox.telegram_link_button)}</button>
            </form>
        }
        .into_any(),
    };
    view! {
        <section class="card narrow" id="telegram" aria-labelledby="telegram-title">
            <h2 id="telegram-title">{tu_string!(i18n, outbox.telegram_title)}</h2>
            {unlinked.then(|| view! { <p class="notice" role="status">{tu_string!(i18n, outbox.telegram_unlinked)}</p> })}
            <p>{tu_string!(i18n, outbox.telegram_intro)}</p>
            {state}
        </section>
    }
}
