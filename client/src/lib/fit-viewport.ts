export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room kept free on each side of the canvas (toolbar, banners, a floating lesson), px. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport that frames `bounds` (flow coordinates) in a `width` × `height` canvas, clear of
 * `insets`: the largest zoom in [minZoom, maxZoom] that shows it whole, centred in the free area.
 * When even minZoom is too large on an axis, the graph is anchored at the free area's top or left
 * edge there instead, so its start stays readable and the rest is a pan away.
 *
 * @example frameBounds({ x: 0, y: 0, width: 1000, height: 100 }, 800, 600, { top: 0, right: 0, bottom: 0, left: 200 }, 0.6, 1)
 *   // { x: 200, y: 270, zoom: 0.6 }: too wide at 0.6, so it starts at the free area's left edge
 */
export function frameBounds(
  bounds: Rect,
  width: number,
  height: number,
  insets: Insets,
  minZoom: number,
  maxZoom: number,
): Viewport {
  const freeW = Math.max(1, width - insets.left - insets.right);
  const freeH = Math.max(1, height - insets.top - insets.bottom);
  const fits = Math.min(
    bounds.width > 0 ? freeW / bounds.width : maxZoom,
    bounds.height > 0 ? freeH / bounds.height : maxZoom,
  );
  const zoom = Math.max(minZoom, Math.min(maxZoom, fits));
  const place = (start: number, free: number, origin: number, size: number) => {
    const drawn = size * zoom;
    return drawn <= free ? start + (free - drawn) / 2 - origin * zoom : start - origin * zoom;
  };
  return {
    x: place(insets.left, freeW, bounds.x, bounds.width),
    y: place(insets.top, freeH, bounds.y, bounds.height),
    zoom,
  };
}

/**
 * Whether `bounds` (flow coordinates) is drawn whole inside the canvas's free area at `viewport`:
 * when it is, there is no need to move the canvas under the user's pointer.
 *
 * @example inView({ x: 0, y: 0, width: 100, height: 50 }, { x: -20, y: 0, zoom: 1 }, 800, 600, { top: 0, right: 0, bottom: 0, left: 0 })
 *   // false: the left 20 px are off the canvas
 */
export function inView(
  bounds: Rect,
  viewport: Viewport,
  width: number,
  height: number,
  insets: Insets,
): boolean {
  const left = bounds.x * viewport.zoom + viewport.x;
  const top = bounds.y * viewport.zoom + viewport.y;
  const right = left + bounds.width * viewport.zoom;
  const bottom = top + bounds.height * viewport.zoom;
  return (
    left >= insets.left &&
    top >= insets.top &&
    right <= width - insets.right &&
    bottom <= height - insets.bottom
  );
}
