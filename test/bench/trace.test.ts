import { describe, expect, it } from 'vitest';
import { kindOf, rendererOf, threadTimes, type TraceEvent } from './trace';

const ev = (name: string, ts: number, dur: number, tdur: number, pid = 7, tid = 1): TraceEvent => ({ name, ph: 'X', ts, dur, tdur, pid, tid });
const mainThread: TraceEvent = { name: 'thread_name', ph: 'M', ts: 0, pid: 7, tid: 1, args: { name: 'CrRendererMain' } };

describe('threadTimes', () => {
  it('sums top-level tasks’ thread time, and each event’s own time by kind, on the page’s main thread only', () => {
    const events = [
      mainThread,
      { name: 'thread_name', ph: 'M', ts: 0, pid: 7, tid: 2, args: { name: 'Compositor' } },
      ev('RunTask', 0, 10_000, 8_000),
      ev('FunctionCall', 1_000, 5_000, 4_000),
      ev('LocalFrameView::performLayout', 2_000, 1_000, 1_000), // inside the call: a forced layout
      ev('RunTask', 20_000, 3_000, 3_000),
      ev('ParseHTML', 20_500, 2_000, 2_000),
      ev('RunTask', 0, 50_000, 50_000, 7, 2), // another thread
      ev('RunTask', 0, 50_000, 50_000, 9, 1), // another process
    ];
    const t = threadTimes(events, 7);
    expect(t.total).toBe(11);
    expect(t.byKind.script).toBe(3);
    expect(t.byKind['style-layout']).toBe(1);
    expect(t.byKind.html).toBe(2);
    expect(t.byKind.other).toBe(5); // the tasks' own time: 4 + 1
  });
});

describe('kindOf and rendererOf', () => {
  it('names the work, and finds the renderer that loaded a URL', () => {
    expect(kindOf('v8.compile')).toBe('script');
    expect(kindOf('InlineNode::ShapeTextIncludingFirstLine')).toBe('style-layout');
    expect(kindOf('V8.DeserializeContext')).toBe('world');
    expect(kindOf('LocalWindowProxy::Initialize')).toBe('world');
    const events: TraceEvent[] = [{ name: 'ResourceSendRequest', ph: 'I', ts: 0, pid: 3, tid: 1, args: { data: { url: 'https://a/' } } }];
    expect(rendererOf(events, 'https://a/')).toBe(3);
    expect(rendererOf(events, 'https://b/')).toBeNull();
  });
});
