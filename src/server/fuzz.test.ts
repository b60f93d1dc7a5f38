import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../shared/api-error';
import { createApp } from './app';

/**
 * Property-based tests of request handling: whatever arrives, the proxy answers 2xx or a 4xx
 * with a JSON reason — never a 5xx, never a hang or a crash. Runs are bounded so the suite
 * stays fast; a failure prints the seed and the shrunk body to replay.
 */
const app = createApp({
  env: () => ({
    FANOUT_OFFLINE_TTFT_MS: '0',
    FANOUT_OFFLINE_TOKENS_PER_SECOND: '0',
    FANOUT_RATE_LIMIT_PER_MINUTE: '0',
    FANOUT_MAX_STREAMS_PER_IP: '0',
  }),
});

async function expectWellFormed(response: Response) {
  expect(response.status, 'never a 5xx').toBeLessThan(500);
  if (response.status >= 400) {
    const parsed = apiErrorSchema.safeParse(await response.json());
    expect(parsed.success, 'a 4xx has a JSON reason').toBe(true);
  } else {
    // A 2xx is a stream; read it to the end so a failure mid-stream would show up too.
    await response.text();
  }
}

function post(path: string, body: string | Uint8Array, type = 'application/json') {
  const payload = typeof body === 'string' ? body : new Uint8Array(body);
  return app.request(path, { method: 'POST', headers: { 'content-type': type }, body: payload });
}

const pollutionKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
];
const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...pollutionKeys));
const jsonLeaf = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    jsonLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Shapes near a valid request: every field present but any of them may be wrong. */
const part = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.oneof(fc.string({ maxLength: 60 }), jsonLeaf) }),
  fc.record({ type: fc.string({ maxLength: 20 }), text: anyJson }, { requiredKeys: [] }),
  fc.record(
    {
      type: fc.constantFrom('tool-get_weather', 'tool-teleport', 'dynamic-tool', 'step-start'),
      toolCallId: fc.string({ maxLength: 10 }),
      state: fc.constantFrom('input-available', 'output-available', 'output-error', 'nonsense'),
      input: anyJson,
      output: anyJson,
      errorText: fc.string({ maxLength: 20 }),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constantFrom('file', 'reasoning', 'source-url', 'data-x'),
      url: fc.oneof(fc.webUrl(), anyJson),
      mediaType: fc.oneof(fc.constantFrom('image/png', 'text/plain'), anyJson),
      text: anyJson,
    },
    { requiredKeys: ['type'] },
  ),
  anyJson,
);
const message = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 20 }), jsonLeaf),
    role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'tool'), jsonLeaf),
    parts: fc.oneof(fc.array(part, { maxLength: 4 }), anyJson),
    metadata: anyJson,
  },
  { requiredKeys: ['id', 'role', 'parts'] },
);
const nearValid = fc.record(
  {
    id: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), jsonLeaf),
    messages: fc.oneof(fc.array(message, { minLength: 1, maxLength: 3 }), anyJson),
    trigger: fc.oneof(fc.constantFrom('submit-message', 'regenerate-message'), jsonLeaf),
    model: fc.oneof(
      fc.constantFrom('offline', 'openai:gpt-4.1', 'compatible:x', 'offline:x', '', ':'),
      fc.string({ maxLength: 30 }),
    ),
    parallelToolCalls: fc.oneof(fc.boolean(), jsonLeaf),
    policy: fc.oneof(fc.constantFrom('parallel', 'batch', 'sequential'), jsonLeaf),
  },
  { requiredKeys: ['id', 'messages'] },
);

function nest(depth: number, open: string, close: string): string {
  return open.repeat(depth) + close.repeat(depth);
}

describe('fuzzing POST /api/chat', () => {
  it('random JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(anyJson, async (value) => {
        await expectWellFormed(await post('/api/chat', JSON.stringify(value) ?? 'null'));
      }),
      { numRuns: 150 },
    );
  });

  it('random bytes and random text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 300 })),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
        async (body, type) => {
          await expectWellFormed(await post('/api/chat', body, type));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('shapes near a valid request, with prototype-pollution keys', async () => {
    await fc.assert(
      fc.asyncProperty(nearValid, key, anyJson, async (body, extraKey, extraValue) => {
        const text = JSON.stringify(body).replace(
          /^\{/,
          `{${JSON.stringify(extraKey)}:${JSON.stringify(extraValue) ?? 'null'},`,
        );
        await expectWellFormed(await post('/api/chat', text));
      }),
      { numRuns: 200 },
    );
    // The pollution attempts above changed nothing global.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('role');
  });

  it('parts the SDK cannot convert (a file without a URL) are a 400, not a 500', async () => {
    const response = await post(
      '/api/chat',
      JSON.stringify({ id: 'x', messages: [{ id: 'm', role: 'user', parts: [{ type: 'file' }] }] }),
    );
    expect(response.status).toBe(400);
    await expectWellFormed(response);
  });

  it('literal __proto__ payloads do not pollute Object.prototype', async () => {
    const payloads = [
      '{"__proto__":{"polluted":true},"id":"x","messages":[{"id":"m","role":"user","parts":[{"type":"text","text":"hi"}]}]}',
      '{"id":"x","messages":[{"id":"m","role":"user","__proto__":{"polluted":true},"parts":[{"type":"text","text":"hi","__proto__":{"polluted":1}}]}]}',
      '{"constructor":{"prototype":{"polluted":true}},"id":"x","messages":[]}',
    ];
    for (const payload of payloads) await expectWellFormed(await post('/api/chat', payload));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('huge strings and deep nesting', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(10, 1_000, 5_000, 100_000),
        fc.constantFrom(['[', ']'], ['{"a":', '}'], ['{"messages":[', ']}']),
        async (depth, [open = '[', close = ']']) => {
          await expectWellFormed(
            await post('/api/chat', nest(depth, open, close.replace('}', '}'))),
          );
        },
      ),
      { numRuns: 12 },
    );
    for (const size of [100_001, 500_000, 2_000_000]) {
      const body = JSON.stringify({
        id: 'x',
        messages: [{ id: 'm', role: 'user', parts: [{ type: 'text', text: 'z'.repeat(size) }] }],
      });
      await expectWellFormed(await post('/api/chat', body));
    }
    await expectWellFormed(
      await post('/api/chat', JSON.stringify({ id: 'x'.repeat(500_000), messages: [] })),
    );
  });

  it('random bodies to /api/traces and unknown routes', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyJson,
        fc.constantFrom('/api/traces', '/api/nope', '/api/chat/x'),
        async (value, path) => {
          await expectWellFormed(await post(path, JSON.stringify(value) ?? 'null'));
        },
      ),
      { numRuns: 100 },
    );
  });
});
