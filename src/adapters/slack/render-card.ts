import type { Verdict } from '../../core/assessment.js';
import type { Card, CardAction, QuestionCard } from '../../core/card.js';
import { MAX_DESCRIPTION_CHARS } from '../../../commands/serverless-fit.js';
import { costColumnWidths, costTableRow, outlineCard, type CardSection, type CostRowWords } from '../../render/card-sections.js';
import { bulletList, buttons, codeBlock, context, escapeMrkdwn, fitBlocks, mrkdwn, plain, section, SLACK_LIMITS, truncate, type Part, type SlackBlock, type SlackLimits, type SlackMessage } from './block-kit.js';

// Card -> Slack Block Kit. Pure: the Slack adapter posts what this returns.
// Every builder respects Slack's published limits; content that does not fit is
// shortened or left out with a visible note, so a post never fails on size.

// The Slack adapter and the renderers beside this one import these from here.
export { ACTION_ID_PREFIX, decodeActionValue, encodeActionValue, type ActionRef } from './action-codec.js';
export { escapeMrkdwn, fitBlocks, SLACK_LIMITS, truncate, type SlackBlock, type SlackLimits, type SlackMessage } from './block-kit.js';

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

// ------------------------------------------------------------------ cards

export interface CardRenderOptions {
  /** Slack user id of whoever shared the card to the channel. */
  sharedBy?: string;
  limits?: SlackLimits;
}

function costTableLines(rows: readonly CostRowWords[]): string[] {
  const widths = costColumnWidths(rows);
  return rows.flatMap((row) => costTableRow(row, widths));
}

/** The card's sections (card-sections.ts) in Block Kit; the math and assumptions are behind "Show the math". */
export function renderCardBlocks(card: Card, conversationId: string | null, options: CardRenderOptions = {}): SlackMessage {
  const limits = options.limits ?? SLACK_LIMITS;
  const outline = outlineCard(card);
  const shortened = { value: outline.title.length > limits.headerText };
  const parts: Part[] = [];
  const add = (rank: number, block: SlackBlock) => parts.push({ block, rank });

  add(0, { type: 'header', text: plain(outline.title, limits.headerText) });
  add(0, section(`${VERDICT_EMOJI[outline.verdict]} *${escapeMrkdwn(outline.headline)}*`, limits, shortened));
  if (options.sharedBy) add(0, context(`Shared by <@${options.sharedBy}>`, limits, shortened));
  for (const s of outline.sections) for (const block of sectionBlocks(s, limits, shortened)) add(s.rank, block);
  if (outline.moreHint) add(1, context(escapeMrkdwn(outline.moreHint), limits, shortened));
  add(1, context(`${outline.pricingStale ? ':warning: ' : ''}${escapeMrkdwn(outline.pricing)}`, limits, shortened));
  const actions = buttons(card.actions, conversationId, limits);
  for (const block of actions.blocks) add(0, block);

  return {
    text: truncate(`${outline.title}: ${outline.headline}`, limits.fallbackText),
    blocks: fitBlocks(parts, limits, shortened.value || actions.dropped > 0),
  };
}

function sectionBlocks(s: CardSection, limits: SlackLimits, shortened: { value: boolean }): SlackBlock[] {
  const heading = `*${escapeMrkdwn(s.heading)}*`;
  switch (s.id) {
    case 'fields': {
      // Two columns of label and value, ten to a block (Slack's limit per section).
      const blocks: SlackBlock[] = [];
      for (let i = 0; i < s.lines.length; i += limits.fieldsPerSection) {
        const fields = s.lines.slice(i, i + limits.fieldsPerSection).map((line) => {
          const text = `*${escapeMrkdwn(line.label ?? '')}*\n${escapeMrkdwn(line.value ?? line.text)}`;
          if (text.length > limits.fieldText) shortened.value = true;
          return mrkdwn(truncate(text, limits.fieldText));
        });
        blocks.push(i === 0 ? { type: 'section', text: mrkdwn(heading), fields } : { type: 'section', fields });
      }
      return blocks;
    }
    case 'costs': {
      // The table in a code block of its own, so cutting the break-even line can never leave it open.
      const rows = s.lines.flatMap((l) => (l.row ? [l.row] : []));
      const after = s.lines.filter((l) => !l.row).map((l) => escapeMrkdwn(l.text));
      const blocks = [section(codeBlock(costTableLines(rows), limits.sectionText, `${heading}\n`), limits, shortened)];
      if (after.length > 0) blocks.push(section(after.join('\n'), limits, shortened));
      return blocks;
    }
    case 'reasons':
      return [section(bulletList(heading, s.lines.map((l) => `${l.polarity ? `${POLARITY_EMOJI[l.polarity]} ` : ''}${escapeMrkdwn(l.text)}`), limits.sectionText, ''), limits, shortened)];
    case 'changes':
    case 'change-if':
      return [section(bulletList(heading, s.lines.map((l) => escapeMrkdwn(l.text)), limits.sectionText), limits, shortened)];
  }
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
