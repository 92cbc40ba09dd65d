// One programme in the panel: header, headline indicators, warning, comparison and details.
import { useSignal } from '@preact/signals';
import type { NativeBlock, ProgrammeReport, Scope, Voie } from '../lib/types';
import { panel, scopeLabel, voieLabels } from '../lib/strings';
import { SCOPES } from '../lib/types';
import { deltaVsRegion, diplomaTag, eachCell, headline, voiesPresent } from './panel-state';
import type { SourceCredit } from '../lib/messaging';
import { CellView, ProvenanceNote } from './cells';
import { IndicatorBars } from './Indicators';
import { SansPerspectivesNotice } from './SansPerspectives';
import { DetailsDrawer, Famille } from './Details';
import { NearbySection, type AskNearby, type SaveAlternative } from './Nearby';

export interface ProgrammeViewProps {
  programme: ProgrammeReport;
  sources?: SourceCredit[];
  onRetry?: () => void;
  /** When given, shows "Ajouter à ma sélection". */
  onSave?: (programme: ProgrammeReport) => void | Promise<void>;
  saved?: boolean;
  /** When given, the "Ailleurs près d'ici" section (asked only once shown). */
  askNearby?: AskNearby;
  /** When given, each nearby line offers "Ajouter cette alternative". */
  onSaveAlternative?: SaveAlternative;
  /** The selection's keys (the nearby lines already kept). */
  savedKeys?: ReadonlySet<string>;
  /** The site shows its own InserJeunes figures next to the panel: lead with what they lack. */
  native?: NativeBlock;
}

function where(programme: ProgrammeReport): string {
  const e = programme.etablissement;
  if (e?.libelle) return e.commune ? `${e.libelle}, ${e.commune}` : e.libelle;
  if (e?.uai) return e.uai;
  return programme.region ? panel.region(programme.region.nom) : panel.france;
}

function Delta({ programme, voie }: { programme: ProgrammeReport; voie: Voie }) {
  const d = deltaVsRegion(programme, voie);
  if (!d) return null;
  const sign = (n: number) => (n > 0 ? 'up' : n < 0 ? 'down' : 'same');
  return (
    <ul class="ij-deltas">
      <li class={`ij-delta ij-delta--${sign(d.emploi)}`}>{panel.deltaVsRegion(panel.deltaShort.emploi, d.emploi)}</li>
      <li class={`ij-delta ij-delta--${sign(d.formation)}`}>{panel.deltaVsRegion(panel.deltaShort.formation, d.formation)}</li>
    </ul>
  );
}

/** A scope the page gives nothing for (no establishment named, no region chosen) is left out of the grid. */
function shownScopes(programme: ProgrammeReport, voies: Voie[]): Scope[] {
  const absent = (scope: Scope) =>
    voies.every((v) => {
      const c = programme.cells[scope][v];
      return c.state === 'none' && (c.reason === 'pas-d-etablissement' || c.reason === 'pas-de-region');
    });
  return SCOPES.filter((s) => !absent(s));
}

function Comparison({ programme, onRetry }: { programme: ProgrammeReport; onRetry?: () => void }) {
  const voies = voiesPresent(programme);
  if (voies.length === 0) return null;
  const scopes = shownScopes(programme, voies);
  const noRegion = !scopes.includes('region') && !programme.region;
  return (
    <section class="ij-compare">
      <h3 class="ij-h">{panel.comparisonTitle}</h3>
      <div class="ij-compare-grid">
        {voies.map((voie) => (
          <section class="ij-voie" key={voie}>
            <h4 class="ij-voie-title">{voieLabels[voie]}</h4>
            <dl class="ij-scopes">
              {scopes.map((scope) => (
                <div class={`ij-scope ij-scope--${scope}`} key={scope}>
                  <dt>{scopeLabel(scope, programme.region?.nom)}</dt>
                  <dd>
                    <CellView cell={programme.cells[scope][voie]} onRetry={onRetry} />
                    {scope === 'etablissement' && <Delta programme={programme} voie={voie} />}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      {noRegion && <p class="ij-caption">{panel.chooseRegion}</p>}
    </section>
  );
}

/** "Add to my selection", which says so when the save failed (storage full, extension reloaded…). */
function SaveButton({ programme, onSave, saved }: { programme: ProgrammeReport; onSave: NonNullable<ProgrammeViewProps['onSave']>; saved?: boolean | undefined }) {
  const failed = useSignal(false);
  const click = async () => {
    failed.value = false;
    try {
      await onSave(programme);
    } catch {
      failed.value = true;
    }
  };
  return (
    <>
      <button type="button" class="ij-button" disabled={saved} onClick={() => void click()}>
        {saved ? panel.saved : panel.save}
      </button>
      <p role="alert" class="ij-error-text">
        {failed.value && !saved ? panel.saveFailed : ''}
      </p>
    </>
  );
}

export function ProgrammeView({ programme, sources, onRetry, onSave, saved, askNearby, onSaveAlternative, savedKeys, native }: ProgrammeViewProps) {
  const best = headline(programme);
  // Beside the site's own block (national figures), the first view is the comparison and the warning.
  const weak = native && eachCell(programme).some(({ cell }) => cell.state === 'figures' && cell.sansPerspectives);
  const source = best?.cell.donneeSource;
  const borrowed = source && source.type !== 'self' ? { type: source.type, code: source.codeCertification } : null;
  return (
    <article class="ij-programme">
      <header class="ij-programme-head">
        <h2 class="ij-programme-title">
          {diplomaTag(programme) && <span class="ij-diplome">{diplomaTag(programme)}</span>} {programme.libelle}
        </h2>
        <p class="ij-where">{where(programme)}</p>
        {programme.assumedLength && <p class="ij-caption">{panel.assumedLength(programme.diplome?.nom, programme.assumedLength)}</p>}
      </header>
      {programme.ambiguous && <p class="ij-note">{panel.ambiguous}</p>}
      {native && <p class="ij-note ij-native">{panel.nativeBlock[native]}</p>}
      {weak && <SansPerspectivesNotice />}
      {best && !native && (
        <section class="ij-headline">
          <h3 class="ij-h">{panel.sixMonths}</h3>
          <p class="ij-caption">
            {panel.indicatorsCaption(
              scopeLabel(best.scope, programme.region?.nom),
              voieLabels[best.voie],
              best.cell.figures.millesime,
              best.cell.figures.nbAnneeTerm,
            )}
          </p>
          <IndicatorBars figures={best.cell.figures} />
          <ProvenanceNote cell={best.cell} />
          {borrowed && <p class="ij-note">{panel.borrowed[borrowed.type](borrowed.code)}</p>}
          {best.cell.sansPerspectives && <SansPerspectivesNotice />}
        </section>
      )}
      {programme.famille ? <Famille programme={programme} /> : <Comparison programme={programme} onRetry={onRetry} />}
      {askNearby && !programme.famille && (
        <NearbySection programme={programme} ask={askNearby} {...(onSaveAlternative ? { onSaveAlternative } : {})} {...(savedKeys ? { savedKeys } : {})} />
      )}
      <DetailsDrawer programme={programme} sources={sources} />
      {onSave && <SaveButton programme={programme} onSave={onSave} saved={saved} />}
    </article>
  );
}
