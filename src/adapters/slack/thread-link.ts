import type { ThreadLink } from '../../core/digest/thread-link.js';

// A link to a Slack thread: app_redirect opens the message in the right
// workspace, with no API call (digests, the App Home and the CLI print it).

export const slackThreadLink: ThreadLink = ({ workspace, channel, thread }) =>
  channel && thread
    ? `https://slack.com/app_redirect?team=${encodeURIComponent(workspace)}&channel=${encodeURIComponent(channel)}&message_ts=${encodeURIComponent(thread)}`
    : null;
