/** A one-click demo: a prompt the offline planner answers with a telling timeline. */
export type Scenario = {
  id: string;
  title: string;
  prompt: string;
  /** What to look at in the waterfall while it runs. */
  watch: string;
};

export const scenarios: Scenario[] = [
  {
    id: 'compare-products',
    title: 'Compare three products',
    prompt: 'Compare the Aurora X1, the Nimbus Pro and the Vega Air.',
    watch: 'Three lookups start together; the step takes as long as the slowest one, not the sum.',
  },
  {
    id: 'account-overview',
    title: 'My account at a glance',
    prompt: 'Show my profile, my balance and my recent orders.',
    watch: 'Three different services answer side by side: one fan-out, one follow-up request.',
  },
  {
    id: 'search-everywhere',
    title: 'Search docs, FAQ and forum',
    prompt: 'Search the docs, the FAQ and the forum for battery life.',
    watch:
      'The same tool three times with different sources, each searching its own in-page index.',
  },
  {
    id: 'weather-three-cities',
    title: 'Weather in three cities',
    prompt: "What's the weather in Paris, Tokyo and New York?",
    watch: 'Three bars overlap; switch to Sequential and the same calls form a staircase.',
  },
  {
    id: 'currency-three-ways',
    title: 'One amount, three currencies',
    prompt: 'Convert 250 USD to EUR, GBP and JPY.',
    watch: 'These run on the server (rates need a key), yet still overlap and stream back.',
  },
  {
    id: 'cheapest-then-stock',
    title: 'Cheapest, then its stock',
    prompt:
      'Which is cheapest: the Aurora X1, the Nimbus Pro or the Vega Air? Then check its stock at my home store.',
    watch:
      'Three lookups in parallel, then one dependent call in a second step: fan-out, then chaining.',
  },
  {
    id: 'one-call-fails',
    title: 'One call fails',
    prompt: "What's the weather in Paris, Tokyo and Atlantis?",
    watch: 'Atlantis fails without sinking its siblings; the answer says what went wrong.',
  },
  {
    id: 'approve-a-change',
    title: 'Add to cart, with approval',
    prompt: 'Add the Vega Air to my cart and show my balance.',
    watch:
      'The cart call waits for your approval (its own phase on the bar) while the balance runs; deny it and the answer says it was not run.',
  },
];
