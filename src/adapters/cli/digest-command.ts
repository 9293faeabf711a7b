import type { DigestService } from '../../core/digest/digest-service.js';
import { isoWeekWindow, parseIsoWeek, windowEndingAt } from '../../core/digest/iso-week.js';
import { renderDigestText } from '../../render/digest-text.js';

// `serverless-fit digest [--workspace W] [--week 2026-W48]`: a digest in the
// terminal. Without --week it covers the 7 days up to now; with it, that ISO
// week (Monday 00:00 to Monday 00:00 UTC).

export interface DigestCliOptions {
  /** Slack team id, Discord guild id, or "local" (the terminal's own). */
  workspace: string;
  /** "2026-W48", or null for the past 7 days. */
  week: string | null;
}

export type DigestCliArgs = { ok: true; options: DigestCliOptions } | { ok: false; error: string };

export function parseDigestCliArgs(args: readonly string[]): DigestCliArgs {
  const options: DigestCliOptions = { workspace: 'local', week: null };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--workspace' && flag !== '--week') return { ok: false, error: `Unknown argument "${arg}" for digest. Usage: digest [--workspace W] [--week 2026-W48]` };
    const value = inline ?? args[++i];
    if (!value || value.startsWith('--')) {
      return { ok: false, error: flag === '--week' ? '--week needs an ISO week, e.g. --week 2026-W48' : '--workspace needs a workspace id, e.g. --workspace T0123ABC' };
    }
    if (flag === '--week') {
      if (!parseIsoWeek(value)) return { ok: false, error: `"${value}" is not an ISO week; use the form 2026-W48.` };
      options.week = value;
    } else options.workspace = value;
  }
  return { ok: true, options };
}

export interface DigestCommandDeps {
  digests: Pick<DigestService, 'build'>;
  out: NodeJS.WritableStream;
  now: () => Date;
}

/** Prints the digest; returns the process exit code. */
export function runDigestCommand(deps: DigestCommandDeps, options: DigestCliOptions): number {
  const week = options.week === null ? null : parseIsoWeek(options.week);
  if (options.week !== null && !week) {
    deps.out.write(`"${options.week}" is not an ISO week; use the form 2026-W48.\n`);
    return 2;
  }
  const window = week ? isoWeekWindow(week) : windowEndingAt(deps.now());
  const digest = deps.digests.build({ platform: 'cli', workspace: options.workspace, window });
  deps.out.write(`${renderDigestText(digest)}\n`);
  return 0;
}
