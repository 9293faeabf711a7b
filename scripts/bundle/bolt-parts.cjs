// What the app takes from @slack/bolt, for the build (scripts/build.js points
// `@slack/bolt` here). Bolt's own index loads every receiver it ships (Express
// with its body parsers, AWS Lambda, Socket Mode) and its assistant on import;
// this loads Bolt's App and only what the app names. A name the app imports
// that is missing here fails the build, so add it here when it is needed.
'use strict';

exports.App = require('@slack/bolt/dist/App.js').default;
exports.LogLevel = require('@slack/logger').LogLevel;
exports.webApi = require('@slack/web-api');
// Socket Mode only: its client brings ws and undici with it.
Object.defineProperty(exports, 'SocketModeReceiver', { enumerable: true, get: () => require('./socket-mode-receiver.cjs').default });
