import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

// A fake Socket Mode endpoint: greets each connection with `hello`, lets the
// test push envelopes, and records the acks (messages carrying envelope_id).

export interface FakeSlackSocket {
  url: string;
  acks: { envelope_id: string; payload?: unknown }[];
  connected(): boolean;
  /** Sends an envelope to the connected app; returns its envelope_id. */
  send(type: 'events_api' | 'slash_commands' | 'interactive', payload: Record<string, unknown>, retryAttempt?: number): string;
  close(): Promise<void>;
}

export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const acks: FakeSlackSocket['acks'] = [];
  let client: WebSocket | null = null;
  let seq = 0;

  server.on('connection', (socket) => {
    client = socket;
    socket.on('message', (data) => {
      const parsed = JSON.parse(data.toString()) as { envelope_id?: string; payload?: unknown };
      if (parsed.envelope_id) acks.push({ envelope_id: parsed.envelope_id, payload: parsed.payload });
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0000001' } }));
  });

  return {
    url: `ws://127.0.0.1:${port}/link`,
    acks,
    connected: () => client !== null && client.readyState === client.OPEN,
    send(type, payload, retryAttempt = 0) {
      if (!client) throw new Error('no Socket Mode client connected');
      seq += 1;
      const envelopeId = `env-${seq}`;
      client.send(
        JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: retryAttempt, retry_reason: '' }),
      );
      return envelopeId;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of server.clients) socket.terminate();
        server.close(() => resolve());
      }),
  };
}
