import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

for (const lang of ['uz', 'tr']) {
  for (const path of ['/', '/signin', '/signup', '/vacancies']) {
    for (const width of [360, 1280]) {
      test(`axe finds nothing on ${path} in ${lang} at ${width}px`, async ({ page, context }) => {
        await context.addCookies([{ name: 'i18n_pref_locale', value: lang, url: 'http://127.0.0.1:3100' }]);
        await page.setViewportSize({ width, height: 800 });
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`)).toEqual([]);
      });
    }
  }
}
