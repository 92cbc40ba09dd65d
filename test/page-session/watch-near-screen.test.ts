// @vitest-environment happy-dom
// A list row is asked once it is near the screen: at once when it already is, else when the observer says so.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nearNow, watchNearScreen } from '../../lib/page-session/watch-near-screen';

/** A stand-in IntersectionObserver: records what it observes, reports only when the test says so. */
class FakeObserver {
  static last: FakeObserver | undefined;
  observed = new Set<Element>();
  constructor(private readonly callback: (entries: { target: Element; isIntersecting: boolean }[]) => void) {
    FakeObserver.last = this;
  }
  observe(el: Element) {
    this.observed.add(el);
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {
    this.observed.clear();
  }
  report(el: Element, isIntersecting: boolean) {
    this.callback([{ target: el, isIntersecting }]);
  }
}

/** An element whose box is `height` px tall at `top` px from the viewport's top. */
function rowAt(top: number, height = 40): Element {
  const el = document.createElement('tr');
  document.body.append(el);
  vi.spyOn(el, 'getBoundingClientRect').mockReturnValue({ top, bottom: top + height, left: 0, right: height ? 800 : 0, width: height ? 800 : 0, height, x: 0, y: top, toJSON: () => ({}) } as DOMRect);
  return el;
}

beforeEach(() => {
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  vi.stubGlobal('innerHeight', 900);
  vi.stubGlobal('innerWidth', 1280);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('watchNearScreen', () => {
  it('calls back at once for a row already within a screen of the viewport, without waiting for the observer', () => {
    const near = watchNearScreen(new AbortController().signal);
    const onScreen = vi.fn();
    const nextScreen = vi.fn();
    near.watch(rowAt(300), onScreen);
    near.watch(rowAt(1700), nextScreen);
    expect(onScreen).toHaveBeenCalledTimes(1);
    expect(nextScreen).toHaveBeenCalledTimes(1);
    expect(FakeObserver.last!.observed.size).toBe(0);
  });

  it('leaves a row further down to the observer, and calls back once when it comes near', () => {
    const near = watchNearScreen(new AbortController().signal);
    const onNear = vi.fn();
    const far = rowAt(5000);
    near.watch(far, onNear);
    expect(onNear).not.toHaveBeenCalled();
    expect(FakeObserver.last!.observed.has(far)).toBe(true);
    FakeObserver.last!.report(far, true);
    FakeObserver.last!.report(far, true);
    expect(onNear).toHaveBeenCalledTimes(1);
  });

  it('leaves a row without a box (hidden) to the observer', () => {
    const near = watchNearScreen(new AbortController().signal);
    const onNear = vi.fn();
    const hidden = rowAt(0, 0);
    expect(nearNow(hidden)).toBe(false);
    near.watch(hidden, onNear);
    expect(onNear).not.toHaveBeenCalled();
    expect(FakeObserver.last!.observed.has(hidden)).toBe(true);
  });

  it('calls back for nothing once its signal aborted', () => {
    const session = new AbortController();
    const near = watchNearScreen(session.signal);
    session.abort();
    const onNear = vi.fn();
    near.watch(rowAt(100), onNear);
    expect(onNear).not.toHaveBeenCalled();
  });
});

describe('nearNow', () => {
  it('takes one screen above and one below the viewport, as the observer’s margin does', () => {
    expect(nearNow(rowAt(-900))).toBe(true); // its bottom is just inside the screen above
    expect(nearNow(rowAt(-941))).toBe(false);
    expect(nearNow(rowAt(1800))).toBe(true);
    expect(nearNow(rowAt(1801))).toBe(false);
  });
});
