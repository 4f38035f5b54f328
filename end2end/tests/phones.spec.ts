import { test, expect } from '@playwright/test';
import { PASSWORD, verifyWithCode } from './helpers';

// Phone numbers as people write them (issue 8): an Uzbek number in its
// national form, without +998, signs up and signs in; without JavaScript, so
// the server's own reading decides.
test.use({ javaScriptEnabled: false });

/** A fresh Uzbek mobile number, written the way Uzbeks write it: `90 123 45 67`. */
function nationalPhone(): { typed: string; e164: string } {
  const n = String(Math.floor(1_000_000 + Math.random() * 8_999_999));
  return { typed: `90 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)}`, e164: `+99890${n}` };
}

test('an Uzbek number without +998 signs up and signs in, with the phone keypad', async ({ page }) => {
  const phone = nationalPhone();
  await page.goto('/signup');
  await page.getByLabel('Ism va familiya').fill('Bekzod Ergashev');
  await page.getByLabel('Telefon raqami').fill(phone.typed);
  await page.getByLabel('Parol', { exact: true }).fill(PASSWORD);
  await page.getByRole('checkbox').check();
  await page.getByRole('main').getByRole('button', { name: 'Roʻyxatdan oʻtish' }).click();
  // The code goes to the number as the server read it, in E.164.
  await expect(page).toHaveURL(/\/verify$/);
  await verifyWithCode(page, phone.e164);
  await expect(page).toHaveURL(/\/applications$/);
  await page.goto('/account');
  await expect(page.getByRole('main')).toContainText(phone.e164);
  await page.getByRole('main').getByRole('button', { name: 'Chiqish' }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto('/signin');
  const login = page.getByLabel('Telefon raqami yoki e-pochta');
  await expect(login).toHaveAttribute('inputmode', 'tel');
  // Dashes and brackets, as on a business card.
  await login.fill(`(${phone.typed.slice(0, 2)}) ${phone.typed.slice(3).replace(/ /g, '-')}`);
  await page.getByLabel('Parol', { exact: true }).fill(PASSWORD);
  await page.getByRole('main').getByRole('button', { name: 'Kirish' }).click();
  await expect(page).toHaveURL(/\/applications$/);
  await page.goto('/account');
  await expect(page.getByRole('main')).toContainText(phone.e164);
});

test('employers switch the sign-in field to the e-mail keyboard, keeping where they were going', async ({ page }) => {
  await page.goto('/signin?next=%2Femployer%2Fvacancies');
  await page.getByRole('link', { name: 'Ish beruvchi yoki xodimmisiz? E-pochta bilan kiring' }).click();
  await expect(page).toHaveURL(/\/signin\?with=email&next=%2Femployer%2Fvacancies$/);
  await expect(page.getByLabel('Telefon raqami yoki e-pochta')).toHaveAttribute('inputmode', 'email');
  await page.getByRole('link', { name: 'Telefon raqami bilan kirish' }).click();
  await expect(page).toHaveURL(/\/signin\?next=%2Femployer%2Fvacancies$/);
  await expect(page.getByLabel('Telefon raqami yoki e-pochta')).toHaveAttribute('inputmode', 'tel');
});

test('a refused number says what form is expected, in the reader\'s language', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Ism va familiya').fill('Bekzod Ergashev');
  await page.getByLabel('Telefon raqami').fill('12 34');
  await page.getByLabel('Parol', { exact: true }).fill(PASSWORD);
  await page.getByRole('checkbox').check();
  await page.getByRole('main').getByRole('button', { name: 'Roʻyxatdan oʻtish' }).click();
  await expect(page).toHaveURL(/error=invalid_phone/);
  await expect(page.getByRole('main')).toContainText('masalan 90 123 45 67 yoki 0532 123 45 67');
});
