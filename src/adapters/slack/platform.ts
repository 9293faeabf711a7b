import type { ChatPlatform, ConfiguredPlatform, RunningPlatform } from '../chat-platform.js';
import { readSlackConfig, type SlackConfig } from './config.js';
import { checkSlack } from './doctor-check.js';
import { slackThreadLink } from './thread-link.js';

// Slack as one entry of the platform list. Bolt is imported inside `create`,
// so listing Slack costs nothing until it is configured and served. HTTP mode
// listens on PORT and serves the health checks there too.

export const slackPlatform: ChatPlatform = {
  name: 'slack',
  title: 'Slack',
  enableWith: 'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET',
  readConfig(env, shared) {
    const result = readSlackConfig(env, shared);
    return result.kind === 'ok' ? { kind: 'ok', platform: configuredSlack(result.config) } : result;
  },
  threadLink: slackThreadLink,
};

function configuredSlack(config: SlackConfig): ConfiguredPlatform {
  const socketMode = Boolean(config.appToken);
  return {
    name: slackPlatform.name,
    summary: socketMode ? 'Slack in Socket Mode' : `Slack over HTTP on port ${config.port}${config.oauth ? ', installed in many workspaces (OAuth)' : ''}`,
    secrets: [config.botToken, config.signingSecret, config.appToken, config.oauth?.clientSecret, config.oauth?.stateSecret].filter((s): s is string => Boolean(s)),
    check: (probe) => checkSlack(config, probe),
    async create(ports): Promise<RunningPlatform> {
      const { createSlackAdapter } = await import('./app.js');
      const adapter = createSlackAdapter({ ...ports, config, httpRoutes: socketMode ? [] : [...ports.httpRoutes], ...(config.workers ? { workers: config.workers } : {}),
        ...(config.leaseSeconds ? { leaseMs: config.leaseSeconds * 1000 } : {}),
      });
      let up = false;
      return {
        label: `Slack (${socketMode ? 'Socket Mode' : `HTTP on port ${config.port}, /slack/events${config.oauth ? ', /slack/install' : ''}`})`,
        servesHttpRoutes: !socketMode,
        async start() {
          await adapter.start();
          up = true;
        },
        stopIntake() {
          up = false;
          adapter.stopIntake();
        },
        drain: adapter.drain,
        stop: adapter.stop,
        ready: () => up,
        postDigest: adapter.postDigest,
      };
    },
  };
}
