import { test, expect } from '@playwright/test';
import { hydrated } from './helpers';

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
