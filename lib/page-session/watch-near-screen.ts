// Tells when an element comes near the screen, so that a long list asks only for the rows one may see.
/** About one screen above and below the viewport: rows are asked a little before they show. */
export const NEAR_SCREEN_MARGIN = '100% 0px 100% 0px';

/**
 * Whether `el` lies within the margin now, read from its box: a row already near the screen when the
 * page is scanned is asked at once, not one rendering frame later (the observer's first report waits
 * for a frame, late when the page is busy). An element without a box is left to the observer.
 */
export function nearNow(el: Element): boolean {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return false;
  const h = window.innerHeight;
  return r.bottom >= -h && r.top <= 2 * h && r.right >= 0 && r.left <= window.innerWidth;
}

export interface NearScreen {
  /** Calls `onNear` once, the first time `el` is within about a screen of the viewport. Returns a canceller. */
  watch(el: Element, onNear: () => void): () => void;
}

/** One IntersectionObserver for the page session; it is disconnected when `signal` aborts. */
export function watchNearScreen(signal: AbortSignal): NearScreen {
  const waiting = new Map<Element, () => void>();
  // Without IntersectionObserver (never in supported browsers), every row is asked at once, as before.
  if (typeof IntersectionObserver === 'undefined') {
    return {
      watch: (_el, onNear) => {
        if (!signal.aborted) onNear();
        return () => undefined;
      },
    };
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        const onNear = waiting.get(e.target);
        waiting.delete(e.target);
        observer.unobserve(e.target);
        if (onNear && !signal.aborted) onNear();
      }
    },
    { rootMargin: NEAR_SCREEN_MARGIN },
  );
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      waiting.clear();
    },
    { once: true },
  );
  return {
    watch(el, onNear) {
      if (signal.aborted) return () => undefined;
      if (nearNow(el)) {
        onNear();
        return () => undefined;
      }
      waiting.set(el, onNear);
      observer.observe(el);
      return () => {
        if (waiting.delete(el)) observer.unobserve(el);
      };
    },
  };
}
