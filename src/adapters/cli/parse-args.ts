import { parseArgs } from 'node:util';
import { buildCommand, buildForm, type CliCommand } from './build-command.js';
import { CLI_COMMANDS, commandSpec, HELP_OPTION, type CliCommandName, type CliCommandSpec, type CliForm, type CliOptionSpec, type ReadArgs } from './command-table.js';
import { closestWord } from './suggest.js';

// argv -> what to do. node's util.parseArgs reads the flags (no dependency, and
// nothing to load at start); this file adds what it leaves to the caller:
// sub-commands and their forms from the table, --help on each, "did you
// mean", and messages that name the command. It is the only option reader.

export type ParsedArgs =
  | { kind: 'run'; command: CliCommand }
  | { kind: 'help'; topic: CliCommandName | null }
  | { kind: 'version' }
  | { kind: 'error'; message: string; topic: CliCommandName | null };

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'run', command: { name: 'default' } };
  if (first === '--version' || first === '-v' || first === '-V') return { kind: 'version' };
  if (first === '--help' || first === '-h') return { kind: 'help', topic: null };
  if (first.startsWith('-')) return topLevelOption(first);

  const spec = CLI_COMMANDS.find((c) => c.name === first);
  if (!spec) return unknownCommand(first, rest);
  if (spec.name === 'help') return helpFor(rest);
  const form = formOf(spec, rest);
  const read = readArgs(spec, rest, form);
  if ('error' in read) return read.error;
  if (read.values.help) return { kind: 'help', topic: spec.name };
  const built = form ? buildForm(form.id, read) : buildCommand(spec.name, read);
  return typeof built === 'string' ? { kind: 'error', message: built, topic: spec.name } : { kind: 'run', command: built };
}

function helpFor(rest: readonly string[]): ParsedArgs {
  const [topic] = rest.filter((a) => !a.startsWith('-'));
  if (!topic) return { kind: 'help', topic: null };
  const spec = commandSpec(topic);
  if (spec) return { kind: 'help', topic: spec.name as CliCommandName };
  return { kind: 'error', message: `There is no command "${topic}".${didYouMean(topic, commandNames())}`, topic: null };
}

function topLevelOption(option: string): ParsedArgs {
  const name = option.replace(/^-+/, '').split('=')[0] ?? '';
  const owners = CLI_COMMANDS.filter((c) => c.options.some((o) => o.name === name)).map((c) => c.name);
  const hint = owners.length ? ` Options go after the command, e.g. serverless-fit ${owners[0]} ${option}.` : didYouMean(name, ['help', 'version'], '--');
  return { kind: 'error', message: `Unknown option ${option}.${hint}`, topic: null };
}

function unknownCommand(word: string, rest: readonly string[]): ParsedArgs {
  const suggestion = didYouMean(word, commandNames());
  // "serverless-fit resize images on upload" is a description: show how to assess it.
  const looksLikeText = !suggestion && (rest.length > 0 || /\s/.test(word));
  const hint = looksLikeText ? ` To assess a workload: serverless-fit assess "${[word, ...rest].join(' ').slice(0, 60)}"` : suggestion;
  return { kind: 'error', message: `Unknown command "${word}".${hint}`, topic: null };
}

/** The form the words ask for: its option given, or its word first. None when help is asked for, which covers the whole command. */
export function formOf(spec: CliCommandSpec, args: readonly string[]): CliForm | null {
  if (args.includes('--help') || args.includes('-h')) return null;
  const given = (option: string) => args.some((a) => a === `--${option}` || a.startsWith(`--${option}=`));
  return spec.forms?.find((f) => ('word' in f.when ? args[0] === f.when.word : given(f.when.option))) ?? null;
}

/**
 * Reads one command's flags and words (in a form, only the form's flags);
 * unknown or malformed flags are errors that name the command.
 */
export function readArgs(spec: CliCommandSpec & { readonly name: CliCommandName }, args: readonly string[], form: CliForm | null = null): ReadArgs | { error: ParsedArgs } {
  const known: readonly CliOptionSpec[] = [...spec.options.filter((o) => !form || form.options.includes(o.name)), HELP_OPTION];
  const config = Object.fromEntries(known.map((o) => [o.name, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
  // Not strict: parseArgs' own errors are worded for programmers; the tokens let us word them for people.
  const { values, positionals, tokens } = parseArgs({ args: [...args], options: config, allowPositionals: true, strict: false, tokens: true });
  const topic = spec.name;
  const fail = (message: string) => ({ error: { kind: 'error', message, topic } as const });
  if (values.help === true) return { values: { help: true }, positionals: [] };
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = known.find((o) => o.name === token.name);
    if (!option) {
      const hint = /^-\d/.test(token.rawName) ? ' To pass text that starts with "-", put it after "--".' : didYouMean(token.name, known.map((o) => o.name), '--');
      return fail(`Unknown option ${token.rawName} for ${form?.label ?? spec.name}.${hint}`);
    }
    if (option.type === 'boolean' && token.inlineValue) return fail(`${token.rawName} takes no value (got "${token.value ?? ''}").`);
    if (option.type === 'string') {
      const value = token.value;
      // "--chart --json": the next flag is not the file name the user forgot.
      if (value === undefined || value === '' || (!token.inlineValue && value.startsWith('-') && value !== '-')) {
        return fail(`${token.rawName} needs a value, e.g. ${token.rawName} ${option.example ?? (option.value === 'file' ? 'out.png' : `<${option.value ?? 'value'}>`)}.`);
      }
    }
  }
  return { values: values as ReadArgs['values'], positionals };
}

function commandNames(): string[] {
  return CLI_COMMANDS.map((c) => c.name);
}

function didYouMean(typed: string, candidates: readonly string[], prefix = ''): string {
  const match = closestWord(typed, candidates);
  return match ? ` Did you mean "${prefix}${match}"?` : '';
}
