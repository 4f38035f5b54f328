import { defineConfig, devices } from '@playwright/test';

const PORT = 3100;
export const BASE = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: BASE,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'phone', use: { ...devices['Pixel 5'], viewport: { width: 360, height: 740 }, browserName: 'chromium' } },
  ],
  webServer: {
    // The release binary, as an operator deploys it, on a fresh database. Its log (JSON lines) goes to
    // target/e2e/server.log, where the tests read the codes the outbox "sends" (tests/helpers.ts,
    // codeFor); `exec`, so that stopping the web server stops kopru itself.
    command: 'rm -rf target/e2e && mkdir -p target/e2e && ./target/release/kopru seed-demo >/dev/null'
      + ' && exec ./target/release/kopru serve > target/e2e/server.log 2>&1',
    cwd: '..',
    url: `${BASE}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
      LEPTOS_SITE_ROOT: 'target/site',
      DATABASE_URL: 'sqlite://target/e2e/kopru.db?mode=rwc',
      KOPRU_ENV: 'development',
      // Every test signs up from 127.0.0.1: the per-address limit of codes would stop the suite.
      KOPRU_MAX_CODES_PER_IP: '1000',
      KOPRU_LOG_FORMAT: 'json',
      // Uploaded documents (the demo cases' and the tests'), removed with the rest of target/e2e each run.
      KOPRU_UPLOAD_DIR: 'target/e2e/uploads',
      // Warnings, and the outbox's log transport: one `outbox message` line per SMS or e-mail.
      RUST_LOG: 'warn,server::outbox=info',
    },
  },
});
