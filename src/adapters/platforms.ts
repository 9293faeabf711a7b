import type { ChatPlatform } from './chat-platform.js';
import { discordPlatform } from './discord/platform.js';
import { slackPlatform } from './slack/platform.js';

// The chat platforms this build serves, in the order doctor and the logs list
// them. The only module outside a platform's folder that names one: adding a
// platform is its folder and a line here.

export const builtInPlatforms: readonly ChatPlatform[] = [slackPlatform, discordPlatform];

export type { ChatPlatform } from './chat-platform.js';
