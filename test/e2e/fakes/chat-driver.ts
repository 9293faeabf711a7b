// One way to talk to the bot, whatever the platform: the process-level
// scenarios are written once against this and run on every platform.

export interface AssessOutcome {
  /** The result card as text (Slack blocks or a Discord embed). */
  cardText: string;
  /** The chart attached to the card, as uploaded. */
  chart: Buffer | null;
}

export interface ChatDriver {
  readonly platform: 'slack' | 'discord';
  /** A channel (or guild channel) the scenarios may use, new for each call. */
  place(): string;
  /** `/serverless-fit <description>`, answered until the card arrives. */
  assess(user: string, place: string, description: string): Promise<AssessOutcome>;
  /** `/serverless-fit review <name>`, then each component added and interviewed; resolves with the summary card as text. */
  review(user: string, place: string, name: string, components: readonly string[]): Promise<string>;
  /** A sub-command answered privately (`digest preview`, `forget-me`); resolves with the private answer as text. */
  privately(user: string, place: string, words: string): Promise<string>;
}

type Awaitable<T> = T | Promise<T>;

export const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

/** Polls until `get` yields (or resolves to: storage reads are asynchronous) something; `what` names it in the timeout error. */
export async function eventually<T>(get: () => Awaitable<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await get();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
