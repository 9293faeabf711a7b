import type { CardAction } from '../../core/card.js';
import { ACTION_ID_PREFIX, encodeActionValue } from './action-codec.js';

// Block Kit building blocks under Slack's published limits: text that is cut
// says so, buttons that cannot fit are counted, and a message that is still
// too big loses its least important blocks with a visible note.

export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  buttonLabel: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  modalTitle: 24,
  plainTextInputMax: 3000,
  /** Fallback `text` (notifications, screen readers); Slack allows far more, nobody reads it. */
  fallbackText: 3000,
  /**
   * Slack documents no byte limit for a whole blocks array, but very large
   * messages are refused; this conservative budget for the serialised blocks
   * keeps every card well clear of it.
   */
  messageJson: 24_000,
} as const;

export type SlackLimits = { [K in keyof typeof SLACK_LIMITS]: number };

export interface SlackText {
  type: 'mrkdwn' | 'plain_text';
  text: string;
}

export interface SlackButton {
  type: 'button';
  text: SlackText;
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
}

export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text: SlackText }
  | { type: 'section'; text?: SlackText; fields: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' }
  | { type: 'actions'; elements: SlackButton[] };

export interface SlackMessage {
  /** Fallback text for notifications. */
  text: string;
  blocks: SlackBlock[];
}

// ---------------------------------------------------------------- text helpers

/** Slack mrkdwn treats only &, < and > as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts to `max` characters with an ellipsis; never splits an &amp; style entity. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/** A titled bullet list that stops before `max` with "…and N more". */
export function bulletList(title: string, items: string[], max: number, bullet = '• '): string {
  let out = title;
  for (let i = 0; i < items.length; i += 1) {
    const line = `\n${bullet}${items[i]}`;
    const more = `\n…and ${items.length - i} more`;
    const fitsWithRoomForMore = out.length + line.length + (i < items.length - 1 ? more.length : 0) <= max;
    if (!fitsWithRoomForMore) return truncate(out + more, max);
    out += line;
  }
  return out;
}

/** A ``` block of whole lines that stays closed when it has to be cut. */
export function codeBlock(lines: string[], max: number, prefix = ''): string {
  const open = `${prefix}\`\`\`\n`;
  const close = '\n```';
  const kept: string[] = [];
  // Measured after escaping: &amp; is what Slack counts.
  for (const [i, line] of lines.map(escapeMrkdwn).entries()) {
    const candidate = [...kept, line].join('\n');
    const tail = i < lines.length - 1 ? `\n… ${lines.length - i - 1} more lines` : '';
    if (open.length + candidate.length + tail.length + close.length > max) {
      kept.push(`… ${lines.length - i} more lines`);
      break;
    }
    kept.push(line);
  }
  return `${open}${kept.join('\n')}${close}`;
}

export function mrkdwn(text: string): SlackText {
  return { type: 'mrkdwn', text };
}

export function plain(text: string, max: number): SlackText {
  return { type: 'plain_text', text: truncate(text, max) };
}

// ------------------------------------------------------------------- buttons

/** Buttons in rows of at most 25; a button whose value cannot fit is left out and counted. */
export function buttons(
  actions: CardAction[],
  conversationId: string | null,
  limits: SlackLimits,
): { blocks: SlackBlock[]; dropped: number } {
  const elements: SlackButton[] = [];
  let dropped = 0;
  for (const action of actions) {
    const value = encodeActionValue({ conversationId, actionId: action.id, ...(action.value === undefined ? {} : { value: action.value }) });
    if (value.length > limits.buttonValue) {
      dropped += 1;
      continue;
    }
    // Slack needs action_ids unique within a message; the index guarantees it.
    const actionId = `${ACTION_ID_PREFIX}${elements.length}|${action.id}`.slice(0, limits.actionId);
    elements.push({
      type: 'button',
      text: { type: 'plain_text', text: truncate(action.label, limits.buttonLabel) },
      action_id: actionId,
      value,
      ...(action.style ? { style: action.style } : {}),
    });
  }
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < elements.length; i += limits.actionsElements) {
    blocks.push({ type: 'actions', elements: elements.slice(i, i + limits.actionsElements) });
  }
  return { blocks, dropped };
}

// -------------------------------------------------------------- fitting

/** Lower rank = more important; the fitter drops the highest ranks first. */
export interface Part {
  block: SlackBlock;
  rank: number;
}

/**
 * Drops the least important blocks until the message fits the block count and
 * size budget, then says so in a note. Blocks keep their order.
 */
export function fitBlocks(parts: Part[], limits: SlackLimits, alreadyShortened: boolean): SlackBlock[] {
  const kept = [...parts];
  let dropped = 0;
  const tooBig = (count: number) =>
    kept.length + count > limits.blocks || JSON.stringify(kept.map((p) => p.block)).length + 400 > limits.messageJson;
  const noteRoom = 1;
  while (kept.length > 0 && tooBig(noteRoom)) {
    let victim = -1;
    for (let i = kept.length - 1; i >= 0; i -= 1) {
      const candidate = kept[i];
      if (candidate && (victim < 0 || candidate.rank > (kept[victim]?.rank ?? -1))) victim = i;
    }
    kept.splice(victim, 1);
    dropped += 1;
  }
  const blocks = kept.map((p) => p.block);
  if (dropped === 0 && !alreadyShortened) return blocks;
  const what = dropped > 0 ? `${dropped} ${dropped === 1 ? 'part was' : 'parts were'} left out` : 'some text was shortened';
  const note: SlackBlock = { type: 'context', elements: [mrkdwn(`:scissors: Shortened to fit Slack's message limits: ${what}.`)] };
  // The note goes above the buttons so the buttons stay last.
  let at = blocks.length;
  while (at > 0 && blocks[at - 1]?.type === 'actions') at -= 1;
  blocks.splice(at, 0, note);
  return blocks;
}

/** Section text cut to the limit; reports whether it had to cut. */
export function section(text: string, limits: SlackLimits, shortened: { value: boolean }): SlackBlock {
  if (text.length > limits.sectionText) shortened.value = true;
  return { type: 'section', text: mrkdwn(truncate(text, limits.sectionText)) };
}

export function context(text: string, limits: SlackLimits, shortened: { value: boolean }): SlackBlock {
  if (text.length > limits.contextText) shortened.value = true;
  return { type: 'context', elements: [mrkdwn(truncate(text, limits.contextText))] };
}

