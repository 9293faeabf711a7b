import { builtInPlatforms } from '../../src/adapters/platforms.js';
import { discordScenarioDriver } from './scenarios/discord-scenario-driver.js';
import { platformScenarios } from './scenarios/platform-scenarios.js';

// The shared scenarios on Discord: the app served as main composes it, the
// real discord.js client on the fake gateway and REST API.

platformScenarios('Discord', (options) => discordScenarioDriver(builtInPlatforms, options), { files: true });
