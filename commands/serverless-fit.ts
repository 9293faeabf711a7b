// The one definition of the /serverless-fit command. The Slack manifest, the
// Discord registration, the CLI usage and the in-chat help are generated from it.

export interface CommandOption {
  name: string;
  description: string;
  required: boolean;
  /** Longest accepted value in characters (Discord caps string options at 6000). */
  maxLength?: number;
  /** The only values accepted, offered as a pick list where the platform has one (Discord: at most 25). */
  choices?: readonly OptionChoice[];
  /** Where suggestions come from while the value is typed (Discord autocomplete): IANA time zones, or the workspace's reviews. */
  suggest?: 'time-zone' | 'review';
}

export interface OptionChoice {
  /** What the person sees. */
  label: string;
  /** The word the command's text form reads. */
  value: string;
}

/**
 * A sub-command of its own where the platform nests them (Discord: a
 * sub-command group), read back as the parent's text form: `words`, then the
 * option values, as the parent's first option.
 */
export interface SubCommandVariant {
  name: string;
  description: string;
  words?: string;
  options: CommandOption[];
}

export interface SubCommand {
  name: string;
  description: string;
  usage: string;
  options: CommandOption[];
  /** Registered as separate sub-commands where the platform nests them, instead of `options`. */
  variants?: readonly SubCommandVariant[];
}

export interface CommandDefinition {
  name: string;
  description: string;
  usageHint: string;
  /** The sub-command used when the first word is not a sub-command name. */
  defaultSubCommand: string;
  subCommands: SubCommand[];
}

/** Longest workload description the bot reads; longer text is refused with a message. */
export const MAX_DESCRIPTION_CHARS = 4000;

const DIGEST_ACTIONS = ['subscribe', 'unsubscribe', 'preview', 'status'].map((value) => ({ label: value, value }));
const WEEKDAY_CHOICES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((value) => ({
  label: `${value[0]?.toUpperCase()}${value.slice(1)}`,
  value,
}));
const MEASURE_SOURCES = [
  { label: 'Lambda function', value: 'lambda' },
  { label: 'API Gateway stage', value: 'apigw' },
  { label: 'Application Load Balancer', value: 'alb' },
  { label: 'SQS queue', value: 'sqs' },
  { label: 'ECS service', value: 'ecs' },
];
const QUIET_CHOICES = [
  { label: 'one line (default)', value: 'one-line' },
  { label: 'skip the post', value: 'skip-quiet' },
];

const SETTING_CHOICES = [
  { label: 'region', value: 'region' },
  { label: 'commitment', value: 'commitment' },
];

export const serverlessFitCommand = {
  name: 'serverless-fit',
  description: 'Should this workload run serverless? A verdict with reasons and monthly costs.',
  usageHint: '<what the workload does, e.g. resize images on upload, 2 s each, 3k a day>',
  defaultSubCommand: 'assess',
  subCommands: [
    {
      name: 'assess',
      description: 'Assess a workload: a few questions, then a verdict and costs side by side.',
      usage: '/serverless-fit resize images on upload, about 2 s each, a few thousand a day',
      options: [
        {
          name: 'description',
          description: 'What the workload does, its traffic and duration if you know them',
          required: false,
          maxLength: MAX_DESCRIPTION_CHARS,
        },
      ],
    },
    {
      name: 'from',
      description: 'Assess a workload already running on AWS from its CloudWatch metrics over the last 14 days.',
      usage: '/serverless-fit assess from lambda <function-name> [region] | from apigw <api-id> <stage> | from alb <load-balancer-name> | from sqs <queue> | from ecs <cluster>/<service> <its traffic>',
      options: [
        { name: 'source', description: 'What it runs on', required: true, maxLength: 10, choices: MEASURE_SOURCES },
        { name: 'name', description: 'Function name, "<api-id> <stage>", load balancer name, queue name, or <cluster>/<service>', required: true, maxLength: 300 },
        { name: 'region', description: 'AWS region, e.g. eu-west-1 (default: the one the bot is configured for)', required: false, maxLength: 30 },
        { name: 'words', description: 'What metrics cannot know, e.g. p99 under 100 ms (an ECS service: its traffic)', required: false, maxLength: 1000 },
      ],
    },
    {
      name: 'help',
      description: 'How to use serverless-fit, with examples.',
      usage: '/serverless-fit help',
      options: [],
    },
    {
      name: 'history',
      description: 'Recent assessments in this channel.',
      usage: '/serverless-fit history',
      options: [],
    },
    {
      name: 'forget-me',
      description: 'Delete the conversations you started and your answers, in this workspace.',
      usage: '/serverless-fit forget-me',
      options: [],
    },
    {
      name: 'digest',
      description: 'A weekly cost digest in this channel: subscribe, unsubscribe, preview or status.',
      usage: '/serverless-fit digest subscribe [weekday] [HH:MM] [time zone]',
      options: [
        { name: 'action', description: 'subscribe, unsubscribe, preview or status', required: true, maxLength: 20, choices: DIGEST_ACTIONS },
        { name: 'weekday', description: 'Day to post (subscribe), default monday', required: false, maxLength: 20, choices: WEEKDAY_CHOICES },
        { name: 'time', description: 'Time to post, HH:MM 24-hour (subscribe), default 09:00', required: false, maxLength: 10 },
        { name: 'timezone', description: 'IANA time zone, e.g. Europe/Berlin (subscribe), default UTC', required: false, maxLength: 64, suggest: 'time-zone' },
        { name: 'quiet', description: 'A week without assessments: one-line (default) or skip', required: false, maxLength: 20, choices: QUIET_CHOICES },
      ],
    },
    {
      name: 'review',
      description: 'A design review of a whole system in a thread: components, one hybrid plan, totals and risks.',
      usage: '/serverless-fit review <system name> | review list | review <id>',
      options: [{ name: 'name', description: 'The system to review, "list", or a review id to reopen', required: true, maxLength: 100 }],
      variants: [
        {
          name: 'open',
          description: 'Open a design review of a system, or reopen one of this server\'s reviews.',
          options: [{ name: 'name', description: 'A new system to review, or pick an existing review', required: true, maxLength: 100, suggest: 'review' }],
        },
        { name: 'list', description: 'The design reviews here, newest first.', words: 'list', options: [] },
      ],
    },
    {
      name: 'settings',
      description: 'This workspace\'s region and commitment, for assessments that name none.',
      usage: '/serverless-fit settings region [<region, e.g. eu-central-1> | clear] | commitment [<e.g. 1yr compute savings plan, no upfront> | clear]',
      options: [
        { name: 'setting', description: 'The setting to show or change', required: true, maxLength: 20, choices: SETTING_CHOICES },
        { name: 'value', description: 'A region (eu-central-1) or commitment (3yr RI all upfront); "clear" for none; empty shows it', required: false, maxLength: 100 },
      ],
    },
  ],
} as const satisfies CommandDefinition;

export type SubCommandName = (typeof serverlessFitCommand.subCommands)[number]['name'];

