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
