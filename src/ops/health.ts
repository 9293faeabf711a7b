import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPortInUse, portInUse } from '../startup-error.js';

// /healthz: the process is alive and answering. /readyz: everything it needs
// is up (the database answering, catalog loaded, each configured platform
// connected); a load balancer or orchestrator sends traffic only while it
// says ready, and the body says why when it does not.

/** Ready, or not (with the reason when the check knows it). */
export type Readiness = boolean | { ready: false; reason: string };

export interface ReadinessCheck {
  name: string;
  ready(): Readiness | Promise<Readiness>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | 'not ready'>;
  /** Why each check that knows it is not ready. */
  reasons: Record<string, string>;
}

export interface HealthRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export async function readinessReport(checks: readonly ReadinessCheck[]): Promise<ReadinessReport> {
  const answers = await Promise.all(checks.map(async (check) => ask(check)));
  const report: ReadinessReport = { ready: true, checks: {}, reasons: {} };
  checks.forEach((check, i) => {
    const answer = answers[i]!;
    report.checks[check.name] = answer === true ? 'ok' : 'not ready';
    if (answer !== true) report.ready = false;
    if (typeof answer === 'object') report.reasons[check.name] = answer.reason;
  });
  return report;
}

async function ask(check: ReadinessCheck): Promise<Readiness> {
  try {
    return await check.ready();
  } catch (error) {
    return { ready: false, reason: error instanceof Error ? error.message : String(error) };
  }
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
        void readinessReport(checks).then((report) => {
          const reasons = Object.keys(report.reasons).length > 0 ? { reasons: report.reasons } : {};
          send(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', checks: report.checks, ...reasons });
        });
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
