import type { ThreadKey } from '../conversation.js';

// A link a reader can click to reach a conversation's thread. How one is
// built is each platform's own business (it knows its URLs); the digest only
// asks, and a platform that cannot link (the terminal) gets none.

export type ThreadLink = (key: ThreadKey) => string | null;

/** Anything that can link to its own threads, named like the conversations it owns. */
export interface ThreadLinker {
  readonly name: string;
  threadLink(key: Omit<ThreadKey, 'platform'>): string | null;
}

/** One link builder over several platforms: each key goes to the platform it names. */
export function threadLinksOf(linkers: readonly ThreadLinker[]): ThreadLink {
  return (key) => linkers.find((linker) => linker.name === key.platform)?.threadLink(key) ?? null;
}

export const noThreadLinks: ThreadLink = () => null;
