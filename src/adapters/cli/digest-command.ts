import type { DigestService } from '../../core/digest/digest-service.js';
import { isoWeekWindow, parseIsoWeek, windowEndingAt } from '../../core/digest/iso-week.js';
import { renderDigestText } from '../../render/digest-text.js';
import type { DigestCliOptions } from './build-command.js';

// `serverless-fit digest [--workspace W] [--week 2026-W48]`: a digest in the
// terminal. Without --week it covers the 7 days up to now; with it, that ISO
// week (Monday 00:00 to Monday 00:00 UTC).

export interface DigestCommandDeps {
  digests: Pick<DigestService, 'build'>;
  out: NodeJS.WritableStream;
  now: () => Date;
}

/** Prints the digest; returns the process exit code. */
export async function runDigestCommand(deps: DigestCommandDeps, options: DigestCliOptions): Promise<number> {
  const week = options.week === null ? null : parseIsoWeek(options.week);
  if (options.week !== null && !week) {
    deps.out.write(`"${options.week}" is not an ISO week; use the form 2026-W48.\n`);
    return 2;
  }
  const window = week ? isoWeekWindow(week) : windowEndingAt(deps.now());
  const digest = await deps.digests.build({ platform: 'cli', workspace: options.workspace, window });
  deps.out.write(`${renderDigestText(digest)}\n`);
  return 0;
}
