import { test, expect } from '@playwright/test';
import { freshPhone, PASSWORD, e164, verifyWithCode } from './helpers';

test.use({ javaScriptEnabled: false });

test('without JavaScript: sign up, prove the phone, sign out and sign in with plain forms', async ({ page }) => {
  await page.goto('/signup');
  const phone = freshPhone();
  await page.getByLabel('Ism va familiya').fill('Gulnora Tosheva');
  await page.getByLabel('Telefon raqami').fill(phone);
  await page.getByLabel('Parol', { exact: true }).fill(PASSWORD);
  await page.getByRole('checkbox').check();
  await page.getByRole('main').getByRole('button', { name: 'Roʻyxatdan oʻtish' }).click();
  await expect(page).toHaveURL(/\/verify$/);
  await verifyWithCode(page, phone);
  await expect(page).toHaveURL(/\/applications$/);
  await page.goto('/account');
  await expect(page.getByRole('main')).toContainText(e164(phone));

  await page.getByRole('main').getByRole('button', { name: 'Chiqish' }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto('/signin');
  await page.getByLabel('Telefon raqami yoki e-pochta').fill(phone);
  await page.getByLabel('Parol', { exact: true }).fill('wrong-password');
  await page.getByRole('main').getByRole('button', { name: 'Kirish' }).click();
  await expect(page.getByRole('alert')).toHaveText('Telefon raqami, e-pochta yoki parol notoʻgʻri.');

  await page.getByLabel('Telefon raqami yoki e-pochta').fill(phone);
  await page.getByLabel('Parol', { exact: true }).fill(PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Kirish' }).click();
  await expect(page).toHaveURL(/\/applications$/);
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Mening hisobim' })).toBeVisible();
});

test('without JavaScript: the language switch keeps the page', async ({ page }) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Türkçe' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Giriş');
});

test('without JavaScript: a refused sign-up says why, next to the field', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Ism va familiya').fill('Test');
  await page.getByLabel('Telefon raqami').fill('+7 912 345 67 89');
  await page.getByLabel('Parol', { exact: true }).fill(PASSWORD);
  await page.getByRole('checkbox').check();
  await page.getByRole('main').getByRole('button', { name: 'Roʻyxatdan oʻtish' }).click();
  await expect(page.locator('#phone-error')).toHaveText('Telefon raqamini toʻliq kiriting, masalan 90 123 45 67 yoki 0532 123 45 67.');
  await expect(page.getByRole('alert')).toContainText('Telefon raqamini toʻliq kiriting');
  await expect(page.getByLabel('Telefon raqami')).toHaveAttribute('aria-invalid', 'true');
});
