import type { ServedApp } from './serve-app.js';

// What a scenario may do on a chat platform, whatever the platform: what a
// person sends (a command, a button press, a thread message, a form) and what
// the bot posted, read back as text. One driver per platform's fake; the
// scenarios in this folder are written once against it.

/** A message the bot posted, by where it is. */
export interface Posted {
  id: string;
  channel: string;
}

export interface Seen {
  /** Everything it says, as plain lines (blocks, embeds or text). */
  text: string;
  buttons: string[];
  /** How many times the bot edited it. */
  edits: number;
}

export interface PlatformDriver {
  /** The name its conversations carry in the store. */
  readonly platform: string;
  readonly workspace: string;
  readonly app: ServedApp;
  /** The platform's id for one of the scenarios' people. */
  user(name: 'alice' | 'bob'): string;
  /** A channel to use, new each call. */
  channel(): string;
  /** `/serverless-fit <words>`, answered in public (a conversation, a review). */
  command(user: string, channel: string, words: string): Promise<void>;
  /** `/serverless-fit <words>`, answered privately; resolves with the private answer as text. */
  privately(user: string, channel: string, words: string): Promise<string>;
  /** The bot's messages at the top of a channel, oldest first. */
  roots(channel: string): Posted[];
  /** The bot's messages in the thread that `root` heads, oldest first. */
  thread(root: Posted): Posted[];
  read(message: Posted): Seen;
  /** Presses the button (or picks the menu option) labelled `label`. */
  press(user: string, message: Posted, label: RegExp): Promise<void>;
  /** A person's message in the thread that `root` heads. */
  say(user: string, root: Posted, text: string): Promise<void>;
  /** A person shares a file (only on platforms whose people can share files) in the thread that `root` heads, as the platform delivers it. */
  upload?(user: string, root: Posted, name: string, bytes: Buffer): Promise<void>;
  /** What the bot told people privately (or, where the platform has no private message there, in reply to them) in the thread `root` heads, oldest first. */
  toldInThread?(root: Posted): string[];
  /** Fills in and sends the form the last press opened; 'refused' when the platform or the bot turned it back. */
  submitForm(user: string, text: string): Promise<'accepted' | 'refused'>;
  /** The link a reader clicks to reach the thread `root` heads, as the platform writes it. */
  threadLink(root: Posted): string;
  /** Checks a message against the platform's own limits; null when it fits. */
  limitProblem(message: Posted): string | null;
  close(): Promise<void>;
}
