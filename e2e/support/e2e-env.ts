/** The configuration playwright.config.ts gives the app under test; specs import it to assert on it. */
export const E2E_OPENAI_KEY = 'sk-test-fanout-e2e';
export const E2E_ANTHROPIC_KEY = 'sk-ant-test-fanout-e2e';

// The ports come from e2e/support/free-ports.ts (imported first by playwright.config.ts).
export const APP_PORT = Number(process.env.FANOUT_E2E_PORT ?? 4173);
/** A port for a spec's own app server (one it may kill and restart). */
export const SPARE_APP_PORT = Number(process.env.FANOUT_E2E_SPARE_PORT ?? APP_PORT + 7);
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;

/** The remote models the e2e server is configured with: id, picker label, fake upstream path. */
export const E2E_MODELS = {
  openai: {
    id: 'openai:gpt-4.1-mini',
    label: 'OpenAI gpt-4.1-mini',
    path: '/v1/responses',
  },
  'openai-chat': {
    id: 'openai-chat:gpt-4.1-mini',
    label: 'OpenAI gpt-4.1-mini (Chat Completions)',
    path: '/v1/chat/completions',
  },
  anthropic: {
    id: 'anthropic:claude-sonnet-4-5',
    label: 'Anthropic claude-sonnet-4-5',
    path: '/v1/messages',
  },
  compatible: {
    id: 'compatible:llama3.2',
    label: 'llama3.2 (OpenAI-compatible)',
    path: '/compat/v1/chat/completions',
  },
} as const;

/** The price table the e2e server reads (FANOUT_PRICES): the offline planner is priced. */
export const E2E_PRICES_PATH = 'e2e/support/test-prices.json';

export const OFFLINE_LABEL = 'Offline planner — rule-based, no LLM';

/** Upstream first-byte timeout the e2e server runs with (short, so the timeout test is quick). */
export const E2E_FIRST_BYTE_TIMEOUT_MS = 2500;

/**
 * Issue 7 settings for the e2e server: the fault-injection tools declared, limits wide enough
 * for two workers sharing one loopback address, a short first-byte timeout.
 */
export const E2E_HARDENING_ENV = {
  FANOUT_FAULT_TOOLS: '1',
  FANOUT_RATE_LIMIT_PER_MINUTE: '100000',
  FANOUT_MAX_STREAMS_PER_IP: '64',
  // Every browser and request context of the run shares 127.0.0.1.
  FANOUT_MAX_CONNECTIONS_PER_IP: '512',
  FANOUT_UPSTREAM_FIRST_BYTE_TIMEOUT_MS: String(E2E_FIRST_BYTE_TIMEOUT_MS),
  FANOUT_UPSTREAM_IDLE_TIMEOUT_MS: '10000',
} as const;
