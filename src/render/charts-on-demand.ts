import type { renderCostChart as RenderCostChart } from './chart-png.js';
import type { renderDigestChart as RenderDigestChart } from './digest-chart.js';

// The chart renderers with their code (layout, SVG, the resvg worker) loaded
// when the first chart is drawn, not when the process starts: a one-shot
// command or a server that has not drawn a chart yet never reads it.

export const renderCostChartOnDemand: typeof RenderCostChart = async (...args) => (await import('./chart-png.js')).renderCostChart(...args);

export const renderDigestChartOnDemand: typeof RenderDigestChart = async (...args) => (await import('./digest-chart.js')).renderDigestChart(...args);
