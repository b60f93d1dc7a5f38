/** UTF-8 size of a string without allocating an encoded copy (hot path on every result). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3; // lone surrogate: encoders write U+FFFD, 3 bytes
    } else bytes += 3;
  }
  return bytes;
}

/** What the model receives instead of an output over the cap. */
export type TruncatedOutput = {
  truncated: true;
  originalBytes: number;
  capBytes: number;
  notice: string;
  /** The start of the output's JSON text, cut to fit. */
  preview: string;
};

/** The model's view of one output, and the full output's size. */
export type CappedOutput = {
  modelOutput: unknown;
  truncated: boolean;
  /** UTF-8 size of the full output as JSON. */
  bytes: number;
};

function truncatedForm(json: string, originalBytes: number, capBytes: number): TruncatedOutput {
  const build = (length: number): TruncatedOutput => {
    let end = length;
    // Never cut a surrogate pair in half: the preview must stay valid text.
    const last = json.charCodeAt(end - 1);
    if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--;
    return {
      truncated: true,
      originalBytes,
      capBytes,
      notice: `Output truncated: the full result is ${originalBytes} bytes of JSON, over the ${capBytes}-byte limit. "preview" holds only its beginning; the page keeps the full output.`,
      preview: json.slice(0, end),
    };
  };
  const fits = (length: number) => utf8ByteLength(JSON.stringify(build(length))) <= capBytes;
  // Each preview character costs at least one byte, so the answer is below min(length, cap):
  // a binary search over that range keeps the work proportional to the cap, not the output.
  let low = 0;
  let high = Math.min(json.length, capBytes);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  // If even an empty preview is over a tiny cap, the marker still goes out: it must say why.
  return build(low);
}

/** undefined, functions and symbols have no JSON: the model sees null, which it can read. */
const NULL_BYTES = 4;

/** An output's size as the executor measures it: UTF-8 bytes of its JSON. Throws on cycles. */
export function outputByteLength(output: unknown): number {
  const json = JSON.stringify(output);
  return json === undefined ? NULL_BYTES : utf8ByteLength(json);
}

/**
 * Fits an output to `capBytes` of UTF-8 JSON for the model. Under the cap the output passes
 * through untouched; over it the model gets a TruncatedOutput. Throws on outputs JSON cannot
 * represent (cycles, BigInt), which the executor reports as the call's error.
 */
export function capOutput(output: unknown, capBytes: number): CappedOutput {
  const json = JSON.stringify(output);
  if (json === undefined) return { modelOutput: null, truncated: false, bytes: NULL_BYTES };
  const bytes = utf8ByteLength(json);
  if (bytes <= capBytes) return { modelOutput: output, truncated: false, bytes };
  return { modelOutput: truncatedForm(json, bytes, capBytes), truncated: true, bytes };
}
