// Build configuration: the manifest is derived from entrypoints/, the rest is set here.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { apiOriginPattern, DEFAULT_API_URL } from './lib/api-url';
import { privacyPage } from './lib/privacy-page';
import { shipReferentiel } from './lib/referentiel/ship';
import { sites } from './lib/sites/all-sites';

/** The sites' origins (web-accessible resources accept origin patterns only). */
const SITE_ORIGINS = [...new Set(sites.flatMap((s) => s.matches).map((m) => m.replace(/^(https?:\/\/[^/]+)\/.*$/, '$1/*')))];

// The API base URL baked in as the default setting; tests and the demo point it at the mock server.
const apiUrl = process.env.WXT_INSERJEUNES_API_URL || DEFAULT_API_URL;
/** Hosts a user may point the API setting at; granted only on request, from the options page. */
const OTHER_API_HOSTS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];

/** The toolbar and store icons, drawn once in components/icon.svg (also the panel's mark); PNGs made at build time. */
const ICON_SIZES = [16, 32, 48, 128];
const ICON_FILES = Object.fromEntries(ICON_SIZES.map((size) => [size, `icons/${size}.png`]));

export default defineConfig({
  // No webextension-polyfill: Chrome MV3's `chrome.*` and Firefox's `browser.*` return promises natively,
  // and `wxt/browser` is then the browser's own object (the polyfill was ~10 KB parsed on every page we read).
  modules: ['@wxt-dev/auto-icons'],
  autoIcons: { baseIconPath: 'components/icon.svg', sizes: ICON_SIZES },
  hooks: {
    // auto-icons sets the manifest's `icons`; the toolbar button shows the same pictures.
    'build:manifestGenerated': (_wxt, manifest) => {
      const action = manifest.action ?? manifest.browser_action;
      if (action) action.default_icon = ICON_FILES;
    },
    // auto-icons starts creating icons/ without waiting for it before writing there: have it exist first.
    // The referentiel copied from public/ ships gzipped (lib/referentiel/shipped-file.ts).
    'build:done': async (wxt) => {
      await mkdir(resolve(wxt.config.outDir, 'icons'), { recursive: true });
      shipReferentiel(wxt.config.outDir);
    },
  },
  // Explicit imports everywhere: what a file uses is written at its top.
  imports: false,
  webExt: { disabled: true },
  vite: () => ({
    // privacy.html: the README's « Confidentialité » section, shipped so the options page can link to it.
    plugins: [preact(), privacyPage(resolve('README.md'))],
    define: { __INSERJEUNES_API_URL__: JSON.stringify(apiUrl) },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'InserJeunes – débouchés des formations',
    // The stores' short description too: 132 characters at most (Chrome Web Store).
    description: "Sur Onisep, Parcoursup et Affelnet, les chiffres InserJeunes : emploi et poursuite d'études après une formation professionnelle.",
    permissions: ['storage'],
    // The in-page UI is imported by the content scripts on the sites' pages, and only there.
    // Chrome serves it under a per-session random origin (use_dynamic_url), so a page cannot probe for the
    // extension at its fixed id; Firefox's moz-extension:// origin is already random per install (README).
    web_accessible_resources: [
      {
        resources: ['page-ui.js'],
        matches: SITE_ORIGINS,
        ...(manifestVersion === 3 && browser !== 'firefox' ? { use_dynamic_url: true } : {}),
      },
    ],
    // The API origin only: content scripts inject through their matches, and the background asks nothing of the sites.
    host_permissions: [apiOriginPattern(apiUrl)],
    // Another API host (the service is moving) is asked for when the user sets it in the options.
    ...(manifestVersion === 3 ? { optional_host_permissions: OTHER_API_HOSTS } : { optional_permissions: OTHER_API_HOSTS }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Firefox asks every add-on what it transmits. The extension sends no personal data, but it does
            // send something read from the visited pages (programme and establishment codes) to a server that is
            // not the page's own (the InserJeunes API): Mozilla's "websiteContent" type (README « Publier »).
            // 153 ESR, the supported one (140 ESR ended on 2026-09-29): lib/watch-page-url.ts follows
            // client-side navigation through the Navigation API, which Firefox has only since 147.
            gecko: { id: 'inserjeunes@extension', strict_min_version: '153.0', data_collection_permissions: { required: ['websiteContent'] } },
          },
        }
      : {}),
  }),
  zip: {
    // The store's sources archive: code and the tools to build it, no build output, keys or pictures.
    excludeSources: [
      '.output/**',
      '.cache/**',
      'test-results/**',
      'playwright-report/**',
      'test/demo/screenshots/**',
      '**/*.pem',
      '**/*.key',
      '**/*.crx',
      '.env*',
      'public/referentiel.json',
    ],
  },
});
