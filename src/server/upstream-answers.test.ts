import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RAW_ERROR_MARKER } from '../../e2e/fake-upstream/scenarios.ts';
import { createApp } from './app';
import { type FakeUpstreamHandle, startFakeUpstream, userChat } from './test-kit/loopback';

/**
 * What a misbehaving upstream can do to an answer, on every provider path: flood it (a model
 * that ignores max_tokens), stream it forever, or send events that are not JSON.
 */

const OPENAI_KEY = 'sk-answers-test-openai-3c1f';
const ANTHROPIC_KEY = 'sk-ant-answers-test-9d2e';
const MAX_BYTES = 64 * 1024;

let fake: FakeUpstreamHandle;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(() => fake.close());

const env = (extra: Record<string, string> = {}) => ({
  OPENAI_API_KEY: OPENAI_KEY,
  OPENAI_BASE_URL: `${fake.url}/v1`,
  ANTHROPIC_API_KEY: ANTHROPIC_KEY,
  ANTHROPIC_BASE_URL: `${fake.url}/v1`,
  OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/compat/v1`,
  FANOUT_MAX_RETRIES: '0',
  FANOUT_RATE_LIMIT_PER_MINUTE: '0',
  ...extra,
});

const paths = [
  { model: 'openai:gpt-4.1-mini', name: 'OpenAI' },
  { model: 'openai-chat:gpt-4.1-mini', name: 'OpenAI' },
  { model: 'compatible:llama3.2', name: 'The OpenAI-compatible server' },
  { model: 'anthropic:claude-sonnet-4-5', name: 'Anthropic' },
];

async function answer(extraEnv: Record<string, string>, text: string, model: string) {
  const app = createApp({ env: () => env(extraEnv) });
  const response = await app.request('/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: userChat(text, { model }),
  });
  return { response, stream: await response.text() };
}

function errorText(stream: string): string | undefined {
  const match = /"type":"error","errorText":"([^"]*)"/.exec(stream);
  return match?.[1];
}

async function expectUpstreamClosed(nonce: string) {
  await expect
    .poll(async () => (await fake.requests(nonce))[0]?.outcome, { timeout: 5000 })
    .toBe('client-closed');
}

describe('answer limits, on every provider path', { timeout: 30_000 }, () => {
  for (const { model } of paths) {
    it(`${model}: an upstream ignoring max_tokens is cut at FANOUT_MAX_ANSWER_BYTES`, async () => {
      const nonce = `flood${model.replace(/\W/g, '')}${Date.now()}`;
      const { stream } = await answer(
        { FANOUT_MAX_ANSWER_BYTES: String(MAX_BYTES) },
        `${nonce} [fake:flood]`,
        model,
      );
      expect(errorText(stream)).toMatch(
        /^The answer was cut off at 65,536 bytes, the most this server relays for one answer \(FANOUT_MAX_ANSWER_BYTES\)/,
      );
      // The cap and one closing error chunk, no more.
      expect(Buffer.byteLength(stream)).toBeLessThan(MAX_BYTES + 1024);
      expect(stream.trimEnd().endsWith('data: [DONE]')).toBe(true);
      await expectUpstreamClosed(nonce);
    });

    it(`${model}: an answer streaming past FANOUT_MAX_ANSWER_MS is cut`, async () => {
      const nonce = `long${model.replace(/\W/g, '')}${Date.now()}`;
      const { stream } = await answer(
        { FANOUT_MAX_ANSWER_MS: '700' },
        `${nonce} [fake:slow@50]`,
        model,
      );
      expect(stream).toContain('tick 1.');
      expect(errorText(stream)).toMatch(
        /^The answer was cut off after 0\.7 s, the longest this server streams one answer \(FANOUT_MAX_ANSWER_MS\)/,
      );
      await expectUpstreamClosed(nonce);
    });
  }

  it('an answer within the limits is untouched', async () => {
    const { stream } = await answer(
      { FANOUT_MAX_ANSWER_BYTES: String(MAX_BYTES), FANOUT_MAX_ANSWER_MS: '60000' },
      `fine${Date.now()} [fake:text]`,
      'openai:gpt-4.1-mini',
    );
    expect(errorText(stream)).toBeUndefined();
    expect(stream).toContain('"finishReason":"stop"');
  });
});

describe('no raw upstream text reaches the page or the log', { timeout: 30_000 }, () => {
  for (const { model, name } of paths) {
    it(`${model}: an event that is not JSON becomes a fixed sentence and a log line with class, status and request id`, async () => {
      const logged: string[] = [];
      for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          logged.push(args.map(String).join(' '));
        });
      }
      const { response, stream } = await answer(
        {},
        `bad${model.replace(/\W/g, '')}${Date.now()} [fake:badjson]`,
        model,
      );
      expect(errorText(stream)).toBe(
        `${name} sent an answer Fanout could not read (HTTP 200). Retry; if it keeps happening, check that the server configured for it speaks its API.`,
      );
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const failures = logged.filter((line) => line.includes('upstream failure'));
      expect(failures).toEqual([
        `[fanout] upstream failure request=${requestId} model=${model} class=unreadable status=200`,
      ]);
      const everything = [stream, ...logged].join('\n');
      expect(everything).not.toContain(RAW_ERROR_MARKER);
      expect(everything).not.toContain(OPENAI_KEY);
      expect(everything).not.toContain(ANTHROPIC_KEY);
      expect(everything).not.toContain('JSON parsing failed');
    });
  }
});
