import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

/** Text of the newest user message in a prompt, or '' when there is none. */
export function lastUserText(prompt: LanguageModelV4Prompt): string {
  for (let index = prompt.length - 1; index >= 0; index--) {
    const message = prompt[index];
    if (message?.role !== 'user') continue;
    return message.content
      .map((part) => (part.type === 'text' ? part.text : ''))
      .join(' ')
      .trim();
  }
  return '';
}

/** All text in the prompt, used to estimate input tokens. */
export function promptText(prompt: LanguageModelV4Prompt): string {
  const pieces: string[] = [];
  for (const message of prompt) {
    if (typeof message.content === 'string') {
      pieces.push(message.content);
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text') pieces.push(part.text);
      else if (part.type === 'tool-call') pieces.push(JSON.stringify(part.input));
      else if (part.type === 'tool-result') pieces.push(JSON.stringify(part.output));
    }
  }
  return pieces.join(' ');
}
