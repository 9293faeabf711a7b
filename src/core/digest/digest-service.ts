import type { AssessmentRecord, PlatformName } from '../conversation.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { pastDecisionsAtTodaysPrices } from '../reprice/past-decisions.js';
import type { Clock, DigestRun, DigestStore, IdGenerator } from '../ports.js';
import { buildDigest } from './build-digest.js';
import type { ThreadLink } from './thread-link.js';
import { describeSchedule, parseDigestOptions } from './digest-schedule.js';
import type { Digest, DigestSchedule, DigestSubscription, DigestWindow } from './digest-types.js';
import { previousWindow, windowEndingAt } from './iso-week.js';

// The digest's one entry point for adapters, the CLI and the scheduler:
// `/serverless-fit digest subscribe|unsubscribe|preview|status` and building
// a digest for a window. Storage through the DigestStore port only.

export const DIGEST_ACTIONS = ['subscribe', 'unsubscribe', 'preview', 'status'] as const;
export type DigestAction = (typeof DIGEST_ACTIONS)[number];

export interface DigestServiceDeps {
  store: DigestStore;
  catalog: { version: string; asOf: string };
  clock: Clock;
  newId: IdGenerator;
  /** The next time a schedule fires after `after` (the scheduler's cron arithmetic), for status lines. */
  nextRun?: (schedule: DigestSchedule, after: Date) => Date | null;
  /** Links from the digest to the threads it mentions (each platform builds its own). */
  threadLink?: ThreadLink;
  /**
   * The catalog in use and a workspace's past decisions, for the line "at
   * today's prices, N past decisions would change"; without it there is none.
   */
  repricing?: { catalog: PricingCatalog; decisions: (workspace: string) => AsyncIterable<AssessmentRecord> };
}

/** Past decisions the digest links to by name; the rest are counted. */
export const REPRICED_LINK_LIMIT = 5;

export interface DigestCommandRequest {
  platform: PlatformName;
  workspace: string;
  channel: string;
  user: string;
  /** The words after `digest`: "subscribe monday 09:00 Europe/Berlin". Empty = status. */
  text: string;
  /** The asker's time zone when the platform tells (Slack users.info); else UTC. */
  defaultTimezone?: string;
}

export type DigestCommandReply =
  | { kind: 'notice'; level: 'info' | 'warning'; text: string }
  | { kind: 'preview'; digest: Digest };

export interface BuildRequest {
  platform: PlatformName;
  workspace: string;
  window: DigestWindow;
  late?: { scheduledAt: string } | null;
}

export interface DigestService {
  build(request: BuildRequest): Promise<Digest>;
  command(request: DigestCommandRequest): Promise<DigestCommandReply>;
  /** The workspace's subscriptions on one platform, for a settings view. */
  subscriptions(platform: PlatformName, workspace: string): Promise<DigestSubscription[]>;
}

export function createDigestService(deps: DigestServiceDeps): DigestService {
  const { store, clock } = deps;

  async function build(request: BuildRequest): Promise<Digest> {
    return buildDigest({
      workspace: request.workspace,
      platform: request.platform,
      window: request.window,
      figures: await store.weekFigures(request.workspace, request.window),
      previous: await store.weekTotals(request.workspace, previousWindow(request.window)),
      catalog: deps.catalog,
      today: clock.now(),
      late: request.late ?? null,
      ...(deps.threadLink ? { threadLink: deps.threadLink } : {}),
      repriced: deps.repricing ? await pastDecisionsAtTodaysPrices(deps.repricing.decisions(request.workspace), deps.repricing.catalog, REPRICED_LINK_LIMIT) : null,
    });
  }

  function nextLine(schedule: DigestSchedule): string {
    const next = deps.nextRun?.(schedule, clock.now());
    return next ? ` Next: ${next.toISOString().slice(0, 16).replace('T', ' ')} UTC.` : '';
  }

  const info = (text: string): DigestCommandReply => ({ kind: 'notice', level: 'info', text });
  const warning = (text: string): DigestCommandReply => ({ kind: 'notice', level: 'warning', text });

  return {
    build,
    subscriptions: async (platform, workspace) => (await store.allSubscriptions()).filter((s) => s.platform === platform && s.workspace === workspace),
    async command(request) {
      const [first = 'status', ...rest] = request.text.trim().split(/\s+/).filter(Boolean);
      const action = DIGEST_ACTIONS.find((a) => a === first.toLowerCase());
      if (!action) {
        return warning(`"${first}" is not a digest action. Use one of: ${DIGEST_ACTIONS.join(', ')}, e.g. \`/serverless-fit digest subscribe monday 09:00 Europe/Berlin\`.`);
      }
      const { platform, workspace, channel } = request;
      const existing = await store.subscription(platform, workspace, channel);
      switch (action) {
        case 'subscribe': {
          const parsed = parseDigestOptions(rest, request.defaultTimezone ? { timezone: request.defaultTimezone } : {});
          if (!parsed.ok) return warning(parsed.message);
          const saved = await store.subscribe({
            // Keeping the id keeps this week's claim: changing the time never posts twice in a week.
            id: existing?.id ?? deps.newId(),
            platform,
            workspace,
            channel,
            ...parsed.options.schedule,
            quiet: parsed.options.quiet,
            createdBy: request.user,
            createdAt: clock.now().toISOString(),
          });
          const quiet = saved.quiet === 'skip' ? 'Quiet weeks are skipped.' : 'A quiet week gets a one-line digest.';
          return info(
            `${existing ? 'Updated: this' : 'This'} channel gets the weekly cost digest ${describeSchedule(saved)}, covering the 7 days before. ${quiet}${nextLine(saved)}`,
          );
        }
        case 'unsubscribe':
          return (await store.unsubscribe(platform, workspace, channel))
            ? info('This channel will no longer get the weekly digest.')
            : info('This channel has no weekly digest to stop. Start one with `/serverless-fit digest subscribe`.');
        case 'status': {
          if (!existing) return info('This channel has no weekly digest. Start one with `/serverless-fit digest subscribe [weekday] [HH:MM] [time zone]` (default Monday 09:00).');
          const lastLine = lastRunLine(await store.lastRun(existing.id));
          const quiet = existing.quiet === 'skip' ? 'quiet weeks skipped' : 'quiet weeks get one line';
          return info(`This channel gets the weekly cost digest ${describeSchedule(existing)}; ${quiet}.${lastLine}${nextLine(existing)}`);
        }
        case 'preview':
          return { kind: 'preview', digest: await build({ platform, workspace, window: windowEndingAt(clock.now()) }) };
      }
    },
  };
}

function lastRunLine(last: DigestRun | null): string {
  if (!last) return ' No digest posted yet.';
  const when = (last.finishedAt ?? last.claimedAt).slice(0, 16).replace('T', ' ');
  const why = last.status === 'failed' && last.detail ? `: ${last.detail.replace(/[.\s]+$/, '')}` : '';
  return ` Last run: ${last.week}, ${last.status}${last.late ? ' (late)' : ''} at ${when} UTC${why}.`;
}
