import { test, expect, Browser, BrowserContext, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {
  Lang, ORIGIN, PASSWORD, PHONE, browserIn, freshPhone, hydrated, isoDay as day, logMark, outboxMessage, shownDate as shown, signIn,
  verifyWithCode,
} from './helpers';

// Issue 11, skills certification (F3.2, F4.4), on a 360 px phone: a migrant
// asks for an assessment from a vacancy that requires the qualification, staff
// schedule it and record a pass, the migrant opens the certificate with its QR
// code, and anyone checks it through the link the code encodes (the holder's
// name masked); the public check without JavaScript for the demo certificates
// (valid, expired, revoked, unknown); what a vacancy that requires a
// qualification tells each reader; axe over every skills page in both languages.

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const STAFF = 'elif.demir@kopru.example';
/** The demo migrants with a certificate (server/src/seed_skills.rs), by the status of their certificate. */
const AZIZ = { login: '+998901234567', name: 'Aziz Karimov', code: '11UY0012-3' };
const GULNORA = { login: '+998935551122', name: 'Gulnora Tosheva', code: '12UY0048-3' };
const SHERZOD = { login: '+998977001020', name: 'Sherzod Qodirov', code: '11UY0010-3' };
/** The card tag of a vacancy that asks for no certificate (locales/uz.json vacancies.no_certificate_needed). */
const NO_CERTIFICATE_NEEDED = 'Sertifikat talab qilinmaydi';


/** The pages whose browser runs JavaScript. */
const withJs = new WeakSet<Page>();

/** A phone's browser context in `lang` (the `i18n_pref_locale` cookie), with or without JavaScript. */
async function phone(browser: Browser, lang: Lang, js = true): Promise<{ ctx: BrowserContext; page: Page }> {
  const opened = await browserIn(browser, lang, { js });
  if (js) withJs.add(opened.page);
  return opened;
}

/** With JavaScript, waits until the WASM has taken over the page (without, the page is ready as it comes). */
async function settled(page: Page) {
  if (withJs.has(page)) await hydrated(page);
}

/** A name as the public check shows it (app/src/skills/mod.rs mask_name): each word's first letter, then stars. */
function masked(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => {
      const chars = Array.from(w);
      return chars[0] + '*'.repeat(chars.length - 1);
    })
    .join(' ');
}

/** Next month as `<input type="month">` takes it. */
function nextMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}

/** A fresh migrant in Uzbek: signs up with `name`, proves the phone, and fills in the profile (born 1996: an adult). */
async function freshMigrant(page: Page, name: string): Promise<string> {
  const login = freshPhone();
  await page.goto('/signup');
  await settled(page);
  await page.getByLabel('Ism va familiya').fill(name);
  await page.getByLabel('Telefon raqami').fill(login);
  await page.getByLabel('Parol', { exact: true }).fill(PASSWORD);
  await page.getByRole('main').getByRole('checkbox').check();
  await page.getByRole('main').getByRole('button', { name: 'Roʻyxatdan oʻtish' }).click();
  // Asking for an assessment needs a proved phone.
  await verifyWithCode(page, login);
  await expect(page).toHaveURL(/\/applications$/);
  // A hazardous qualification needs the birth date of an adult.
  await page.goto('/profile');
  await settled(page);
  await page.getByLabel('Tugʻilgan sana').fill('1996-05-20');
  await page.getByLabel('Hozir qayerdasiz').selectOption('uz:1');
  await page.getByLabel('Kasbingiz').selectOption('1');
  await page.getByLabel('Ish tajribasi (yil)').fill('4');
  await page.getByRole('button', { name: 'Saqlash' }).click();
  await expect(page.getByLabel('Ish tajribasi (yil)')).toHaveValue('4');
  return login;
}

/**
 * The address of a published vacancy of `occupation` (its Uzbek name, as the cards show it) whose page
 * says it requires the qualification `code`: searched for by the occupation, the cards that ask for a
 * certificate opened one by one.
 */
