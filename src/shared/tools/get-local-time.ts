import { z } from 'zod';
import { defineToolSpec } from './tool-spec';

export const getLocalTimeInput = z.object({
  timezone: z
    .string()
    .min(1)
    .describe('IANA time zone name, e.g. "Europe/Paris", "Asia/Tokyo" or "America/New_York".'),
});
export type GetLocalTimeInput = z.infer<typeof getLocalTimeInput>;

export const getLocalTimeOutput = z.object({
  timezone: z.string(),
  iso: z.string(),
  formatted: z.string(),
  utcOffset: z.string(),
});
export type GetLocalTimeOutput = z.infer<typeof getLocalTimeOutput>;

export const getLocalTimeSpec = defineToolSpec({
  name: 'get_local_time',
  description:
    'Get the current local date and time in an IANA time zone: ISO 8601 timestamp with offset, a readable form ' +
    'and the UTC offset. One zone per call; for several zones, make the calls together and they run in parallel.',
  input: getLocalTimeInput,
  runsOn: 'browser',
  timeoutMs: 5000,
  simulatedLatency: { baseMs: 150, jitterMs: 60 },
});
