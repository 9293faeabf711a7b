import { builtInPlatforms } from '../../src/adapters/platforms.js';
import { platformScenarios } from './scenarios/platform-scenarios.js';
import { slackScenarioDriver } from './scenarios/slack-scenario-driver.js';

// The shared scenarios on Slack: the app served as main composes it, the real
// Bolt app over HTTP, the fake Slack Web API.

platformScenarios('Slack', (options) => slackScenarioDriver(builtInPlatforms, options), { files: true });
