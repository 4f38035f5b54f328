import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { freshPhone, PASSWORD, hydrated, signIn, DEMO_PASSWORD, verifyWithCode } from './helpers';

// What a 360 px phone shows: nothing scrolls sideways, the header leaves room
// for the page, the folded menu works without JavaScript.

const WIDTH = 360;
// Brand and language switch (and the menu button) in one row, the main links
// in two rows of 44 px: about 140 px. The old header (all links in the list,
// brand row plus four rows of links) was 240 px at 360 px.
const HEADER_MAX = 150;

test.use({ viewport: { width: WIDTH, height: 740 } });

async function noSidewaysScroll(page: Page, path: string) {
  const { scrollWidth, wide } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    // What sticks out, to say why when it fails.
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  }));
  expect(scrollWidth, `${path} scrolls sideways: ${wide.join(', ')}`).toBeLessThanOrEqual(WIDTH);
}

async function headerHeight(page: Page) {
  return page.locator('header.site-header').evaluate((h) => h.getBoundingClientRect().height);
}

/** On a phone a label stands over its value, at the same left edge. */
async function factsStacked(page: Page) {
  const facts = page.locator('dl.facts').first();
  const dt = (await facts.locator('dt').first().boundingBox())!;
  const dd = (await facts.locator('dd').first().boundingBox())!;
  expect(Math.abs(dd.x - dt.x)).toBeLessThanOrEqual(1);
  expect(dd.y).toBeGreaterThanOrEqual(dt.y + dt.height - 1);
}

async function signUpMigrant(page: Page, name: string) {
  const phone = freshPhone();
  await page.goto('/signup');
  await page.getByLabel('Ism va familiya').fill(name);
  await page.getByLabel('Telefon raqami').fill(phone);
  await page.getByLabel('Parol', { exact: true }).fill(PASSWORD);
  await page.getByRole('checkbox').check();
  await page.getByRole('main').getByRole('button', { name: 'Roʻyxatdan oʻtish' }).click();
  await expect(page).toHaveURL(/\/verify$/);
  await verifyWithCode(page, phone);
  await expect(page).toHaveURL(/\/applications$/);
}

test('anonymous pages do not scroll sideways at 360 px; vacancy facts stack', async ({ page }) => {
  for (const path of ['/', '/signin', '/signup', '/signup/employer', '/vacancies', '/privacy']) {
    await page.goto(path);
    await noSidewaysScroll(page, path);
  }
  await page.goto('/vacancies');
  const first = page.locator('main a[href^="/vacancies/"]').first();
  const href = (await first.getAttribute('href'))!;
  await page.goto(href);
  await expect(page.locator('dl.facts')).toBeVisible();
  await noSidewaysScroll(page, href);
  await factsStacked(page);
});

test('a signed-in migrant on a phone: two rows of header, nothing scrolls sideways', async ({ page }) => {
  await signUpMigrant(page, 'Dilnoza Oʻgʻiloy Xudoyberdiyeva');
  for (const path of ['/account', '/vacancies', '/applications']) {
    await page.goto(path);
    await noSidewaysScroll(page, path);
    expect(await headerHeight(page), `header on ${path}`).toBeLessThanOrEqual(HEADER_MAX);
  }
  await page.goto('/account');
  await factsStacked(page);

  // The main links stay in sight, with their full 44 px targets; the rest is folded.
  const banner = page.getByRole('banner');
  for (const name of ['Bosh sahifa', 'Boʻsh ish oʻrinlari', 'Arizalar', 'Bildirishnomalar', 'Shoshilinch aloqa']) {
    const link = banner.getByRole('link', { name, exact: name !== 'Bildirishnomalar' });
    await expect(link).toBeVisible();
    expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }
  await expect(banner.locator('.account-link')).toBeHidden();
  await expect(banner.getByRole('button', { name: 'Chiqish' })).toBeHidden();

  // The same in Turkish.
  await page.getByRole('button', { name: 'Türkçe' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
  await noSidewaysScroll(page, '/account (tr)');
  expect(await headerHeight(page), 'header in Turkish').toBeLessThanOrEqual(HEADER_MAX);
  await page.getByRole('button', { name: 'Oʻzbekcha' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz');

  // With the WASM: a client-side navigation from the menu closes it.
  await hydrated(page);
  const menu = banner.locator('details.menu');
  await menu.locator('summary').click();
  await expect(menu).toHaveAttribute('open', '');
  await banner.getByRole('link', { name: 'Mening profilim' }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(menu).not.toHaveAttribute('open');
});

test('without JavaScript the folded menu opens and its links and sign-out work', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: WIDTH, height: 740 } });
  const page = await context.newPage();
  await signUpMigrant(page, 'Sardor Rustamov');
  const banner = page.getByRole('banner');
  const summary = banner.locator('details.menu > summary');
  expect((await summary.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await expect(banner.getByRole('link', { name: 'Mening profilim' })).toBeHidden();

  // A tap opens it; the links are there, 44 px tall, and lead to their pages.
  await summary.click();
  const profile = banner.getByRole('link', { name: 'Mening profilim' });
  await expect(profile).toBeVisible();
  expect((await profile.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await noSidewaysScroll(page, '/account with the menu open');
  await profile.click();
  await expect(page).toHaveURL(/\/profile$/);

  // The keyboard opens it too (Enter on the summary).
  await summary.focus();
  await page.keyboard.press('Enter');
  await banner.locator('.account-link').click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Mening hisobim' })).toBeVisible();

  // The sign-out is still a plain form in the menu.
  await summary.click();
  await banner.getByRole('button', { name: 'Chiqish' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(banner.getByRole('link', { name: 'Kirish' })).toBeVisible();
  await expect(banner.locator('details.menu')).toHaveCount(0);
  await context.close();
});

test('the admin accounts table: a keyboard can reach its scroll region, nothing scrolls sideways', async ({ page }) => {
  await signIn(page, 'admin@kopru.example', DEMO_PASSWORD);
  await page.goto('/admin/accounts');
  const region = page.locator('.table-scroll');
  await expect(region).toHaveAttribute('tabindex', '0');
  await expect(region).toHaveAttribute('role', 'region');
  await expect(region).toHaveAttribute('aria-labelledby', /\S/);
  await expect(region.locator('table.list')).toBeVisible();
  await region.focus();
  await expect(region).toBeFocused();
  await noSidewaysScroll(page, '/admin/accounts');
  expect(await headerHeight(page), 'admin header').toBeLessThanOrEqual(HEADER_MAX);
  const axe = await new AxeBuilder({ page }).withRules(['scrollable-region-focusable']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});
