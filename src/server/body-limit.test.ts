import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { bodyLimit } from './body-limit';

function app() {
  const server = new Hono();
  server.post(
    '/',
    bodyLimit({ maxSize: 10, onError: (c) => c.text('too large', 413) }),
    async (c) => c.text(await c.req.text()),
  );
  return server;
}

/** A body the runtime sends chunked: no Content-Length to go by. */
function chunked(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
}

describe('bodyLimit', () => {
  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const response = await app().request('/', {
      method: 'POST',
      headers: { 'content-length': '11' },
      body: 'x'.repeat(11),
    });
    expect(response.status).toBe(413);
  });

  it('lets a declared Content-Length within the limit through, body intact', async () => {
    const response = await app().request('/', {
      method: 'POST',
      headers: { 'content-length': '10' },
      body: '0123456789',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('0123456789');
  });

  it('counts a body without Content-Length as it arrives', async () => {
    const over = await app().request('/', {
      method: 'POST',
      body: chunked('x'.repeat(11)),
      duplex: 'half',
    } as RequestInit);
    expect(over.status).toBe(413);
    const within = await app().request('/', {
      method: 'POST',
      body: chunked('short'),
      duplex: 'half',
    } as RequestInit);
    expect(within.status).toBe(200);
    expect(await within.text()).toBe('short');
  });
});
