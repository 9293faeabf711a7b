import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformName } from '../../src/core/conversation.js';
import type { AppInstallation, ConversationStore, DeliveryLedger, DigestStore, InstallationStore, ReviewStore, WorkspaceSettingsStore } from '../../src/core/ports.js';
import { assessmentFixture, conversationFixture } from './conversation-store.contract.js';
import { subscriptionFixture } from './digest-store.contract.js';
import { reviewFixture } from './review-store.contract.js';

// What every InstallationStore must do, whatever keeps it: one grant per
// workspace (or organisation), tokens gone at once on revoke, a workspace's
// data erased only after it is due and only that workspace's, a reinstall
// cancelling the erasure, and install states taken once. The other ports
// of the same storage seed the data erasure must (and must not) reach.

/** What one workspace keeps, as the erasure tests see it. */
export interface Kept {
  conversations: number;
  turns: number;
  assessments: number;
  reviews: number;
  subscriptions: number;
  settings: number;
  deliveries: number;
}

/** Puts one of everything a workspace keeps into the storage, and counts what is left. */
export interface WorkspaceData {
  seed(workspace: string, platform: PlatformName): Promise<void>;
  kept(workspace: string, platform: PlatformName): Promise<Kept>;
}

export interface InstallationStoreUnderTest {
  installations: InstallationStore;
  /** The same storage's data, through its other ports (dataThroughPorts) where the implementation has them. */
  data: WorkspaceData;
  close(): void | Promise<void>;
}

export function installationFixture(overrides: Partial<AppInstallation> = {}): AppInstallation {
  return {
    platform: 'slack',
    workspace: 'T-acme',
    organisation: null,
    botToken: 'xoxb-acme-1',
    botUserId: 'U-bot-acme',
    installedBy: 'U-ann',
    installedAt: '2026-11-01T10:00:00.000Z',
    details: { scopes: ['commands', 'chat:write'], appId: 'A1' },
    ...overrides,
  };
}

/** The data of a workspace through the storage's other ports: a conversation with a turn, an assessment, a review, a digest subscription, settings, a delivery. */
export function dataThroughPorts(ports: { store: ConversationStore; ledger: DeliveryLedger; reviews: ReviewStore; digests: DigestStore; settings: WorkspaceSettingsStore }): WorkspaceData {
  const { store, ledger, reviews, digests, settings } = ports;
  return {
    async seed(workspace, platform) {
      const id = `${platform}-${workspace}`;
      await store.create(conversationFixture({ id: `c-${id}`, key: { platform, workspace } }));
      await store.appendTurn(workspace, { conversationId: `c-${id}`, at: '2026-11-02T09:01:00.000Z', role: 'user', kind: 'answer', actor: 'U-ann', text: 'resize images', payload: null });
      await store.recordAssessment(assessmentFixture({ id: `a-${id}`, conversationId: `c-${id}`, workspace, platform }));
      await reviews.create(reviewFixture({ id: `r-${id}` }, { platform, workspace }));
      await digests.subscribe(subscriptionFixture({ id: `s-${id}`, platform, workspace }));
      await settings.setRegion(platform, workspace, 'eu-west-1', 'U-ann', '2026-11-02T09:00:00.000Z');
      await ledger.claim(platform, workspace, `d-${id}`, '2026-11-02T09:00:00.000Z');
    },
    async kept(workspace, platform) {
      const conversations = await store.list(workspace, { platform });
      const turns = (await Promise.all(conversations.map((c) => store.turns(workspace, c.id)))).flat();
      return {
        conversations: conversations.length,
        turns: turns.length,
        assessments: (await store.assessments(workspace)).filter((a) => a.platform === platform).length,
        reviews: (await reviews.list(workspace, { platform })).length,
        subscriptions: (await digests.subscription(platform, workspace, 'C-eng')) === null ? 0 : 1,
        settings: (await settings.get(platform, workspace)) === null ? 0 : 1,
        // A claimed delivery refuses a repeat; once erased the id is free again.
        deliveries: (await ledger.claim(platform, workspace, `d-${platform}-${workspace}`, '2026-12-01T00:00:00.000Z')) ? 0 : 1,
      };
    },
  };
}

