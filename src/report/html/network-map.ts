import { projection, scheme } from 'vega';
import { FONT_STACK, esc } from './page.js';
import { placeLabels, type Box, type LabelRequest } from './label-placement.js';
import { EARTH_RADIUS_KM, type LonLat } from '../../network/courses.js';

type Name = { en: string; zh: string };

export interface MapLock { id: string; name: Name; at: LonLat; utilisation: number; tip: string }
export interface MapPort { id: string; name: Name; at: LonLat; mainLine: boolean; mt: number; tip: string }
/** A channel segment: its course when the seeds have one, else the straight line between its nodes. */
export interface MapChannel { id: string; river: Name; line: LonLat[]; fromCourse: boolean; tip: string }
export interface MapInput { locks: MapLock[]; ports: MapPort[]; channels: MapChannel[]; coast: LonLat[][]; coastSource: string }

const MAP_W = 960, LEGEND_W = 210, PAD = 24;
const PORT_AREA_PX = [15, 1400] as const;
const utilisationColour = scheme('yelloworangered') as (t: number) => string;

/** The part of a d3-geo projection (vega's) the map uses. */
interface GeoProjection {
  (p: LonLat): [number, number] | null;
  invert(p: [number, number]): LonLat | null;
  fitWidth(width: number, object: object): GeoProjection;
  scale(): number;
  translate(): [number, number];
  translate(t: [number, number]): GeoProjection;
}
/** Vega registers d3-geo's projections by name; its typings do not say the one-argument form returns the constructor. */
const mercator = (projection as unknown as (type: string) => () => GeoProjection)('mercator');

/** Text width in px on estimated glyph widths; the page measures the real ones on load. */
export function estimateTextWidth(text: string, sizePx: number): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    em += c >= 0x2e80 ? 1 : /[A-Z]/.test(ch) ? 0.7 : /[a-z0-9]/.test(ch) ? 0.58 : ch === ' ' ? 0.3 : 0.4;
  }
  return Math.ceil(em * sizePx) + 2;
}

/**
 * The network map as inline SVG: channels along their courses, the coastline, ports sized by
 * throughput, locks coloured by utilisation, labels placed clear of each other and of the
 * markers, a scale bar and a north arrow. Every marker and channel shows its figures on hover
 * (title) and on a click or tap (the panel under the map).
 */
