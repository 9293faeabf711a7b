import type { FakeMessage } from './slack-web-api.js';

// Reading what the bot posted to the fake Slack: the blocks as text, the buttons by label.

export interface SlackButtonRef {
  label: string;
  actionId: string;
  value: string;
}

export function blocksText(message: FakeMessage): string {
  return JSON.stringify(message.blocks);
}

export function buttons(message: FakeMessage): SlackButtonRef[] {
  const blocks = (message.blocks ?? []) as { type: string; elements?: { type: string; text: { text: string }; action_id: string; value: string }[] }[];
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => ({ label: e.text.text, actionId: e.action_id, value: e.value }));
}

export function button(message: FakeMessage, label: RegExp): SlackButtonRef {
  const found = buttons(message).find((b) => label.test(b.label));
  if (!found) throw new Error(`no button matching ${label} in: ${buttons(message).map((b) => b.label).join(', ')}`);
  return found;
}
