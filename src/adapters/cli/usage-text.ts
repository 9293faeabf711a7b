import { serverlessFitCommand } from '../../../commands/serverless-fit.js';
import { CLI_COMMANDS, HELP_OPTION, type CliCommandSpec, type CliOptionSpec } from './command-table.js';
import { wrap } from '../../render/wrap-text.js';
import { EXIT_CODE_LINES } from './exit-codes.js';

// `serverless-fit --help` and `serverless-fit <command> --help`, generated
// from the command table and kept within 80 columns.

const WIDTH = 80;
const NAME = 'serverless-fit';

export function globalHelp(version: string): string {
  const rows = (group: CliCommandSpec['group']) => CLI_COMMANDS.filter((c) => c.group === group).map((c) => [synopsis(c), c.summary] as const);
  const left = Math.max(...CLI_COMMANDS.map((c) => synopsis(c).length), '-v, --version'.length);
  return [
    `${NAME} ${version}`,
    ...wrap(serverlessFitCommand.description, WIDTH),
    '',
    `Usage: ${NAME} [command] [options]`,
    '',
    'With no command: a conversation in the terminal, or serve Slack and Discord',
    'when their tokens are set (see "serve").',
    '',
    'Commands:',
    ...columns(rows('main'), left),
    '',
    'Operations:',
    ...columns(rows('operations'), left),
    '',
    'Options:',
    ...columns(
      [
        ['-h, --help', `Show help; ${NAME} <command> --help for one command`],
        ['-v, --version', 'Print the version'],
      ],
      left,
    ),
    '',
    'Exit codes:',
    ...EXIT_CODE_LINES.map((l) => `  ${l}`),
  ].join('\n');
}

export function commandHelp(spec: CliCommandSpec): string {
  const options: readonly CliOptionSpec[] = [...spec.options, HELP_OPTION];
  return [
    `Usage: ${NAME} ${spec.name}${spec.args ? ` ${spec.args}` : ''}`,
    '',
    ...wrap(`${spec.summary}.`, WIDTH),
    '',
    'Options:',
    ...columns(options.map((o) => [optionLabel(o), o.description])),
    ...(spec.examples.length ? ['', 'Examples:', ...spec.examples.map((e) => `  ${e}`)] : []),
  ].join('\n');
}

/** The command and its words without the options: "review list|export <id>". */
function synopsis(c: CliCommandSpec): string {
  const words = c.args.replace(/\[options\]/g, '').replace(/\s*\|\s*/g, '|').replace(/\s+/g, ' ').trim();
  return words ? `${c.name} ${words}` : c.name;
}

function optionLabel(o: CliOptionSpec): string {
  const value = o.type === 'string' ? ` <${o.value ?? 'value'}>` : '';
  return `${o.short ? `-${o.short}, ` : ''}--${o.name}${value}`;
}

/** Two columns: the left padded to `width` (default: the widest entry), the right wrapped to fit. */
function columns(rows: readonly (readonly [string, string])[], width?: number): string[] {
  const left = Math.min(28, width ?? Math.max(...rows.map(([l]) => l.length)));
  const indent = 2 + left + 2;
  return rows.flatMap(([l, r]) => {
    const wrapped = wrap(r, WIDTH - indent);
    if (l.length > left) return [`  ${l}`, ...wrapped.map((w) => `${' '.repeat(indent)}${w}`)];
    return wrapped.map((w, i) => (i === 0 ? `  ${l.padEnd(left)}  ${w}` : `${' '.repeat(indent)}${w}`));
  });
}
