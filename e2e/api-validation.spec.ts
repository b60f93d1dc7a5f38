import { type APIRequestContext, expect, test } from '@playwright/test';
import { E2E_MODELS } from './support/e2e-env.ts';

const userMessage = { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'hello' }] };

/** Posts the body byte for byte (Playwright would JSON-encode a string that does not parse). */
async function postChat(request: APIRequestContext, body: string) {
  return request.post('/api/chat', {
    headers: { 'content-type': 'application/json' },
    data: Buffer.from(body, 'utf8'),
  });
}

async function expectJsonError(
  response: Awaited<ReturnType<APIRequestContext['post']>>,
  status: number,
  code: string,
) {
  expect(response.status()).toBe(status);
  expect(response.headers()['content-type']).toContain('application/json');
  const body = (await response.json()) as { error?: { code?: string; message?: string } };
  expect(body.error?.code).toBe(code);
  expect(body.error?.message).toEqual(expect.any(String));
  expect(body.error?.message?.length).toBeGreaterThan(0);
  return body;
}

test.describe('POST /api/chat validation', () => {
  test('malformed JSON → 400 invalid_json', async ({ request }) => {
    await expectJsonError(
      await postChat(request, '{"id": "x", "messages": ['),
      400,
      'invalid_json',
    );
  });

  test('a wrong shape → 400 invalid_request', async ({ request }) => {
    await expectJsonError(
      await postChat(request, JSON.stringify({ id: 'x', messages: 'not a list' })),
      400,
      'invalid_request',
    );
    await expectJsonError(
      await postChat(
        request,
        JSON.stringify({ id: 'x', messages: [{ id: 's', role: 'system', parts: [] }] }),
      ),
      400,
      'invalid_request',
    );
  });

  test('a 2 MB body → 413 body_too_large', async ({ request }) => {
    const huge = JSON.stringify({
      id: 'x',
      messages: [{ ...userMessage, parts: [{ type: 'text', text: 'x'.repeat(2 * 1024 * 1024) }] }],
    });
    await expectJsonError(await postChat(request, huge), 413, 'body_too_large');
  });

  test('an unknown model → 400 unknown_model', async ({ request }) => {
    const body = await expectJsonError(
      await postChat(
        request,
        JSON.stringify({ id: 'x', messages: [userMessage], model: 'mystery:model-9' }),
      ),
      400,
      'unknown_model',
    );
    expect(body.error?.message).toContain('mystery:model-9');
  });

  test('a configured provider with a model outside the allow-list → 400', async ({ request }) => {
    const body = await expectJsonError(
      await postChat(
        request,
        JSON.stringify({ id: 'x', messages: [userMessage], model: 'openai:gpt-not-allowed' }),
      ),
      400,
      'model_not_configured',
    );
    expect(body.error?.message).toContain('allow-list');
  });

  test('after every rejected request the server still answers', async ({ request }) => {
    await postChat(request, '{');
    await postChat(request, JSON.stringify({ nope: true }));
    await postChat(request, 'x'.repeat(2 * 1024 * 1024));
    await postChat(request, JSON.stringify({ id: 'x', messages: [userMessage], model: '??' }));

    const health = await request.get('/api/health');
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ ok: true });

    const chat = await postChat(
      request,
      JSON.stringify({ id: 'x', messages: [userMessage], model: 'offline' }),
    );
    expect(chat.status()).toBe(200);
    expect(chat.headers()['content-type']).toContain('text/event-stream');
    const stream = await chat.text();
    expect(stream).toContain('"type":"text-delta"');
    expect(stream).toContain('"type":"finish"');
  });
});

test('GET /api/models lists the offline planner and every configured model', async ({
  request,
}) => {
  const response = await request.get('/api/models');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { defaultModel: string; models: Array<{ id: string }> };
  expect(body.defaultModel).toBe('offline');
  const ids = body.models.map((model) => model.id);
  expect(ids[0]).toBe('offline');
  for (const model of Object.values(E2E_MODELS)) expect(ids).toContain(model.id);
});

test('unknown API routes answer 404 JSON', async ({ request }) => {
  const response = await request.get('/api/nope');
  expect(response.status()).toBe(404);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
});
