import type { FakeDiscord, InteractionInit, RecordedCall, StoredMessage } from './discord-server.js';

// Reading what the bot sent: find components by label, the latest message in a channel.

export interface Component {
  type: number;
  label?: string;
  custom_id: string;
  options?: { label: string; value: string }[];
}

export function componentsOf(message: { components?: unknown[] } | undefined): Component[] {
  return ((message?.components ?? []) as { components: Component[] }[]).flatMap((row) => row.components);
}

export function button(message: { components?: unknown[] } | undefined, label: string | RegExp): Component {
  const found = componentsOf(message).find((c) => c.type === 2 && (typeof label === 'string' ? c.label === label : label.test(c.label ?? '')));
  if (!found) throw new Error(`no button ${String(label)} in ${JSON.stringify(message?.components)}`);
  return found;
}

export function select(message: { components?: unknown[] } | undefined): Component {
  const found = componentsOf(message).find((c) => c.type === 3);
  if (!found) throw new Error(`no select menu in ${JSON.stringify(message?.components)}`);
  return found;
}

export function latestIn(fake: FakeDiscord, channelId: string): StoredMessage {
  const found = [...fake.messages.values()].filter((m) => m.channel_id === channelId).at(-1);
  if (!found) throw new Error(`no message in ${channelId}`);
  return found;
}

export const callbackOf = (interactionId: string) => (call: RecordedCall) =>
  call.method === 'POST' && call.path.startsWith(`/interactions/${interactionId}/`) && call.path.endsWith('/callback');

export const tokenOf = (interactionId: string) => `itoken-${interactionId}`;

/** Resolves when the bot's answer to an interaction is complete: a direct reply, or the edit of a deferred one. */
export function answered(fake: FakeDiscord, interactionId: string): Promise<RecordedCall> {
  return fake.waitForCall(
    (c) =>
      (callbackOf(interactionId)(c) && c.body?.type === 4) ||
      (c.method === 'PATCH' && c.path.startsWith(`/webhooks/${fake.applicationId}/${tokenOf(interactionId)}/`)),
  );
}

/**
 * Presses "None of these" until the conversation in a DM ends in a card, so a
 * test of the card does not depend on how many questions the advisor still
 * asks. Returns the interaction that produced the card and the recorded call.
 */
export async function pressOnToResult(fake: FakeDiscord, init: InteractionInit, first: string): Promise<{ interactionId: string; call: RecordedCall }> {
  let interactionId = first;
  let call = await answered(fake, interactionId);
  for (let step = 0; step < 3; step += 1) {
    const latest = latestIn(fake, init.channelId);
    if (latest.embeds.length > 0) return { interactionId, call };
    interactionId = await fake.button(init, latest, button(latest, 'None of these').custom_id);
    call = await answered(fake, interactionId);
  }
  throw new Error('no result card after three answers');
}

export interface GatewayAuthor {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

/** A MESSAGE_CREATE payload as the gateway sends it: in a guild channel when `guildId` is given, else a DM. */
export function gatewayMessage(init: { id: string; channelId: string; guildId?: string; author: GatewayAuthor; content: string; attachments?: unknown[] }) {
  const { id, channelId, guildId, author, content } = init;
  return {
    id,
    channel_id: channelId,
    ...(guildId
      ? { guild_id: guildId, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }
      : { channel_type: 1 }),
    author: { discriminator: '0', avatar: null, global_name: null, ...author },
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: init.attachments ?? [],
    embeds: [],
    pinned: false,
    type: 0,
  };
}