export function networkMapHtml(input: MapInput): string {
  const everything = { type: 'MultiPoint', coordinates: [...input.channels.flatMap((c) => c.line), ...input.ports.map((p) => p.at), ...input.locks.map((l) => l.at)] };
  const proj = mercator().fitWidth(MAP_W - 2 * PAD, everything);
  const [[, top], [, bottom]] = boundsOf(everything.coordinates.map((p) => proj(p as LonLat)!));
  // Room above for the north arrow and below for the scale bar.
  proj.translate([proj.translate()[0] + PAD, proj.translate()[1] - top + PAD + 28]);
  const height = Math.ceil(bottom - top + 2 * PAD + 28 + 34);
  const xy = (p: LonLat) => proj(p)!.map((v) => Math.round(v * 10) / 10) as [number, number];
  const path = (line: LonLat[]) => `M${line.map((p) => xy(p).join(',')).join('L')}`;
  const frame: Box = { x: 4, y: 4, w: MAP_W - 8, h: height - 8 };

  const maxMt = Math.max(1e-9, ...input.ports.map((p) => p.mt));
  const portR = (mt: number) => Math.sqrt((PORT_AREA_PX[0] + (PORT_AREA_PX[1] - PORT_AREA_PX[0]) * (mt / maxMt)) / Math.PI);
  const LOCK_R = 7.5;
  const ports = [...input.ports].sort((a, b) => b.mt - a.mt).map((p) => ({ ...p, xy: xy(p.at), r: portR(p.mt) }));
  const locks = input.locks.map((l) => ({ ...l, xy: xy(l.at), r: LOCK_R }));
  const markerBox = (c: [number, number], r: number): Box => ({ x: c[0] - r, y: c[1] - r, w: 2 * r, h: 2 * r });

  // Labels, most important first: main-line ports by throughput, then locks, the other ports, the rivers.
  const rivers = riverLabels(input.channels, xy);
  const requests: (LabelRequest & { text: string; cls: string; size: number })[] = [
    ...ports.filter((p) => p.mainLine).map((p) => ({ text: `${p.name.en} ${p.name.zh}`, cls: 'port-label', size: 11, c: p.xy, r: p.r })),
    ...locks.map((l) => ({ text: `${l.name.en} ${l.name.zh}`, cls: 'lock-label', size: 10.5, c: l.xy, r: l.r })),
    ...ports.filter((p) => !p.mainLine).map((p) => ({ text: `${p.name.en} ${p.name.zh}`, cls: 'port-label other', size: 10.5, c: p.xy, r: p.r })),
    ...rivers.map((r) => ({ text: r.text, cls: 'river-label', size: 10.5, c: r.xy, r: 3 })),
  ].map((l) => ({ ...l, x: l.c[0], y: l.c[1], w: estimateTextWidth(l.text, l.size), h: Math.ceil(l.size * 1.3) }));
  // Labels keep clear of every marker, the north arrow and the scale bar.
  const bar = scaleBar(proj.scale(), proj.invert([MAP_W / 2, height / 2])![1], height);
  const markers = [...ports.map((p) => markerBox(p.xy, p.r)), ...locks.map((l) => markerBox(l.xy, l.r)), NORTH_ARROW_BOX, { x: 14, y: height - 40, w: bar.widthPx + 150, h: 34 }];
  const placed = placeLabels(requests, markers, frame);

  const channelSvg = input.channels
    .map((c) => `<path class="channel${c.fromCourse ? '' : ' straight'}" d="${path(c.line)}" role="graphics-symbol" aria-roledescription="channel" aria-label="${esc(c.tip)}" tabindex="0"/>`)
    .join('');
  const coastSvg = input.coast.map((l) => `<path class="coast" d="${path(l)}"/>`).join('');
  const portSvg = ports
    .map((p) => `<circle class="port${p.mainLine ? '' : ' other'}" cx="${p.xy[0]}" cy="${p.xy[1]}" r="${p.r.toFixed(1)}" role="graphics-symbol" aria-roledescription="port" aria-label="${esc(p.tip)}" data-id="${esc(p.id)}" tabindex="0"/>`)
    .join('');
  const lockSvg = locks
    .map((l) => {
      const [x, y] = l.xy, r = l.r;
      return `<path class="lock" d="M${x},${y - r}L${x + r},${y}L${x},${y + r}L${x - r},${y}Z" fill="${utilisationColour(Math.min(1, Math.max(0, l.utilisation)))}" role="graphics-symbol" aria-roledescription="lock" aria-label="${esc(l.tip)}" data-id="${esc(l.id)}" tabindex="0"/>`;
    })
    .join('');
  const labelSvg = requests
    .map((l, i) => {
      const b = placed[i]!;
      const leader = `<line class="leader" data-label="${i}" x1="${l.x}" y1="${l.y}" x2="${(b.x + b.w / 2).toFixed(1)}" y2="${(b.y + b.h / 2).toFixed(1)}"${b.far ? '' : ' visibility="hidden"'}/>`;
      return `${leader}<text class="map-label ${l.cls}" data-label="${i}" data-x="${l.x}" data-y="${l.y}" data-r="${l.r.toFixed(1)}" x="${(b.x + 1).toFixed(1)}" y="${(b.y + 0.8 * b.h).toFixed(1)}" font-size="${l.size}">${esc(l.text)}</text>`;
    })
    .join('');
  const svg = `<svg class="network-map" viewBox="0 0 ${MAP_W + LEGEND_W} ${height}" width="${MAP_W + LEGEND_W}" height="${height}" data-frame="${frame.x} ${frame.y} ${frame.w} ${frame.h}" role="img" aria-label="Map of the network: channels, ports and locks">
<style>${MAP_CSS}</style>
<defs><clipPath id="map-clip"><rect x="1" y="1" width="${MAP_W - 2}" height="${height - 2}"/></clipPath></defs>
<rect class="map-frame" x="0.5" y="0.5" width="${MAP_W - 1}" height="${height - 1}"/>
<g class="coastline" clip-path="url(#map-clip)">${coastSvg}</g><g class="channels">${channelSvg}</g><g class="ports">${portSvg}</g><g class="locks">${lockSvg}</g><g class="labels">${labelSvg}</g>
${northArrow()}${bar.svg}${legend(maxMt, portR)}
</svg>`;
  return `<div class="map-wrap">${svg}</div>
<div id="map-details" class="map-details" role="status" aria-live="polite">Click or tap a lock, port or channel for its figures.</div>
<p class="note">Diamonds are locks and ship lifts, coloured by utilisation (share of their working hours the lines are busy locking). Circles are ports, sized by throughput. Hover, click or tap any of them, or a channel, for its figures. Channels follow the rivers' courses from Natural Earth's 1:10m river centre lines (public domain), bent onto the model's nodes where these lie off the line; the estuary legs are drawn from known points (seeds/xijiang/SOURCES.md). ${esc(input.coastSource)}.</p>
<script>${mapScript()}</script>`;
}

