import { Browser, BrowserContext, Page, devices, expect } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

/** A fresh Uzbek mobile number for each run. */
export function freshPhone(): string {
  const n = Math.floor(1_000_000 + Math.random() * 8_999_999);
  return `+998 90 ${String(n).slice(0, 3)} ${String(n).slice(3, 5)} ${String(n).slice(5, 7)}`;
}

export const PASSWORD = 'choy-va-non-2026';

/** Waits until the WASM has hydrated the page. */
export async function hydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
}

export function e164(phone: string): string {
  return phone.replace(/[^+\d]/g, '');
}

/** The password of every `kopru seed-demo` account. */
export const DEMO_PASSWORD = 'kopru-demo-2026';

/** Where each role lands after signing in: where its work is. */
export const LANDING = /\/(applications|employer\/vacancies|staff)$/;

/** Signs in through the form and lands where the role's work is. */
export async function signIn(page: Page, login: string, password: string = DEMO_PASSWORD) {
  await page.goto('/signin');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('main form button[type=submit]').click();
  await expect(page).toHaveURL(LANDING);
}

// ---------------------------------------------------------------------------
// Codes from the outbox (issue 9). The test server writes its log, as JSON
// lines, to target/e2e/server.log (see playwright.config.ts); the outbox's log
// transport puts one `outbox message` line there per SMS, e-mail or Telegram
// message, with its full text.

/** The server's log: `target/e2e/server.log` at the repository root (this file is end2end/tests/helpers.ts). */
export const SERVER_LOG = process.env.KOPRU_E2E_LOG
  ?? path.resolve(__dirname, '..', '..', 'target', 'e2e', 'server.log');

/** One `outbox message` line as tracing-subscriber's JSON format writes it (the event's fields under `fields`). */
export interface OutboxLine {
  channel: string;
  to: string;
  kind: string;
  text: string;
}

/** How far the log is written now: pass it as `after` to see only what comes later. */
export function logMark(): number {
  try {
    return fs.statSync(SERVER_LOG).size;
  } catch {
    return 0;
  }
}

/** A login as the outbox addresses it: an e-mail lower-cased, a phone in E.164 (`+998 90 …` → `+99890…`). */
export function recipientOf(login: string): string {
  const l = login.trim();
  return l.includes('@') ? l.toLowerCase() : e164(l);
}

/** The outbox messages to `recipient` of `kind` written after byte offset `after`, oldest first. */
export function outboxMessages(recipient: string, kind: string, after = 0): OutboxLine[] {
  let text: string;
  try {
    const buf = fs.readFileSync(SERVER_LOG);
    text = buf.subarray(Math.min(after, buf.length)).toString('utf8');
  } catch {
    return [];
  }
  const found: OutboxLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    let event: { fields?: Record<string, unknown> };
    try {
      event = JSON.parse(line);
    } catch {
      continue; // a line still being written, or cut by `after`
    }
    const f = event.fields;
    if (f && f.message === 'outbox message' && f.to === recipient && f.kind === kind) {
      found.push({ channel: String(f.channel), to: String(f.to), kind: String(f.kind), text: String(f.text) });
    }
  }
  return found;
}

/**
 * Waits (up to `timeout` ms; the outbox worker polls every 1–2 s) for the newest message to
 * `recipient` of `kind` written after `after` (a {@link logMark} taken before the action that sent it).
 */
export async function outboxMessage(recipient: string, kind: string, after = 0, timeout = 15_000): Promise<OutboxLine> {
  const to = recipientOf(recipient);
  const until = Date.now() + timeout;
  for (;;) {
    const found = outboxMessages(to, kind, after);
    if (found.length > 0) return found[found.length - 1];
    if (Date.now() > until) {
      throw new Error(`no "${kind}" outbox message to ${to} in ${SERVER_LOG} after byte ${after} within ${timeout} ms`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The six digits of the newest `kind` message to `recipient` (a phone as typed, or an e-mail) after `after`. */
export async function codeFor(recipient: string, kind = 'verifycode', after?: number): Promise<string> {
  const message = await outboxMessage(recipient, kind, after ?? 0);
  const code = message.text.match(/(?<!\d)\d{6}(?!\d)/);
  if (!code) throw new Error(`no six-digit code in the ${kind} message to ${message.to}: ${message.text}`);
  return code[0];
}

/** On `/verify` (after a sign-up): types the code sent to `recipient` and submits. Where it lands is the caller's to check. */
export async function verifyWithCode(page: Page, recipient: string, after?: number) {
  await expect(page).toHaveURL(/\/verify(\?.*)?$/);
  const code = await codeFor(recipient, 'verifycode', after);
  await page.locator('#code').fill(code);
  await page.locator('main form button[type=submit]').first().click();
}

// ---------------------------------------------------------------------------
// Browsers and dates shared by the specs.

/** Where the test server listens (playwright.config.ts). */
export const ORIGIN = 'http://127.0.0.1:3100';

export type Lang = 'uz' | 'tr';

/** A phone (Pixel 5 at 360 × 740). */
export const PHONE = { ...devices['Pixel 5'], viewport: { width: 360, height: 740 } };

/**
 * A new browser context reading in `lang` (its locale and the `i18n_pref_locale` cookie): a phone
 * (default) or a 1280 px desktop, with JavaScript (default) or without.
 */
export async function browserIn(
  browser: Browser,
  lang: Lang,
  { js = true, phone = true }: { js?: boolean; phone?: boolean } = {},
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({
    ...(phone ? PHONE : { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } }),
    locale: lang === 'tr' ? 'tr-TR' : 'uz-UZ',
    javaScriptEnabled: js,
  });
  await ctx.addCookies([{ name: 'i18n_pref_locale', value: lang, url: ORIGIN }]);
  return { ctx, page: await ctx.newPage() };
}

/** `YYYY-MM-DD`, `days` from today (UTC, as the server counts). */
export function isoDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** `DD.MM.YYYY`, as the pages write dates. */
export function shownDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
