import type { SubCommandName } from '../../../commands/serverless-fit.js';

// The terminal's commands as data: help, argument checks and shell completion
// are all generated from this table. A command that also exists as a chat
// sub-command names it in `definition`, so the words stay those of the one
// command definition in commands/serverless-fit.ts.

export interface CliOptionSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: 'boolean' | 'string';
  /** Placeholder in help for a string option's value. */
  readonly value?: string;
  readonly description: string;
  /** The shell completes file names after this option. */
  readonly file?: boolean;
  /** A value to show when the option is given without one. */
  readonly example?: string;
}

/**
 * A variant of a command whose options are its own: `assess --template`,
 * `assess --from`, `review import`. It applies when its option is given or
 * its word comes first; it takes only the options it names.
 */
export interface CliForm {
  readonly id: 'template' | 'from' | 'review-import' | 'pricing-refresh';
  /** How messages name it. */
  readonly label: string;
  readonly when: { readonly option: string } | { readonly word: string };
  readonly options: readonly string[];
}

/** One command's flags and words, as read from argv. */
export interface ReadArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface CliCommandSpec {
  readonly name: string;
  /** The same sub-command in commands/serverless-fit.ts. */
  readonly definition?: SubCommandName;
  readonly group: 'main' | 'operations';
  readonly summary: string;
  /** What follows the command word in the usage line. */
  readonly args: string;
  /** The fixed words the first argument takes (review list|export). */
  readonly words?: readonly string[];
  /** The shell completes file names for the arguments. */
  readonly fileArgs?: boolean;
  readonly options: readonly CliOptionSpec[];
  /** Variants with options of their own, checked in order. */
  readonly forms?: readonly CliForm[];
  readonly examples: readonly string[];
}

const workspace: CliOptionSpec = {
  name: 'workspace',
  type: 'string',
  value: 'id',
  description: 'A Slack team or Discord server id in the same database (default: local, the terminal)',
};
const json: CliOptionSpec = { name: 'json', type: 'boolean', description: 'Print JSON' };
const csv: CliOptionSpec = { name: 'csv', type: 'boolean', description: 'Print the table as CSV (RFC 4180)' };
const limit: CliOptionSpec = { name: 'limit', type: 'string', value: 'n', description: 'How many to list, newest first (default 20)' };
const out: CliOptionSpec = { name: 'out', short: 'o', type: 'string', value: 'file', description: 'Write to a file instead of stdout', file: true };

