import { test, expect, devices, Browser, BrowserContext, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { SERVER_LOG, logMark, outboxMessage, signIn } from './helpers';

// Cases (F3.1, F3.3, F6.1, F6.5) and their documents (F5.2), in a real browser:
// a help request with a photo from a phone without JavaScript, answered by
// staff in Turkish on a desktop; a complaint its employer never sees; an
// upload that lies about its type. Axe runs over the new pages in a11y.spec.ts.

const ORIGIN = 'http://127.0.0.1:3100';
/** Where the test server keeps uploads (playwright.config.ts: KOPRU_UPLOAD_DIR). */
const UPLOADS = path.resolve(__dirname, '..', '..', 'target', 'e2e', 'uploads');

/** A migrant's phone: Pixel 5 at 360 × 740, in Uzbek. */
async function phone(browser: Browser, js: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ...devices['Pixel 5'],
    viewport: { width: 360, height: 740 },
    locale: 'uz-UZ',
    javaScriptEnabled: js,
  });
  await context.addCookies([{ name: 'i18n_pref_locale', value: 'uz', url: ORIGIN }]);
  return { context, page: await context.newPage() };
}

/** An office desktop (1280 × 800, JavaScript on) in `lang`. */
async function desktop(browser: Browser, lang: 'uz' | 'tr', js = true): Promise<{ context: BrowserContext; page: Page }> {
  // Every option spelled out: a context left to the defaults would get the project's phone (Pixel 5).
  const context = await browser.newContext({
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 800 },
    locale: lang === 'tr' ? 'tr-TR' : 'uz-UZ',
    javaScriptEnabled: js,
  });
  await context.addCookies([{ name: 'i18n_pref_locale', value: lang, url: ORIGIN }]);
  return { context, page: await context.newPage() };
}

// ---------------------------------------------------------------------------
// A real photo as a phone's camera writes it: a 16 × 16 baseline JPEG (JFIF,
// made by Chromium's encoder) with an Exif APP1 segment right after SOI that
// holds a GPS IFD (latitude, longitude of Istanbul, and a processing method
// "GPS"), built byte by byte.

const JPEG_16PX = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0o'
  + 'MCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAQABAD'
  + 'ASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAABgD/xAAYEAACAwAAAAAAAAAAAAAAAAAABAUhMf/EABUBAQEAAAAAAAAAAAAAAAAAAAIF/8QA'
  + 'FREBAQAAAAAAAAAAAAAAAAAABAD/2gAMAwEAAhEDEQA/ACsellCaPSyij0soSx6WURGMgIV//9k=',
  'base64',
);

const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** An APP1 Exif segment: IFD0 (Orientation, GPSInfo) and a GPS IFD of five entries (big-endian TIFF). */
function exifApp1(): Buffer {
  const t: number[] = [0x4d, 0x4d, 0x00, 0x2a, ...be32(8)];
  t.push(...be16(2));
  t.push(...be16(0x0112), ...be16(3), ...be32(1), ...be16(1), 0, 0); // Orientation, SHORT, 1
  const gpsIfd = 8 + 2 + 2 * 12 + 4;
  t.push(...be16(0x8825), ...be16(4), ...be32(1), ...be32(gpsIfd)); // GPSInfo, LONG → the GPS IFD
  t.push(...be32(0));
  const entries = 5;
  const values = gpsIfd + 2 + entries * 12 + 4;
  const method = Buffer.from('ASCII\0\0\0GPS', 'latin1');
  t.push(...be16(entries));
  t.push(...be16(0x0001), ...be16(2), ...be32(2), 0x4e, 0, 0, 0); // GPSLatitudeRef "N"
  t.push(...be16(0x0002), ...be16(5), ...be32(3), ...be32(values)); // GPSLatitude, RATIONAL[3]
  t.push(...be16(0x0003), ...be16(2), ...be32(2), 0x45, 0, 0, 0); // GPSLongitudeRef "E"
  t.push(...be16(0x0004), ...be16(5), ...be32(3), ...be32(values + 24)); // GPSLongitude, RATIONAL[3]
  t.push(...be16(0x001b), ...be16(7), ...be32(method.length), ...be32(values + 48)); // GPSProcessingMethod
  t.push(...be32(0));
  for (const dms of [[41, 0, 49], [28, 58, 43]]) {
    for (const v of dms) t.push(...be32(v), ...be32(1));
  }
  t.push(...method);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(t)]);
  return Buffer.concat([Buffer.from([0xff, 0xe1, ...be16(2 + body.length)]), body]);
}

