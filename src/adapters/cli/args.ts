import type { AssessOptions } from './commands.js';
import { parseAssessFromArgs, type AssessFromOptions } from './assess-from-command.js';
import { parseDigestCliArgs, type DigestCliOptions } from './digest-command.js';
import { parseReviewCliArgs, type ReviewCliCommand } from './review-command.js';

// argv -> a command. Hand-written: a handful of commands and three flags do not need a framework.

export type CliCommand =
  | { name: 'default' }
  | { name: 'chat' }
  | { name: 'serve' }
  | { name: 'help' }
  | { name: 'history' }
  | { name: 'pricing' }
  | { name: 'doctor' }
  | { name: 'backup'; file: string }
  | { name: 'assess'; options: AssessOptions }
  | { name: 'review'; command: ReviewCliCommand }
  | { name: 'digest'; options: DigestCliOptions }
  | { name: 'assess-from'; options: AssessFromOptions };

export type ParsedArgs = { ok: true; command: CliCommand } | { ok: false; error: string };

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
      return { ok: true, command: { name: 'default' } };
    case 'chat':
    case 'serve':
    case 'history':
    case 'pricing':
    case 'doctor':
      return rest.length ? { ok: false, error: `"${first}" takes no arguments (got: ${rest.join(' ')})` } : { ok: true, command: { name: first } };
    case 'help':
    case '--help':
    case '-h':
      return { ok: true, command: { name: 'help' } };
    case 'assess':
      if (rest.some((arg) => arg === '--from' || arg.startsWith('--from='))) {
        const from = parseAssessFromArgs(rest);
        return from.ok ? { ok: true, command: { name: 'assess-from', options: from.options } } : from;
      }
      return parseAssess(rest);
    case 'review': {
      const review = parseReviewCliArgs(rest);
      return review.ok ? { ok: true, command: { name: 'review', command: review.command } } : review;
    }
    case 'digest': {
      const digest = parseDigestCliArgs(rest);
      return digest.ok ? { ok: true, command: { name: 'digest', options: digest.options } } : digest;
    }
    case 'backup': {
      const [file, ...extra] = rest;
      if (!file || file.startsWith('--')) return { ok: false, error: 'backup needs a file to write, e.g. backup backups/serverless-fit-2026-01-31.db' };
      if (extra.length) return { ok: false, error: `backup takes one file (got also: ${extra.join(' ')})` };
      return { ok: true, command: { name: 'backup', file } };
    }
    default:
      return { ok: false, error: `Unknown command "${first}".` };
  }
}

function parseAssess(args: readonly string[]): ParsedArgs {
  const options: AssessOptions = { json: false, assumeDefaults: false, chartPath: null, text: '' };
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--json') options.json = true;
    else if (arg === '--assume-defaults') options.assumeDefaults = true;
    else if (arg === '--chart') {
      const path = args[i + 1];
      if (!path || path.startsWith('--')) return { ok: false, error: '--chart needs a file path, e.g. --chart out.png' };
      options.chartPath = path;
      i++;
    } else if (arg.startsWith('--chart=')) options.chartPath = arg.slice('--chart='.length);
    else if (arg.startsWith('--')) return { ok: false, error: `Unknown option "${arg}" for assess.` };
    else words.push(arg);
  }
  options.text = words.join(' ').trim();
  if (!options.text) return { ok: false, error: 'assess needs a description, e.g. assess "resize images on upload, 2 s, 3k a day"' };
  return { ok: true, command: { name: 'assess', options } };
}
