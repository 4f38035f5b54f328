import { test, expect, devices, Browser, Page } from '@playwright/test';
import {
  PASSWORD, freshPhone, e164, hydrated, logMark, codeFor, verifyWithCode, outboxMessage, outboxMessages, recipientOf,
} from './helpers';

// Issue 9, verified logins: a sign-up proves its phone with a code (read here
// from the server's log, where the outbox's log transport "sends" it), and a
// forgotten password is set anew with a code. A migrant on a 360 px phone, in
// Uzbek, with JavaScript on and off; plain form posts either way.

const PHONE = { ...devices['Pixel 5'], viewport: { width: 360, height: 740 }, locale: 'uz-UZ' };
const NEW_PASSWORD = 'yangi-parol-2027';
const BAD_CODE = 'Kod notoʻgʻri yoki muddati oʻtgan. Yangi kod soʻrang.';

async function phonePage(browser: Browser, js: boolean): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: js });
  return context.newPage();
}

/** Fills the migrant sign-up form and sends it: the browser lands on the code page, not signed in. */
async function signUp(page: Page, js: boolean, phone: string, password = PASSWORD, name = 'Malika Karimova') {
  await page.goto('/signup');
  if (js) await hydrated(page);
  await page.getByLabel('Ism va familiya').fill(name);
  await page.getByLabel('Telefon raqami').fill(phone);
  await page.getByLabel('Parol', { exact: true }).fill(password);
  await page.getByRole('main').getByRole('checkbox').check();
  await page.getByRole('main').getByRole('button', { name: 'Roʻyxatdan oʻtish' }).click();
  await expect(page).toHaveURL(/\/verify$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Telefon yoki e-pochtani tasdiqlash');
  if (js) await hydrated(page);
}

async function signIn(page: Page, js: boolean, login: string, password: string) {
  await page.goto('/signin');
  if (js) await hydrated(page);
  await page.getByLabel('Telefon raqami yoki e-pochta').fill(login);
  await page.getByLabel('Parol', { exact: true }).fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Kirish' }).click();
}

/** Signs out from the header's folded menu (a plain form, with or without the WASM). */
async function signOut(page: Page, js = false) {
  // With the WASM, once it has taken over the menu (a click before it could be undone by hydration).
  if (js) await hydrated(page);
  const banner = page.getByRole('banner');
  await banner.locator('details.menu > summary').click();
  await banner.getByRole('button', { name: 'Chiqish' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(banner.getByRole('link', { name: 'Kirish' })).toBeVisible();
}

async function signedOut(page: Page) {
  await expect(page.getByRole('banner').getByRole('link', { name: 'Kirish' })).toBeVisible();
}

async function ticket(page: Page) {
  return (await page.context().cookies()).find((c) => c.name === 'kopru_ticket');
}

/** A six-digit code that is surely not `code`. */
function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

async function signUpVerifyForgetAndReset(page: Page, js: boolean) {
  const phone = freshPhone();
  await signUp(page, js, phone);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz');
  // Not signed in yet: only a ticket, which ties the code to this browser and no script can read.
  await signedOut(page);
  expect((await ticket(page))?.httpOnly).toBe(true);

  // The SMS, in Uzbek, to the number in E.164.
  const sms = await outboxMessage(phone, 'verifycode');
  expect(sms.channel).toBe('sms');
  expect(sms.to).toBe(e164(phone));
  expect(sms.text).toContain('tasdiqlash kodingiz');
  const code = await codeFor(phone);
  expect(sms.text).toContain(code);
  await page.getByLabel('Kod', { exact: true }).fill(code);
  await page.getByRole('main').getByRole('button', { name: 'Tasdiqlash', exact: true }).click();
  await expect(page).toHaveURL(/\/applications$/);
  expect(await ticket(page), 'the ticket is used up').toBeUndefined();
  await page.goto('/account');
  await expect(page.getByRole('main')).toContainText(e164(phone));
  await signOut(page, js);

  // Later the password is forgotten: from the sign-in page to the reset.
  await page.goto('/signin');
  if (js) await hydrated(page);
  await page.getByRole('main').getByRole('link', { name: 'Parolni unutdingizmi?' }).click();
  await expect(page).toHaveURL(/\/reset$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Parolni tiklash');
  if (js) await hydrated(page);
  const mark = logMark();
  await page.getByLabel('Telefon raqami yoki e-pochta').fill(phone);
  await page.getByRole('main').getByRole('button', { name: 'Kod yuborish' }).click();
  await expect(page).toHaveURL(/\/reset\?sent=1$/);
  await expect(page.getByRole('main').getByRole('status')).toContainText('kod yubordik');
  if (js) await hydrated(page);
  const resetSms = await outboxMessage(phone, 'resetcode', mark);
  expect(resetSms.channel).toBe('sms');
  expect(resetSms.text).toContain('parolni tiklash kodingiz');
  await page.getByLabel('Kod', { exact: true }).fill(await codeFor(phone, 'resetcode', mark));
  await page.getByLabel('Yangi parol', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Yangi parolni saqlash' }).click();
  // Signed in, where a migrant's work is.
  await expect(page).toHaveURL(/\/applications\?reset=1$/);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Kirish' })).toHaveCount(0);
  expect(await ticket(page)).toBeUndefined();
  await signOut(page, js);

  // The old password is refused, the new one works.
  await signIn(page, js, phone, PASSWORD);
  await expect(page).toHaveURL(/error=bad_credentials/);
  await expect(page.getByRole('alert')).toHaveText('Telefon raqami, e-pochta yoki parol notoʻgʻri.');
  await signIn(page, js, phone, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/applications$/);
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Mening hisobim' })).toBeVisible();
}

test('with JavaScript: sign up, prove the phone with the SMS code, forget the password and set a new one', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await phonePage(browser, true);
  await signUpVerifyForgetAndReset(page, true);
  await page.context().close();
});

test('without JavaScript: sign up, prove the phone with the SMS code, forget the password and set a new one', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await phonePage(browser, false);
  await signUpVerifyForgetAndReset(page, false);
  // Plain forms all the way: the WASM never ran.
  await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
  await page.context().close();
});

test('a wrong code is refused with a message and changes nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await phonePage(browser, false);
  const phone = freshPhone();
  await signUp(page, false, phone);
  const code = await codeFor(phone);

  // A wrong sign-up code: back on the code page, the message next to the field and at the top.
  await page.getByLabel('Kod', { exact: true }).fill(wrongCode(code));
  await page.getByRole('main').getByRole('button', { name: 'Tasdiqlash', exact: true }).click();
  await expect(page).toHaveURL(/\/verify\?error=bad_code$/);
  await expect(page.locator('#code-error')).toHaveText(BAD_CODE);
  await expect(page.getByRole('alert')).toContainText(BAD_CODE);
  await expect(page.getByLabel('Kod', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  // Nobody signed in, and the account is still unproved: signing in leads to the code page …
  await signedOut(page);
  await signIn(page, false, phone, PASSWORD);
  await expect(page).toHaveURL(/\/verify$/);
  // … where, signed in now, a new code may be asked for; it proves the phone.
  let mark = logMark();
  await page.getByRole('main').getByRole('button', { name: 'Yangi kod yuborish' }).click();
  await expect(page).toHaveURL(/\/verify\?sent=1$/);
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Yangi kod yuborildi.');
  await verifyWithCode(page, phone, mark);
  await expect(page).toHaveURL(/\/applications$/);
  await signOut(page);

  // A wrong reset code: refused the same way; not signed in, the password unchanged.
  await page.goto('/reset');
  mark = logMark();
  await page.getByLabel('Telefon raqami yoki e-pochta').fill(phone);
  await page.getByRole('main').getByRole('button', { name: 'Kod yuborish' }).click();
  await expect(page).toHaveURL(/\/reset\?sent=1$/);
  const resetCode = await codeFor(phone, 'resetcode', mark);
  await page.getByLabel('Kod', { exact: true }).fill(wrongCode(resetCode));
  await page.getByLabel('Yangi parol', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Yangi parolni saqlash' }).click();
  await expect(page).toHaveURL(/\/reset\?sent=1&error=bad_code$/);
  await expect(page.locator('#code-error')).toHaveText(BAD_CODE);
  await expect(page.getByRole('alert')).toContainText(BAD_CODE);
  await signedOut(page);
  // (In another browser, so that this one keeps its ticket.)
  const other = await phonePage(browser, false);
  await signIn(other, false, phone, NEW_PASSWORD);
  await expect(other).toHaveURL(/error=bad_credentials/);
  await signIn(other, false, phone, PASSWORD);
  await expect(other).toHaveURL(/\/applications$/);
  await other.context().close();

  // A new password the server refuses (one of the most common: long enough for the browser's own
  // check) is refused next to its field, and does not use the code up.
  await page.getByLabel('Kod', { exact: true }).fill(resetCode);
  await page.getByLabel('Yangi parol', { exact: true }).fill('12345678');
  await page.getByRole('main').getByRole('button', { name: 'Yangi parolni saqlash' }).click();
  await expect(page).toHaveURL(/\/reset\?sent=1&error=password_too_common%3Anew_password$/);
  await expect(page.getByRole('main')).toContainText('Bu parol juda keng tarqalgan. Boshqa parol tanlang.');
  await expect(page.getByLabel('Yangi parol', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await signedOut(page);
  // The summary's link leads to the refused field.
  const href = await page.getByRole('alert').getByRole('link').first().getAttribute('href');
  expect(await page.locator(href ?? "#nothing").count(), `the summary links to ${href}, which the page must have`).toBe(1);

  await page.getByLabel('Kod', { exact: true }).fill(resetCode);
  await page.getByLabel('Yangi parol', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Yangi parolni saqlash' }).click();
  await expect(page).toHaveURL(/\/applications\?reset=1$/);
  await page.context().close();
});

test('signing up with a phone that has an account looks like any sign-up; its owner is told, no code is sent', async ({ browser }) => {
  test.setTimeout(120_000);
  // The owner signs up and proves the phone.
  const owner = await phonePage(browser, false);
  const phone = freshPhone();
  await signUp(owner, false, phone);
  await verifyWithCode(owner, phone);
  await expect(owner).toHaveURL(/\/applications$/);
  await owner.context().close();

  // Someone signs up with the same phone (another name, another password); someone else with a new phone.
  const mark = logMark();
  const again = await phonePage(browser, false);
  await signUp(again, false, phone, 'boshqa-parol-2026', 'Boshqa Odam');
  const fresh = await phonePage(browser, false);
  const newPhone = freshPhone();
  await signUp(fresh, false, newPhone, 'boshqa-parol-2026', 'Boshqa Odam');

  // Nothing tells them apart: the same address, title, page and cookie.
  expect(again.url()).toBe(fresh.url());
  expect(await again.title()).toBe(await fresh.title());
  expect(await again.getByRole('main').innerText()).toBe(await fresh.getByRole('main').innerText());
  const shape = async (p: Page) => {
    const c = await ticket(p);
    expect(c, 'a ticket cookie').toBeDefined();
    return { httpOnly: c!.httpOnly, secure: c!.secure, sameSite: c!.sameSite, path: c!.path, session: c!.expires === -1, length: c!.value.length };
  };
  expect(await shape(again)).toEqual(await shape(fresh));

  // The log: a code to the new phone; to the taken one a warning for its owner instead of a code.
  await codeFor(newPhone, 'verifycode', mark);
  const warning = await outboxMessage(phone, 'logintaken', mark);
  expect(warning.channel).toBe('sms');
  expect(warning.text).toContain('Parolni unutdingizmi?');
  expect(warning.text).not.toMatch(/\d{6}/);
  expect(outboxMessages(recipientOf(phone), 'verifycode', mark)).toEqual([]);

  // That code page leads nowhere; the account keeps its owner's password.
  await again.getByLabel('Kod', { exact: true }).fill('000000');
  await again.getByRole('main').getByRole('button', { name: 'Tasdiqlash', exact: true }).click();
  await expect(again).toHaveURL(/\/verify\?error=bad_code$/);
  await signIn(again, false, phone, 'boshqa-parol-2026');
  await expect(again).toHaveURL(/error=bad_credentials/);
  await signIn(again, false, phone, PASSWORD);
  await expect(again).toHaveURL(/\/applications$/);
  await again.context().close();
  await fresh.context().close();
});
