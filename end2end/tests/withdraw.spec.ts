import { test, expect, Page } from '@playwright/test';
import { PASSWORD, freshPhone, hydrated, verifyWithCode } from './helpers';

// Issue 8: withdrawing is a labelled action that asks first and says what it
// means; a withdrawn migrant may apply again to the same vacancy while it is
// open, and the history says so. On a 360 px phone, JavaScript off and on.

async function migrantWithProfile(page: Page) {
  const phone = freshPhone();
  await page.goto('/signup');
  await page.getByLabel('Ism va familiya').fill('Jasur Toʻrayev');
  await page.getByLabel('Telefon raqami').fill(phone);
  await page.getByLabel('Parol', { exact: true }).fill(PASSWORD);
  await page.getByRole('main').getByRole('checkbox').check();
  await page.getByRole('main').getByRole('button', { name: 'Roʻyxatdan oʻtish' }).click();
  // Applying needs a proved phone (issue 9).
  await expect(page).toHaveURL(/\/verify$/);
  await verifyWithCode(page, phone);
  await expect(page).toHaveURL(/\/applications$/);
  await page.goto('/profile');
  await page.getByLabel('Tugʻilgan sana').fill('1996-05-20');
  await page.getByLabel('Hozir qayerdasiz').selectOption('uz:1');
  await page.getByLabel('Kasbingiz').selectOption('1');
  await page.getByLabel('Ish tajribasi (yil)').fill('4');
  await page.getByRole('button', { name: 'Saqlash' }).click();
  await expect(page.getByLabel('Ish tajribasi (yil)')).toHaveValue('4');
}

async function withdrawAndApplyAgain(page: Page, js: boolean) {
  await page.setViewportSize({ width: 360, height: 740 });
  await migrantWithProfile(page);
  await page.goto('/vacancies');
  await page.locator('ul.results > li a').first().click();
  await expect(page).toHaveURL(/\/vacancies\/\d+$/);
  if (js) await hydrated(page);
  await page.getByRole('button', { name: 'Ariza topshirish' }).click();
  await expect(page).toHaveURL(/\/applications\/\d+$/);
  const applicationUrl = page.url();

  // Withdrawing asks first, and says what it means; "No" changes nothing.
  await page.getByRole('link', { name: 'Arizani qaytarib olish' }).click();
  await expect(page).toHaveURL(/\?withdraw=1$/);
  await expect(page.getByRole('alert')).toContainText('Arizani qaytarib olsangizmi?');
  await page.getByRole('link', { name: 'Yoʻq, arizani qoldiraman' }).click();
  await expect(page.locator('.stage-now')).toContainText('Yuborildi');
  await page.getByRole('link', { name: 'Arizani qaytarib olish' }).click();
  await page.getByRole('button', { name: 'Ha, qaytarib olaman' }).click();
  await expect(page.locator('.stage-now')).toContainText('Qaytarib olindi');
  await expect(page.locator('.stage-meaning')).toContainText('qayta ariza topshirishingiz mumkin');
  await expect(page.getByRole('link', { name: 'Arizani qaytarib olish' })).toHaveCount(0);

  // The vacancy offers applying again: the same application, back at the start.
  await page.getByRole('main').getByRole('link', { name: 'Vakansiya', exact: true }).click();
  await expect(page).toHaveURL(/\/vacancies\/\d+$/);
  await page.getByRole('button', { name: 'Ariza topshirish' }).click();
  await expect(page).toHaveURL(applicationUrl);
  await expect(page.locator('.stage-now')).toContainText('Yuborildi');
  await expect(page.locator('ol.timeline > li')).toHaveCount(3);
  await expect(page.locator('ol.timeline > li').last()).toContainText('Qayta ariza topshirildi');
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('withdraw with a confirmation, then apply again to the same vacancy', async ({ page }) => {
    await withdrawAndApplyAgain(page, false);
  });
});

test.describe('with JavaScript', () => {
  test('withdraw with a confirmation, then apply again to the same vacancy', async ({ page }) => {
    await withdrawAndApplyAgain(page, true);
  });
});
