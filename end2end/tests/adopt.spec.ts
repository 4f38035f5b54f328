import { test, expect, Page, BrowserContext } from '@playwright/test';
import { hydrated, signIn, DEMO_PASSWORD } from './helpers';

const EMPLOYER = 'ik@anadolu-insaat.example';

// Hydration adopts the server's DOM: on a throttled phone, no element is removed
// or added between DOMContentLoaded and a settled, hydrated page, and the page
// calls no server function for data the server already sent.

const PUBLIC = ['/', '/signin', '/signup', '/vacancies', '/vacancies?province=34&housing=1', '/privacy'];
const MIGRANT = ['/account', '/applications', '/notifications', '/profile', '/vacancies', '/'];

async function phone(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    const w = window as unknown as { __mutations: string[] };
    w.__mutations = [];
    document.addEventListener('DOMContentLoaded', () => {
      new MutationObserver((records) => {
        for (const r of records) {
          for (const n of [...r.removedNodes, ...r.addedNodes]) {
            if (n.nodeType === Node.ELEMENT_NODE) {
              const e = n as Element;
              w.__mutations.push(`${e.tagName.toLowerCase()}.${e.className} in ${(r.target as Element).tagName?.toLowerCase()}`);
            }
          }
        }
      }).observe(document.documentElement, { childList: true, subtree: true });
    });
  });
  return page;
}

async function adopted(page: Page, path: string) {
  const calls: string[] = [];
  const onRequest = (r: { url(): string }) => {
    if (r.url().includes('/api/')) calls.push(r.url());
  };
  page.on('request', onRequest);
  await page.goto(path);
  await hydrated(page);
  await page.waitForLoadState('networkidle'); // lazy pages: their chunk has come and hydrated
  await page.waitForTimeout(400); // let boundaries that resolve after hydration settle
  const mutations = await page.evaluate(() => (window as unknown as { __mutations: string[] }).__mutations);
  page.off('request', onRequest);
  expect(mutations, `${path}: elements replaced by hydration`).toEqual([]);
  expect(calls, `${path}: server functions called during hydration`).toEqual([]);
  // The page is live: an element the server rendered is still the one on screen.
  await expect(page.locator('main')).toBeVisible();
}

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('public pages hydrate by adopting the server DOM', async ({ context }) => {
  test.setTimeout(120_000);
  const page = await phone(context);
  // A vacancy page too: the first search result.
  await page.goto('/vacancies');
  const first = await page.locator('ul.results > li a').first().getAttribute('href');
  for (const path of [...PUBLIC, first!]) {
    await adopted(page, path);
  }
});

test('a signed-in migrant’s pages hydrate by adopting the server DOM', async ({ context }) => {
  test.setTimeout(120_000);
  const page = await phone(context);
  await signIn(page, '+998901234567');
  await page.goto('/applications');
  const app = await page.locator('ul.results > li a').first().getAttribute('href');
  for (const path of [...MIGRANT, app!]) {
    await adopted(page, path);
  }
});

// The staff, admin and employer pages are lazy routes, each in its own WASM
// chunk (cargo-leptos --split): the page loads its chunk, then hydrates by
// adopting the server's DOM like every other page, with no error.
const LAZY: [string, string[]][] = [
  ['+998901234567', ['/account', '/applications', '/notifications', '/profile', '/privacy']],
  ['nodira.yusupova@kopru.example', ['/staff', '/staff/vacancies', '/staff/companies', '/staff/minimum-wage', '/staff/contacts']],
  ['admin@kopru.example', ['/admin/accounts']],
  ['EMPLOYER', ['/employer/company', '/employer/vacancies', '/employer/vacancies/new']],
];

test('staff and employer pages load their own chunk and adopt the server DOM', async ({ browser }) => {
  test.setTimeout(180_000);
  for (const [login, paths] of LAZY) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await phone(context);
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await signIn(page, login === 'EMPLOYER' ? EMPLOYER : login, DEMO_PASSWORD);
    for (const path of paths) {
      const chunks: string[] = [];
      const onRequest = (r: { url(): string }) => { if (r.url().includes('/pkg/split_')) chunks.push(r.url()); };
      page.on('request', onRequest);
      await adopted(page, path);
      page.off('request', onRequest);
      expect(chunks.length, `${path}: its WASM chunk was loaded`).toBeGreaterThan(0);
    }
    expect(errors, login).toEqual([]);
    await context.close();
  }
});
