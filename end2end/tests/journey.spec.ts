import { test, expect } from '@playwright/test';
import { freshPhone, PASSWORD, e164, hydrated, verifyWithCode } from './helpers';

test('a migrant on a phone: Uzbek home, switch to Turkish, sign up, sign out, sign in', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Turkiyada qonuniy ish va himoya');
  // Emergency numbers are tap-to-call links on the page.
  await expect(page.locator('#emergency a[href^="tel:+"]')).toHaveCount(3);

  await page.getByRole('button', { name: 'Türkçe' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Türkiye'de yasal iş ve koruma");

  // Sign up (in Turkish now), on the same page after switching.
  await page.getByRole('navigation').getByRole('link', { name: 'Kayıt ol' }).click();
  await expect(page).toHaveURL(/\/signup$/);
  const phone = freshPhone();
  await page.getByLabel('Ad ve soyad').fill('Aziz Karimov');
  await page.getByLabel('Telefon numarası').fill(phone);
  await page.getByLabel('Şifre', { exact: true }).fill(PASSWORD);
  await page.getByRole('checkbox').check();
  await page.getByRole('main').getByRole('button', { name: 'Kayıt ol' }).click();
  // The code page, in Turkish too; the code sent by SMS signs the migrant in.
  await expect(page).toHaveURL(/\/verify$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
  await verifyWithCode(page, phone);
  await expect(page).toHaveURL(/\/applications$/);
  await page.goto('/account');
  await expect(page.getByRole('main')).toContainText(e164(phone));

  // Sign out from the header's menu.
  await page.getByRole('banner').locator('details.menu > summary').click();
  await page.getByRole('banner').getByRole('button', { name: 'Çıkış yap' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Giriş yap' })).toBeVisible();

  // Back in Uzbek, sign in again.
  await page.getByRole('button', { name: 'Oʻzbekcha' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'uz');
  await page.getByRole('banner').getByRole('link', { name: 'Kirish' }).click();
  await page.getByLabel('Telefon raqami yoki e-pochta').fill(phone);
  await page.getByLabel('Parol', { exact: true }).fill(PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Kirish' }).click();
  await expect(page).toHaveURL(/\/applications$/);
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Mening hisobim' })).toBeVisible();

  // No horizontal scroll at 360 px.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a wrong password and an unknown account get the same clear message', async ({ page }) => {
  // An account that exists (a demo staff member) with a wrong password, then
  // accounts that do not exist: the answer must not tell them apart.
  const answers: { url: string; alert: string }[] = [];
  for (const login of ['nodira.yusupova@kopru.example', 'nobody-here@kopru.example', '+998 90 000 00 01']) {
    await page.goto('/signin');
    await page.getByLabel('Telefon raqami yoki e-pochta').fill(login);
    await page.getByLabel('Parol', { exact: true }).fill('not-my-password');
    await page.getByRole('main').getByRole('button', { name: 'Kirish' }).click();
    await expect(page).toHaveURL(/error=bad_credentials/);
    const alert = page.getByRole('alert');
    await expect(alert).toHaveText('Telefon raqami, e-pochta yoki parol notoʻgʻri.');
    answers.push({ url: page.url(), alert: await alert.innerText() });
  }
  expect(new Set(answers.map((a) => a.url)).size).toBe(1);
  expect(new Set(answers.map((a) => a.alert)).size).toBe(1);
});