async function vacancyRequiring(page: Page, search: string, occupation: string, code: string): Promise<string> {
  await page.goto(`/vacancies?q=${encodeURIComponent(search)}`);
  const cards = page
    .locator('main ul.results > li.vacancy')
    .filter({ has: page.getByRole('heading', { name: occupation, exact: true }) })
    .filter({ hasNotText: NO_CERTIFICATE_NEEDED });
  const hrefs = await cards.locator('h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) {
    await page.goto(href);
    if ((await page.locator('.certificate-notice', { hasText: code }).count()) > 0) return href;
  }
  throw new Error(`no published "${occupation}" vacancy requires ${code} (cards asking for a certificate: ${hrefs.join(', ') || 'none'})`);
}

/** The numbers of the certificates on the signed-in migrant's `/skills`. */
async function myCertificateNumbers(page: Page): Promise<string[]> {
  await page.goto('/skills');
  const numbers = page.locator('main li.card:has(h3 a[href^="/skills/certificates/"]) p > code');
  await expect(numbers.first()).toBeVisible();
  return numbers.allInnerTexts();
}

/** Opens `path` in `lang` and runs axe on it once `ready` shows (and, with JavaScript, once hydrated). */
async function axeClean(page: Page, lang: Lang, path: string, ready: string) {
  await page.context().addCookies([{ name: 'i18n_pref_locale', value: lang, url: ORIGIN }]);
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator(ready).first()).toBeVisible();
  await settled(page);
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`), `${path} in ${lang}`).toEqual([]);
}

test('a migrant asks for an assessment from a vacancy, staff schedule and pass it, and anyone checks the certificate by its QR link', async ({ browser }) => {
  test.setTimeout(240_000);
  const name = 'Dilshod Rahimov';

  // The migrant, on a phone with JavaScript, in Uzbek.
  const { ctx: migrantCtx, page: migrant } = await phone(browser, 'uz');
  const login = await freshMigrant(migrant, name);

  // A vacancy for a formwork carpenter requires MYK's 11UY0011-3; the migrant holds no certificate of it.
  const vacancy = await vacancyRequiring(migrant, 'Qolipchi', 'Qolipchi duradgor', '11UY0011-3');
  await settled(migrant);
  const notice = migrant.locator('.certificate-notice');
  await expect(notice).toContainText('Bu ish uchun shu malakaning MYK sertifikati kerak: Qolipchi (11UY0011-3, 3-daraja)');
  await expect(notice.locator('.hazardous')).toContainText('Bu xavfli ish');
  const missing = notice.locator('[data-certificate="missing"]');
  await expect(missing).toContainText('Sizda bu malakaning amaldagi sertifikati yoʻq.');
  const qualificationId = await notice.getAttribute('data-qualification');
  expect(qualificationId).toMatch(/^\d+$/);
  const requestLink = missing.getByRole('link', { name: 'Baholashga ariza berish' });
  await expect(requestLink).toHaveAttribute('href', `/skills?qualification=${qualificationId}#request-title`);

  // The link opens the request form with that qualification chosen; the migrant picks a city and a month.
  await requestLink.click();
  await expect(migrant).toHaveURL(new RegExp(`/skills\\?qualification=${qualificationId}#request-title$`));
  await settled(migrant);
  await expect(migrant.getByLabel('Malaka', { exact: true })).toHaveValue(qualificationId!);
  const month = nextMonth();
  await migrant.getByLabel('Qulay shahar').selectOption('Toshkent');
  await migrant.getByLabel('Qulay oy').fill(month);
  await migrant.getByRole('button', { name: 'Ariza yuborish' }).click();
  await expect(migrant).toHaveURL(/\/skills\?requested=1$/);
  await expect(migrant.getByRole('status').filter({ hasText: 'Arizangiz qabul qilindi.' })).toBeVisible();
  const mine = migrant.locator('main li[data-assessment]', { hasText: '11UY0011-3' });
  await expect(mine).toHaveCount(1);
  await expect(mine.locator('dd.status')).toHaveText('Ariza berilgan');
  await expect(mine).toContainText(`Toshkent, ${month}`);
  const assessmentId = await mine.getAttribute('data-assessment');

  // Staff (Elif, Turkish, same phone size, without JavaScript) find it in the queue and schedule it.
  const { ctx: staffCtx, page: staff } = await phone(browser, 'tr', false);
  await signIn(staff, STAFF);
  await staff.goto('/staff/assessments');
  await expect(staff.getByRole('heading', { level: 1, name: 'Yeterlilik sınavı başvuruları' })).toBeVisible();
  let item = staff.locator(`#assessment-${assessmentId}`);
  await expect(item.getByRole('heading', { level: 2 })).toContainText(`${name} — Ahşap Kalıpçı 11UY0011-3`);
  await expect(item.locator('dd.status')).toHaveText('Başvuruldu');
  await expect(item).toContainText(`Toshkent, ${month}`);
  const on = day(10);
  const mark = logMark();
  await item.getByLabel('Merkez').selectOption({ label: 'Toshkent kasbiy baholash markazi — Toshkent' });
  await item.getByLabel('Tarih ve saat (Taşkent saati)').fill(`${on}T10:30`);
  await item.getByRole('button', { name: 'Tarih ver' }).click();
  await expect(staff).toHaveURL(/\/staff\/assessments\?scheduled=1$/);
  await expect(staff.getByRole('status').filter({ hasText: 'Tarih verildi, göçmene bildirildi.' })).toBeVisible();
  item = staff.locator(`#assessment-${assessmentId}`);
  await expect(item.locator('dd.status')).toHaveText('Tarih verildi');

  // The migrant is told by SMS, in Uzbek, and sees it scheduled on /skills.
  const sms = await outboxMessage(login, 'notification', mark);
  expect(sms.text).toContain(`Malaka baholashingiz belgilandi: ${shown(on)} 10:30 (Toshkent vaqti), Toshkent kasbiy baholash markazi, Toshkent.`);
  await migrant.goto('/skills');
  await settled(migrant);
  await expect(mine.locator('dd.status')).toHaveText('Vaqt belgilangan');
  await expect(mine).toContainText(`${shown(on)}, 10:30`);
  await expect(mine).toContainText('Toshkent kasbiy baholash markazi, Toshkent');

  // Staff record a pass with its units: the certificate is issued and staff land on it.
  await item.getByLabel('Başarılı: yeterlilik belgesi verilir').check();
  await item.getByLabel('Geçilen birimler').fill('A1, a2, B1');
  await item.getByRole('button', { name: 'Sonucu kaydet' }).click();
  await expect(staff).toHaveURL(/\/skills\/certificates\/\d+\?issued=1$/);
  const certificatePath = new URL(staff.url()).pathname;
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Mesleki yeterlilik belgesi');
  await expect(staff.locator('[data-result="valid"]')).toHaveText('Geçerli');

  // The migrant sees the pass with its units and the certificate, and opens it.
  await migrant.goto('/skills');
  await settled(migrant);
  await expect(mine.locator('dd.status')).toHaveText('Oʻtdi');
  await expect(mine).toContainText('A1: oʻtdi; A2: oʻtdi; B1: oʻtdi');
  await expect(mine.getByRole('button', { name: 'Arizani qaytarib olish' })).toHaveCount(0);
  const line = migrant.locator('main li.card', { has: migrant.locator(`h3 a[href="${certificatePath}"]`) });
  await expect(line).toContainText('Qolipchi');
  await expect(line).toContainText('Amalda');
  await mine.getByRole('link', { name: 'Sertifikatni ochish' }).click();
  await expect(migrant).toHaveURL(new RegExp(`${certificatePath}$`));
  await settled(migrant);
  const certificate = migrant.locator('article.certificate');
  await expect(certificate.getByRole('heading', { level: 1 })).toHaveText('Malaka sertifikati');
  await expect(certificate.locator('[data-result="valid"]')).toHaveText('Amalda');
  await expect(certificate).toContainText(name);
  const number = (await certificate.locator('code.number').innerText()).trim();
  expect(number).toMatch(/^KP0001\/11UY0011-3\/00\/\d{2,}$/);
  // The QR code (an SVG, named for screen readers) and the link it encodes, to this site's public check.
  const qr = certificate.locator('figure.qr');
  await expect(qr.getByRole('img', { name: 'Sertifikatni tekshirish havolasining QR kodi' }).locator('svg')).toBeVisible();
  expect(await qr.locator('svg path, svg rect').count()).toBeGreaterThan(0);
  const verifyUrl = await qr.getAttribute('data-verify-url');
  expect(verifyUrl).toBe(`${ORIGIN}/certificates/verify?number=${encodeURIComponent(number)}`);
  const link = qr.locator('.verify-link');
  await expect(link).toHaveAttribute('href', verifyUrl!);
  await expect(link).toHaveText(verifyUrl!);
  // The certificate fits the 360 px screen.
  expect(await migrant.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  // The vacancy now counts the migrant's certificate, and links to it.
  await migrant.goto(vacancy);
  const holds = migrant.locator('.certificate-notice [data-certificate="holds"]');
  await expect(holds).toContainText('Sertifikatingiz bu ish uchun hisobga olinadi:');
  await expect(holds.getByRole('link', { name: number })).toHaveAttribute('href', certificatePath);
  await expect(migrant.locator('.certificate-notice [data-certificate="missing"]')).toHaveCount(0);

  // Anyone, in another browser with no cookies at all, opens the QR code's link: valid, the name masked.
  const anonCtx = await browser.newContext({ ...PHONE, locale: 'uz-UZ' });
  expect(await anonCtx.cookies()).toEqual([]);
  const anon = await anonCtx.newPage();
  withJs.add(anon);
  await anon.goto(verifyUrl!);
  await settled(anon);
  await expect(anon.locator('#number')).toHaveValue(number);
  const result = anon.locator('section[aria-labelledby="verify-result"]');
  await expect(result.locator('[data-result="valid"]')).toHaveText('Amalda');
  await expect(result).toContainText('Qolipchi (11UY0011-3)');
  await expect(result).toContainText(number);
  await expect(result.locator('dd.holder')).toHaveText(masked(name));
  expect(masked(name)).toBe('D****** R******');
  for (const word of name.split(' ')) await expect(anon.locator('body')).not.toContainText(word);

  // Axe over the migrant's pages as they are now (requests, a certificate, a notice that counts), both languages.
  for (const lang of ['uz', 'tr'] as const) {
    await axeClean(migrant, lang, '/skills', 'main li[data-assessment]');
    await axeClean(migrant, lang, certificatePath, 'figure.qr svg');
    await axeClean(migrant, lang, vacancy, '.certificate-notice [data-certificate="holds"]');
  }

  for (const c of [migrantCtx, staffCtx, anonCtx]) await c.close();
});

