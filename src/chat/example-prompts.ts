/** Prompts offered on the empty screen: one click sends them. */
export const examplePrompts: Array<{ title: string; prompt: string }> = [
  { title: 'Say hello', prompt: 'Hello!' },
  { title: 'What can the offline planner do?', prompt: 'What can you do?' },
  { title: 'Weather in three cities', prompt: "What's the weather in Paris, Tokyo and New York?" },
  {
    title: 'Compare three products',
    prompt: 'Compare the Aurora X1, the Nimbus Pro and the Vega Air.',
  },
];
