// The options page: the stored settings and API key in OptionsView, the host permission a new API origin
// needs, and the "À propos" section's sources (from the background's referentiel) and version.
import { render } from 'preact';
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { OptionsView, type OptionsValues } from '../../components';
import { apiOriginPattern } from '../../lib/api-url';
import { messaging, type SourceCredit } from '../../lib/messaging';
import { getApiKey, setApiKey } from '../../lib/api-key';
import type { Settings } from '../../lib/settings';
import { getSettings, saveSettings } from '../../lib/settings-store';
import { options as optionStrings } from '../../lib/strings';
import '../../components/page.css';

type Loaded = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; values: OptionsValues };

const loaded = signal<Loaded>({ status: 'loading' });
const sources = signal<SourceCredit[]>([]);
/** Why the last submit saved nothing (OptionsView shows validation errors; this page shows the rest). */
const refusal = signal<string>('');
let storedApiUrl = '';

/** OptionsView shows "saved" when its submit handler returns: a refusal rejects with this, and this page says why. */
class SaveRefused extends Error {}

/**
 * Asks for the API origin when it changed. Called first in the submit handler, before any await, so
 * that the browser still sees the user's click. A request for an origin the manifest already grants
 * resolves true without a prompt; `contains` is the check when the request itself could not run.
 */
async function originGranted(apiUrl: string): Promise<boolean> {
  if (apiOriginPattern(apiUrl) === apiOriginPattern(storedApiUrl)) return true;
  const origins = [apiOriginPattern(apiUrl)];
  const request = browser.permissions.request({ origins });
  try {
    if (await request) return true;
  } catch {
    // A refused or impossible request; the manifest may still grant the origin.
  }
  return browser.permissions.contains({ origins }).catch(() => false);
}

async function submit(values: OptionsValues): Promise<void> {
  const granted = originGranted(values.apiUrl);
  refusal.value = '';
  if (!(await granted)) {
    refusal.value = optionStrings.permissionRefused(new URL(values.apiUrl).origin);
    revealRefusal();
    throw new SaveRefused();
  }
  const { apiKey, ...settings } = values;
  try {
    await Promise.all([saveSettings(settings as Settings), setApiKey(apiKey)]);
  } catch (error) {
    refusal.value = optionStrings.saveFailed;
    revealRefusal();
    throw new SaveRefused(String(error));
  }
  const previous = storedApiUrl;
  storedApiUrl = settings.apiUrl;
  await releaseOrigin(previous, settings.apiUrl);
}

/** The API origin the user left is given back: the extension keeps access to the API it uses, and no other. */
async function releaseOrigin(previous: string, next: string): Promise<void> {
  if (!previous) return;
  const old = apiOriginPattern(previous);
  const manifest = browser.runtime.getManifest() as { host_permissions?: string[]; permissions?: string[] };
  const required = [...(manifest.host_permissions ?? []), ...(manifest.permissions ?? [])];
  if (old === apiOriginPattern(next) || required.includes(old)) return;
  await browser.permissions.remove({ origins: [old] }).catch(() => undefined);
}

/** "Effacer mes données": the cache, the settings, the API key and the selection (local), the tabs' findings (session). */
async function eraseAll(): Promise<void> {
  await browser.storage.local.clear();
  await browser.storage.session?.clear();
  await setApiKey(''); // kept apart, in the extension's IndexedDB (lib/api-key.ts)
  await loadSettings();
}

/** The message sits above the form, out of sight from the save button on a small screen: bring it into view. */
function revealRefusal(): void {
  requestAnimationFrame(() => document.getElementById('ij-options-refusal')?.scrollIntoView({ block: 'nearest' }));
}

// The rejection is OptionsView's signal not to say "saved"; the reason is already on screen.
addEventListener('unhandledrejection', (e) => {
  if (e.reason instanceof SaveRefused) e.preventDefault();
});

function App() {
  const state = loaded.value;
  if (state.status === 'loading') return <p class="ij-root ij-options ij-muted">{optionStrings.loading}</p>;
  if (state.status === 'failed') return <p class="ij-root ij-options ij-error-text" role="alert">{optionStrings.loadFailed}</p>;
  return (
    <>
      {/* Above the form, where it is seen; OptionsView keeps its own status line for "saved" and field errors. */}
      <div id="ij-options-refusal" class="ij-root" role="alert" style={{ maxWidth: '960px', margin: '0 auto', padding: '0 16px' }}>
        {refusal.value && (
          <p class="ij-error-text" style={{ margin: '12px 0 0' }}>
            {refusal.value}
          </p>
        )}
      </div>
      <OptionsView
        initial={state.values}
        onSettingsSubmit={submit}
        sources={sources.value}
        version={browser.runtime.getManifest().version}
        onErase={eraseAll}
        privacyUrl={browser.runtime.getURL('/privacy.html')}
      />
    </>
  );
}

document.documentElement.lang = 'fr';
render(<App />, document.getElementById('app')!);

async function loadSettings(): Promise<void> {
  const [settings, apiKey] = await Promise.all([getSettings(), getApiKey()]);
  storedApiUrl = settings.apiUrl;
  loaded.value = { status: 'ready', values: { ...settings, apiKey } };
}

loadSettings().catch(() => (loaded.value = { status: 'failed' }));
messaging
  .sendMessage('sources', undefined)
  .then((s) => (sources.value = s.sources))
  .catch(() => undefined);
