import type { Advisor } from '../../core/advisor-types.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';

// `serverless-fit settings region [<region> | clear] [--workspace W]`: the
// same sub-command as in chat, answered by the core for the terminal's
// workspace ("local" unless --workspace names another).

export interface SettingsCommandDeps {
  advisor: Pick<Advisor, 'command'>;
  user: string;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export async function runSettingsCommand(deps: SettingsCommandDeps, options: { workspace: string; text: string }): Promise<ExitCode> {
  const key = { platform: 'cli' as const, workspace: options.workspace, channel: 'settings', thread: '', user: deps.user };
  const outcome = await deps.advisor.command({ key, actor: deps.user, text: options.text, subCommand: 'settings' });
  const reply = outcome.kind === 'private' ? outcome.reply : null;
  if (!reply || reply.kind !== 'notice') {
    deps.err.write('settings gave no answer.\n');
    return EXIT_CODES.failed;
  }
  if (reply.level === 'info') {
    deps.out.write(`${reply.text.replace(/`\/serverless-fit /g, '`serverless-fit ')}\n`);
    return EXIT_CODES.ok;
  }
  deps.err.write(`${reply.text.replace(/`\/serverless-fit /g, '`serverless-fit ')}\n`);
  return EXIT_CODES.usage;
}
