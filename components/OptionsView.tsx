// The options page: the lookup's settings with validation messages, display preferences, and "À propos".
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { DOC_URL, options, panel, regions } from '../lib/strings';
import { EraseData } from './EraseData';
import { validateOptions, type OptionsErrors, type OptionsValues, type PanelPosition } from './validate-options';
import type { SourceCredit } from '../lib/messaging';
import { NearbyOptions } from './NearbyOptions';

export interface OptionsViewProps {
  initial: OptionsValues;
  /** Called with valid values only; may be async (storage). */
  onSettingsSubmit: (values: OptionsValues) => void | Promise<void>;
  sources: SourceCredit[];
  version: string;
  /** Clears everything the extension stored ("effacer mes données"); then the page passes the defaults as `initial`. */
  onErase?: () => Promise<void>;
  /** The README's "Confidentialité" section, shipped as the extension's privacy.html (lib/privacy-page.ts). */
  privacyUrl?: string;
}

type Field = keyof OptionsErrors;
const FIELDS: Field[] = ['apiUrl', 'apiKey', 'preferredRegion', 'cacheDays'];

export function OptionsView(props: OptionsViewProps) {
  const values = useSignal<OptionsValues>(props.initial);
  const errors = useSignal<OptionsErrors>({});
  const status = useSignal<'idle' | 'saved' | 'invalid'>('idle');
  // New initial values (after "effacer mes données") replace what the form shows.
  useEffect(() => {
    values.value = props.initial;
    errors.value = {};
    status.value = 'idle';
  }, [props.initial]);

  const set = <K extends keyof OptionsValues>(key: K, value: OptionsValues[K]) => {
    values.value = { ...values.value, [key]: value };
    status.value = 'idle';
  };
  const setDisplay = <K extends keyof OptionsValues['display']>(key: K, value: OptionsValues['display'][K]) =>
    set('display', { ...values.value.display, [key]: value });

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const found = validateOptions(values.value);
    errors.value = found;
    const bad = FIELDS.filter((f) => found[f]);
    if (bad.length > 0) {
      status.value = 'invalid';
      (e.currentTarget as HTMLFormElement | null)?.querySelector<HTMLElement>(`#ij-opt-${bad[0]}`)?.focus();
      return;
    }
    await props.onSettingsSubmit(values.value);
    status.value = 'saved';
  };

  const describe = (field: Field, help?: boolean) =>
    [help ? `ij-opt-${field}-help` : '', errors.value[field] ? `ij-opt-${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  const errorText = (field: Field) =>
    errors.value[field] ? (
      <p id={`ij-opt-${field}-error`} class="ij-error-text">
        {options.errors[field]}
      </p>
    ) : null;
  const textProps = (field: 'apiUrl' | 'apiKey') => ({
    id: `ij-opt-${field}`,
    value: values.value[field],
    spellcheck: false,
    autocomplete: 'off',
    'aria-invalid': errors.value[field] ? true : undefined,
    'aria-describedby': describe(field, true),
    onInput: (e: Event) => set(field, (e.currentTarget as HTMLInputElement).value),
  });
  const errorCount = FIELDS.filter((f) => errors.value[f]).length;

  return (
    <main class="ij-root ij-options">
      <h1>{options.title}</h1>
      <form noValidate onSubmit={onSubmit}>
        <fieldset>
          <legend>{options.apiSection}</legend>
          <div class="ij-field">
            <label for="ij-opt-apiUrl">{options.apiUrl}</label>
            <input type="url" {...textProps('apiUrl')} />
            <p id="ij-opt-apiUrl-help" class="ij-muted">{options.apiUrlHelp}</p>
            {errorText('apiUrl')}
          </div>
          <div class="ij-field">
            <label for="ij-opt-apiKey">{options.apiKey}</label>
            <input type="password" {...textProps('apiKey')} />
            <p id="ij-opt-apiKey-help" class="ij-muted">{options.apiKeyHelp}</p>
            {errorText('apiKey')}
          </div>
          <div class="ij-field">
            <label for="ij-opt-preferredRegion">{options.region}</label>
            <select
              id="ij-opt-preferredRegion"
              value={values.value.preferredRegion}
              aria-invalid={errors.value.preferredRegion ? true : undefined}
              aria-describedby={describe('preferredRegion', true)}
              onChange={(e) => set('preferredRegion', (e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">{options.regionNone}</option>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.nom}
                </option>
              ))}
            </select>
            <p id="ij-opt-preferredRegion-help" class="ij-muted">{options.regionHelp}</p>
            {errorText('preferredRegion')}
          </div>
          <div class="ij-field">
            <label for="ij-opt-cacheDays">{options.cacheDays}</label>
            <input
              id="ij-opt-cacheDays"
              type="number"
              inputMode="numeric"
              min={1}
              max={90}
              step={1}
              value={Number.isNaN(values.value.cacheDays) ? '' : String(values.value.cacheDays)}
              aria-invalid={errors.value.cacheDays ? true : undefined}
              aria-describedby={describe('cacheDays', true)}
              onInput={(e) => {
                const raw = (e.currentTarget as HTMLInputElement).value.trim();
                set('cacheDays', raw === '' ? Number.NaN : Number(raw));
              }}
            />
            <p id="ij-opt-cacheDays-help" class="ij-muted">{options.cacheDaysHelp}</p>
            {errorText('cacheDays')}
          </div>
        </fieldset>
        <fieldset>
          <legend>{options.displaySection}</legend>
          <fieldset class="ij-radios">
            <legend>{options.panelPosition}</legend>
            {(Object.keys(options.positions) as PanelPosition[]).map((p) => (
              <label key={p} class="ij-check">
                <input
                  type="radio"
                  name="panelPosition"
                  value={p}
                  checked={values.value.display.position === p}
                  onChange={() => setDisplay('position', p)}
                />
                {options.positions[p]}
              </label>
            ))}
          </fieldset>
          <label class="ij-check">
            <input
              type="checkbox"
              checked={values.value.display.startCollapsed}
              onChange={(e) => setDisplay('startCollapsed', (e.currentTarget as HTMLInputElement).checked)}
            />
            {options.startCollapsed}
          </label>
          <label class="ij-check">
            <input
              type="checkbox"
              checked={values.value.display.showBadges}
              onChange={(e) => setDisplay('showBadges', (e.currentTarget as HTMLInputElement).checked)}
            />
            {options.showBadges}
          </label>
        </fieldset>
        <NearbyOptions value={values.value.nearby} onChange={(next) => set('nearby', next)} />
        <div class="ij-actions">
          <button type="submit" class="ij-button">
            {options.save}
          </button>
          <p role="status" class={status.value === 'invalid' ? 'ij-error-text' : 'ij-ok-text'}>
            {status.value === 'saved' ? options.saved : status.value === 'invalid' ? options.hasErrors(errorCount) : ''}
          </p>
        </div>
      </form>
      <section class="ij-about" aria-labelledby="ij-about-title">
        <h2 id="ij-about-title">{options.about}</h2>
        <p>{options.aboutIntro}</p>
        <h3>{options.sources}</h3>
        <ul>
          {props.sources.map((s) => (
            <li key={s.name}>{panel.details.source(s.name, s.date, s.licence)}</li>
          ))}
        </ul>
        <p>
          <a href={DOC_URL} target="_blank" rel="noopener noreferrer">
            {options.doc}
          </a>
        </p>
        <h3>{options.privacy}</h3>
        <p>{options.privacyRead}</p>
        <p>{options.privacyStored}</p>
        {props.privacyUrl && (
          <p>
            <a href={props.privacyUrl} target="_blank" rel="noopener noreferrer">
              {options.privacyLink}
            </a>
          </p>
        )}
        {props.onErase && <EraseData onErase={props.onErase} />}
        <p class="ij-muted">{options.version(props.version)}</p>
      </section>
    </main>
  );
}
