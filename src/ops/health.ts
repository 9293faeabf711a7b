import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPortInUse, portInUse } from '../startup-error.js';

// /healthz: the process is alive and answering. /readyz: everything it needs
// is up (database open, catalog loaded, each configured platform connected);
// a load balancer or orchestrator sends traffic only while it says ready.

export interface ReadinessCheck {
  name: string;
  ready(): boolean;
}

export interface HealthRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export function readinessReport(checks: readonly ReadinessCheck[]): { ready: boolean; checks: Record<string, 'ok' | 'not ready'> } {
  const report: Record<string, 'ok' | 'not ready'> = {};
  let ready = true;
  for (const check of checks) {
    let ok = false;
    try {
      ok = check.ready();
    } catch {
      ok = false;
    }
    report[check.name] = ok ? 'ok' : 'not ready';
    ready &&= ok;
  }
  return { ready, checks: report };
}

/** The two routes, in the shape Bolt's `customRoutes` and the standalone server both take. */
export function healthRoutes(checks: readonly ReadinessCheck[]): HealthRoute[] {
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  return [
    { path: '/healthz', method: ['GET', 'HEAD'], handler: (_req, res) => send(res, 200, { status: 'ok' }) },
    {
      path: '/readyz',
      method: ['GET', 'HEAD'],
      handler: (_req, res) => {
        const report = readinessReport(checks);
        send(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', checks: report.checks });
      },
    },
  ];
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** A tiny node:http server for the health routes when no Slack HTTP port is there to carry them. */
export async function startHealthServer(port: number, checks: readonly ReadinessCheck[]): Promise<HealthServer> {
  const routes = healthRoutes(checks);
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path && r.method.includes(req.method ?? 'GET'));
    if (route) return route.handler(req, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not found: this port serves /healthz and /readyz' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(isPortInUse(error) ? portInUse(port, 'the health checks') : error));
    server.listen(port, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
