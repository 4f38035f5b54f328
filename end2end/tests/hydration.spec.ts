import { test, expect } from '@playwright/test';
import { hydrated, signIn } from './helpers';

test('the release build hydrates: a WASM-only control responds and nothing logs an error', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto('/signin');
  await hydrated(page);
  const password = page.getByLabel('Parol', { exact: true });
  await expect(password).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Parolni koʻrsatish' }).click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(page.getByRole('button', { name: 'Parolni yashirish' })).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
});

test('signed-in pages hydrate too: no error, one notifications counter', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  // A demo migrant with applications and unread notifications (kopru seed-demo).
  await signIn(page, '+998901234567');
  for (const path of ['/account', '/applications', '/notifications', '/profile', '/vacancies']) {
    await page.goto(path);
    await hydrated(page);
    await expect(page.getByRole('banner').locator('.counter')).toHaveCount(1);
  }
  expect(errors).toEqual([]);
});
