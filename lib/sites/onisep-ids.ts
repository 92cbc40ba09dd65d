// Onisep pages' identifiers: each tried by several independent strategies, in order (see SITES.md).
import { isOnisepId, type OnisepKind } from '../codes';
import type { Confidence } from '../types';
import { all, allOf, attempt, labelledUai, leadingText, onisepIdOfHref, textOf } from './dom';

type Found = { id: string; confidence: Confidence };

/** Strategy 1: `data-context-params='{"formation":…}'` on the Idéo page root (number or string). */
export function idFromContextParams(doc: Document, key: string, kind: OnisepKind): Found | undefined {
  return contextParamsIn(all(doc, '[data-ideo-page="true"][data-context-params]'), key, kind) ?? contextParamsIn(all(doc, '[data-context-params]'), key, kind);
}

/** The first element whose context params name the id (the page root is asked first, the whole page only when it says nothing). */
function contextParamsIn(els: Element[], key: string, kind: OnisepKind): Found | undefined {
  for (const el of els) {
    const raw = el.getAttribute('data-context-params');
    if (!raw || raw.length > 10_000) continue;
    let params: unknown;
    try {
      params = JSON.parse(raw);
    } catch {
      continue;
    }
    if (!params || typeof params !== 'object') continue;
    const value = (params as Record<string, unknown>)[key];
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return { id: `${kind}.${value}`, confidence: 'high' };
    if (typeof value === 'string') {
      const v = value.trim();
      if (/^[1-9][0-9]{0,8}$/.test(v)) return { id: `${kind}.${v}`, confidence: 'high' };
      if (isOnisepId(kind, v)) return { id: v, confidence: 'high' };
    }
  }
  return undefined;
}

/** Strategy 2: the canonical link (or og:url) is the redirect URL carrying the id. */
export function idFromCanonical(doc: Document, kind: OnisepKind): Found | undefined {
  for (const el of allOf(doc, ['link[rel~="canonical"][href]', 'meta[property="og:url"][content]'])) {
    const found = onisepIdOfHref(el.getAttribute('href') ?? el.getAttribute('content'));
    if (found?.kind === kind) return { id: found.id, confidence: 'high' };
  }
  return undefined;
}

/**
 * Strategy 3: a redirect link in the page's own content. Related-content lists also link to other
 * programmes, so a link counts only when it is the one id of its kind, or its text is the page title.
 */
export function idFromRedirectLinks(doc: Document, kind: OnisepKind, title?: string): Found | undefined {
  const ids = new Map<string, string[]>();
  for (const a of all(doc, `a[href*="${kind}."][href*="redirection"]`)) {
    if (a.closest('nav, footer, aside, table, [role="navigation"], #formations')) continue;
    const found = onisepIdOfHref(a.getAttribute('href'));
    if (found?.kind !== kind) continue;
    const texts = ids.get(found.id) ?? [];
    texts.push(textOf(a).toLowerCase());
    ids.set(found.id, texts);
  }
  if (ids.size === 1) return { id: [...ids.keys()][0]!, confidence: 'medium' };
  const t = title?.toLowerCase();
  if (t) for (const [id, texts] of ids) if (texts.includes(t)) return { id, confidence: 'medium' };
  return undefined;
}

export function onisepId(doc: Document, kind: OnisepKind, contextKey: string | null, title?: string): Found | undefined {
  return (
    (contextKey ? attempt(() => idFromContextParams(doc, contextKey, kind)) : undefined) ??
    attempt(() => idFromCanonical(doc, kind)) ??
    attempt(() => idFromRedirectLinks(doc, kind, title))
  );
}

/** The UAI of an establishment or action page: the `Code UAI : …` callout, else any labelled UAI. */
export function uaiOfPage(doc: Document): string | undefined {
  for (const el of all(doc, '.callout-text')) {
    const uai = labelledUai(textOf(el));
    if (uai) return uai;
  }
  return labelledUai(leadingText(doc));
}

