// An establishment page's panel: the establishment, its valeur ajoutée, and every programme taught, one row each.
import { useSignal } from '@preact/signals';
import type { ProgrammeReport, Report } from '../lib/types';
import { panel } from '../lib/strings';
import { badgeStateFromProgramme, diplomaTag } from './panel-state';
import type { SourceCredit } from '../lib/messaging';
import { BadgeText } from './Badge';
import { ValeurAjoutee } from './Details';
import { ProgrammeView } from './Programme';
import type { AskNearby, SaveAlternative } from './Nearby';

export interface EtablissementViewProps {
  report: Report;
  sources?: SourceCredit[];
  onRetry?: () => void;
  onSave?: (programme: ProgrammeReport) => void | Promise<void>;
  saved?: ReadonlySet<string>;
  /** A row was opened: a list row's report may hold only what its badge needed, the rest is asked then. */
  onExpand?: (programme: ProgrammeReport) => void;
  /** Each opened row offers "Ailleurs près d'ici" (at once when weak), within the same request bound as any panel. */
  askNearby?: AskNearby | undefined;
  onSaveAlternative?: SaveAlternative | undefined;
}

/** One programme taught: its line, and its full view drawn only once opened (a list may hold dozens). */
function TaughtRow(props: {
  programme: ProgrammeReport;
  sources?: SourceCredit[];
  onRetry?: () => void;
  onSave?: (programme: ProgrammeReport) => void | Promise<void>;
  saved?: ReadonlySet<string> | undefined;
  onExpand?: (programme: ProgrammeReport) => void;
  askNearby?: AskNearby | undefined;
  onSaveAlternative?: SaveAlternative | undefined;
}) {
  const p = props.programme;
  const open = useSignal(false);
  return (
    <li>
      <details
        class="ij-taught-item"
        onToggle={(e) => {
          open.value = (e.currentTarget as HTMLDetailsElement).open;
          if (open.value) props.onExpand?.(p);
        }}
      >
        <summary>
          <span class="ij-taught-name">
            {diplomaTag(p) && <span class="ij-diplome">{diplomaTag(p)}</span>} {p.libelle}
          </span>
          <BadgeText state={badgeStateFromProgramme(p)} />
        </summary>
        {open.value && (
          <ProgrammeView
            programme={p}
            sources={props.sources}
            onRetry={props.onRetry}
            onSave={props.onSave}
            saved={props.saved?.has(p.key)}
            askNearby={props.askNearby}
            onSaveAlternative={props.onSaveAlternative}
            savedKeys={props.saved}
          />
        )}
      </details>
    </li>
  );
}

export function EtablissementView({ report, sources, onRetry, onSave, saved, onExpand, askNearby, onSaveAlternative }: EtablissementViewProps) {
  const e = report.etablissement;
  const place = [e?.commune, e?.region?.nom].filter(Boolean).join(' · ');
  return (
    <div class="ij-etablissement">
      <header class="ij-programme-head">
        <h2 class="ij-programme-title">{e?.libelle ?? report.sighting.label ?? e?.uai}</h2>
        {place && <p class="ij-where">{place}</p>}
      </header>
      <ValeurAjoutee etablissement={e} />
      <section class="ij-taught">
        <h3 class="ij-h">{panel.etablissement.taught}</h3>
        {report.programmes.length === 0 ? (
          <p class="ij-none">{panel.etablissement.none}</p>
        ) : (
          <>
            <p class="ij-caption">{panel.etablissement.taughtHelp}</p>
            <ul class="ij-taught-list">
              {report.programmes.map((p) => (
                <TaughtRow
                  key={p.key}
                  programme={p}
                  sources={sources}
                  onRetry={onRetry}
                  onSave={onSave}
                  saved={saved}
                  onExpand={onExpand}
                  askNearby={askNearby}
                  onSaveAlternative={onSaveAlternative}
                />
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
