import { describe, expect, it, vi } from 'vitest';
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
    expect(() => checkRequest('tabFindings', { tabId: 3, pageId: 'p' }, contentScript, ID, ORIGIN)).toThrow(/réservé/);
  });

  it("takes the page a lookup is for, and the page the popup asks about (or none), as short plain ids only", () => {
    const pageId = '0b6f3c1e-8a2d-4f57-9c1b-2e4d5f6a7b8c';
    expect(checkRequest('lookup', { sighting, pageId }, contentScript, ID, ORIGIN)).toEqual({ sighting, pageId });
    expect(checkRequest('tabFindings', { tabId: 3, pageId }, popup, ID, ORIGIN)).toEqual({ tabId: 3, pageId });
    expect(checkRequest('tabFindings', { tabId: 3, pageId: null }, popup, ID, ORIGIN)).toEqual({ tabId: 3, pageId: null });
    for (const bad of ['<b>', 'x'.repeat(65), 7]) {
      expect(() => checkRequest('lookup', { sighting, pageId: bad }, contentScript, ID, ORIGIN)).toThrow(/mal formé/);
      expect(() => checkRequest('tabFindings', { tabId: 3, pageId: bad }, popup, ID, ORIGIN)).toThrow(/mal formé/);
    }
    expect(() => checkRequest('tabFindings', { tabId: 3 }, popup, ID, ORIGIN)).toThrow(/mal formé/);
  });

  it('lets the panel credit the sources and save to the selection, in shape only', () => {
    expect(checkRequest('sources', undefined, contentScript, ID, ORIGIN)).toBeUndefined();
    const item = { key: 'k', libelle: 'Bac pro', uai: '0693045K', sighting, addedAt: 1 };
    expect(checkRequest('saveToSelection', { item }, contentScript, ID, ORIGIN)).toEqual({ item });
    expect(() => checkRequest('saveToSelection', { item: { ...item, libelle: 'x'.repeat(10_000) } }, contentScript, ID, ORIGIN)).toThrow(/mal formé/);
    expect(() => checkRequest('saveToSelection', { item: { ...item, sighting: { site: 'evil' } } }, contentScript, ID, ORIGIN)).toThrow(/mal formé/);
  });

  it('keeps an alternative’s link to its original whole, and refuses a malformed one', () => {
    const alternative = { of: { key: 'o', libelle: 'Bac pro', sighting, voie: 'scolaire' }, af: 'AF.5678', commune: 'Lyon', km: 4, voie: 'scolaire', lien: 'meme' };
    const item = { key: 'o>AF.5678', libelle: 'Bac pro', sighting, addedAt: 1, alternative };
    expect(checkRequest('saveToSelection', { item }, contentScript, ID, ORIGIN)).toEqual({ item });
    for (const bad of [{ ...alternative, km: -1 }, { ...alternative, lien: 'autre' }, { ...alternative, of: { ...alternative.of, voie: 'x' } }]) {
      expect(() => checkRequest('saveToSelection', { item: { ...item, alternative: bad } }, contentScript, ID, ORIGIN)).toThrow(/mal formé/);
    }
  });

  it('lets a panel ask for its nearby section, in the expected shape only', () => {
    const nearby = { cfd: '40034403', uai: '0692001A', voie: 'scolaire', emploi: 22, formation: 35 };
    expect(checkRequest('nearby', nearby, contentScript, ID, ORIGIN)).toEqual(nearby);
    for (const bad of [{ ...nearby, emploi: 120 }, { ...nearby, cfd: 'x' }, { ...nearby, voie: 'autre' }, { ...nearby, uai: '<b>' }]) {
      expect(() => checkRequest('nearby', bad, contentScript, ID, ORIGIN)).toThrow(/mal formé/);
    }
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

  it('builds a message type\'s schema only when such a message comes: a wake pays for its own message only', async () => {
    vi.resetModules();
    const door = await import('../../lib/messaging-door');
    expect(door.builtRequestSchemas()).toEqual([]);
    door.checkRequest('lookup', { sighting }, contentScript, ID, ORIGIN);
    expect(() => door.checkRequest('lookup', { sighting: { site: 'evil' } }, contentScript, ID, ORIGIN)).toThrow(/mal formé/);
    expect(door.builtRequestSchemas()).toEqual(['lookup']);
    // Refused before its shape is read: a content script may not search.
    expect(() => door.checkRequest('search', { query: 'x' }, contentScript, ID, ORIGIN)).toThrow(/réservé/);
    expect(door.builtRequestSchemas()).toEqual(['lookup']);
  });
});
