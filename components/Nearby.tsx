// "Ailleurs près d'ici": nearby actions that do better, asked only when the section is shown
// (at once for a programme sans perspectives, on the user's demand for any other).
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { alternativeKey, type NearbyLine, type NearbyRequest, type NearbyResult } from '../lib/better-nearby';
import { nearby as t } from '../lib/nearby-strings';
import type { ProgrammeReport, Voie } from '../lib/types';
import { headline } from './panel-state';

export type AskNearby = (request: NearbyRequest) => Promise<NearbyResult>;

/** Keeps a line in the counsellor's selection as an alternative to `programme` (compared by `voie`); rejects when the save failed. */
export type SaveAlternative = (programme: ProgrammeReport, line: NearbyLine, voie: Voie) => void | Promise<void>;

export interface NearbyProps {
  programme: ProgrammeReport;
  ask: AskNearby;
  /** When given, each line offers "Ajouter cette alternative". */
  onSaveAlternative?: SaveAlternative;
  /** The selection's keys, to show the lines already kept. */
  savedKeys?: ReadonlySet<string>;
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

/** "Ajouter cette alternative", which says so when the save failed. */
function AddAlternative({ line, save, saved }: { line: NearbyLine; save: () => void | Promise<void>; saved: boolean }) {
  const failed = useSignal(false);
  const click = async () => {
    failed.value = false;
    try {
      await save();
    } catch {
      failed.value = true;
    }
  };
  return (
    <span class="ij-nearby-add">
      <button type="button" class="ij-button ij-button--small ij-button--ghost" disabled={saved} aria-label={saved ? undefined : t.addLabel(line.etablissement)} onClick={() => void click()}>
        {saved ? t.added : t.add}
      </button>
      <span role="alert" class="ij-error-text">
        {failed.value && !saved ? t.addFailed : ''}
      </span>
    </span>
  );
}

function Line({ line, add }: { line: NearbyLine; add?: { save: () => void | Promise<void>; saved: boolean } }) {
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
      {add && <AddAlternative line={line} save={add.save} saved={add.saved} />}
    </li>
  );
}

function Lines({ title, lines, empty, addOf }: { title: string; lines: NearbyLine[]; empty: string; addOf?: (line: NearbyLine) => { save: () => void | Promise<void>; saved: boolean } }) {
  return (
    <section class="ij-nearby-group">
      <h4 class="ij-voie-title">{title}</h4>
      {lines.length ? (
        <ul class="ij-nearby-list">
          {lines.map((l) => (
            <Line key={l.af} line={l} {...(addOf ? { add: addOf(l) } : {})} />
          ))}
        </ul>
      ) : (
        <p class="ij-muted">{empty}</p>
      )}
    </section>
  );
}

export function NearbySection({ programme, ask, onSaveAlternative, savedKeys }: NearbyProps) {
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
  const addOf = onSaveAlternative
    ? (line: NearbyLine) => ({
        save: () => onSaveAlternative(programme, line, request.voie),
        saved: savedKeys?.has(alternativeKey(programme.key, line.af)) ?? false,
      })
    : undefined;
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
            <p class="ij-caption">{t.rule(r.area)}</p>
            <Lines title={t.sameTitle} lines={r.same} empty={t.nothing(r.area)} addOf={addOf} />
            <Lines title={t.relatedTitle} lines={r.related} empty={t.nothingRelated(r.area)} addOf={addOf} />
            {r.budgetReached && <p class="ij-note">{t.budget}</p>}
          </>
        )}
      </div>
    </section>
  );
}
