import { test, expect } from '@playwright/test';
import { signIn } from './helpers';
test('debug account hydration', async ({ page }) => {
  const logs: string[] = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e}\n${e.stack}`));
  await signIn(page, '+998901234567');
  for (const p of ['/applications', '/account', '/profile', '/notifications']) {
    logs.push(`--- ${p}`);
    await page.goto(p);
    await page.waitForTimeout(8000);
    logs.push(`hydrated=${await page.locator('html').getAttribute('data-hydrated')}`);
  }
  console.log(logs.join('\n'));
});
