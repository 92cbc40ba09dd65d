// The counsellor's selection page (an unlisted page, `selection.html`): the saved programmes side by side,
// CSV export and print. The selection keeps no figures: each item's sighting is looked up again (the
// background's cache answers at once) and its row shows loading cells until the report arrives. An
// alternative (kept from "Ailleurs près d'ici") is shown beside its original, which is looked up too.
import { render } from 'preact';
import { computed, signal } from '@preact/signals';
import { SelectionView } from '../../components';
import type { AlternativeRow } from '../../components/SelectionAlternatives';
import { csvFileName, selectionToCsv } from '../../lib/csv-export';
import { messaging } from '../../lib/messaging';
import { normalizeSelection, savedProgrammeOf, type SelectionItem } from '../../lib/saved-selection';
import { getSelection, removeFromSelection, selectionItem } from '../../lib/selection-store';
import { selection as selectionStrings } from '../../lib/strings';
import type { Cell, Cells, ProgrammeReport } from '../../lib/types';
import '../../components/page.css';

const items = signal<SelectionItem[]>([]);
/** Reports by programme key, as they arrive. */
const reports = signal<ReadonlyMap<string, ProgrammeReport>>(new Map());
/** Lookups asked, by key: an export waits for the ones still running rather than write "not loaded". */
const asked = new Map<string, Promise<void>>();

const allCells = (cell: Cell): Cells => ({
  etablissement: { scolaire: cell, apprentissage: cell },
  region: { scolaire: cell, apprentissage: cell },
  france: { scolaire: cell, apprentissage: cell },
});

/** What a row shows before (or instead of) its report: the saved names, and cells saying why there are no figures. */
function placeholder(item: SelectionItem, cell: Cell): ProgrammeReport {
  return {
    key: item.key,
    libelle: item.libelle,
    ...(item.cfd ? { cfd: item.cfd } : {}),
    ...(item.mefstat11 ? { mefstat11: item.mefstat11 } : {}),
    ...(item.uai ? { etablissement: { uai: item.uai, ...(item.etablissement ? { libelle: item.etablissement } : {}) } } : {}),
    cells: allCells(cell),
  };
}

function settle(key: string, programme: ProgrammeReport): void {
  const next = new Map(reports.value);
  next.set(key, programme);
  reports.value = next;
}

function lookUp(item: SelectionItem): void {
  if (asked.has(item.key)) return;
  const done = messaging
    .sendMessage('lookup', { sighting: item.sighting })
    .then((report) => settle(item.key, savedProgrammeOf(report, item) ?? placeholder(item, { state: 'none', reason: 'hors-referentiel' })))
    .catch(() => settle(item.key, placeholder(item, { state: 'error', error: 'network' })));
  asked.set(item.key, done);
}

/** An alternative's original, as an item to look up (shared with the original's own row when it is saved too). */
function originalOf(item: SelectionItem): SelectionItem | undefined {
  const of = item.alternative?.of;
  return of && { key: of.key, libelle: of.libelle, ...(of.etablissement ? { etablissement: of.etablissement } : {}), sighting: of.sighting, addedAt: item.addedAt };
}

const reportOf = (item: SelectionItem) => reports.value.get(item.key) ?? placeholder(item, { state: 'loading' });

const shown = computed<ProgrammeReport[]>(() => items.value.filter((item) => !item.alternative).map(reportOf));

const alternatives = computed<AlternativeRow[]>(() =>
  items.value.flatMap((item) => {
    const original = originalOf(item);
    return item.alternative && original ? [{ key: item.key, info: item.alternative, original: reportOf(original), alternative: reportOf(item) }] : [];
  }),
);

function setItems(next: SelectionItem[]): void {
  items.value = next;
  for (const item of next) {
    lookUp(item);
    const original = originalOf(item);
    if (original) lookUp(original);
  }
}

async function exportCsv(): Promise<void> {
  await Promise.all(items.value.map((item) => asked.get(item.key)));
  // Alternatives are programmes of the selection too: one more set of rows each.
  const blob = new Blob([selectionToCsv([...shown.value, ...alternatives.value.map((a) => a.alternative)])], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName(new Date());
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is released once the browser took it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

document.documentElement.lang = 'fr';
document.title = `InserJeunes – ${selectionStrings.title.toLowerCase()}`;
render(
  <SelectionView
    items={shown}
    alternatives={alternatives}
    onRemove={(key) => void removeFromSelection(key)}
    onExportCsv={() => void exportCsv()}
    onPrint={() => window.print()}
  />,
  document.getElementById('app')!,
);

void getSelection().then(setItems);
// Saved from another tab (a panel, the popup) or removed here: the table follows.
selectionItem.watch((next) => setItems(normalizeSelection(next)));
