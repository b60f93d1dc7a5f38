/** The configuration playwright.config.ts gives the app under test; specs import it to assert on it. */
export const E2E_OPENAI_KEY = 'sk-test-fanout-e2e';
export const E2E_ANTHROPIC_KEY = 'sk-ant-test-fanout-e2e';

export const APP_PORT = Number(process.env.FANOUT_E2E_PORT ?? 4173);
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

export const OFFLINE_LABEL = 'Offline planner — rule-based, no LLM';
