import { fillLevel, fillRatio } from '../../../shared/analysis/fill-level.js';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { flowWidth } from './flow-speed.js';
import { formatRate } from './format.js';
import type { EdgeGeometry } from './overlay-geometry.js';

/** theme.css's colours (a canvas cannot read CSS variables per stroke). */
export const PAINT = {
  edge: '#5b6578',
  green: '#34d399',
  yellow: '#fbbf24',
  red: '#f87171',
  accent: '#22d3ee',
  card: '#181e28',
  panel: '#131820',
  raised: '#1d2430',
  border: '#344052',
  busy: '#60a5fa',
  bp: '#f87171',
  idle: '#3a4455',
  text: '#e7ebf2',
} as const;

/** The categories' colours, as theme.css has them (--cat-*). */
export const CATEGORY_PAINT: Record<string, string> = {
  source: '#22d3ee',
  transform: '#a78bfa',
  sink: '#f472b6',
  queue: '#94a3b8',
  unknown: '#64748b',
};

export interface View {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
  /** Device pixels per CSS pixel. */
  dpr: number;
}

export interface CardBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Sinks show their in-rate, everything else its out-rate. */
  sink: boolean;
  /** The kind's category colour (the card's top stripe and icon box). */
  colour: string;
}

export interface EdgeLook {
  selected: boolean;
  held: boolean;
}

/** The gauge's size on an edge in flow px, as `.sl-edge-bar` has it. */
const GAUGE = { width: 44, height: 14, pad: 3 };
/** The card's stripe and icon box (`.sl-node::before`, the header's `.kind-icon`), in flow px. */
const CARD = { stripe: 3, iconX: 11, iconY: 12, icon: 26 };
/** The state bar inside a card, from its bottom (`.sl-metrics--low`: padding 10, height 16). */
const BAR = { inset: 11, bottom: 11, height: 16 };
/** Rate text is drawn only this big on screen or bigger (px): smaller would be noise. */
export const MIN_TEXT_PX = 8;

/** A card's screen text size at `zoom`: 36 flow px, capped at 14 px; 0 when too small to read. */
export function textPx(zoom: number): number {
  const px = Math.min(14, 36 * zoom);
  return px >= MIN_TEXT_PX ? px : 0;
}

const levelColour = (depth: number, capacity: number) => PAINT[fillLevel(depth, capacity)];

/** Edges first (under the cards), as the SVG would draw them, coloured by how full they are. */
export function paintEdges(
  ctx: CanvasRenderingContext2D,
  view: View,
  geometry: ReadonlyMap<string, EdgeGeometry>,
  looks: ReadonlyMap<string, EdgeLook>,
  frame: TelemetryFrame | null,
): void {
  // Never thinner than a screen pixel: at 0.1 zoom a 2 px line would be a faint 0.2 px.
  const hair = 1 / view.zoom;
  for (const [id, g] of geometry) {
    const t = frame?.edges[id];
    const look = looks.get(id);
    g.shape ??= new Path2D(g.path);
    ctx.strokeStyle = look?.selected ? PAINT.accent : t ? levelColour(t.depth, t.capacity) : PAINT.edge;
    const width = look?.selected ? 3 : t && t.outRate > 0 ? flowWidth(t.outRate) : 2;
    ctx.lineWidth = Math.max(hair, width);
    ctx.setLineDash(look?.held ? [3, 5] : []);
    ctx.stroke(g.shape);
  }
  ctx.setLineDash([]);
}

