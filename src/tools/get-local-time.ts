import type { GetLocalTimeInput, GetLocalTimeOutput } from '../shared/tools/get-local-time';
import { closestMatches, normalizeText } from './text-match';
import type { ToolHandler } from './tool-context';

function canonicalZone(name: string): string | undefined {
  try {
    // Intl accepts any casing and aliases ("asia/calcutta") and reports the canonical name.
    return new Intl.DateTimeFormat('en-US', { timeZone: name.trim() }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function knownZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

function zoneCity(zone: string): string {
  return normalizeText((zone.split('/').pop() ?? zone).replace(/_/g, ' '));
}

/** An IANA zone from its name, or from a bare city such as "Tokyo" that a model passed instead. */
export function resolveTimeZone(name: string): string | undefined {
  const canonical = canonicalZone(name);
  if (canonical) return canonical;
  const key = normalizeText(name);
  return knownZones().find((zone) => zoneCity(zone) === key);
}

function utcOffset(date: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((entry) => entry.type === 'timeZoneName');
  // "GMT+05:30" → "+05:30"; plain "GMT" means zero offset.
  const offset = part?.value.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

/** The wall-clock time in a zone as ISO 8601 with its offset, e.g. 2026-11-25T07:43:00+09:00. */
export function zonedIso(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((part) => part.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${utcOffset(date, timeZone)}`;
}

/** get_local_time: the current time in an IANA zone, computed with Intl. */
export const getLocalTimeHandler: ToolHandler<GetLocalTimeInput, GetLocalTimeOutput> = async (
  input,
  ctx,
) => {
  ctx.signal.throwIfAborted();
  const timezone = resolveTimeZone(input.timezone);
  if (!timezone) {
    const suggestions = closestMatches(input.timezone, knownZones().map(zoneCity), 3)
      .map((city) => knownZones().find((zone) => zoneCity(zone) === city))
      .filter((zone): zone is string => zone !== undefined);
    throw new Error(
      `Unknown time zone "${input.timezone}". Use an IANA name such as Europe/Paris, Asia/Tokyo or ` +
        `America/New_York; closest matches: ${suggestions.join(', ')}.`,
    );
  }
  const now = new Date();
  return {
    timezone,
    iso: zonedIso(now, timezone),
    formatted: new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      dateStyle: 'full',
      timeStyle: 'short',
    }).format(now),
    utcOffset: utcOffset(now, timezone),
  };
};