function boundsOf(points: [number, number][]): [[number, number], [number, number]] {
  const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
  return [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
}

/** One label per river, at the middle of its longest segment's course. */
function riverLabels(channels: MapChannel[], xy: (p: LonLat) => [number, number]): { text: string; xy: [number, number] }[] {
  const longest = new Map<string, MapChannel>();
  const px = (c: MapChannel) => c.line.reduce((s, p, i) => (i === 0 ? 0 : s + Math.hypot(xy(p)[0] - xy(c.line[i - 1]!)[0], xy(p)[1] - xy(c.line[i - 1]!)[1])), 0);
  for (const c of channels) {
    const key = c.river.zh;
    if (!longest.has(key) || px(c) > px(longest.get(key)!)) longest.set(key, c);
  }
  return [...longest.values()].map((c) => ({ text: `${c.river.en.replace(/\s*\(.*\)$/, '')} ${c.river.zh.replace(/（.*）$/, '')}`, xy: xy(c.line[Math.floor(c.line.length / 2)]!) }));
}

const NORTH_ARROW_BOX: Box = { x: 24, y: 18, w: 20, h: 44 };
function northArrow(): string {
  const x = 34, y = 20;
  return `<g class="north-arrow" aria-label="North is up" role="img"><path d="M${x},${y}L${x + 8},${y + 24}L${x},${y + 18}L${x - 8},${y + 24}Z"/><text x="${x}" y="${y + 38}" text-anchor="middle" font-size="12" font-weight="600">N</text></g>`;
}

/** A bar of a round number of km, true at the map's middle latitude (Mercator's scale changes with latitude). */
function scaleBar(scalePxPerRad: number, midLat: number, height: number): { svg: string; widthPx: number } {
  const pxPerKm = scalePxPerRad / (EARTH_RADIUS_KM * Math.cos((midLat * Math.PI) / 180));
  const km = [10, 20, 25, 50, 100, 200, 250, 500].find((k) => k * pxPerKm >= 90) ?? 500;
  const w = km * pxPerKm, x = 20, y = height - 22;
  const half = w / 2;
  return { widthPx: w, svg: `<g class="scale-bar" data-km="${km}" data-px="${w.toFixed(2)}" role="img" aria-label="Scale: ${km} km"><rect x="${x}" y="${y}" width="${half.toFixed(1)}" height="5" class="dark"/><rect x="${(x + half).toFixed(1)}" y="${y}" width="${half.toFixed(1)}" height="5" class="light"/><text x="${x}" y="${y - 4}" font-size="10.5">0</text><text x="${(x + w).toFixed(1)}" y="${y - 4}" font-size="10.5" text-anchor="middle">${km} km</text><text x="${(x + w + 28).toFixed(1)}" y="${y + 5}" font-size="9.5" class="muted">at ${midLat.toFixed(1)}° N (Mercator)</text></g>` };
}

function legend(maxMt: number, portR: (mt: number) => number): string {
  const x = MAP_W + 16;
  const rows: string[] = [`<text x="${x}" y="22" font-size="11.5" font-weight="600">Ports</text><text x="${x}" y="37" font-size="10.5" class="muted">circle area: throughput, Mt</text>`];
  let y = 50;
  const step = maxMt > 40 ? 20 : maxMt > 8 ? 5 : 1;
  const samples = [...new Set([Math.max(step, Math.round(maxMt / 4 / step) * step), Math.max(step, Math.round(maxMt / 2 / step) * step), Math.max(step, Math.round(maxMt / step) * step)])];
  for (const mt of samples) {
    const r = portR(Math.min(mt, maxMt));
    rows.push(`<circle class="port" cx="${x + 22}" cy="${(y + r).toFixed(1)}" r="${r.toFixed(1)}"/><text x="${x + 50}" y="${(y + r + 4).toFixed(1)}" font-size="10.5">${mt} Mt</text>`);
    y += 2 * r + 6;
  }
  rows.push(`<circle class="port" cx="${x + 8}" cy="${y + 6}" r="5"/><text x="${x + 20}" y="${y + 10}" font-size="10.5">main-line port</text>`);
  rows.push(`<circle class="port other" cx="${x + 8}" cy="${y + 22}" r="5"/><text x="${x + 20}" y="${y + 26}" font-size="10.5">other port</text>`);
  y += 48;
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => `<stop offset="${t}" stop-color="${utilisationColour(t)}"/>`).join('');
  rows.push(`<text x="${x}" y="${y}" font-size="11.5" font-weight="600">Locks</text><text x="${x}" y="${y + 15}" font-size="10.5" class="muted">colour: utilisation</text>`);
  rows.push(`<defs><linearGradient id="utilisation-ramp">${stops}</linearGradient></defs><rect x="${x}" y="${y + 24}" width="150" height="10" fill="url(#utilisation-ramp)" stroke="#1d2733" stroke-width="0.5"/>`);
  rows.push(`<text x="${x}" y="${y + 47}" font-size="10">0%</text><text x="${x + 75}" y="${y + 47}" font-size="10" text-anchor="middle">50%</text><text x="${x + 150}" y="${y + 47}" font-size="10" text-anchor="end">100%</text>`);
  y += 66;
  rows.push(`<text x="${x}" y="${y}" font-size="11.5" font-weight="600">Channels</text><path class="channel" d="M${x},${y + 14}h30"/><text x="${x + 38}" y="${y + 18}" font-size="10.5">river course</text>`);
  rows.push(`<path class="channel straight" d="M${x},${y + 32}h30"/><text x="${x + 38}" y="${y + 36}" font-size="10.5">straight (no course)</text><path class="coast" d="M${x},${y + 50}h30"/><text x="${x + 38}" y="${y + 54}" font-size="10.5">coastline</text>`);
  return `<g class="legend">${rows.join('')}</g>`;
}

