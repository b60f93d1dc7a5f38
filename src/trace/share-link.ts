import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { exportRuns } from './export-trace';
import { type ImportResult, importTrace } from './import-trace';
import type { RunTrace } from './trace-types';

/**
 * A run shared as a link: `#run=<payload>`, where the payload is the native trace file (the
 * same JSON the Export button writes, so the same zod schema checks it on open) compressed with
 * DEFLATE (fflate) and written in base64url. The fragment never reaches a server: the link is
 * the only copy.
 */
export const SHARE_FRAGMENT_KEY = 'run';

/**
 * The longest fragment a share link carries, in characters. Browsers take far longer URLs
 * (Chromium up to 2 MB), but a link has to survive being pasted into chats, issue trackers
 * and mail, several of which cut or refuse URLs in the tens of kilobytes; 32,000 characters
 * holds a few hundred calls with short outputs (see docs/architecture.md for the measurement).
 * A larger run offers the file instead.
 */
export const MAX_SHARE_FRAGMENT_CHARS = 32_000;
/** Links longer than this are not even decompressed: no honest link is this long. */
const MAX_DECODE_CHARS = 200_000;
/** What a payload may inflate to: a 30:1 run compresses, a 1000:1 bomb does not open. */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

export type ShareEncoding =
  | { ok: true; fragment: string; chars: number }
  | { ok: false; chars: number; limit: number };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let at = 0; at < bytes.length; at += chunk)
    binary += String.fromCharCode(...bytes.subarray(at, at + chunk));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const padded = text.replaceAll('-', '+').replaceAll('_', '/');
  try {
    const binary = atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Inflates in chunks, keeping none past `cap` bytes (undefined then): a small link cannot fill memory. */
function inflateCapped(bytes: Uint8Array, cap: number): Uint8Array | undefined {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total <= cap) chunks.push(chunk);
  });
  inflater.push(bytes, true);
  if (total > cap) return undefined;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The fragment (`run=…`, without `#`) for a run, or how long it would be when over the limit. */
export function encodeShareFragment(
  run: RunTrace,
  limit = MAX_SHARE_FRAGMENT_CHARS,
  exportedAt: Date = new Date(),
): ShareEncoding {
  const json = JSON.stringify(JSON.parse(exportRuns([run], exportedAt)));
  const payload = toBase64Url(deflateSync(strToU8(json), { level: 9 }));
  const fragment = `${SHARE_FRAGMENT_KEY}=${payload}`;
  return fragment.length <= limit
    ? { ok: true, fragment, chars: fragment.length }
    : { ok: false, chars: fragment.length, limit };
}

/** The payload of a `#run=…` fragment (with or without the `#`), or undefined for any other. */
export function sharePayloadOf(hash: string): string | undefined {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const prefix = `${SHARE_FRAGMENT_KEY}=`;
  return fragment.startsWith(prefix) ? fragment.slice(prefix.length) : undefined;
}

const damaged =
  'This share link is damaged: its run could not be read (it may have been cut off when it was copied). Ask for the link again, or for the trace file.';

/**
 * Reads a share link's payload back into runs, checked like an imported file. Pure; never
 * throws: a damaged or hostile link gets one sentence.
 */
export function decodeSharePayload(payload: string): ImportResult {
  if (!payload) return { ok: false, error: 'This share link holds no run.' };
  if (payload.length > MAX_DECODE_CHARS)
    return { ok: false, error: 'This share link is too long to be a Fanout run.' };
  const bytes = fromBase64Url(payload);
  if (!bytes) return { ok: false, error: damaged };
  let json: string;
  try {
    const inflated = inflateCapped(bytes, MAX_INFLATED_BYTES);
    if (!inflated)
      return { ok: false, error: 'This share link unpacks to more than a run can hold.' };
    json = strFromU8(inflated);
    // Garbage that happens to inflate is damage too, not "invalid JSON in a file".
    JSON.parse(json);
  } catch {
    return { ok: false, error: damaged };
  }
  const result = importTrace(json);
  if (result.ok) return result;
  return { ok: false, error: result.error.replace(/^The (trace )?file/, 'The link’s run') };
}
