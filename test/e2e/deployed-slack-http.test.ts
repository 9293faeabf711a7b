import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployedScenarios } from './fakes/deployed-scenarios.js';
import { spawnServe } from './fakes/serve-process.js';
import { httpTransport, slackDriver } from './fakes/slack-driver.js';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';

// Slack in HTTP mode, as deployed: the real entry point spawned with
// environment variables only, against the fake Slack Web API; Slack's
// requests signed and posted to /slack/events.

const SECRET = '0123456789abcdef0123456789abcdef';

deployedScenarios('Slack (HTTP mode) through the real entry point', ['slack'], async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-deployed-slack-http-'));
  const dbFile = join(dir, 'serverless-fit.db');
  const fake = await startFakeSlackWebApi();
  const serve = await spawnServe({ env: { SLACK_BOT_TOKEN: 'xoxb-deployed', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', SERVERLESS_FIT_DB: dbFile } });
  return {
    serve,
    dbFile,
    drivers: { slack: slackDriver(fake, httpTransport(() => serve.url('/slack/events'), SECRET)) },
    close: async () => {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
