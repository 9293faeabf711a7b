import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployedScenarios } from './fakes/deployed-scenarios.js';
import { spawnServe } from './fakes/serve-process.js';
import { slackDriver, socketTransport } from './fakes/slack-driver.js';
import { startFakeSlackSocket } from './fakes/slack-socket.js';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';

// Slack in Socket Mode, as deployed: the real entry point spawned with
// environment variables only; it asks the fake apps.connections.open for a
// WebSocket URL, connects to the fake socket, and every envelope is acked there.

deployedScenarios('Slack (Socket Mode) through the real entry point', ['slack'], async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-deployed-slack-socket-'));
  const dbFile = join(dir, 'serverless-fit.db');
  const fake = await startFakeSlackWebApi();
  const socket = await startFakeSlackSocket();
  fake.socketUrl = socket.url;
  const serve = await spawnServe({ env: { SLACK_BOT_TOKEN: 'xoxb-deployed', SLACK_APP_TOKEN: 'xapp-deployed', SLACK_API_URL: fake.apiUrl, PORT: '0', SERVERLESS_FIT_DB: dbFile } });
  return {
    serve,
    dbFile,
    drivers: { slack: slackDriver(fake, socketTransport(socket)) },
    close: async () => {
      await socket.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
