// The details drawer: later employment, pay, valeur ajoutée, cohorts, continuum, famille, sources.
import { useState } from 'preact/hooks';
import type { EtablissementInfo, ProgrammeReport } from '../lib/types';
import { DOC_URL, formatDelta, formatEuros, formatMillesime, formatPercent, panel, scopeLabel, voieLabels } from '../lib/strings';
import { eachCell } from './panel-state';
import type { SourceCredit } from '../lib/messaging';
import { SpecialtyLine } from './Specialty';

const pct = (n: number | null | undefined) => (n == null ? panel.details.notAvailable : formatPercent(n));

function LaterEmployment({ programme }: { programme: ProgrammeReport }) {
  const rows = eachCell(programme).filter(
    ({ cell }) =>
      cell.state === 'figures' &&
      [cell.figures.tauxEnEmploi12Mois, cell.figures.tauxEnEmploi18Mois, cell.figures.tauxEnEmploi24Mois].some((v) => v != null),
  );
  if (rows.length === 0) return null;
  return (
    <table class="ij-table">
      <caption>{panel.details.laterEmployment}</caption>
      <thead>
        <tr>
          <td />
          {[6, 12, 18, 24].map((m) => (
            <th scope="col" key={m}>{panel.details.months(m)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ scope, voie, cell }) =>
          cell.state !== 'figures' ? null : (
            <tr key={`${scope}-${voie}`}>
              <th scope="row">{`${scopeLabel(scope, programme.region?.nom)}, ${voieLabels[voie].toLowerCase()}`}</th>
              <td>{pct(cell.figures.tauxEnEmploi6Mois)}</td>
              <td>{pct(cell.figures.tauxEnEmploi12Mois)}</td>
              <td>{pct(cell.figures.tauxEnEmploi18Mois)}</td>
              <td>{pct(cell.figures.tauxEnEmploi24Mois)}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

function Salaries({ programme }: { programme: ProgrammeReport }) {
  const rows = (['scolaire', 'apprentissage'] as const).flatMap((voie) => {
    const cell = programme.cells.france[voie];
    if (cell.state !== 'figures') return [];
    const { salaire12MoisQ1: q1, salaire12MoisQ2: q2, salaire12MoisQ3: q3 } = cell.figures;
    if (q1 == null && q2 == null && q3 == null) return [];
    return [{ voie, q1, q2, q3 }];
  });
  if (rows.length === 0) return null;
  const eur = (n: number | null | undefined) => (n == null ? panel.details.notAvailable : formatEuros(n));
  return (
    <section class="ij-sub">
      <h4>{panel.details.salaries}</h4>
      {rows.map((r) => (
        <dl class="ij-dl" key={r.voie}>
          <dt class="ij-dl-head">{voieLabels[r.voie]}</dt>
          <dd>{`${panel.details.q1} ${eur(r.q1)}`}</dd>
          <dd>{`${panel.details.q2} ${eur(r.q2)}`}</dd>
          <dd>{`${panel.details.q3} ${eur(r.q3)}`}</dd>
        </dl>
      ))}
    </section>
  );
}

/** The establishment's DEPP valeur ajoutée, per voie and year. */
export function ValeurAjoutee({ etablissement }: { etablissement?: EtablissementInfo }) {
  const list = etablissement?.valeurAjoutee ?? [];
  if (list.length === 0) return null;
  return (
    <section class="ij-sub">
      <h4>{panel.details.valeurAjoutee}</h4>
      <p class="ij-muted">{panel.details.valeurAjouteeHelp}</p>
      <ul>
        {list.map((va) => (
          <li key={`${va.voie}-${va.millesime}`}>
            {panel.details.valeurAjouteeRow(
              voieLabels[va.voie],
              formatMillesime(va.millesime),
              pct(va.taux),
              pct(va.tauxAttendu),
              va.valeurAjoutee == null ? panel.details.notAvailable : formatDelta(va.valeurAjoutee),
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Cohorts({ programme }: { programme: ProgrammeReport }) {
  const rows = eachCell(programme).flatMap(({ scope, voie, cell }) => {
    if (cell.state === 'figures') return [{ scope, voie, millesime: cell.figures.millesime, n: cell.figures.nbAnneeTerm }];
    if (cell.state === 'secret' && cell.nbAnneeTerm != null && cell.millesime)
      return [{ scope, voie, millesime: cell.millesime, n: cell.nbAnneeTerm }];
    return [];
  });
  if (rows.length === 0) return null;
  return (
    <section class="ij-sub">
      <h4>{panel.details.cohorts}</h4>
      <ul>
        {rows.map((r) => (
          <li key={`${r.scope}-${r.voie}`}>
            {panel.details.cohortRow(scopeLabel(r.scope, programme.region?.nom), voieLabels[r.voie], r.millesime, r.n)}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ContinuumNote({ programme }: { programme: ProgrammeReport }) {
  const c = programme.continuum;
  if (!c) return null;
  return <p class="ij-note">{panel.borrowed[c.type](c.codeCertification, c.libelle)}</p>;
}

/** A common 2de's specialties, one row each: the panel's main content for such a programme. */
export function Famille({ programme }: { programme: ProgrammeReport }) {
  const f = programme.famille;
  if (!f || f.specialites.length === 0) return null;
  return (
    <section class="ij-sub">
      <h3 class="ij-h">{panel.details.famille(f.libelle)}</h3>
      <p class="ij-muted">{panel.details.familleHelp}</p>
      <ul class="ij-specialites">
        {f.specialites.map((s) => (
          <SpecialtyLine key={s.key} programme={s} />
        ))}
      </ul>
    </section>
  );
}

function Sources({ sources }: { sources: SourceCredit[] }) {
  return (
    <section class="ij-sub">
      <h4>{panel.details.sources}</h4>
      <ul>
        {sources.map((s) => (
          <li key={s.name}>{panel.details.source(s.name, s.date, s.licence)}</li>
        ))}
      </ul>
      <p>
        <a href={DOC_URL} target="_blank" rel="noopener noreferrer">
          {panel.details.doc}
        </a>
      </p>
    </section>
  );
}

export function DetailsDrawer({ programme, sources = [] }: { programme: ProgrammeReport; sources?: SourceCredit[] }) {
  // Drawn the first time it is opened, then kept: a drawer nobody opens costs the page nothing.
  const [opened, setOpened] = useState(false);
  return (
    <details class="ij-details" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && setOpened(true)}>
      <summary>{panel.details.summary}</summary>
      {opened && (
        <div class="ij-details-body">
          <ContinuumNote programme={programme} />
          <LaterEmployment programme={programme} />
          <Salaries programme={programme} />
          <ValeurAjoutee etablissement={programme.etablissement} />
          <Cohorts programme={programme} />
          <Sources sources={sources} />
        </div>
      )}
    </details>
  );
}
