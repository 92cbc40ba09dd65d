// Build configuration: the manifest is derived from entrypoints/, the rest is set here.
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { apiOriginPattern, DEFAULT_API_URL } from './lib/api-url';

// The API base URL baked in as the default setting; tests and the demo point it at the mock server.
const apiUrl = process.env.WXT_INSERJEUNES_API_URL || DEFAULT_API_URL;

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  webExt: { disabled: true },
  vite: () => ({
    plugins: [preact()],
    define: { __INSERJEUNES_API_URL__: JSON.stringify(apiUrl) },
  }),
  manifest: ({ browser }) => ({
    name: 'InserJeunes – débouchés des formations',
    description:
      "Affiche sur Onisep, Parcoursup et Affelnet les chiffres InserJeunes : emploi et poursuite d'études après une formation professionnelle.",
    permissions: ['storage'],
    host_permissions: [apiOriginPattern(apiUrl)],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'inserjeunes@extension', strict_min_version: '115.0' } } }
      : {}),
  }),
  zip: {
    excludeSources: ['.output/**', 'test-results/**', 'playwright-report/**', '**/*.pem', '**/*.key', '.env*', 'public/referentiel.json'],
  },
});
