import { describe, expect, it } from 'vitest';
import { checkRequest, RefusedMessage } from '../../lib/messaging-door';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const contentScript = { id: ID, url: 'https://www.onisep.fr/ressources/x', tab: { id: 3 } };
const popup = { id: ID, url: `${ORIGIN}popup.html` };
const sighting = { site: 'onisep', page: 'formation', ids: { for: 'FOR.3651', duree: 3 } };

describe('the background door', () => {
  it('lets a content script of ours ask for a lookup with a well-formed sighting', () => {
    expect(checkRequest('lookup', { sighting }, contentScript, ID, ORIGIN)).toEqual({ sighting });
  });

  it('lets through what a page names without ids: a place, a route, further programmes, a native block', () => {
    const named = {
      ...sighting,
      page: 'liste-item',
      ids: { slug: 'bac-pro-x2', fors: ['FOR.578', 'FOR.2222'] },
      place: { etablissement: 'Lycée professionnel Les Canuts', commune: 'Lyon', codePostal: '69004' },
      voie: 'apprentissage',
      native: 'inserjeunes',
    };
    expect(checkRequest('lookup', { sighting: named }, contentScript, ID, ORIGIN)).toEqual({ sighting: named });
  });

  it('refuses another extension or a web page', () => {
    expect(() => checkRequest('lookup', { sighting }, { ...contentScript, id: 'other' }, ID, ORIGIN)).toThrow(RefusedMessage);
    expect(() => checkRequest('lookup', { sighting }, { url: 'https://evil.example/' }, ID, ORIGIN)).toThrow(RefusedMessage);
  });

  it('keeps the calls for our own pages away from content scripts', () => {
    expect(() => checkRequest('search', { query: 'bac pro' }, contentScript, ID, ORIGIN)).toThrow(/réservé/);
    expect(checkRequest('search', { query: 'bac pro' }, popup, ID, ORIGIN)).toEqual({ query: 'bac pro' });
  });

  it('refuses wrong shapes', () => {
    const bad: unknown[] = [
      undefined,
      { sighting: { ...sighting, site: 'evil' } },
      { sighting: { ...sighting, ids: { uai: '<img src=x onerror=alert(1)>' } } },
      { sighting: { ...sighting, ids: { duree: 40 } } },
      { sighting: { ...sighting, label: 'x'.repeat(10_000) } },
      { sighting: { ...sighting, place: { etablissement: 'x', codePostal: '<b>' } } },
      { sighting: { ...sighting, voie: 'autre' } },
    ];
    for (const data of bad) expect(() => checkRequest('lookup', data, contentScript, ID, ORIGIN)).toThrow(/mal formé/);
  });
});
