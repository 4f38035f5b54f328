import { test, expect, Page } from '@playwright/test';
import { hydrated } from './helpers';

// Issue 8: a search on a 360 × 740 phone shows how many vacancies it found and
// the first results on the first screen; Back from a vacancy returns to the
// same place in the list.

const SCREEN = 740;

async function countAndFirstResultOnFirstScreen(page: Page) {
  await page.goto('/');
  await page.getByLabel('Qidiruv: kasb, shahar, kompaniya').fill('gʻisht');
  await page.getByRole('button', { name: 'Ish qidirish' }).click();
  await expect(page).toHaveURL(/\/vacancies\?q=g%CA%BBisht$/);
  const count = page.getByRole('status');
  await expect(count).toHaveText(/^\d[\d\s]*\+? ta vakansiya topildi$/);
  const countBox = (await count.boundingBox())!;
  expect(countBox.y + countBox.height).toBeLessThanOrEqual(SCREEN);
  const first = page.locator('ul.results > li').first();
  await expect(first).toContainText('Gʻisht teruvchi');
  const firstBox = (await first.boundingBox())!;
  expect(firstBox.y, 'the first result starts on the first screen').toBeLessThan(SCREEN - 100);
  // The filters are one tap away, folded.
  await expect(page.getByLabel('Viloyat (il)')).toBeHidden();
}

test('without JavaScript: the count and the first result are on the first screen', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: SCREEN } });
  await countAndFirstResultOnFirstScreen(await ctx.newPage());
  await ctx.close();
});

test('with JavaScript: the count and the first result are on the first screen', async ({ page }) => {
  await countAndFirstResultOnFirstScreen(page);
});

test('Back from a vacancy returns to the same place in the list', async ({ page }) => {
  await page.goto('/vacancies');
  await hydrated(page);
  const tenth = page.locator('ul.results > li').nth(9);
  await tenth.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 200);
  await page.waitForTimeout(200);
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(SCREEN);
  const link = tenth.locator('a');
  const href = await link.getAttribute('href');
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole('main').locator('h1')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/vacancies$/);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 60);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(before + 60);
  await expect(tenth).toBeInViewport();
});
