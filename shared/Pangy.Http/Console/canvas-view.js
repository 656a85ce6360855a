// A canvas that shows world (layout) coordinates with pan and zoom: wheel or +/- zooms around the cursor or the
// centre, drag or the arrow keys pan, 0 fits. It keeps the canvas sharp on high-DPI screens and redraws on resize.

export class CanvasView {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{draw: (ctx: CanvasRenderingContext2D, view: CanvasView) => void, click?: (x: number, y: number, ev: MouseEvent) => void}} hooks
   */
  constructor(canvas, hooks) {
    this.canvas = canvas;
    this.hooks = hooks;
    this.scale = 1; this.tx = 0; this.ty = 0;
    this.bounds = null;
    this.pending = false;
    this.dragging = null;
    this.resize = new ResizeObserver(() => this.fitCanvas());
    this.resize.observe(canvas);
    canvas.addEventListener('wheel', e => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      this.zoomAt(e.clientX - r.left, e.clientY - r.top, Math.exp(-e.deltaY * 0.0015));
    }, { passive: false });
    canvas.addEventListener('pointerdown', e => {
      this.dragging = { x: e.clientX, y: e.clientY, moved: 0 };
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener('pointermove', e => {
      if (!this.dragging) return;
      const dx = e.clientX - this.dragging.x, dy = e.clientY - this.dragging.y;
      this.dragging.x = e.clientX; this.dragging.y = e.clientY;
      this.dragging.moved += Math.abs(dx) + Math.abs(dy);
      this.tx += dx; this.ty += dy;
      this.request();
    });
    canvas.addEventListener('pointerup', e => {
      const d = this.dragging; this.dragging = null;
      if (d && d.moved < 4 && this.hooks.click) {
        const r = canvas.getBoundingClientRect();
        const [x, y] = this.toWorld(e.clientX - r.left, e.clientY - r.top);
        this.hooks.click(x, y, e);
      }
    });
    canvas.addEventListener('keydown', e => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const w = this.width(), h = this.height(), step = 60;
      const keys = {
        '+': () => this.zoomAt(w / 2, h / 2, 1.4), '=': () => this.zoomAt(w / 2, h / 2, 1.4),
        '-': () => this.zoomAt(w / 2, h / 2, 1 / 1.4), '_': () => this.zoomAt(w / 2, h / 2, 1 / 1.4),
        '0': () => this.fit(),
        ArrowLeft: () => { this.tx += step; this.request(); }, ArrowRight: () => { this.tx -= step; this.request(); },
        ArrowUp: () => { this.ty += step; this.request(); }, ArrowDown: () => { this.ty -= step; this.request(); },
      };
      if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
    });
  }

  width() { return this.canvas.clientWidth; }
  height() { return this.canvas.clientHeight; }

  /** Sizes the backing store to the element and redraws. */
  fitCanvas() {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(this.width() * dpr)), h = Math.max(1, Math.round(this.height() * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      const first = this.canvas.width <= 1 || !this.fitted;
      this.canvas.width = w; this.canvas.height = h;
      if (first && this.bounds) this.fit();
    }
    this.request();
  }

  /** World bounds [minX, minY, maxX, maxY] that fit() shows. */
  setBounds(bounds) { this.bounds = bounds; this.fit(); }

  fit() {
    if (!this.bounds) return;
    const [x0, y0, x1, y1] = this.bounds, pad = 16;
    const w = Math.max(1, this.width() - 2 * pad), h = Math.max(1, this.height() - 2 * pad);
    this.scale = Math.min(w / Math.max(1e-9, x1 - x0), h / Math.max(1e-9, y1 - y0));
    this.tx = pad + (w - (x1 - x0) * this.scale) / 2 - x0 * this.scale;
    this.ty = pad + (h - (y1 - y0) * this.scale) / 2 - y0 * this.scale;
    this.fitted = this.width() > 0;
    this.request();
  }

  zoomAt(sx, sy, factor) {
    const [wx, wy] = this.toWorld(sx, sy);
    this.scale = Math.min(1e4, Math.max(1e-6, this.scale * factor));
    this.tx = sx - wx * this.scale; this.ty = sy - wy * this.scale;
    this.request();
  }

  toWorld(sx, sy) { return [(sx - this.tx) / this.scale, (sy - this.ty) / this.scale]; }
  toScreen(wx, wy) { return [wx * this.scale + this.tx, wy * this.scale + this.ty]; }

  /** The world rectangle on screen: [minX, minY, maxX, maxY]. */
  visible() {
    const [a, b] = this.toWorld(0, 0), [c, d] = this.toWorld(this.width(), this.height());
    return [a, b, c, d];
  }

  request() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }

  /** Draws now (the views call it when their data changes, so counts are current when they return). */
  draw() {
    const ctx = this.canvas.getContext('2d');
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.width(), this.height());
    this.hooks.draw(ctx, this);
  }

  dispose() { this.resize.disconnect(); }
}
