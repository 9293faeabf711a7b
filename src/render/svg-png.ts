import type * as ResvgModule from '@resvg/resvg-js';
import { CHART_FONT_FAMILY } from './svg.js';

// SVG -> PNG with resvg, on white so charts read in light and dark chat
// themes. resvg (a native module) loads on the first chart, not at start:
// most processes never draw one.

/** Rendered at twice the SVG size so text stays sharp when chat clients scale it. */
const PIXEL_RATIO = 2;

let resvg: Promise<typeof ResvgModule> | null = null;

function loadResvg(): Promise<typeof ResvgModule> {
  resvg ??= import('@resvg/resvg-js');
  return resvg;
}

/** 'system' (default) draws text with the installed fonts; 'none' draws without any (text is dropped, the PNG still comes out). */
export type ChartFonts = 'system' | 'none';

export async function svgToPng(svg: string, fonts: ChartFonts = 'system'): Promise<Buffer> {
  const { Resvg } = await loadResvg();
  const render = (loadSystemFonts: boolean) =>
    new Resvg(svg, {
      background: '#FFFFFF',
      fitTo: { mode: 'zoom', value: PIXEL_RATIO },
      font: loadSystemFonts ? { loadSystemFonts: true, defaultFontFamily: CHART_FONT_FAMILY } : { loadSystemFonts: false },
    })
      .render()
      .asPng();
  if (fonts === 'none') return render(false);
  try {
    return render(true);
  } catch {
    // A broken font setup must not cost the user their chart: draw it without text.
    return render(false);
  }
}
