import type { Verdict } from '../../core/assessment.js';
import { describeSchedule } from '../../core/digest/digest-schedule.js';
import type { DigestSubscription } from '../../core/digest/digest-types.js';
import { helpText } from '../../core/help-text.js';
import type { ConversationListItem } from '../../core/ports.js';
import { escapeMrkdwn, truncate, VERDICT_EMOJI, type SlackBlock } from './render-card.js';
import { slackThreadLink } from './thread-link.js';

// The Slack App Home tab: how to start, the viewer's recent assessments with
// links to their threads, and the workspace's weekly digests. Pure; the
// adapter publishes it with views.publish. Within Slack's limits for a Home
// view (100 blocks, 3,000 characters a section).

export interface AppHomeInput {
  workspace: string;
  /** The viewer's own conversations, newest first. */
  assessments: readonly ConversationListItem[];
  /** The workspace's digest subscriptions; null when digests are not set up in this bot. */
  digests: readonly DigestSubscription[] | null;
}

export interface SlackHomeView {
  type: 'home';
  blocks: SlackBlock[];
}

/** How many of each list the tab shows; the rest are a command away. */
export const HOME_ASSESSMENTS = 10;
export const HOME_DIGESTS = 20;
const SECTION_MAX = 3000;

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX) } });
const header = (text: string): SlackBlock => ({ type: 'header', text: { type: 'plain_text', text } });
const context = (text: string): SlackBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_MAX) }] });

export function renderAppHome(input: AppHomeInput): SlackHomeView {
  const help = helpText();
  return {
    type: 'home',
    blocks: [
      header('serverless-fit'),
      section(
        '*Should this workload run serverless?* Describe it the way you would to a colleague and get a verdict with reasons and monthly costs side by side.\n' +
          'Start one with `/serverless-fit <what the workload does>` in a channel, by mentioning me there, or by messaging me in the Messages tab.',
      ),
      section(escapeMrkdwn(help.text)),
      { type: 'divider' },
      header('Your recent assessments'),
      ...assessmentBlocks(input),
      { type: 'divider' },
      header('Weekly digests in this workspace'),
      ...digestBlocks(input.digests),
    ],
  };
}

function assessmentBlocks(input: AppHomeInput): SlackBlock[] {
  if (input.assessments.length === 0) return [section('None yet. Your assessments appear here, newest first, with a link to each thread.')];
  const shown = input.assessments.slice(0, HOME_ASSESSMENTS);
  const blocks = shown.map((item) => section(assessmentLine(input.workspace, item)));
  if (input.assessments.length > shown.length) blocks.push(context(`${input.assessments.length - shown.length} older: \`/serverless-fit history\` in a channel lists its assessments.`));
  return blocks;
}

function assessmentLine(workspace: string, item: ConversationListItem): string {
  // A link's label ends at the first "|", so the description must not carry one.
  const description = escapeMrkdwn(truncate(item.description.replace(/\s+/g, ' ').replace(/\|/g, '/').trim() || '(no description yet)', 150));
  const link = slackThreadLink({ platform: 'slack', workspace, channel: item.channel, thread: item.thread });
  const what = link ? `<${link}|${description}>` : description;
  const outcome = item.verdict ? `${VERDICT_EMOJI[item.verdict as Verdict] ?? ''} *${item.verdict}*: ${escapeMrkdwn(item.recommended ?? '?')}` : ':hourglass_flowing_sand: *in progress*';
  // Direct-message channel ids start with D; "#D123" would render as an unknown channel.
  const where = item.channel.startsWith('D') ? 'in your messages with me' : `in <#${item.channel}>`;
  return `${outcome}\n${what}\n_${item.updatedAt.slice(0, 16).replace('T', ' ')} UTC ${where}_`;
}

function digestBlocks(digests: readonly DigestSubscription[] | null): SlackBlock[] {
  if (digests === null) return [section('Weekly digests are not set up in this bot. Ask whoever runs it to enable them.')];
  if (digests.length === 0) return [section('No channel gets the weekly digest yet. In a channel: `/serverless-fit digest subscribe [weekday] [HH:MM] [time zone]`.')];
  const shown = digests.slice(0, HOME_DIGESTS);
  const blocks = shown.map((d) => section(`<#${d.channel}>: ${describeSchedule(d)}; ${d.quiet === 'skip' ? 'quiet weeks are skipped' : 'a quiet week gets one line'}.`));
  if (digests.length > shown.length) blocks.push(context(`and ${digests.length - shown.length} more channels.`));
  blocks.push(context('`/serverless-fit digest status` in a channel shows its last run; `digest unsubscribe` stops it.'));
  return blocks;
}
