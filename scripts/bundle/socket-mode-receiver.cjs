// Bolt's SocketModeReceiver, loaded when first used rather than when Bolt's
// App loads (the build points App's own import of it here): a Slack app over
// HTTP never reads the Socket Mode client, ws or undici.
'use strict';

let receiver;
Object.defineProperty(exports, '__esModule', { value: true });
Object.defineProperty(exports, 'default', { enumerable: true, get: () => (receiver ??= require('@slack/bolt/dist/receivers/SocketModeReceiver.js').default) });
