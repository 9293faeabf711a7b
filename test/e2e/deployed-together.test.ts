import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployedScenarios } from './fakes/deployed-scenarios.js';
import { discordDriver } from './fakes/discord-driver.js';
import { startFakeDiscord } from './fakes/discord-server.js';
import { spawnServe } from './fakes/serve-process.js';
import { httpTransport, slackDriver } from './fakes/slack-driver.js';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';

// Slack and Discord from one process, started the way the README says
// (`npm start` with both platforms' variables set): Bolt and discord.js
// loaded together, every scenario on both.

const SECRET = '0123456789abcdef0123456789abcdef';

deployedScenarios('Slack and Discord together through `npm start`', ['slack', 'discord'], async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-deployed-together-'));
  const dbFile = join(dir, 'serverless-fit.db');
  const slack = await startFakeSlackWebApi();
  const discord = await startFakeDiscord();
  const serve = await spawnServe({
    entry: 'npmStart',
    env: {
      SLACK_BOT_TOKEN: 'xoxb-deployed',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_MESSAGE_CONTENT: 'true',
      PORT: '0',
      SERVERLESS_FIT_DB: dbFile,
    },
  });
  return {
    serve,
    dbFile,
    viaNpm: true,
    drivers: { slack: slackDriver(slack, httpTransport(() => serve.url('/slack/events'), SECRET)), discord: discordDriver(discord) },
    close: async () => {
      await slack.close();
      await discord.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
