// First: chooses free ports for the servers below before any module reads them.
import './e2e/support/free-ports.ts';
import { defineConfig, devices } from '@playwright/test';
import { FAKE_UPSTREAM_PORT, FAKE_UPSTREAM_URL } from './e2e/fake-upstream/scenarios.ts';
import {
  APP_PORT,
  APP_URL,
  E2E_ANTHROPIC_KEY,
  E2E_HARDENING_ENV,
  E2E_OPENAI_KEY,
  E2E_PRICES_PATH,
} from './e2e/support/e2e-env.ts';

/**
 * End-to-end tests: the production build (`npm run build` first; Playwright never rebuilds)
 * served by `node dist/server/node.js`, every provider pointed at the fake upstream in
 * e2e/fake-upstream, driven in the system Chromium.
 */
const CI = Boolean(process.env.CI);

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The servers below end when this runner does, even when it is killed outright and cannot stop
 * them (only the main runner process starts them, so this is its pid).
 */
const EXIT_WITH_RUNNER = { FANOUT_EXIT_WITH_PID: String(process.pid) };

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 2,
  // The JSON report lets .ci/run print one closing count for unit and end-to-end tests together.
  reporter: [['list'], ['json', { outputFile: 'reports/e2e-report.json' }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: APP_URL,
    // Recording a trace snapshots the DOM on the page's main thread at every action, which on a
    // loaded 2-core machine slowed pages enough to change what the tests saw: record on the
    // retry of a failed test only.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /timing\.spec\.ts/,
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: chromiumArgs,
        },
      },
    },
    {
      // Measured-time checks run last and alone: nothing else competes for the CPU.
      name: 'timing',
      testMatch: /timing\.spec\.ts/,
      dependencies: ['chromium'],
      use: {
        // Trace snapshots serialise the DOM on the page's main thread and delay its timers.
        trace: 'off',
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: chromiumArgs,
        },
      },
    },
  ],
  webServer: [
    {
      name: 'fake upstream',
      command: 'node e2e/fake-upstream/server.ts',
      url: `${FAKE_UPSTREAM_URL}/health`,
      env: { FAKE_UPSTREAM_PORT: String(FAKE_UPSTREAM_PORT), ...EXIT_WITH_RUNNER },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 20_000,
    },
    {
      name: 'fanout',
      command: 'node dist/server/node.js',
      url: `${APP_URL}/api/health`,
      env: {
        PORT: String(APP_PORT),
        HOST: '127.0.0.1',
        ...EXIT_WITH_RUNNER,
        FANOUT_MODEL: '',
        OPENAI_API_KEY: E2E_OPENAI_KEY,
        OPENAI_BASE_URL: `${FAKE_UPSTREAM_URL}/v1`,
        OPENAI_MODELS: 'gpt-4.1-mini,gpt-4.1',
        ANTHROPIC_API_KEY: E2E_ANTHROPIC_KEY,
        ANTHROPIC_BASE_URL: `${FAKE_UPSTREAM_URL}/v1`,
        ANTHROPIC_MODELS: 'claude-sonnet-4-5,claude-haiku-4-5',
        OPENAI_COMPATIBLE_BASE_URL: `${FAKE_UPSTREAM_URL}/compat/v1`,
        OPENAI_COMPATIBLE_API_KEY: '',
        OPENAI_COMPATIBLE_MODELS: 'llama3.2',
        FANOUT_MAX_RETRIES: '0',
        FANOUT_OFFLINE_TTFT_MS: '50',
        FANOUT_OFFLINE_TOKENS_PER_SECOND: '100',
        FANOUT_PRICES: E2E_PRICES_PATH,
        ...E2E_HARDENING_ENV,
      },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 30_000,
    },
  ],
});