const EVERYTHING: Kept = { conversations: 1, turns: 1, assessments: 1, reviews: 1, subscriptions: 1, settings: 1, deliveries: 1 };
const NOTHING: Kept = { conversations: 0, turns: 0, assessments: 0, reviews: 0, subscriptions: 0, settings: 0, deliveries: 0 };

export function installationStoreContract(name: string, open: () => InstallationStoreUnderTest | Promise<InstallationStoreUnderTest>): void {
  describe(`InstallationStore (${name})`, () => {
    let close: (() => void | Promise<void>) | null = null;
    afterEach(async () => {
      await close?.();
      close = null;
    });
    const start = async () => {
      const opened = await open();
      close = opened.close;
      return opened;
    };

    it('keeps one grant per workspace: a reinstall replaces the token', async () => {
      const { installations } = await start();
      expect(await installations.find('slack', 'T-acme', null)).toBeNull();
      await installations.save(installationFixture());
      expect(await installations.find('slack', 'T-acme', null)).toEqual(installationFixture());
      await installations.save(installationFixture({ botToken: 'xoxb-acme-2', installedAt: '2026-11-05T10:00:00.000Z' }));
      expect((await installations.find('slack', 'T-acme', null))?.botToken).toBe('xoxb-acme-2');
    });

    it.each([
      ['another workspace', 'slack', 'T-other', null],
      ['the same id on another platform', 'discord', 'T-acme', null],
      ['an organisation of the same name', 'slack', null, 'T-acme'],
    ])('is never found from %s', async (_what, platform, workspace, organisation) => {
      const { installations } = await start();
      await installations.save(installationFixture());
      expect(await installations.find(platform, workspace, organisation)).toBeNull();
    });

    it("serves a workspace from its organisation's organisation-wide grant, its own grant first", async () => {
      const { installations } = await start();
      await installations.save(installationFixture({ workspace: null, organisation: 'E-grid', botToken: 'xoxb-grid' }));
      expect((await installations.find('slack', 'T-sales', 'E-grid'))?.botToken).toBe('xoxb-grid');
      expect(await installations.find('slack', 'T-sales', 'E-other')).toBeNull();
      await installations.save(installationFixture({ workspace: 'T-sales', organisation: 'E-grid', botToken: 'xoxb-sales' }));
      expect((await installations.find('slack', 'T-sales', 'E-grid'))?.botToken).toBe('xoxb-sales');
    });

    it('revokes the tokens at once and keeps the data until it is due', async () => {
      const s = await start();
      await s.installations.save(installationFixture());
      await s.data.seed('T-acme', 'slack');
      expect(await s.installations.revoke({ platform: 'slack', workspace: 'T-acme', organisation: null }, '2026-12-01T10:00:00.000Z')).toBe(1);
      expect(await s.installations.find('slack', 'T-acme', null)).toBeNull();
      expect(await s.installations.revoke({ platform: 'slack', workspace: 'T-acme', organisation: null }, '2026-12-02T10:00:00.000Z')).toBe(0);
      expect(await s.installations.erasuresDue('2026-12-01T09:59:59.999Z')).toEqual([]);
      // A repeated revoke (Slack retries events) keeps the first date.
      expect(await s.installations.erasuresDue('2026-12-31T10:00:00.000Z')).toEqual([{ platform: 'slack', workspace: 'T-acme', revokedAt: '2026-12-01T10:00:00.000Z' }]);
      expect(await s.data.kept('T-acme', 'slack')).toEqual(EVERYTHING);
    });

    it("erases the revoked workspace's data and nothing of any other workspace or platform", async () => {
      const s = await start();
      for (const workspace of ['T-acme', 'T-other']) {
        await s.installations.save(installationFixture({ workspace, botToken: `xoxb-${workspace}` }));
        await s.data.seed(workspace, 'slack');
      }
      await s.data.seed('T-acme', 'discord');
      await s.installations.revoke({ platform: 'slack', workspace: 'T-acme', organisation: null }, '2026-12-01T10:00:00.000Z');
      expect(await s.installations.erase('slack', 'T-acme')).toEqual({ conversations: 1, turns: 1, assessments: 1, reviews: 1, digestSubscriptions: 1, settings: 1, deliveries: 1 });
      expect(await s.data.kept('T-acme', 'slack')).toEqual(NOTHING);
      expect(await s.data.kept('T-other', 'slack')).toEqual(EVERYTHING);
      expect(await s.data.kept('T-acme', 'discord')).toEqual(EVERYTHING);
      expect((await s.installations.find('slack', 'T-other', null))?.botToken).toBe('xoxb-T-other');
      expect(await s.installations.erasuresDue('2099-01-01T00:00:00.000Z')).toEqual([]);
    });

    it('erases nothing of a workspace that reinstalled, or was never revoked', async () => {
      const s = await start();
      await s.installations.save(installationFixture());
      await s.data.seed('T-acme', 'slack');
      expect(await s.installations.erase('slack', 'T-acme')).toBeNull();
      await s.installations.revoke({ platform: 'slack', workspace: 'T-acme', organisation: null }, '2026-12-01T10:00:00.000Z');
      await s.installations.save(installationFixture({ botToken: 'xoxb-acme-again', installedAt: '2026-12-10T10:00:00.000Z' }));
      expect(await s.installations.erasuresDue('2099-01-01T00:00:00.000Z')).toEqual([]);
      expect(await s.installations.erase('slack', 'T-acme')).toBeNull();
      expect(await s.data.kept('T-acme', 'slack')).toEqual(EVERYTHING);
    });

    it('marks every workspace an organisation-wide grant served when it is revoked, and a reinstall unmarks them', async () => {
      const { installations } = await start();
      const grid = { platform: 'slack', workspace: null, organisation: 'E-grid' };
      await installations.save(installationFixture({ ...grid, botToken: 'xoxb-grid' }));
      await installations.noteServed('slack', 'E-grid', 'T-sales');
      await installations.noteServed('slack', 'E-grid', 'T-ops');
      await installations.noteServed('slack', 'E-grid', 'T-ops');
      // A workspace it served is found without naming the organisation (a digest posted after a restart).
      expect((await installations.find('slack', 'T-ops', null))?.botToken).toBe('xoxb-grid');
      expect(await installations.find('slack', 'T-elsewhere', null)).toBeNull();
      expect(await installations.revoke(grid, '2026-12-01T10:00:00.000Z')).toBe(1);
      expect(await installations.find('slack', 'T-sales', 'E-grid')).toBeNull();
      expect((await installations.erasuresDue('2099-01-01T00:00:00.000Z')).map((e) => e.workspace).sort()).toEqual(['T-ops', 'T-sales']);
      await installations.save(installationFixture({ ...grid, botToken: 'xoxb-grid-again' }));
      expect(await installations.erasuresDue('2099-01-01T00:00:00.000Z')).toEqual([]);
    });

    it.each([
      ['taken once', '2026-12-01T10:05:00.000Z', [true, false]],
      ['refused once expired', '2026-12-01T10:10:00.000Z', [false, false]],
    ] as const)('keeps an install state: %s', async (_what, now, expected) => {
      const { installations } = await start();
      await installations.saveState('state-1', '2026-12-01T10:10:00.000Z');
      expect([await installations.takeState('state-1', now), await installations.takeState('state-1', now)]).toEqual(expected);
      expect(await installations.takeState('never-issued', now)).toBe(false);
    });
  });
}