const MAP_CSS = `
.network-map { font-family: ${FONT_STACK}; }
.network-map text { fill: #1d2733; }
.network-map .muted { fill: #5b6776; }
.network-map .map-frame { fill: #fbfcfd; stroke: #d9dee4; }
.network-map .coast { fill: none; stroke: #9fb3c4; stroke-width: 0.8; }
.network-map .channel { fill: none; stroke: #6f9fc6; stroke-width: 2.6; stroke-linecap: round; stroke-linejoin: round; }
.network-map .channel.straight { stroke-dasharray: 5 4; }
.network-map .port { fill: #2f6690; fill-opacity: 0.75; stroke: #fff; stroke-width: 1; }
.network-map .port.other { fill: #9aa5b1; }
.network-map .lock { stroke: #1d2733; stroke-width: 0.8; }
.network-map [tabindex] { cursor: pointer; }
.network-map [tabindex]:focus { outline: none; }
.network-map .selected, .network-map [tabindex]:focus-visible { stroke: #b42318; stroke-width: 2.5; }
.network-map .map-label { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; pointer-events: none; }
.network-map .port-label { fill: #12344d; font-weight: 600; }
.network-map .port-label.other { fill: #5b6776; font-weight: 400; }
.network-map .river-label { fill: #3d7ab0; font-style: italic; }
.network-map .leader { stroke: #8a96a3; stroke-width: 0.8; }
.network-map .north-arrow path { fill: #1d2733; }
.network-map .scale-bar .dark { fill: #1d2733; }
.network-map .scale-bar .light { fill: #fff; stroke: #1d2733; stroke-width: 0.8; }
.map-details { white-space: pre-line; font-size: 12.5px; border: 1px solid #d9dee4; border-radius: 6px; padding: 6px 10px; margin-top: 6px; min-height: 2.4em; background: #f7fafc; max-width: 100ch; }
`;

