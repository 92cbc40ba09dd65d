// @vitest-environment happy-dom
// The comparison grid shows the places the page gives, and says once how to get the region.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { Panel } from '../../components';
import { fullReport } from '../fixtures/reports/demo-reports';
import type { ProgrammeReport, Report } from '../../lib/types';

afterEach(cleanup);

const base = fullReport.programmes[0]!;
const none = (reason: 'pas-d-etablissement' | 'pas-de-region') => ({ state: 'none' as const, reason });
const nationalOnly: ProgrammeReport = {
  ...base,
  etablissement: undefined,
  region: undefined,
  cells: {
    etablissement: { scolaire: none('pas-d-etablissement'), apprentissage: none('pas-d-etablissement') },
    region: { scolaire: none('pas-de-region'), apprentissage: none('pas-de-region') },
    france: base.cells.france,
  },
};
const report = (p: ProgrammeReport): Report => ({ sighting: { site: 'onisep', page: 'formation', ids: { for: 'FOR.3651' } }, programmes: [p] });

describe('comparison', () => {
  it('leaves out the establishment and region a formation page does not give, and says how to add the region', () => {
    const { container } = render(<Panel state={{ status: 'ready', report: report(nationalOnly) }} />);
    expect(container.querySelectorAll('.ij-scope--etablissement')).toHaveLength(0);
    expect(container.querySelectorAll('.ij-scope--region')).toHaveLength(0);
    expect(container.querySelectorAll('.ij-scope--france').length).toBeGreaterThan(0);
    expect(container.textContent).toContain('choisissez-la dans les options');
  });

  it('keeps every place when the page names an establishment', () => {
    const { container } = render(<Panel state={{ status: 'ready', report: report(base) }} />);
    expect(container.querySelectorAll('.ij-scope--etablissement').length).toBeGreaterThan(0);
    expect(container.querySelectorAll('.ij-scope--region').length).toBeGreaterThan(0);
    expect(container.textContent).not.toContain('choisissez-la dans les options');
  });
});
