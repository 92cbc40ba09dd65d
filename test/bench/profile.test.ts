import { describe, expect, it } from 'vitest';
import { selfTimes } from './profile';

const frame = (url: string, functionName: string, lineNumber = 0) => ({ url, functionName, lineNumber, columnNumber: 0 });

describe('selfTimes', () => {
  it('sums each sample’s interval on the node it fell in, for the extension’s files only', () => {
    const ext = 'chrome-extension://abc/';
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('', '(root)') },
        { id: 2, callFrame: frame(`${ext}content-scripts/onisep.js`, 'scan', 3) },
        { id: 3, callFrame: frame(`${ext}page-ui.js`, '', 1) },
        { id: 4, callFrame: frame('https://www.onisep.fr/app.js', 'site') },
      ],
      // The interval before a sample is timeDeltas[i]; the time spent in it is the next delta.
      samples: [2, 2, 3, 4, 1],
      timeDeltas: [0, 1000, 2000, 500, 4000],
    };
    const { byFile, byFunction } = selfTimes(profile, ext);
    expect(Object.fromEntries(byFile)).toEqual({ 'content-scripts/onisep.js': 3, 'page-ui.js': 0.5 });
    expect(byFunction.get('content-scripts/onisep.js scan:3:0')).toBe(3);
    expect(byFunction.get('page-ui.js (anonyme):1:0')).toBe(0.5);
  });
});