test('without JavaScript, the public check answers valid, expired, revoked or not found for a typed number', async ({ browser }) => {
  test.setTimeout(120_000);

  // The demo certificates' numbers, as each holder reads them on /skills.
  const numbers: Record<string, string> = {};
  for (const holder of [AZIZ, GULNORA, SHERZOD]) {
    const { ctx, page } = await phone(browser, 'uz', false);
    await signIn(page, holder.login);
    const mine = await myCertificateNumbers(page);
    const theirs = mine.find((n) => n.includes(`/${holder.code}/`));
    expect(theirs, `${holder.name}'s certificate of ${holder.code} among ${mine.join(', ')}`).toBeTruthy();
    numbers[holder.name] = theirs!.trim();
    await ctx.close();
  }

  // An employer's phone without JavaScript and without an account.
  const ctx = await browser.newContext({ ...PHONE, locale: 'uz-UZ', javaScriptEnabled: false });
  const page = await ctx.newPage();
  const check = async (typed: string) => {
    await page.goto('/certificates/verify');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sertifikatni tekshirish');
    await page.getByLabel('Sertifikat raqami').fill(typed);
    await page.getByRole('button', { name: 'Tekshirish' }).click();
    await expect(page).toHaveURL(/\/certificates\/verify\?number=/);
    return page.locator('section[aria-labelledby="verify-result"]');
  };
  const cases = [
    { holder: AZIZ, status: 'valid', text: 'Amalda', title: 'Armaturachi' },
    { holder: GULNORA, status: 'expired', text: 'Muddati oʻtgan', title: 'Gʻisht teruvchi' },
    { holder: SHERZOD, status: 'revoked', text: 'Bekor qilingan', title: 'Payvandchi' },
  ];
  for (const c of cases) {
    const result = await check(numbers[c.holder.name]);
    await expect(result.getByRole('heading', { level: 2 })).toHaveText('Tekshiruv natijasi');
    await expect(result.locator(`[data-result="${c.status}"]`)).toHaveText(c.text);
    await expect(result).toContainText(`${c.title} (${c.holder.code})`);
    await expect(result.locator('dd.holder')).toHaveText(masked(c.holder.name));
    for (const word of c.holder.name.split(' ')) await expect(page.locator('body')).not.toContainText(word);
  }
  // Typed as people do, in lower case with spaces: the same certificate.
  const typed = numbers[AZIZ.name].toLowerCase().replace(/\//g, ' / ');
  await expect((await check(typed)).locator('[data-result="valid"]')).toHaveText('Amalda');

  // A well-formed number nobody holds: only "not found", nothing else.
  const unknown = await check('KP0001/11UY0012-3/00/9999');
  await expect(unknown.locator('[data-result="notfound"]')).toHaveText('Bunday raqamli sertifikat topilmadi.');
  await expect(unknown.locator('dl')).toHaveCount(0);
  await expect(page.getByLabel('Sertifikat raqami')).toHaveValue('KP0001/11UY0012-3/00/9999');

  await ctx.close();
});

test('a vacancy that requires a qualification tells each reader in Uzbek whether their certificate counts', async ({ browser }) => {
  test.setTimeout(180_000);

  // A steel fixer's vacancy that requires MYK's 11UY0012-3, as a visitor sees it: the requirement and the warning only.
  const { ctx: visitorCtx, page: visitor } = await phone(browser, 'uz');
  const rebar = await vacancyRequiring(visitor, 'Armaturachi', 'Armaturachi', AZIZ.code);
  const asVisitor = visitor.locator('.certificate-notice');
  await expect(asVisitor).toContainText('Bu ish uchun shu malakaning MYK sertifikati kerak: Armaturachi (11UY0012-3, 3-daraja)');
  await expect(asVisitor.locator('.hazardous')).toHaveText(/^Bu xavfli ish: Turkiyada uni sertifikatsiz bajarish mumkin emas/);
  await expect(asVisitor.locator('[data-certificate]')).toHaveCount(0);
  // A mason's vacancy that requires 12UY0048-3.
  const masonry = await vacancyRequiring(visitor, 'Gʻisht', 'Gʻisht teruvchi (bino quruvchi)', GULNORA.code);
  await visitorCtx.close();

  // Aziz holds a valid certificate of 11UY0012-3: it counts, and the notice links to it.
  const { ctx: azizCtx, page: aziz } = await phone(browser, 'uz');
  await signIn(aziz, AZIZ.login);
  await aziz.goto('/skills');
  const own = aziz.locator('main li.card', { hasText: AZIZ.code }).locator('h3 a');
  const certificatePath = await own.getAttribute('href');
  await aziz.goto(rebar);
  await settled(aziz);
  const holds = aziz.locator('.certificate-notice [data-certificate="holds"]');
  await expect(holds).toHaveText(/^Sertifikatingiz bu ish uchun hisobga olinadi: KP0001\/11UY0012-3\/00\/\d+ · Amal qilish muddati \d\d\.\d\d\.\d{4}$/);
  await expect(holds.getByRole('link')).toHaveAttribute('href', certificatePath!);
  await expect(aziz.locator('.certificate-notice [data-certificate="missing"]')).toHaveCount(0);
  await azizCtx.close();

  /** `holder`'s certificate does not count on `vacancy`: the notice says so and links to the request form. */
  const lacks = async (holder: { login: string }, vacancy: string) => {
    const { ctx, page } = await phone(browser, 'uz');
    await signIn(page, holder.login);
    await page.goto(vacancy);
    await settled(page);
    const missing = page.locator('.certificate-notice [data-certificate="missing"]');
    await expect(missing).toHaveText(/^Sizda bu malakaning amaldagi sertifikati yoʻq\. Oʻzbekistondagi markazda baholashdan oʻtib, uni olishingiz mumkin\./);
    const id = await page.locator('.certificate-notice').getAttribute('data-qualification');
    await expect(missing.getByRole('link', { name: 'Baholashga ariza berish' })).toHaveAttribute('href', `/skills?qualification=${id}#request-title`);
    await expect(page.locator('.certificate-notice [data-certificate="holds"]')).toHaveCount(0);
    await ctx.close();
  };
  await lacks(GULNORA, masonry); // her mason's certificate has expired
  await lacks(AZIZ, masonry); // his certificate is of another qualification
});

test('axe finds nothing on the public, migrant and staff skills pages in Uzbek and Turkish at 360 px', async ({ browser }) => {
  test.setTimeout(240_000);

  // Aziz's valid certificate, and a vacancy that requires a qualification he lacks.
  const { ctx: azizCtx, page: aziz } = await phone(browser, 'uz');
  await signIn(aziz, AZIZ.login);
  const valid = (await myCertificateNumbers(aziz)).find((n) => n.includes(`/${AZIZ.code}/`))!;
  expect(valid).toBeTruthy();
  const certificatePath = await aziz.locator('main li.card h3 a[href^="/skills/certificates/"]').first().getAttribute('href');
  const vacancy = await vacancyRequiring(aziz, 'Gʻisht', 'Gʻisht teruvchi (bino quruvchi)', GULNORA.code);

  const { ctx: anonCtx, page: anon } = await phone(browser, 'uz');
  const { ctx: staffCtx, page: staff } = await phone(browser, 'tr');
  await signIn(staff, STAFF);
  await staff.goto('/staff/qualifications');
  const edit = await staff.locator('main table a[href^="/staff/qualifications/"]').first().getAttribute('href');
  expect(edit).toMatch(/^\/staff\/qualifications\/\d+$/);

  const pages: [Page, string, string][] = [
    [anon, '/qualifications', 'main ul.results > li'],
    [anon, '/certificates/verify', '#number'],
    [anon, `/certificates/verify?number=${encodeURIComponent(valid)}`, '[data-result="valid"]'],
    [anon, '/certificates/verify?number=KP0001%2F11UY0012-3%2F00%2F9999', '[data-result="notfound"]'],
    [aziz, certificatePath!, 'figure.qr svg'],
    [aziz, vacancy, '.certificate-notice [data-certificate="missing"]'],
    [staff, '/staff/qualifications', 'main table a[href^="/staff/qualifications/"]'],
    [staff, edit!, '#code'],
    [aziz, '/skills', 'main li.card h3 a[href^="/skills/certificates/"]'],
    [staff, '/staff/assessments', 'main li[data-assessment]'],
  ];
  for (const [page, path, ready] of pages) {
    for (const lang of ['uz', 'tr'] as const) await axeClean(page, lang, path, ready);
  }

  for (const c of [azizCtx, anonCtx, staffCtx]) await c.close();
});
