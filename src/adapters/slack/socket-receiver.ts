import { SocketModeReceiver, type App, type Logger as BoltLogger, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { Intake } from './intake.js';

// Socket Mode, through Bolt's own receiver, with the intake in front of the
// app: a delivery is written into the inbox before it is acknowledged on the
// socket (workers take it from there, as in HTTP mode), and one that cannot
// be written is left unacknowledged, so Slack sends it again.

export interface SocketReceiverOptions {
  appToken: string;
  apiUrl: string | undefined;
  intake: Intake;
  /** A delivery was written into the inbox and acknowledged: the workers may take it. */
  onQueued: () => void;
  logger: Logger;
  boltLogger: BoltLogger;
}

export interface SlackSocketReceiver extends Receiver {
  /** Takes no new deliveries from now on (shutdown): they stay unacknowledged for Slack to send again. */
  stopIntake(): void;
}

/** Thrown to leave an envelope unacknowledged. */
class NotTaken extends Error {}

export function createSocketReceiver(options: SocketReceiverOptions): SlackSocketReceiver {
  const { intake, logger } = options;
  let accepting = true;
  const inner = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.boltLogger,
    // The Socket Mode client has its own WebClient for apps.connections.open.
    installerOptions: { clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl } : {} },
    processEventErrorHandler: async ({ error }) => {
      if (!(error instanceof NotTaken)) logger.error('slack: an envelope failed before it was acknowledged', { error });
      return false;
    },
  });

  async function admitThenProcess(app: App, event: ReceiverEvent): Promise<void> {
    if (!accepting) throw new NotTaken('stopping');
    const admission = await intake.admit(event.body);
    if (admission.kind === 'retry-later') throw new NotTaken(admission.reason);
    if (admission.kind === 'queued') {
      await event.ack();
      options.onQueued();
      return;
    }
    if (admission.kind === 'answer') {
      await event.ack(admission.ack);
      await admission.afterwards?.();
      return;
    }
    await app.processEvent(event);
  }

  return {
    init(app) {
      // The receiver only ever calls processEvent on the app it is given, so it gets one whose
      // processEvent runs the intake first; everything else about the app stays Bolt's.
      inner.init({ processEvent: (event: ReceiverEvent) => admitThenProcess(app, event) } as unknown as App);
    },
    start: () => inner.start(),
    stop: () => inner.stop(),
    stopIntake() {
      accepting = false;
    },
  };
}
