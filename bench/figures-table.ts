import type { CardLatencyFigures } from './card-latency.js';
import type { CliFigures } from './cli-figures.js';
import type { EngineFigures } from './assessments.js';
import type { InstallFigures } from './install-figures.js';
import type { RepriceFigures } from './reprice.js';
import type { StartupFigures } from './serve-figures.js';
import type { SlackHttpFigures } from './slack-http.js';

// The figures the speed work is held to, each beside its target and whether
// this run met it, taken from the measurements of the same run. A figure a
// partial run did not measure says so instead of carrying a number.

export interface TableRow {
  figure: string;
  value: number | null;
  unit: string;
  target: string;
  /** null when not measured in this run. */
  met: boolean | null;
  from: string;
}

export interface TableInputs {
  cli?: CliFigures;
  startup?: StartupFigures;
  slackHttp?: SlackHttpFigures;
  engine?: EngineFigures;
  reprice?: RepriceFigures;
  card?: CardLatencyFigures;
  install?: InstallFigures;
}

export function figuresTable(r: TableInputs): TableRow[] {
  const at200 = r.slackHttp?.runs.find((run) => run.connections === 200);
  const drained = r.slackHttp?.runs.map((run) => run.drain.processedPerSecond);
  const row = (figure: string, value: number | null | undefined, unit: string, target: string, meets: (v: number) => boolean, from: string): TableRow => ({
    figure,
    value: value ?? null,
    unit,
    target,
    met: value === undefined || value === null ? null : meets(value),
    from,
  });
  return [
    row('`serverless-fit assess ...` one-shot, wall, compiled bin', r.cli?.wallMs.median, 'ms', '< 300 ms', (v) => v < 300, 'cliAssess.wallMs.median'),
    row('`serve` start to ready', r.startup?.startToReadyMs.median, 'ms', '< 400 ms', (v) => v < 400, 'serveStartup.startToReadyMs.median'),
    row('`serve` idle RSS', r.startup?.idleRssMb.median, 'MB', '< 100 MB', (v) => v < 100, 'serveStartup.idleRssMb.median'),
    row('ack throughput vs bare signature-check server, 200 connections', at200?.throughputRatio, 'ratio', '>= 0.5', (v) => v >= 0.5, 'slackHttp.runs[connections=200].throughputRatio'),
    row('ack p99 at 200 connections while processing is saturated', at200?.serve.latencyMs.p99, 'ms', '< 50 ms', (v) => v < 50, 'slackHttp.runs[connections=200].serve.latencyMs.p99'),
    row('commands fully processed per second (fake Web API), backlog drained', drained?.length ? Math.max(...drained) : null, 'per second', '>= 1,500/s', (v) => v >= 1500, 'slackHttp.runs[].drain.processedPerSecond (best run)'),
    row('full assessment (parse + rules + 6 platforms + break-even)', r.engine?.figures.assessment.value, 'µs', '<= 10 µs', (v) => v <= 10, 'engine.figures.assessment.value'),
    row('reprice 1,000,000 saved assessments', r.reprice?.wallSecondsPerMillion, 's of wall (compiled, a worker per core)', '< 15 s', (v) => v < 15, 'reprice.wallSecondsPerMillion'),
    row('last answer to card posted (fake Web API), p99 at 20 concurrent conversations', r.card?.latencyMs.p99, 'ms', '< 300 ms', (v) => v < 300, 'cardLatency.latencyMs.p99'),
    row('production `node_modules`', r.install?.nodeModulesMb, 'MB', '< 60 MB', (v) => v < 60, 'productionInstall.nodeModulesMb'),
  ];
}

export function printFiguresTable(rows: readonly TableRow[]): void {
  console.log('\nfigures against their targets:');
  for (const r of rows) {
    const mark = r.met === null ? '  -  ' : r.met ? ' met ' : ' MISS';
    const value = r.value === null ? 'not measured' : `${r.value.toLocaleString('en-US')} ${r.unit}`;
    console.log(`  [${mark}] ${r.figure}: ${value} (target ${r.target})`);
  }
}
