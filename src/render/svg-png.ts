import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { findChartFontFiles } from './chart-fonts.js';
import { CHART_FONT_FAMILY } from './svg.js';

// SVG -> PNG with resvg (a native module), on white so charts read in light
// and dark chat themes. Charts are drawn one at a time in one worker thread
// that lives across charts, at a lower scheduling priority than the main
// thread: rasterising takes a few hundred milliseconds of CPU that the event
// loop keeps for acknowledging requests and posting cards, and resvg never
// loads into the main thread. The worker is replaced after a number of
// charts and ends when idle, which returns resvg's native memory (V8 cannot
// see it, so no garbage collection would come for it); a worker that dies
// fails only the chart it was drawing.

/** Rendered at twice the SVG size so text stays sharp when chat clients scale it. */
const PIXEL_RATIO = 2;
/** Charts one worker draws before a fresh one takes over. */
const CHARTS_PER_WORKER = 10;
/**
 * How much lower the worker runs than the main thread (Linux nice, 0-19):
 * a contested core goes to a card or an acknowledgement first, yet charts
 * still get most of a share on a busy machine (at nice 4 and 10 they starved
 * behind a dozen busy processes: 2-3 s a chart at load average 12-15).
 */
const CHART_NICENESS = 1;
/** An idle worker ends after this long. */
const IDLE_MS = 10_000;

/** 'system' (default) draws text with the installed fonts; 'none' draws without any (text is dropped, the PNG still comes out). */
export type ChartFonts = 'system' | 'none';

// Plain JavaScript run as the worker: it has to start the same way from the
// TypeScript sources (tests) and from the bundle in dist/. Each set of options
// is tried in turn: a broken font setup must not cost the user their chart.
// On Linux a thread's nice value is its own, so lowering it here leaves the
// main thread where it was (elsewhere it would lower the whole process).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.niceness !== null) {
  try { require('node:os').setPriority(workerData.niceness); } catch {}
}
const { Resvg } = require(workerData.resvgPath);
// Each chart leaves megabytes of native memory behind small JavaScript
// objects; collecting after each one, and again once their finalizers had a
// turn, returns it before the next, where V8 alone would see no reason to.
let collect = () => {};
try {
  require('node:v8').setFlagsFromString('--expose-gc');
  collect = require('node:vm').runInNewContext('gc');
} catch {}
const aTurnLater = () => new Promise((resolve) => setImmediate(resolve));
function draw(svg, attempts) {
  let lastError;
  for (const options of attempts) {
    try {
      return { png: new Resvg(svg, options).render().asPng() };
    } catch (error) {
      lastError = error;
    }
  }
  return { error: lastError instanceof Error ? lastError.message : String(lastError) };
}
parentPort.on('message', async ({ svg, attempts }) => {
  const drawn = draw(svg, attempts);
  collect();
  for (let i = 0; i < 2; i += 1) {
    await aTurnLater();
    collect();
  }
  parentPort.postMessage(drawn);
});
`;

const resvgPath = () => createRequire(import.meta.url).resolve('@resvg/resvg-js');

let fontFiles: string[] | null | undefined;

function attempts(fonts: ChartFonts): ResvgRenderOptions[] {
  const base = { background: '#FFFFFF', fitTo: { mode: 'zoom', value: PIXEL_RATIO } } as const;
  const withoutFonts: ResvgRenderOptions = { ...base, font: { loadSystemFonts: false } };
  if (fonts === 'none') return [withoutFonts];
  fontFiles ??= findChartFontFiles();
  const scanned: ResvgRenderOptions = { ...base, font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT_FAMILY } };
  const found: ResvgRenderOptions[] = fontFiles ? [{ ...base, font: { loadSystemFonts: false, fontFiles, defaultFontFamily: CHART_FONT_FAMILY } }] : [];
  return [...found, scanned, withoutFonts];
}

interface Job {
  svg: string;
  attempts: ResvgRenderOptions[];
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
}

interface Renderer {
  worker: Worker;
  drawn: number;
}

const waiting: Job[] = [];
let drawing: Job | null = null;
let renderer: Renderer | null = null;
let idleTimer: NodeJS.Timeout | null = null;

function startRenderer(): Renderer {
  const niceness = process.platform === 'linux' ? CHART_NICENESS : null;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { resvgPath: resvgPath(), niceness } });
  const started: Renderer = { worker, drawn: 0 };
  worker.on('message', (answer: { png?: Uint8Array; error?: string }) => {
    const job = drawing;
    drawing = null;
    if (answer.png) job?.resolve(Buffer.from(answer.png.buffer, answer.png.byteOffset, answer.png.byteLength));
    else job?.reject(new Error(`the chart could not be drawn: ${answer.error ?? 'no reason given'}`));
    next();
  });
  // An exception inside the worker ends it; 'exit' follows and fails the chart it was drawing.
  let crash: unknown = null;
  worker.on('error', (error) => (crash = error));
  worker.once('exit', (code) => {
    // A worker retired between charts ends with nothing to settle.
    if (renderer !== started) return;
    renderer = null;
    const job = drawing;
    drawing = null;
    const why = crash instanceof Error ? crash.message : `exit code ${code}`;
    job?.reject(new Error(`the chart renderer stopped (${why}) without a PNG`));
    next();
  });
  return started;
}

/** Hands the next chart to the worker (a fresh one when needed); an idle worker is let go of. */
function next(): void {
  if (drawing) return;
  const job = waiting.shift();
  if (!job) {
    // Nothing to draw: the worker may not hold the process open, and ends if nothing comes.
    renderer?.worker.unref();
    idleTimer ??= setTimeout(retire, IDLE_MS).unref();
    return;
  }
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (renderer && renderer.drawn >= CHARTS_PER_WORKER) retire();
  renderer ??= startRenderer();
  renderer.worker.ref();
  renderer.drawn += 1;
  drawing = job;
  renderer.worker.postMessage({ svg: job.svg, attempts: job.attempts });
}

function retire(): void {
  idleTimer = null;
  const old = renderer;
  renderer = null;
  void old?.worker.terminate();
}

export function svgToPng(svg: string, fonts: ChartFonts = 'system'): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    waiting.push({ svg, attempts: attempts(fonts), resolve, reject });
    next();
  });
}
