import { createContext } from 'react';

/** Sends a prompt from a link in the chat's Markdown; absent where links cannot send (a race). */
export type PromptLinkActions = { send: (prompt: string) => void; disabled: boolean };

export const PromptLinkContext = createContext<PromptLinkActions | undefined>(undefined);