/** The photo the migrant uploads: the JPEG with the Exif segment after its SOI marker. */
function photoWithGps(): Buffer {
  return Buffer.concat([JPEG_16PX.subarray(0, 2), exifApp1(), JPEG_16PX.subarray(2)]);
}

/** The markers of a JPEG's segments up to its scan (0xE1 is APP1: Exif). */
function jpegMarkers(jpeg: Buffer): number[] {
  const markers: number[] = [];
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const m = jpeg[i + 1];
    markers.push(m);
    if (m === 0xda) break;
    i += 2 + jpeg.readUInt16BE(i + 2);
  }
  return markers;
}

/** Writes `bytes` as `name` in the test's own output folder; returns its path (the file input takes it from there). */
function fileOf(name: string, bytes: Buffer): string {
  const dir = test.info().outputPath(`upload-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  fs.mkdirSync(dir, { recursive: true });
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}

/** How many files the upload folder holds, in all its subfolders. */
function filesInUploads(): number {
  const walk = (d: string): number =>
    fs.readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? walk(path.join(d, e.name)) : 1), 0);
  return fs.existsSync(UPLOADS) ? walk(UPLOADS) : 0;
}

/** The number in the heading of `/cases` ("Murojaatlarim (2)") and the lines under it; they must agree. */
async function myCaseCount(page: Page): Promise<number> {
  await page.goto('/cases');
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText(/^Murojaatlarim \(\d+\)$/);
  const n = Number((await h1.innerText()).match(/\((\d+)\)/)![1]);
  await expect(page.locator('main ul.results > li')).toHaveCount(n);
  return n;
}

// ---------------------------------------------------------------------------

test('a help request with a photo from a phone without JavaScript, answered by staff in Turkish', async ({ browser, request }) => {
  test.setTimeout(150_000);
  const { context: migrantCtx, page: migrant } = await phone(browser, false);
  await signIn(migrant, '+998901234567');
  const before = await myCaseCount(migrant);

  // The help form, in Uzbek: the emergency numbers come first (without JavaScript they cannot wait for "urgent").
  await migrant.goto('/cases/new?kind=help');
  await expect(migrant.locator('html')).toHaveAttribute('lang', 'uz');
  await expect(migrant.getByRole('heading', { level: 1 })).toHaveText('Yordam soʻrash');
  const numbersOnForm = migrant.getByRole('region', { name: 'Xavf ostida boʻlsangiz, hoziroq qoʻngʻiroq qiling' });
  await expect(numbersOnForm.locator('a[href="tel:112"]')).toBeVisible();

  const summary = `Ish beruvchi uch oydan beri ish haqimni bermayapti, Esenyurt qurilishi. ${Date.now()}`;
  await migrant.getByRole('group', { name: 'Nima boʻldi?', exact: true }).getByLabel('Ish haqi toʻlanmagan').check();
  await migrant.getByLabel('Shoshilinch: hayotim, sogʻligʻim yoki erkinligim xavf ostida').check();
  await migrant.getByLabel('Nima boʻldi? Qisqacha yozing').fill(summary);
  const photo = photoWithGps();
  expect(photo.includes(Buffer.from('Exif')), 'the uploaded photo carries Exif').toBe(true);
  expect(photo.includes(Buffer.from('GPS')), 'and GPS bytes').toBe(true);
  expect(jpegMarkers(photo)).toContain(0xe1);
  await migrant.getByLabel('Rasm yoki hujjatlar (ixtiyoriy)').setInputFiles(fileOf('ish-joyi.jpg', photo));
  await migrant.getByRole('button', { name: 'Murojaatni yuborish' }).click();

  // The case page: its number, urgent, the emergency numbers, the photo among the documents.
  await expect(migrant).toHaveURL(/\/cases\/\d+$/);
  const caseUrl = new URL(migrant.url()).pathname;
  const id = Number(caseUrl.split('/').pop());
  const h1 = migrant.getByRole('heading', { level: 1 });
  await expect(h1).toContainText(`Yordam №${id}`);
  await expect(h1).toContainText('Shoshilinch');
  await expect(migrant.locator('.stage-now')).toContainText('Yuborildi');
  await expect(migrant.getByRole('main')).toContainText(summary);
  await expect(migrant.getByRole('main')).toContainText('Ish haqi toʻlanmagan');
  const numbers = migrant.getByRole('region', { name: 'Xavf ostida boʻlsangiz, hoziroq qoʻngʻiroq qiling' });
  await expect(numbers).toBeVisible();
  await expect(numbers.locator('a[href="tel:112"]')).toBeVisible();
  expect(await numbers.locator('a[href^="tel:+"]').count(), "the representation's numbers too").toBeGreaterThan(0);
  const docs = migrant.getByRole('region', { name: 'Hujjatlar', exact: true });
  const photoLink = docs.getByRole('link', { name: 'ish-joyi.jpg' });
  await expect(photoLink).toBeVisible();
  await expect(docs.locator('ul.documents > li', { hasText: 'ish-joyi.jpg' })).toContainText('JPEG');
  const href = (await photoLink.getAttribute('href'))!;
  expect(href).toMatch(/^\/api\/document\?id=\d+$/);

  // The photo through its link: a JPEG, never cached, with nothing of its Exif (GPS) left.
  const [shown] = await Promise.all([
    migrant.waitForResponse((r) => r.url() === `${ORIGIN}${href}`),
    photoLink.click(),
  ]);
  expect(shown.status()).toBe(200);
  expect(shown.headers()['content-type']).toBe('image/jpeg');
  const served = await migrantCtx.request.get(href);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('image/jpeg');
  expect(served.headers()['cache-control']).toBe('no-store');
  expect(served.headers()['x-content-type-options']).toBe('nosniff');
  expect(served.headers()['content-disposition']).toMatch(/^inline; filename="ish-joyi\.jpg"/);
  const bytes = await served.body();
  expect([...bytes.subarray(0, 3)], 'still a JPEG').toEqual([0xff, 0xd8, 0xff]);
  expect(bytes.includes(Buffer.from('Exif')), 'no Exif marker').toBe(false);
  expect(bytes.includes(Buffer.from('GPS')), 'no GPS bytes').toBe(false);
  expect(jpegMarkers(bytes), 'no APP1 segment').not.toContain(0xe1);
  // Nobody without a session gets it.
  const anonymous = await request.get(href, { maxRedirects: 0 });
  expect(anonymous.status()).not.toBe(200);
  expect(anonymous.headers()['content-type'] ?? '').not.toContain('image/');

  // Staff, in Turkish on a desktop: the help queue, the case among the urgent ones at its top.
  const { context: staffCtx, page: staff } = await desktop(browser, 'tr');
  await signIn(staff, 'elif.demir@kopru.example');
  await staff.goto('/staff/cases?kind=help');
  await expect(staff.locator('html')).toHaveAttribute('lang', 'tr');
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Yardım: talep kuyruğu');
  const rows = staff.locator('table.case-lines tbody tr');
  const lines = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({ href: tr.querySelector('a')?.getAttribute('href'), urgent: !!tr.querySelector('.urgent-tag') })));
  const at = lines.findIndex((l) => l.href === caseUrl);
  expect(at, `case ${id} in the help queue`).toBeGreaterThanOrEqual(0);
  // Urgent first, then the oldest: nothing but urgent cases above it (the demo world has an older urgent one).
  expect(lines.slice(0, at + 1).map((l) => l.urgent), 'urgent cases at the top, this one among them').toEqual(
    Array(at + 1).fill(true));
  const row = rows.nth(at);
  await expect(row.locator('.urgent-tag')).toHaveText('Acil');
  await expect(row).toContainText('Aziz Karimov');
  await expect(row).toContainText('Ücretim ödenmedi');

  // The queue is a page like any other: it hydrates (soft, so that the rest of the journey still runs).
  await expect.soft(staff.locator('html'), 'the help queue hydrates').toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
  await row.getByRole('link', { name: `No. ${id}` }).click();
  await expect.soft(staff, 'the queue\'s link opens the case').toHaveURL(new RegExp(`/cases/${id}$`));
  // (Should it not, the rest of the journey is still checked from the case's address.)
  if (new URL(staff.url()).pathname !== caseUrl) await staff.goto(caseUrl);
  await expect(staff).toHaveURL(new RegExp(`/cases/${id}$`));
  await expect(staff.getByRole('heading', { level: 1 })).toContainText(`Yardım No. ${id}`);
  await expect(staff.getByRole('main')).toContainText(summary);
  await expect(staff.getByRole('region', { name: 'Belgeler', exact: true }).getByRole('link', { name: 'ish-joyi.jpg' })).toBeVisible();
  const reply = `Merhaba Aziz Bey, talebinizi aldık. İşvereninizin adını ve adresini yazın, bugün arayacağız. ${Date.now()}`;
  const mark = logMark();
  await staff.getByLabel('Mesajınız').fill(reply);
  await staff.getByRole('button', { name: 'Gönder', exact: true }).click();
  await expect(staff).toHaveURL(new RegExp(`/cases/${id}(#thread)?$`));
  const staffSide = staff.locator('#thread ol.thread > li.from-staff').last();
  await expect(staffSide).toContainText(reply);
  await expect(staffSide).toContainText('Elif Demir');

  // The migrant, still without JavaScript, reloads the case: the reply, in Turkish and labelled so.
  await migrant.goto(caseUrl);
  await migrant.reload();
  const answer = migrant.locator('#thread ol.thread > li.from-staff').last();
  await expect(answer).toContainText(reply);
  await expect(answer).toContainText('Elif Demir (Xodim)');
  await expect(answer).toContainText('(turkcha yozilgan)');
  await expect(answer.locator('p[lang="tr"]')).toHaveText(reply);

  // A notification in the site, pointing at the case, and an SMS.
  await migrant.goto('/notifications');
  const note = migrant.getByRole('main').getByRole('link', { name: `№${id} murojaatda yangi xabar`, exact: true });
  await expect(note).toHaveAttribute('href', caseUrl);
  const unread = migrant.locator('main li.unread', { has: migrant.getByRole('link', { name: `№${id} murojaatda yangi xabar`, exact: true }) });
  await expect(unread).toHaveCount(1);
  const sms = await outboxMessage('+998901234567', 'notification', mark);
  expect(sms.text).toContain(`№${id}`);
  expect(sms.text, 'the SMS says there is news, never what staff wrote').not.toContain(reply);
  await note.click();
  await expect(migrant).toHaveURL(new RegExp(`${caseUrl}$`));

  expect(await myCaseCount(migrant)).toBe(before + 1);
  await staffCtx.close();
  await migrantCtx.close();
});

// ---------------------------------------------------------------------------

/** The demo world's migrants (server/src/seed.rs, PEOPLE) as employers see their names (profiles drop the ʻ). */
const DEMO_MIGRANTS: Record<string, string> = {
  'Aziz Karimov': '+998901234567',
  'Gulnora Tosheva': '+998935551122',
  'Bekzod Ogli Ergashev': '+905321112233',
  'Sherzod Qodirov': '+998977001020',
  'Malika Nematova': '+905457778899',
};

/** Every outbox line written after `after` to `recipient`, whatever its kind. */
function outboxTextsTo(recipient: string, after: number): string[] {
  const text = fs.readFileSync(SERVER_LOG).subarray(after).toString('utf8');
  const found: string[] = [];
  for (const line of text.split('\n')) {
    try {
      const f = JSON.parse(line).fields;
      if (f?.message === 'outbox message' && f.to === recipient) found.push(`${f.kind}: ${f.text}`);
    } catch {
      // a line cut in two by `after`, or still being written
    }
  }
  return found;
}

test('a complaint stays invisible to the employer it is about', async ({ browser }) => {
  test.setTimeout(240_000);
  const mark = logMark();
  // A worker the employer knows: a demo migrant whose application Anadolu İnşaat has in front of it.
  const { context: employerCtx, page: employer } = await desktop(browser, 'tr', false);
  await signIn(employer, 'ik@anadolu-insaat.example');
  await employer.goto('/applications');
  let applicationPath = '';
  let worker = '';
  for (const name of Object.keys(DEMO_MIGRANTS)) {
    const li = employer.locator('main ul.results > li', { hasText: name }).first();
    if ((await li.count()) === 0) continue;
    applicationPath = (await li.locator('a[href^="/applications/"]').first().getAttribute('href'))!;
    worker = name;
    break;
  }
  expect(worker, "a demo migrant among Anadolu İnşaat's candidates").not.toBe('');

  // The worker complains about the employer, confidentially, picking it from their own applications' companies.
  const { context: migrantCtx, page: migrant } = await phone(browser, false);
  await signIn(migrant, DEMO_MIGRANTS[worker]);
  await migrant.goto('/cases/new?kind=complaint');
  await expect(migrant.getByRole('heading', { level: 1 })).toHaveText('Ish beruvchi ustidan shikoyat');
  await expect(migrant.getByRole('main')).toContainText('Ish beruvchi bu shikoyatni hech qachon koʻrmaydi');
  const secret = `Brigadir pasportimni olib qoʻydi va haqorat qildi ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await migrant.getByRole('group', { name: 'Shikoyat nima haqida?', exact: true }).getByLabel('Haqorat, zoʻravonlik yoki tahdid').check();
  await migrant.getByLabel('Qaysi ish beruvchi?').selectOption({ label: 'Anadolu İnşaat ve Taahhüt A.Ş.' });
  await migrant.getByLabel('Nima boʻldi? Qisqacha yozing').fill(secret);
  await migrant.getByRole('button', { name: 'Murojaatni yuborish' }).click();
  await expect(migrant).toHaveURL(/\/cases\/\d+$/);
  const casePath = new URL(migrant.url()).pathname;
  const id = Number(casePath.split('/').pop());
  await expect(migrant.getByRole('heading', { level: 1 })).toContainText(`Ish beruvchi ustidan shikoyat №${id}`);
  await expect(migrant.getByRole('main')).toContainText(secret);
  await expect(migrant.getByRole('main')).toContainText('Anadolu İnşaat ve Taahhüt A.Ş.');

  // The employer, in Turkish, on every page it can reach from its own pages and the header.
  const number = new RegExp(`(№\\s?|No\\.\\s?)${id}(?!\\d)|(?<!\\d)${id} numaralı talep`);
  const caseLink = /^\/cases\/\d+/;
  const clean = async (where: string) => {
    const html = await employer.content();
    expect(html.includes(secret), `the complaint's text on ${where}`).toBe(false);
    expect(await employer.locator('body').innerText(), `the case number on ${where}`).not.toMatch(number);
    const links = await employer.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.filter((h) => caseLink.test(h)), `links to cases on ${where}`).toEqual([]);
  };
  const start = ['/', '/employer/company', '/employer/vacancies', '/applications', applicationPath, '/notifications', '/account'];
  const seen = new Set<string>();
  const todo: [string, number][] = start.map((p) => [p, 0]);
  while (todo.length > 0 && seen.size < 80) {
    const [where, depth] = todo.shift()!;
    if (seen.has(where)) continue;
    seen.add(where);
    const res = await employer.goto(where);
    expect(res?.status(), where).toBeLessThan(500);
    await expect(employer.locator('html')).toHaveAttribute('lang', 'tr');
    await clean(where);
    if (depth > 0) continue;
    const hrefs = await employer.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const h of hrefs) {
      const p = h.split('#')[0];
      // Not the downloads (checked below), not every combination of the search's filters.
      if (!p || p.startsWith('/api/') || (p.startsWith('/vacancies?') && p !== '/vacancies')) continue;
      if (!seen.has(p)) todo.push([p, depth + 1]);
    }
  }
  for (const must of [...start, '/employer/vacancies']) expect(seen.has(must), `visited ${must}`).toBe(true);
  // The candidate is there, the complaint is not.
  await employer.goto(applicationPath);
  await expect(employer.getByRole('main')).toContainText(worker);
  await clean(applicationPath);

  // The case itself, the complaints queue, the migrant's list: not found / no access, and nothing of it.
  const refused = /Sayfa bulunamadı\.|Bu işlem için yetkiniz yok\./;
  for (const where of [casePath, '/staff/cases?kind=complaint', '/cases']) {
    await employer.goto(where);
    await expect(employer.getByRole('main')).toContainText(refused);
    await clean(where);
  }
  // Nor through the server functions and the personal-data download.
  for (const where of [`/api/get_case?id=${id}`, '/api/my_cases']) {
    const r = await employerCtx.request.get(where, { maxRedirects: 0 });
    expect(r.status(), where).toBeGreaterThanOrEqual(400);
    expect((await r.text()).includes(secret), where).toBe(false);
  }
  const data = await employerCtx.request.get('/api/my_data');
  expect(data.status()).toBe(200);
  const dataText = await data.text();
  expect(dataText.includes(secret), 'the personal-data download').toBe(false);
  // Nothing sent to the employer since the test began speaks of it.
  const sent = outboxTextsTo('ik@anadolu-insaat.example', mark);
  expect(sent.filter((t) => t.includes(secret) || number.test(t)), 'messages to the employer').toEqual([]);

  await employerCtx.close();
  await migrantCtx.close();
});