/** The page's part: labels placed again on the widths the reader's fonts give, and details on click or tap. */
function mapScript(): string {
  return `(function () {
var __name = function (f) { return f; };
var placeLabels = ${placeLabels.toString()};
var svg = document.querySelector('svg.network-map');
if (!svg) return;
var f = svg.getAttribute('data-frame').split(' ').map(Number);
var texts = Array.prototype.slice.call(svg.querySelectorAll('text.map-label'));
var measured = texts.map(function (t) { return t.getBBox(); });
var requests = texts.map(function (t, i) {
  return { x: +t.dataset.x, y: +t.dataset.y, r: +t.dataset.r, w: measured[i].width + 2, h: measured[i].height };
});
var markers = Array.prototype.map.call(svg.querySelectorAll('g.ports .port, g.locks .lock, .north-arrow, .scale-bar'), function (m) { var b = m.getBBox(); return { x: b.x, y: b.y, w: b.width, h: b.height }; });
var placed = placeLabels(requests, markers, { x: f[0], y: f[1], w: f[2], h: f[3] });
texts.forEach(function (t, i) {
  var b = placed[i], m = measured[i];
  t.setAttribute('x', (+t.getAttribute('x') + b.x + 1 - m.x).toFixed(1));
  t.setAttribute('y', (+t.getAttribute('y') + b.y - m.y).toFixed(1));
  var line = svg.querySelector('line.leader[data-label="' + i + '"]');
  line.setAttribute('x2', (b.x + b.w / 2).toFixed(1));
  line.setAttribute('y2', (b.y + b.h / 2).toFixed(1));
  line.setAttribute('visibility', b.far ? 'visible' : 'hidden');
});
var panel = document.getElementById('map-details');
function show(el) {
  var prev = svg.querySelector('.selected');
  if (prev) prev.classList.remove('selected');
  el.classList.add('selected');
  panel.textContent = el.getAttribute('aria-label');
}
svg.addEventListener('click', function (e) {
  var el = e.target.closest('[aria-roledescription="lock"], [aria-roledescription="port"], [aria-roledescription="channel"]');
  if (el) show(el);
});
svg.addEventListener('keydown', function (e) {
  if ((e.key === 'Enter' || e.key === ' ') && e.target.getAttribute('aria-label')) { e.preventDefault(); show(e.target); }
});
})();`;
}
