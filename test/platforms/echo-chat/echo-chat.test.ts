import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInPlatforms } from '../../../src/adapters/platforms.js';
import { loadConfig } from '../../../src/config.js';
import { runDoctor } from '../../../src/ops/doctor.js';
import { platformScenarios } from '../../e2e/scenarios/platform-scenarios.js';
import { echoChatDriver } from './echo-driver.js';
import { EchoChatServer } from './echo-server.js';
import { echoChatPlatform } from './platform.js';

// A third platform added by a folder and one line in the list: the shared
// scenarios run through Echo Chat on the same configuration, main's
// composition, serve, digest delivery and doctor that Slack and Discord use,
// none of them edited for it.

const platforms = [...builtInPlatforms, echoChatPlatform];

platformScenarios('Echo Chat', (options) => echoChatDriver(platforms, options));

describe('Echo Chat in the configuration and in doctor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-echo-chat-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [{ ECHO_CHAT_TOKEN: 'echo-token' }, ['ECHO_CHAT_SERVER is missing: ECHO_CHAT_TOKEN is set, and the server name says where to connect.']],
    [{ ECHO_CHAT_SERVER: 'somewhere' }, ['ECHO_CHAT_TOKEN is missing: the bot token Echo Chat gave you.']],
  ])('%o is refused with its own line', (env, errors) => {
    expect(loadConfig(platforms, env)).toEqual({ ok: false, errors });
  });

  it('is configured beside the others, and doctor checks it in its turn', async () => {
    const server = EchoChatServer.start();
    try {
      const env = { ECHO_CHAT_SERVER: server.name, ECHO_CHAT_TOKEN: server.token, SERVERLESS_FIT_DB: join(dir, 'doctor.db') };
      const lines = await runDoctor({ env, platforms, fetch, now: new Date() });
      expect(lines[0]).toEqual({ status: 'ok', check: 'configuration', detail: `Slack off; Discord off; Echo Chat on ${server.name}; chat kept until deleted` });
      expect(lines.map((l) => l.check)).toEqual(['configuration', 'pricing catalog', 'database', 'Slack', 'Discord', 'Echo Chat', 'AWS']);
      expect(lines.find((l) => l.check === 'Echo Chat')).toEqual({ status: 'ok', check: 'Echo Chat', detail: `${server.name} accepts the token` });
    } finally {
      server.close();
    }
  });
});