const TABLE = [
  {
    name: 'assess',
    definition: 'assess',
    group: 'main',
    summary: 'Assess a workload once: the verdict and costs, or what is still missing',
    args: '[options] <description>',
    options: [
      { ...json, description: 'Print the result as JSON (the public shape in the README)' },
      { name: 'markdown', type: 'boolean', description: 'Print the result as Markdown, for a design doc or pull request' },
      { ...csv, description: 'Print the monthly cost table as CSV' },
      { name: 'assume-defaults', type: 'boolean', description: 'Fill every gap with a stated default, so it always completes' },
      { name: 'chart', type: 'string', value: 'file', description: 'Also write the cost chart as a PNG', file: true },
      { name: 'template', type: 'string', value: 'file', description: 'Assess every function and service in a template (serverless.yml, SAM/CloudFormation, cdk.out, .tf)', file: true, example: 'serverless.yml' },
      { name: 'fail-on', type: 'string', value: 'avoid|marginal', description: 'With --template: exit 1 when a component gets this verdict or worse', example: 'avoid' },
      { name: 'from', type: 'string', value: 'source', description: 'Measure traffic in CloudWatch: lambda:<name>, apigw:<id>/<stage>, alb:<name>, sqs:<queue>, ecs:<cluster>/<service>', example: 'lambda:resize-images' },
      { name: 'region', type: 'string', value: 'region', description: 'With --from: the AWS region (default: AWS_REGION or the profile\'s)', example: 'eu-west-1' },
      { name: 'days', type: 'string', value: 'n', description: 'With --from: how many days to measure (default 14)', example: '28' },
    ],
    forms: [
      { id: 'template', label: 'assess', when: { option: 'template' }, options: ['template', 'json', 'assume-defaults', 'fail-on'] },
      { id: 'from', label: 'assess --from', when: { option: 'from' }, options: ['from', 'region', 'days', 'json'] },
    ],
    examples: [
      'serverless-fit assess "REST API, 1000 rps 24/7, 100 ms, calls Postgres"',
      'serverless-fit assess --assume-defaults --markdown "CRM webhook" > fit.md',
      'serverless-fit assess --json --assume-defaults "nightly cleanup, 3 minutes"',
      'serverless-fit assess --assume-defaults --chart cost.png "thumbnails, 2 s"',
      'serverless-fit assess --template serverless.yml --json --fail-on avoid',
      'serverless-fit assess --from lambda:resize-images --region eu-west-1 --json',
    ],
  },
  {
    name: 'history',
    definition: 'history',
    group: 'main',
    summary: 'Saved conversations, newest first, with the ids export and resume take',
    args: '[options]',
    options: [workspace, limit, json, csv],
    examples: ['serverless-fit history', 'serverless-fit history --csv --limit 500 > conversations.csv'],
  },
  {
    name: 'export',
    group: 'main',
    summary: 'A saved assessment (or design review) as Markdown',
    args: '[options] <id>',
    options: [workspace, out],
    examples: ['serverless-fit export 3f9c2a1b', 'serverless-fit export 3f9c2a1b --out docs/image-pipeline-fit.md'],
  },
  {
    name: 'review',
    definition: 'review',
    group: 'main',
    summary: 'Design reviews: list them, export one as Markdown, or import one from a template',
    args: 'list | export <id> | import <file> [options]',
    words: ['list', 'export', 'import'],
    options: [
      workspace,
      { ...limit, description: 'list: how many, newest first (default 20)' },
      { ...json, description: 'list: print JSON' },
      { ...csv, description: 'list: print CSV' },
      { ...out, description: 'export: write to a file instead of stdout' },
      { name: 'name', type: 'string', value: 'name', description: 'import: the review\'s name (default: from the template)', example: '"checkout platform"' },
      { name: 'assume-defaults', type: 'boolean', description: 'import: fill what the template does not say with stated defaults' },
      { name: 'into', type: 'string', value: 'id', description: 'import: a changed template into the review made from it; prints what changed', example: '3f9c2a1b' },
    ],
    forms: [{ id: 'review-import', label: 'review import', when: { word: 'import' }, options: ['name', 'assume-defaults', 'json', 'into'] }],
    examples: ['serverless-fit review list', 'serverless-fit review export 3f9c2a1b --out review.md', 'serverless-fit review import serverless.yml --name "checkout platform"', 'serverless-fit review import serverless.yml --into 3f9c2a1b'],
  },
  {
    name: 'digest',
    definition: 'digest',
    group: 'main',
    summary: 'The weekly cost digest of a workspace',
    args: '[options]',
    options: [workspace, { name: 'week', type: 'string', value: 'YYYY-Www', description: 'An ISO week, e.g. 2026-W48 (default: the past 7 days)' }],
    examples: ['serverless-fit digest', 'serverless-fit digest --workspace T0123ABC --week 2026-W48'],
  },
  {
    name: 'settings',
    definition: 'settings',
    group: 'main',
    summary: 'A workspace\'s settings: the region and the commitment assessments are priced with when they name none',
    args: 'region|commitment [<value> | clear] [options]',
    words: ['region', 'commitment'],
    options: [workspace],
    examples: [
      'serverless-fit settings region',
      'serverless-fit settings region eu-central-1',
      'serverless-fit settings region clear',
      'serverless-fit settings commitment 1yr compute savings plan, no upfront',
      'serverless-fit settings commitment clear',
    ],
  },
  {
    name: 'pricing',
    group: 'main',
    summary: 'The pricing catalog: every figure with its source and date; "refresh" writes a current one from the AWS Price List',
    args: '[options] | refresh [options]',
    words: ['refresh'],
    options: [
      json,
      csv,
      { name: 'cloud', type: 'string', value: 'aws|azure', description: 'refresh: aws reads the AWS Price List (default); azure reads the Azure Retail Prices API for Azure Functions' },
      { name: 'from', type: 'string', value: 'url', description: 'refresh: the price list\'s base URL (default https://pricing.us-east-1.amazonaws.com, or https://prices.azure.com with --cloud azure)' },
      { ...out, description: 'refresh: the file to write (default: catalog-<date>.json beside the catalog in use)' },
      { name: 'region', type: 'string', value: 'code', description: 'refresh: the regions to price, comma-separated, in the cloud\'s own codes (default: the ten where most workloads run, or the Azure regions nearest them)' },
    ],
    forms: [{ id: 'pricing-refresh', label: 'pricing refresh', when: { word: 'refresh' }, options: ['cloud', 'from', 'out', 'region'] }],
    examples: ['serverless-fit pricing | less', 'serverless-fit pricing --csv > prices.csv', 'serverless-fit pricing refresh', 'serverless-fit pricing refresh --region eu-central-1 --out frankfurt.json', 'serverless-fit pricing refresh --cloud azure --region westeurope'],
  },
  {
    name: 'reprice',
    group: 'main',
    summary: 'Past decisions at today\'s prices: the ones whose verdict, platform or monthly cost would change, by workspace',
    args: '[options]',
    options: [
      { name: 'catalog', type: 'string', value: 'file', description: 'Price with this catalog instead of the one in use (e.g. one pricing refresh wrote)', file: true, example: 'catalog-2027-01-15.json' },
      { ...json, description: 'Print JSON (the shape in the README)' },
      { name: 'threads', type: 'string', value: 'n', description: 'Worker threads for a long history (default: one per core; 1 keeps it all on one thread)' },
    ],
    examples: ['serverless-fit reprice', 'serverless-fit reprice --catalog data/pricing/catalog-2027-01-15.json --json', 'serverless-fit reprice --threads 1'],
  },
  {
    name: 'chat',
    group: 'main',
    summary: 'A conversation in the terminal, even when chat tokens are set',
    args: '',
    options: [],
    examples: ['serverless-fit chat', 'printf \'nightly cleanup, 3 minutes\\nnone\\n\' | serverless-fit chat'],
  },
  {
    name: 'help',
    definition: 'help',
    group: 'main',
    summary: 'Help for serverless-fit or one command',
    args: '[command]',
    options: [],
    examples: ['serverless-fit help assess'],
  },
  {
    name: 'completion',
    group: 'main',
    summary: 'Print a shell completion script for bash or zsh',
    args: 'bash|zsh',
    words: ['bash', 'zsh'],
    options: [],
    examples: ['source <(serverless-fit completion bash)    # in ~/.bashrc', 'serverless-fit completion zsh > "${fpath[1]}/_serverless-fit"'],
  },
  {
    name: 'serve',
    group: 'operations',
    summary: 'Serve Slack and/or Discord as configured, with /healthz and /readyz',
    args: '',
    options: [],
    examples: ['SLACK_BOT_TOKEN=xoxb-... SLACK_SIGNING_SECRET=... serverless-fit serve'],
  },
  {
    name: 'doctor',
    group: 'operations',
    summary: 'Check configuration, pricing catalog, database, Slack and Discord',
    args: '',
    options: [],
    examples: ['serverless-fit doctor'],
  },
  {
    name: 'backup',
    group: 'operations',
    summary: 'Online copy of the database to a new file, checked after writing',
    args: '<file>',
    fileArgs: true,
    options: [],
    examples: ['serverless-fit backup backups/serverless-fit-2026-11-30.db'],
  },
  {
    name: 'migrate-store',
    group: 'operations',
    summary: 'Copy every table of a SQLite file into Postgres, then verify counts and checksums (safe to re-run)',
    args: '--from sqlite:<file> --to postgres://...',
    options: [
      { name: 'from', type: 'string', value: 'sqlite:file', description: 'The SQLite database to copy from', example: 'sqlite:data/serverless-fit.db' },
      { name: 'to', type: 'string', value: 'url', description: 'The Postgres database to copy into (its schema is brought up to date first)', example: 'postgres://user:password@db.internal:5432/serverless_fit' },
    ],
    examples: ['serverless-fit migrate-store --from sqlite:data/bot.db --to "$DATABASE_URL"'],
  },
] as const satisfies readonly CliCommandSpec[];

export type CliCommandName = (typeof TABLE)[number]['name'];

export const CLI_COMMANDS: readonly (CliCommandSpec & { readonly name: CliCommandName })[] = TABLE;

/**
 * Chat sub-commands the terminal does not offer as a command, and why. The
 * table above and this list together cover every sub-command of the definition.
 */
export const CHAT_ONLY_SUBCOMMANDS: Partial<Record<SubCommandName, string>> = {
  from: 'the terminal measures a running workload with assess --from lambda:<function-name> (assess --help lists the sources)',
  'forget-me': 'the terminal keeps its conversations in a local file; delete them with the file, or with RETENTION_DAYS',
};

/** Options every command takes. */
export const HELP_OPTION: CliOptionSpec = { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' };

export function commandSpec(name: string): (CliCommandSpec & { readonly name: CliCommandName }) | undefined {
  return CLI_COMMANDS.find((c) => c.name === name);
}
