import type { ReviewCard } from '../../core/review/review-types.js';
import { outlineReview } from '../../render/review-sections.js';
import { escapeMrkdwn, fitBlocks, renderNoticeBlocks, SLACK_LIMITS, truncate, VERDICT_EMOJI, type SlackBlock, type SlackLimits, type SlackMessage } from './render-card.js';

// The living summary card in Block Kit: a header, the headline, one section
// per part of the plan, the footer and the review's buttons. Posted at the top
// of the thread and edited in place, so it must always fit: long sections are
// cut on line boundaries and the least important parts dropped, with a note.

export function renderReviewSlack(card: ReviewCard, limits: SlackLimits = SLACK_LIMITS): SlackMessage {
  const outline = outlineReview(card);
  const shortened = { value: outline.title.length > limits.headerText };
  const parts: { block: SlackBlock; rank: number }[] = [];
  parts.push({ rank: 0, block: { type: 'header', text: { type: 'plain_text', text: truncate(outline.title, limits.headerText) } } });
  parts.push({ rank: 0, block: section(`*${escapeMrkdwn(outline.headline)}*`, limits, shortened) });
  for (const s of outline.sections) {
    const lines = s.lines.map((l) => `• ${l.verdict ? `${VERDICT_EMOJI[l.verdict]} ` : ''}${escapeMrkdwn(l.text)}`);
    parts.push({ rank: s.rank, block: section([`*${escapeMrkdwn(s.heading)}*`, ...lines].join('\n'), limits, shortened) });
  }
  parts.push({ rank: 1, block: { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(outline.footer), limits.contextText) }] } });
  // The buttons come from the shared notice renderer, so they carry the same action encoding as every other card.
  const buttons = renderNoticeBlocks({ level: 'info', text: '', actions: card.actions }, card.reviewId, limits).blocks.filter((b) => b.type === 'actions');
  for (const block of buttons) parts.push({ rank: 0, block });
  return {
    text: truncate(`${outline.title}: ${outline.headline}`, limits.fallbackText),
    blocks: fitBlocks(parts, limits, shortened.value),
  };
}

/** Cuts on a line boundary with "…and N more" so a list never ends mid-word. */
function section(text: string, limits: SlackLimits, shortened: { value: boolean }): SlackBlock {
  if (text.length <= limits.sectionText) return { type: 'section', text: { type: 'mrkdwn', text } };
  shortened.value = true;
  const lines = text.split('\n');
  let out = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const more = `\n…and ${lines.length - i} more`;
    if (out.length + 1 + (lines[i]?.length ?? 0) + more.length > limits.sectionText) return { type: 'section', text: { type: 'mrkdwn', text: truncate(out + more, limits.sectionText) } };
    out += `\n${lines[i]}`;
  }
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(out, limits.sectionText) } };
}

export const REVIEW_ADD_MODAL_CALLBACK_ID = 'sf-review-add';
export const REVIEW_ADD_BLOCK_ID = 'component';
export const REVIEW_ADD_INPUT_ID = 'text';

/** The "Add component" modal; private_metadata says which review and thread it belongs to. */
export function renderReviewAddModal(privateMetadata: string): Record<string, unknown> {
  const plain = (text: string, max: number) => ({ type: 'plain_text', text: truncate(text, max) });
  return {
    type: 'modal',
    callback_id: REVIEW_ADD_MODAL_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: plain('Add component', SLACK_LIMITS.modalTitle),
    submit: plain('Add', SLACK_LIMITS.modalTitle),
    close: plain('Cancel', SLACK_LIMITS.modalTitle),
    blocks: [
      {
        type: 'input',
        block_id: REVIEW_ADD_BLOCK_ID,
        label: plain('Name: what it does (one per line for several)', 2000),
        hint: plain('e.g. image pipeline: resize uploads, 2 s, 3k/day', 2000),
        element: { type: 'plain_text_input', action_id: REVIEW_ADD_INPUT_ID, multiline: true, max_length: SLACK_LIMITS.plainTextInputMax },
      },
    ],
  };
}
