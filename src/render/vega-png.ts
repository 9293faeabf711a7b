import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';

// vega-lite spec -> SVG (vega, no browser) -> PNG (resvg), on white so it reads
// in light and dark chat themes. Shared by the cost chart and the digest chart.

/** A font that exists on Debian; resvg otherwise picks the first system font, which may lack glyphs. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';
/** Rendered at twice the SVG size so text stays sharp when chat clients scale it. */
const PIXEL_RATIO = 2;

/**
 * vega and vega-lite load on the first chart, not at start: vega-lite adds
 * Set.prototype.toJSON when it loads, which breaks discord.js if discord.js
 * loads after it. By the first chart every adapter has long been loaded.
 */
async function loadVega() {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  return { parse: vega.parse, View: vega.View, compile: vegaLite.compile };
}

export async function vegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const { parse, View, compile } = await loadVega();
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function svgToPng(svg: string, fonts: 'system' | 'none' = 'system'): Buffer {
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
