// "Ailleurs près d'ici": nearby actions that do better, asked only when the section is shown
// (at once for a programme sans perspectives, on the user's demand for any other).
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { NearbyLine, NearbyRequest, NearbyResult } from '../lib/better-nearby';
import { nearby as t } from '../lib/nearby-strings';
import type { ProgrammeReport } from '../lib/types';
import { headline } from './panel-state';

export type AskNearby = (request: NearbyRequest) => Promise<NearbyResult>;

export interface NearbyProps {
  programme: ProgrammeReport;
  ask: AskNearby;
}

/** What the section compares with: the figures the panel leads with, and the programme's code. */
export function nearbyRequestOf(programme: ProgrammeReport): NearbyRequest | null {
  const best = headline(programme);
  // Nothing to compare with when a headline rate could not be computed (the real API leaves it out).
  if (!best || !programme.cfd || best.cell.figures.tauxEnEmploi6Mois == null || best.cell.figures.tauxEnFormation == null) return null;
  return {
    cfd: programme.cfd,
    ...(programme.etablissement?.uai ? { uai: programme.etablissement.uai } : {}),
    voie: best.voie,
    emploi: best.cell.figures.tauxEnEmploi6Mois,
    formation: best.cell.figures.tauxEnFormation,
  };
}

function Line({ line }: { line: NearbyLine }) {
  return (
    <li class="ij-nearby-line">
      <a href={line.url} target="_blank" rel="noopener noreferrer" aria-label={t.link(`${line.etablissement}, ${line.libelle}`)}>
        {line.etablissement}
      </a>
      <span class="ij-muted">
        {' '}
        {line.commune ? `${line.commune} · ` : ''}
        {t.distance(line.km)} · {t.route[line.voie]}
      </span>
      {line.lien !== 'meme' && (
        <span class="ij-nearby-prog">
          {line.libelle} <span class="ij-muted">({t.lien[line.lien]})</span>
        </span>
      )}
      <span class="ij-nearby-figures">{t.figures(line.emploi, line.formation)}</span>
    </li>
  );
}

function Lines({ title, lines, empty }: { title: string; lines: NearbyLine[]; empty: string }) {
  return (
    <section class="ij-nearby-group">
      <h4 class="ij-voie-title">{title}</h4>
      {lines.length ? (
        <ul class="ij-nearby-list">
          {lines.map((l) => (
            <Line key={l.af} line={l} />
          ))}
        </ul>
      ) : (
        <p class="ij-muted">{empty}</p>
      )}
    </section>
  );
}

export function NearbySection({ programme, ask }: NearbyProps) {
  const request = nearbyRequestOf(programme);
  const weak = headline(programme)?.cell.sansPerspectives ?? false;
  const shown = useSignal(weak);
  const result = useSignal<NearbyResult | 'loading' | 'failed' | null>(null);

  useEffect(() => {
    if (!shown.value || !request || result.peek() !== null) return;
    result.value = 'loading';
    ask(request).then(
      (r) => (result.value = r),
      () => (result.value = 'failed'),
    );
  }, [shown.value]);

  if (!request) return null;
  if (!shown.value) {
    return (
      <button type="button" class="ij-button ij-button--ghost" onClick={() => (shown.value = true)}>
        {t.show}
      </button>
    );
  }
  const r = result.value;
  if (r && typeof r === 'object' && r.status === 'off') return null;
  return (
    <section class="ij-nearby" aria-labelledby={`ij-nearby-${programme.key}`} aria-busy={r === null || r === 'loading' ? 'true' : undefined}>
      <h3 class="ij-h" id={`ij-nearby-${programme.key}`}>
        {t.title}
      </h3>
      <div aria-live="polite">
        {(r === null || r === 'loading') && <p class="ij-muted">{t.loading}</p>}
        {r === 'failed' && <p class="ij-muted">{t.failed}</p>}
        {r && typeof r === 'object' && r.status === 'no-origin' && <p class="ij-muted">{t.noOrigin}</p>}
        {r && typeof r === 'object' && r.status === 'unavailable' && <p class="ij-muted">{t.unavailable}</p>}
        {r && typeof r === 'object' && r.status === 'ok' && (
          <>
            <p class="ij-caption">{t.rule(r.radiusKm)}</p>
            <Lines title={t.sameTitle} lines={r.same} empty={t.nothing(r.radiusKm)} />
            <Lines title={t.relatedTitle} lines={r.related} empty={t.nothingRelated(r.radiusKm)} />
            {r.budgetReached && <p class="ij-note">{t.budget}</p>}
          </>
        )}
      </div>
    </section>
  );
}
