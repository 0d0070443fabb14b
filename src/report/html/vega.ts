import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { FONT_STACK } from './page.js';

/** House style shared by every chart, so the report reads as one document. */
const CONFIG = {
  font: FONT_STACK,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal' },
  title: { fontSize: 13, fontWeight: 'normal', anchor: 'start' },
  header: { labelFontSize: 12, titleFontSize: 12 },
};

/**
 * A Vega-Lite spec rendered to a static SVG string in Node: no script and no
 * network in the page that shows it. Mark descriptions become aria-labels,
 * which the page turns into hover tooltips.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { spec: vgSpec } = compile({ config: CONFIG, ...spec } as TopLevelSpec);
  const view = new View(parse(vgSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export type { TopLevelSpec };
