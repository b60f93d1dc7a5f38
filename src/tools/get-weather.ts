import type { CityWeather } from '../shared/tools/data-files';
import type { GetWeatherInput, GetWeatherOutput } from '../shared/tools/get-weather';
import { closestMatches, editDistance, listSome, normalizeText, typoBudget } from './text-match';
import { loadData, type ToolHandler } from './tool-context';

function cityNames(city: CityWeather): string[] {
  return [city.city, ...(city.aliases ?? [])].map(normalizeText);
}

function findCity(cities: readonly CityWeather[], query: string): CityWeather | undefined {
  // Models often add the country ("Paris, France"); the city is what we index.
  const key = normalizeText(query.split(',')[0] ?? query);
  const exact = cities.find((city) => cityNames(city).includes(key));
  if (exact) return exact;
  const scored = cities
    .map((city) => ({
      city,
      distance: Math.min(...cityNames(city).map((n) => editDistance(key, n))),
    }))
    .sort((a, b) => a.distance - b.distance);
  const [best, second] = scored;
  if (!best || best.distance > typoBudget(key.length)) return undefined;
  // Two cities equally close to a typo: guessing would be worse than asking.
  if (second && second.distance === best.distance) return undefined;
  return best.city;
}

/** get_weather: the current conditions for one city, matched ignoring case, accents and small typos. */
export const getWeatherHandler: ToolHandler<GetWeatherInput, GetWeatherOutput> = async (
  input,
  ctx,
) => {
  const file = await loadData(ctx, 'weather');
  const city = findCity(file.cities, input.city);
  if (!city) {
    const names = file.cities.map((entry) => entry.city);
    throw new Error(
      `No weather data for "${input.city}". Closest known cities: ${closestMatches(input.city, names).join(', ')}. ` +
        `Covered: ${listSome(names, 8)}.`,
    );
  }
  return {
    city: city.city,
    country: city.country,
    tempC: city.tempC,
    tempF: Math.round((city.tempC * 9) / 5 + 32),
    condition: city.condition,
    humidityPct: city.humidityPct,
    windKph: city.windKph,
    observedAt: file.observedAt,
  };
};
