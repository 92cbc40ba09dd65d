// Onisep action pages shaped like fixtures/pages/onisep/action.html, for the "better nearby" scenario's actions.

export interface ActionPage {
  af: string;
  etab: string;
  commune: string;
  uai: string;
  /** The programme's title and its Onisep FOR id (default: Bac pro Métiers de la sécurité, FOR.3651). */
  title?: string;
  forId?: string;
}

export const actionPage = ({ af, etab, commune, uai, title = 'Bac pro Métiers de la sécurité', forId = 'FOR.3651' }: ActionPage) => `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${title} – ${etab} - Onisep</title>
<link rel="canonical" href="https://www.onisep.fr/http/redirection/formation/slug/${af}"></head>
<body><main id="main"><div data-ideo-page="true">
<div class="title-block"><h1 class="title-block__title">${title}</h1>
<p class="title-block__subtitle">au ${etab}, ${commune}</p></div>
<div class="callout"><p class="callout-text">Code UAI&nbsp;: ${uai}</p><ul><li>Durée&nbsp;: 3&nbsp;ans</li></ul></div>
<p><a href="/http/redirection/formation/slug/${forId}">${title}</a> : toute la fiche formation</p>
</div></main></body></html>`;

export const ONISEP_ETABLISSEMENTS = 'https://www.onisep.fr/ressources/structures-enseignement/auvergne-rhone-alpes';
