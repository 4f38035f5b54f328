import { Page, expect } from '@playwright/test';

/** A fresh Uzbek mobile number for each run. */
export function freshPhone(): string {
  const n = Math.floor(1_000_000 + Math.random() * 8_999_999);
  return `+998 90 ${String(n).slice(0, 3)} ${String(n).slice(3, 5)} ${String(n).slice(5, 7)}`;
}

export const PASSWORD = 'choy-va-non-2026';

/** Waits until the WASM has hydrated the page. */
export async function hydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
}

export function e164(phone: string): string {
  return phone.replace(/[^+\d]/g, '');
}

/** The password of every `kopru seed-demo` account. */
export const DEMO_PASSWORD = 'kopru-demo-2026';

/** Where each role lands after signing in: where its work is. */
export const LANDING = /\/(applications|employer\/vacancies|staff)$/;

/** Signs in through the form and lands where the role's work is. */
export async function signIn(page: Page, login: string, password: string = DEMO_PASSWORD) {
  await page.goto('/signin');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('main form button[type=submit]').click();
  await expect(page).toHaveURL(LANDING);
}
