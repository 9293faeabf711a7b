import type { Verdict } from '../core/assessment.js';
import type { Card, CardAction, QuestionCard } from '../core/card.js';
import { MAX_DESCRIPTION_CHARS } from '../../commands/serverless-fit.js';

// Card -> Slack Block Kit. Pure: the Slack adapter posts what this returns.
// Every builder respects Slack's published limits; content that does not fit is
// shortened or left out with a visible note, so a post never fails on size.

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
  | { type: 'section'; fields: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' }
  | { type: 'actions'; elements: SlackButton[] };

export interface SlackMessage {
  /** Fallback text for notifications. */
  text: string;
  blocks: SlackBlock[];
}

/** Prefix of every action_id we render, so the adapter can route them with one pattern. */
export const ACTION_ID_PREFIX = 'sf|';
export const START_MODAL_CALLBACK_ID = 'sf-start';
export const START_MODAL_BLOCK_ID = 'description';
export const START_MODAL_INPUT_ID = 'text';

export const VERDICT_EMOJI: Record<Verdict, string> = {
  fit: ':large_green_circle:',
  marginal: ':large_yellow_circle:',
  avoid: ':red_circle:',
};

const LEVEL_EMOJI = { info: ':information_source:', warning: ':warning:', error: ':x:' } as const;
const POLARITY_EMOJI = { pro: ':heavy_plus_sign:', con: ':heavy_minus_sign:', blocker: ':no_entry:' } as const;

/** What a button carries back: which conversation, which CardAction, its value. */
export interface ActionRef {
  conversationId: string | null;
  actionId: string;
  value?: string;
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
function bulletList(title: string, items: string[], max: number, bullet = '• '): string {
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
function codeBlock(lines: string[], max: number, prefix = ''): string {
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

function mrkdwn(text: string): SlackText {
  return { type: 'mrkdwn', text };
}

function plain(text: string, max: number): SlackText {
  return { type: 'plain_text', text: truncate(text, max) };
}

// ------------------------------------------------------------------- buttons

export function encodeActionValue(ref: ActionRef): string {
  return JSON.stringify({ c: ref.conversationId, a: ref.actionId, ...(ref.value === undefined ? {} : { v: ref.value }) });
}

export function decodeActionValue(raw: string | undefined): ActionRef | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { c, a, v } = parsed as Record<string, unknown>;
    if (typeof a !== 'string' || (c !== null && typeof c !== 'string')) return null;
    return { conversationId: c, actionId: a, ...(typeof v === 'string' ? { value: v } : {}) };
  } catch {
    return null;
  }
}

/** Buttons in rows of at most 25; a button whose value cannot fit is left out and counted. */
function buttons(
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
interface Part {
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
function section(text: string, limits: SlackLimits, shortened: { value: boolean }): SlackBlock {
  if (text.length > limits.sectionText) shortened.value = true;
  return { type: 'section', text: mrkdwn(truncate(text, limits.sectionText)) };
}

function context(text: string, limits: SlackLimits, shortened: { value: boolean }): SlackBlock {
  if (text.length > limits.contextText) shortened.value = true;
  return { type: 'context', elements: [mrkdwn(truncate(text, limits.contextText))] };
}

// ------------------------------------------------------------------ cards

export interface CardRenderOptions {
  /** Slack user id of whoever shared the card to the channel. */
  sharedBy?: string;
  limits?: SlackLimits;
}

export function costTableLines(card: Card): string[] {
  const width = Math.min(40, Math.max(8, ...card.costs.map((c) => c.label.length)));
  const money = Math.max(7, ...card.costs.map((c) => c.monthly.length));
  return card.costs.map((row) => {
    const marks = [row.cheapest ? '<- cheapest' : '', row.recommended ? '(recommended)' : ''].filter(Boolean).join(' ');
    const label = truncate(row.label, width).padEnd(width);
    const band = row.band ? ` ${row.band}` : '';
    const note = row.monthly === 'n/a' && row.note ? ` ${row.note}` : '';
    return `${label}  ${row.monthly.padStart(money)}${band}${note}${marks ? `  ${marks}` : ''}`.trimEnd();
  });
}

export function renderCardBlocks(card: Card, conversationId: string | null, options: CardRenderOptions = {}): SlackMessage {
  const limits = options.limits ?? SLACK_LIMITS;
  const shortened = { value: card.title.length > limits.headerText };
  const parts: Part[] = [];
  const add = (rank: number, block: SlackBlock) => parts.push({ block, rank });

  add(0, { type: 'header', text: plain(card.title, limits.headerText) });
  add(0, section(`${VERDICT_EMOJI[card.verdict]} *${escapeMrkdwn(card.headline)}*`, limits, shortened));
  if (options.sharedBy) add(0, context(`Shared by <@${options.sharedBy}>`, limits, shortened));
  if (card.changes.length > 0) {
    add(0, section(bulletList('*What changed*', card.changes.map(escapeMrkdwn), limits.sectionText), limits, shortened));
  }
  for (let i = 0; i < card.fields.length; i += limits.fieldsPerSection) {
    const fields = card.fields.slice(i, i + limits.fieldsPerSection).map((f) => {
      const text = `*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`;
      if (text.length > limits.fieldText) shortened.value = true;
      return mrkdwn(truncate(text, limits.fieldText));
    });
    add(2, { type: 'section', fields });
  }
  if (card.costs.length > 0) add(0, section(codeBlock(costTableLines(card), limits.sectionText, '*Monthly cost*\n'), limits, shortened));
  if (card.breakEven) add(1, section(`*Break-even*\n${escapeMrkdwn(card.breakEven)}`, limits, shortened));
  if (card.reasons.length > 0) {
    const lines = card.reasons.map((r) => `${POLARITY_EMOJI[r.polarity]} ${escapeMrkdwn(r.text)}`);
    add(1, section(bulletList('*Why*', lines, limits.sectionText, ''), limits, shortened));
  }
  if (card.changeIf.length > 0) {
    add(2, section(bulletList('*What would change the answer*', card.changeIf.map(escapeMrkdwn), limits.sectionText), limits, shortened));
  }
  if (card.assumptions.length > 0) {
    add(3, context(bulletList('Assumptions:', card.assumptions.map(escapeMrkdwn), limits.contextText), limits, shortened));
  }
  for (const m of card.math) {
    add(4, section(codeBlock(m.lines, limits.sectionText, `*The math: ${escapeMrkdwn(m.label)}*\n`), limits, shortened));
  }
  add(1, context(`${card.pricingStale ? ':warning: ' : ''}${escapeMrkdwn(card.pricing)}`, limits, shortened));
  const actions = buttons(card.actions, conversationId, limits);
  for (const block of actions.blocks) add(0, block);

  return {
    text: truncate(`${card.title}: ${card.headline}`, limits.fallbackText),
    blocks: fitBlocks(parts, limits, shortened.value || actions.dropped > 0),
  };
}

// -------------------------------------------------------------- questions

export function renderQuestionBlocks(question: QuestionCard, conversationId: string, limits: SlackLimits = SLACK_LIMITS): SlackMessage {
  const shortened = { value: false };
  const parts: Part[] = [];
  if (question.hint) parts.push({ rank: 0, block: section(`:bulb: ${escapeMrkdwn(question.hint)}`, limits, shortened) });
  parts.push({ rank: 0, block: section(`*${escapeMrkdwn(question.text)}*`, limits, shortened) });
  if (question.heard.length > 0) {
    parts.push({ rank: 1, block: context(bulletList('Heard so far:', question.heard.map(escapeMrkdwn), limits.contextText), limits, shortened) });
  }
  if (question.example) parts.push({ rank: 1, block: context(`For example: _${escapeMrkdwn(question.example)}_`, limits, shortened) });
  const actions = buttons(question.choices, conversationId, limits);
  for (const block of actions.blocks) parts.push({ rank: 0, block });
  return {
    text: truncate(question.text, limits.fallbackText),
    blocks: fitBlocks(parts, limits, shortened.value || actions.dropped > 0),
  };
}

// ---------------------------------------------------------------- notices

export interface NoticeInput {
  level: 'info' | 'warning' | 'error';
  title?: string;
  text: string;
  actions?: CardAction[];
}

/** A notice; long text (a history list) is split on line breaks across sections. */
export function renderNoticeBlocks(notice: NoticeInput, conversationId: string | null, limits: SlackLimits = SLACK_LIMITS): SlackMessage {
  const shortened = { value: false };
  const head = `${LEVEL_EMOJI[notice.level]} ${notice.title ? `*${escapeMrkdwn(notice.title)}*\n` : ''}`;
  const chunks: string[] = [];
  let current = head;
  for (const line of escapeMrkdwn(notice.text).split('\n')) {
    const next = current === head || current === '' ? `${current}${line}` : `${current}\n${line}`;
    if (next.length <= limits.sectionText) {
      current = next;
      continue;
    }
    if (current) chunks.push(current);
    current = line;
  }
  if (current) chunks.push(current);
  const parts: Part[] = chunks.map((text, i) => ({ rank: i === 0 ? 0 : 1, block: section(text, limits, shortened) }));
  const actions = buttons(notice.actions ?? [], conversationId, limits);
  for (const block of actions.blocks) parts.push({ rank: 0, block });
  const fallback = `${notice.title ? `${notice.title}: ` : ''}${notice.text}`;
  return {
    text: truncate(fallback, limits.fallbackText),
    blocks: fitBlocks(parts, limits, shortened.value || actions.dropped > 0),
  };
}

// ------------------------------------------------------------ root message

export interface RootMessageInput {
  /** Slack user id of the asker. */
  asker: string;
  description: string;
  /** Present once there is a result: the root then shows the verdict. */
  outcome?: { verdict: Verdict; headline: string };
}

/** The channel-level message whose thread holds the interview. */
export function renderRootMessage(input: RootMessageInput, limits: SlackLimits = SLACK_LIMITS): SlackMessage {
  const workload = truncate(escapeMrkdwn(input.description.replace(/\s+/g, ' ').trim()), 500);
  const blocks: SlackBlock[] = [
    { type: 'section', text: mrkdwn(`<@${input.asker}> asked whether this should run serverless:\n>${workload}`) },
  ];
  if (input.outcome) {
    blocks.push({ type: 'section', text: mrkdwn(truncate(`${VERDICT_EMOJI[input.outcome.verdict]} *${escapeMrkdwn(input.outcome.headline)}*`, limits.sectionText)) });
    blocks.push({ type: 'context', elements: [mrkdwn('Costs, reasons and what-ifs are in the thread.')] });
  } else {
    blocks.push({ type: 'context', elements: [mrkdwn(':thread: A few questions in the thread first; anyone here can answer.')] });
  }
  const text = input.outcome
    ? `${input.outcome.headline} (serverless-fit for <@${input.asker}>)`
    : `<@${input.asker}> asked whether this should run serverless: ${input.description}`;
  return { text: truncate(text, limits.fallbackText), blocks };
}

// ------------------------------------------------------------------ modal

/** The modal opened by `/serverless-fit` with no text; private_metadata carries where to start. */
export function renderStartModal(privateMetadata: string): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: START_MODAL_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: plain('Serverless fit', SLACK_LIMITS.modalTitle),
    submit: plain('Assess', SLACK_LIMITS.modalTitle),
    close: plain('Cancel', SLACK_LIMITS.modalTitle),
    blocks: [
      {
        type: 'input',
        block_id: START_MODAL_BLOCK_ID,
        label: plain('What does the workload do?', 2000),
        hint: plain('Traffic and duration help if you know them, e.g. resize images on upload, 2 s each, 3k a day.', 2000),
        element: {
          type: 'plain_text_input',
          action_id: START_MODAL_INPUT_ID,
          multiline: true,
          max_length: Math.min(MAX_DESCRIPTION_CHARS, SLACK_LIMITS.plainTextInputMax),
        },
      },
    ],
  };
}
