import type { CliCommand } from './build-command.js';
import { commandSpec } from './command-table.js';
import { bashCompletion, zshCompletion } from './completion-script.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import type { ParsedArgs } from './parse-args.js';
import { commandHelp, globalHelp } from './usage-text.js';

// What the CLI answers before it reads configuration or opens the database:
// help, the version, completion scripts and usage errors. They work on a
// machine with a broken configuration, and they never touch the data.

export interface Terminal {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  version: string;
}

export function answerWithoutState(parsed: ParsedArgs, io: Terminal): { done: ExitCode } | { command: CliCommand } {
  switch (parsed.kind) {
    case 'version':
      io.out.write(`serverless-fit ${io.version}\n`);
      return { done: EXIT_CODES.ok };
    case 'help': {
      const spec = parsed.topic ? commandSpec(parsed.topic) : undefined;
      io.out.write(`${spec ? commandHelp(spec) : globalHelp(io.version)}\n`);
      return { done: EXIT_CODES.ok };
    }
    case 'error': {
      // One line that says what is wrong, one that says where to look: the whole help would bury the first.
      const more = parsed.topic ? `serverless-fit ${parsed.topic} --help` : 'serverless-fit --help';
      io.err.write(`${parsed.message}\nRun "${more}" for usage.\n`);
      return { done: EXIT_CODES.usage };
    }
    case 'run':
      if (parsed.command.name !== 'completion') return { command: parsed.command };
      io.out.write(parsed.command.shell === 'bash' ? bashCompletion() : zshCompletion());
      return { done: EXIT_CODES.ok };
  }
}