/** A card's background and its busy / backpressured / idle bar. */
export function paintCards(
  ctx: CanvasRenderingContext2D,
  cards: Iterable<CardBox>,
  frame: TelemetryFrame | null,
  zoom: number,
  /** Overview zoom: the DOM cards paint nothing, so outline, stripe and icon box are drawn here too. */
  outlined: boolean,
): void {
  const hair = 1 / zoom;
  for (const c of cards) {
    // The card as `.sl-node` draws it: its face; in overview its outline, category stripe and
    // icon box too, which the DOM card then does not paint (node.css).
    ctx.fillStyle = PAINT.card;
    ctx.beginPath();
    ctx.roundRect(c.x, c.y, c.width, c.height, 10);
    ctx.fill();
    if (outlined) {
      ctx.strokeStyle = PAINT.border;
      ctx.lineWidth = Math.max(hair, 1);
      ctx.stroke();
      ctx.fillStyle = c.colour;
      ctx.fillRect(c.x + 4, c.y, c.width - 8, Math.max(hair, CARD.stripe));
      ctx.globalAlpha = 0.18;
      ctx.fillRect(c.x + CARD.iconX, c.y + CARD.iconY, CARD.icon, CARD.icon);
      ctx.globalAlpha = 1;
    }
    const t = frame?.nodes[c.id];
    const bx = c.x + BAR.inset;
    const by = c.y + c.height - BAR.bottom - BAR.height;
    const bw = c.width - 2 * BAR.inset;
    if (!t) {
      ctx.fillStyle = PAINT.raised;
      ctx.fillRect(bx, by, bw, BAR.height);
      continue;
    }
    const busy = clamp01(t.busy);
    const bp = Math.min(1 - busy, clamp01(t.backpressured));
    ctx.fillStyle = PAINT.idle;
    ctx.fillRect(bx, by, bw, BAR.height);
    ctx.fillStyle = PAINT.busy;
    ctx.fillRect(bx, by, bw * busy, BAR.height);
    ctx.fillStyle = PAINT.bp;
    ctx.fillRect(bx + bw * busy, by, bw * bp, BAR.height);
  }
}

/**
 * Each card's rate above its bar, when the zoom makes it legible (textPx), in screen px so it
 * stays crisp; drawn last, over the gauges of edges that cross the card, and outlined.
 */
export function paintRates(
  ctx: CanvasRenderingContext2D,
  view: View,
  cards: Iterable<CardBox>,
  frame: TelemetryFrame | null,
): void {
  const px = textPx(view.zoom);
  if (px === 0 || !frame) return;
  ctx.save();
  ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
  ctx.font = `600 ${px}px ui-monospace, "DejaVu Sans Mono", monospace`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3;
  ctx.strokeStyle = PAINT.card;
  ctx.fillStyle = PAINT.text;
  for (const c of cards) {
    const t = frame.nodes[c.id];
    if (!t) continue;
    const text = formatRate(c.sink ? t.inRate : t.outRate);
    const sx = (c.x + c.width / 2) * view.zoom + view.x;
    const sy = (c.y + c.height - BAR.bottom - BAR.height - 6) * view.zoom + view.y;
    ctx.strokeText(text, sx, sy);
    ctx.fillText(text, sx, sy);
  }
  ctx.restore();
}

/** Each queue's gauge: a panel chip with its fill in the level's colour, red-edged when full. */
export function paintGauges(
  ctx: CanvasRenderingContext2D,
  view: View,
  geometry: ReadonlyMap<string, EdgeGeometry>,
  looks: ReadonlyMap<string, EdgeLook>,
  frame: TelemetryFrame | null,
): void {
  const hair = 1 / view.zoom;
  const { width: w, height: h, pad } = GAUGE;
  for (const [id, g] of geometry) {
    const t = frame?.edges[id];
    const x = g.x - w / 2;
    const y = g.y - h / 2;
    const level = t ? fillLevel(t.depth, t.capacity) : null;
    ctx.fillStyle = PAINT.panel;
    ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = looks.get(id)?.selected ? PAINT.accent : level === 'red' ? PAINT.red : PAINT.border;
    ctx.lineWidth = Math.max(hair, 1);
    ctx.strokeRect(x, y, w, h);
    if (t) {
      ctx.fillStyle = levelColour(t.depth, t.capacity);
      ctx.fillRect(x + pad, y + pad, (w - 2 * pad) * fillRatio(t.depth, t.capacity), h - 2 * pad);
    }
  }
}

const clamp01 = (f: number) => Math.min(1, Math.max(0, Number.isFinite(f) ? f : 0));
