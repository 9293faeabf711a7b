import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployedScenarios } from './fakes/deployed-scenarios.js';
import { discordDriver } from './fakes/discord-driver.js';
import { startFakeDiscord } from './fakes/discord-server.js';
import { spawnServe } from './fakes/serve-process.js';

// Discord as deployed: the real entry point spawned with environment
// variables only, with @slack/bolt installed beside discord.js as in every
// deployment, against the fake Discord REST API and gateway. The result card
// must reach the embed with its chart attached (a multipart upload).

deployedScenarios('Discord through the real entry point', ['discord'], async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-deployed-discord-'));
  const dbFile = join(dir, 'serverless-fit.db');
  const fake = await startFakeDiscord();
  const serve = await spawnServe({
    env: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_MESSAGE_CONTENT: 'true', PORT: '0', SERVERLESS_FIT_DB: dbFile },
  });
  return {
    serve,
    dbFile,
    drivers: { discord: discordDriver(fake) },
    close: async () => {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
