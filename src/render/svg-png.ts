import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY } from './svg.js';

// SVG -> PNG with resvg (a native module), on white so charts read in light
// and dark chat themes. Each PNG is drawn in a worker thread of its own:
// rasterising takes a few hundred milliseconds that the event loop keeps for
// acknowledging requests, resvg never loads into the main thread, and its
// native memory (which V8 cannot see, so no garbage collection would come
// for it) is released when the worker ends.

/** Rendered at twice the SVG size so text stays sharp when chat clients scale it. */
const PIXEL_RATIO = 2;
/** Charts drawn at once; more wait their turn, so a burst of results cannot pile up workers. */
const MAX_WORKERS = Math.max(1, availableParallelism());

/** 'system' (default) draws text with the installed fonts; 'none' draws without any (text is dropped, the PNG still comes out). */
export type ChartFonts = 'system' | 'none';

// Plain JavaScript run as the worker: it has to start the same way from the
// TypeScript sources (tests) and from the bundle in dist/. Each set of options
// is tried in turn: a broken font setup must not cost the user their chart.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvgPath);
let png = null;
let lastError;
for (const options of workerData.attempts) {
  try {
    png = new Resvg(workerData.svg, options).render().asPng();
    break;
  } catch (error) {
    lastError = error;
  }
}
if (png === null) throw lastError;
parentPort.postMessage(png);
`;

const resvgPath = () => createRequire(import.meta.url).resolve('@resvg/resvg-js');

function attempts(fonts: ChartFonts): ResvgRenderOptions[] {
  const base = { background: '#FFFFFF', fitTo: { mode: 'zoom', value: PIXEL_RATIO } } as const;
  const withoutFonts: ResvgRenderOptions = { ...base, font: { loadSystemFonts: false } };
  return fonts === 'none' ? [withoutFonts] : [{ ...base, font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT_FAMILY } }, withoutFonts];
}

let running = 0;
const waiting: (() => void)[] = [];

async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

export function svgToPng(svg: string, fonts: ChartFonts = 'system'): Promise<Buffer> {
  return turn(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { resvgPath: resvgPath(), svg, attempts: attempts(fonts) } });
        let png: Buffer | null = null;
        worker.once('message', (bytes: Uint8Array) => (png = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
        worker.once('error', reject);
        worker.once('exit', (code) => (png ? resolve(png) : reject(new Error(`the chart renderer stopped (exit code ${code}) without a PNG`))));
      }),
  );
}
