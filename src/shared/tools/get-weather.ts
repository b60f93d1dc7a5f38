import { z } from 'zod';
import { defineToolSpec } from './tool-spec';

export const getWeatherInput = z.object({
  city: z
    .string()
    .min(1)
    .describe(
      'City name in plain words, e.g. "Paris", "São Paulo" or "New York". No country code.',
    ),
});
export type GetWeatherInput = z.infer<typeof getWeatherInput>;

export const getWeatherOutput = z.object({
  city: z.string(),
  country: z.string(),
  tempC: z.number(),
  tempF: z.number(),
  condition: z.string(),
  humidityPct: z.number(),
  windKph: z.number(),
  observedAt: z.string(),
});
export type GetWeatherOutput = z.infer<typeof getWeatherOutput>;

export const getWeatherSpec = defineToolSpec({
  name: 'get_weather',
  description:
    'Get the current weather for ONE city: temperature (°C and °F), sky condition, humidity and wind. ' +
    'For several cities, call this tool once per city in the same response; the calls run in parallel.',
  input: getWeatherInput,
  runsOn: 'browser',
  timeoutMs: 6000,
  simulatedLatency: { baseMs: 700, jitterMs: 250 },
});