// ---------------------------------------------------------------------------

test('without JavaScript: an upload that lies about its type is refused next to the file field', async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page } = await phone(browser, false);
  await signIn(page, '+998935551122');
  const before = await myCaseCount(page);
  const filesBefore = filesInUploads();

  const lies: [string, Buffer][] = [
    ['an executable', Buffer.concat([
      Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]),
      Buffer.from('This program cannot be run in DOS mode.\r\r\n$', 'latin1'),
    ])],
    ['HTML', Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>', 'utf8')],
  ];
  for (const [what, bytes] of lies) {
    await page.goto('/cases/new?kind=help');
    await page.getByRole('group', { name: 'Nima boʻldi?', exact: true }).getByLabel('Turar joy muammosi').check();
    await page.getByLabel('Nima boʻldi? Qisqacha yozing').fill('Yotoqxonada suv va isitish yoʻq.');
    await page.getByLabel('Rasm yoki hujjatlar (ixtiyoriy)').setInputFiles(fileOf('photo.jpg', bytes));
    await page.getByRole('button', { name: 'Murojaatni yuborish' }).click();

    // Back on the help form, the message in Uzbek under the file field, the field marked and pointing at it.
    await expect(page, what).toHaveURL(/\/cases\/new\?kind=help&.*error=file_type_not_allowed/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Yordam soʻrash');
    await expect(page.locator('#file-error'), what).toHaveText('Faqat PDF, JPEG yoki PNG fayl yuklang.');
    const input = page.getByLabel('Rasm yoki hujjatlar (ixtiyoriy)');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAttribute('aria-describedby', /(^|\s)file-error(\s|$)/);
    const summary = page.locator('#form-error');
    await expect(summary).toContainText('Faqat PDF, JPEG yoki PNG fayl yuklang.');
    await expect(summary.getByRole('link', { name: 'Faqat PDF, JPEG yoki PNG fayl yuklang.' })).toHaveAttribute('href', '#file');
    expect(filesInUploads(), `nothing of ${what} kept on disk`).toBe(filesBefore);
  }

  // No case was opened.
  expect(await myCaseCount(page)).toBe(before);
  await context.close();
});
