import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceSettingsStore } from '../../src/core/ports.js';

// What every WorkspaceSettingsStore must do, whatever keeps it: one row per
// workspace on one platform, set, changed and cleared in place, never seen
// from another workspace or platform.

type SettingsUnderTest = { settings: WorkspaceSettingsStore; close: () => unknown };

export function workspaceSettingsContract(name: string, open: () => SettingsUnderTest | Promise<SettingsUnderTest>): void {
  describe(`WorkspaceSettingsStore (${name})`, () => {
    let close: (() => unknown) | null = null;
    afterEach(async () => {
      await close?.();
    });
    const start = async () => {
      const opened = await open();
      close = opened.close;
      return opened.settings;
    };

    it('has nothing for a workspace that set nothing', async () => {
      expect(await (await start()).get('slack', 'T1')).toBeNull();
    });

    it('sets, changes and clears the default region, keeping who and when', async () => {
      const s = await start();
      expect(await s.setRegion('slack', 'T1', 'eu-central-1', 'U1', '2026-12-01T10:00:00.000Z')).toEqual({ region: 'eu-central-1', commitment: null, updatedBy: 'U1', updatedAt: '2026-12-01T10:00:00.000Z' });
      expect((await s.get('slack', 'T1'))?.region).toBe('eu-central-1');
      await s.setRegion('slack', 'T1', 'ap-northeast-1', 'U2', '2026-12-01T11:00:00.000Z');
      expect(await s.get('slack', 'T1')).toEqual({ region: 'ap-northeast-1', commitment: null, updatedBy: 'U2', updatedAt: '2026-12-01T11:00:00.000Z' });
      await s.setRegion('slack', 'T1', null, 'U2', '2026-12-01T12:00:00.000Z');
      expect((await s.get('slack', 'T1'))?.region).toBeNull();
    });

    it('sets, changes and clears the standing commitment, keeping the region', async () => {
      const s = await start();
      await s.setRegion('slack', 'T1', 'eu-west-1', 'U1', '2026-12-01T09:00:00.000Z');
      const threeYears = { plan: 'reserved-instances', term: '3yr', payment: 'all-upfront' } as const;
      expect(await s.setCommitment('slack', 'T1', threeYears, 'U2', '2026-12-01T10:00:00.000Z')).toEqual({ region: 'eu-west-1', commitment: threeYears, updatedBy: 'U2', updatedAt: '2026-12-01T10:00:00.000Z' });
      const vague = { plan: 'compute-savings-plan', term: null, payment: null, kindAssumed: true } as const;
      await s.setCommitment('slack', 'T1', vague, 'U2', '2026-12-01T11:00:00.000Z');
      expect((await s.get('slack', 'T1'))?.commitment).toEqual(vague);
      await s.setRegion('slack', 'T1', null, 'U3', '2026-12-01T12:00:00.000Z');
      expect((await s.get('slack', 'T1'))?.commitment).toEqual(vague);
      await s.setCommitment('slack', 'T1', null, 'U3', '2026-12-01T13:00:00.000Z');
      expect(await s.get('slack', 'T1')).toEqual({ region: null, commitment: null, updatedBy: 'U3', updatedAt: '2026-12-01T13:00:00.000Z' });
    });

    it('starts a row with only a commitment, the region unset', async () => {
      const s = await start();
      const plan = { plan: 'ec2-instance-savings-plan', term: '1yr', payment: 'partial-upfront' } as const;
      await s.setCommitment('discord', 'G1', plan, 'U1', '2026-12-01T10:00:00.000Z');
      expect(await s.get('discord', 'G1')).toEqual({ region: null, commitment: plan, updatedBy: 'U1', updatedAt: '2026-12-01T10:00:00.000Z' });
      expect(await s.get('slack', 'G1')).toBeNull();
    });

    it.each([
      ['another workspace', 'slack', 'T2'],
      ['the same id on another platform', 'discord', 'T1'],
    ])('is never seen from %s', async (_what, platform, workspace) => {
      const s = await start();
      await s.setRegion('slack', 'T1', 'eu-west-1', 'U1', '2026-12-01T10:00:00.000Z');
      expect(await s.get(platform, workspace)).toBeNull();
    });
  });
}
