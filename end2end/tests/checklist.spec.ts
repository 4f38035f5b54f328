import { test, expect, Browser, BrowserContext, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { Lang, ORIGIN, browserIn, hydrated, isoDay as day, shownDate as shown, signIn } from './helpers';

// Issue 11 item 6b (F6.7): staff add next steps with due dates to a help case
// (with and without JavaScript), the migrant sees them on their phone and ticks
// them (with and without JavaScript); axe over the changed case pages — the
// migrant's and the staff's, a refused step form — in both languages.

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MIGRANT = '+998977001020';
const STAFF = 'elif.demir@kopru.example';

async function context(browser: Browser, lang: Lang, js: boolean, phone: boolean): Promise<{ ctx: BrowserContext; page: Page }> {
  return browserIn(browser, lang, { js, phone });
}

/** Axe on `path` in `lang`; `page` must run JavaScript (axe is a script: without it, it never answers). */
async function axeClean(page: Page, ctx: BrowserContext, lang: string, path: string) {
  await ctx.addCookies([{ name: 'i18n_pref_locale', value: lang, url: ORIGIN }]);
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('#steps')).toBeVisible();
  // Axe runs on the hydrated page once nothing is loading any more
  // (a lazy chunk arriving mid-run would change the document under it).
  await hydrated(page);
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`), `${path} in ${lang}`).toEqual([]);
}

test('staff add dated steps to a help case; the migrant sees and ticks them, with and without JavaScript', async ({ browser }) => {
  test.setTimeout(180_000);

  // The migrant opens a help case from a phone without JavaScript.
  const { ctx: phoneCtx, page: migrant } = await context(browser, 'uz', false, true);
  await signIn(migrant, MIGRANT);
  await migrant.goto('/cases/new?kind=help');
  await migrant.getByRole('group', { name: 'Nima boʻldi?', exact: true }).getByLabel('Turar joy muammosi').check();
  await migrant.getByLabel('Nima boʻldi? Qisqacha yozing').fill(`Yotoqxonadan chiqarib yuborishdi. ${Date.now()}`);
  await migrant.getByRole('button', { name: 'Murojaatni yuborish' }).click();
  await expect(migrant).toHaveURL(/\/cases\/\d+$/);
  const casePath = new URL(migrant.url()).pathname;
  // No step yet: the migrant's page shows no checklist at all.
  await expect(migrant.locator('#steps')).toHaveCount(0);

  // Staff, in Turkish on a desktop with JavaScript: a step written in Uzbek, the migrant's language.
  const { ctx: staffCtx, page: staff } = await context(browser, 'tr', true, false);
  await signIn(staff, STAFF);
  await staff.goto(casePath);
  await hydrated(staff);
  const steps = staff.locator('#steps');
  await expect(steps.getByRole('heading', { name: 'Sonraki adımlar' })).toBeVisible();
  await expect(steps).toContainText('Göçmen işçi Özbekçe okuyor');
  // A date in the past is refused next to its field, nothing added.
  await staff.locator('#step_label').fill('Ijara shartnomasini olib keling');
  await staff.locator('#step_due').fill(day(-2));
  await steps.getByRole('button', { name: 'Adımı ekle' }).click();
  await expect(staff.locator('#step_due')).toHaveAttribute('aria-invalid', 'true');
  await expect(staff.locator('#steps p.field-error')).toBeVisible();
  await expect(steps.locator('ul.checklist > li')).toHaveCount(0);
  const first = 'Ijara shartnomasini olib keling';
  const firstDue = day(5);
  await staff.locator('#step_label').fill(first);
  await staff.locator('#step_due').fill(firstDue);
  await steps.getByRole('button', { name: 'Adımı ekle' }).click();
  await expect(steps.locator('ul.checklist > li', { hasText: first })).toContainText(shown(firstDue));

  // And without JavaScript: a plain form post.
  const { ctx: plainCtx, page: plain } = await context(browser, 'tr', false, false);
  await signIn(plain, STAFF);
  await plain.goto(casePath);
  const second = 'Ish beruvchining manzilini yozib yuboring';
  const secondDue = day(9);
  await plain.locator('#step_label').fill(second);
  await plain.locator('#step_due').fill(secondDue);
  await plain.locator('#steps').getByRole('button', { name: 'Adımı ekle' }).click();
  await expect(plain).toHaveURL(new RegExp(`${casePath}#steps$`));
  await expect(plain.locator('#steps ul.checklist > li')).toHaveCount(2);

  // The migrant (no JavaScript) sees both, with their dates, in a list they can tick; they tick the first.
  await migrant.goto(casePath);
  const mine = migrant.locator('#steps');
  await expect(mine.getByRole('heading', { name: 'Keyingi qadamlar' })).toBeVisible();
  const item = mine.locator('ul.checklist > li', { hasText: first });
  await expect(item).toContainText(shown(firstDue));
  await expect(item).toContainText('Bajarilmagan');
  await expect(mine.getByRole('button', { name: 'Oʻzgartirish' })).toHaveCount(0);
  await item.getByRole('button', { name: 'Bajarildi deb belgilash' }).click();
  await expect(migrant).toHaveURL(new RegExp(`${casePath}#steps$`));
  await expect(migrant.locator('#steps ul.checklist > li', { hasText: first })).toContainText('Bajarildi');

  // With JavaScript, the second.
  const { ctx: jsCtx, page: migrantJs } = await context(browser, 'uz', true, true);
  await signIn(migrantJs, MIGRANT);
  await migrantJs.goto(casePath);
  await hydrated(migrantJs);
  const other = migrantJs.locator('#steps ul.checklist > li', { hasText: second });
  await other.getByRole('button', { name: 'Bajarildi deb belgilash' }).click();
  await expect(migrantJs.locator('#steps ul.checklist > li', { hasText: second })).toContainText('Bajarildi');
  await expect(migrantJs.locator('#steps ul.checklist > li.done')).toHaveCount(2);

  // Staff see both ticked: no more change or removal for them.
  await staff.goto(casePath);
  await expect(staff.locator('#steps ul.checklist > li.done')).toHaveCount(2);
  await expect(staff.locator('#steps').getByRole('button', { name: 'Kaldır' })).toHaveCount(0);

  // Axe over the changed pages, both languages: the staff's (with a step to edit, and refused), the migrant's.
  await staff.goto(casePath);
  await hydrated(staff);
  await staff.locator('#step_label').fill('Pasport nusxasi');
  await staff.locator('#step_due').fill(day(3));
  await staff.locator('#steps').getByRole('button', { name: 'Adımı ekle' }).click();
  await expect(staff.locator('#steps ul.checklist > li')).toHaveCount(3);
  for (const lang of ['uz', 'tr']) {
    await axeClean(staff, staffCtx, lang, casePath);
    await axeClean(staff, staffCtx, lang, `${casePath}?error=date_in_past%3Astep_due&error=required%3Astep_label`);
    // Axe runs in the page's own JavaScript: the migrant's phone with it (the markup is the server's either way).
    await axeClean(migrantJs, jsCtx, lang, casePath);
  }

  for (const c of [phoneCtx, staffCtx, plainCtx, jsCtx]) await c.close();
});
