// The privacy page shipped in the extension is the README's « Confidentialité » section, rendered at build time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { privacyHtml, privacyPage, PRIVACY_MARK, readmeSection } from '../../lib/privacy-page';

const README = ['# Titre', '', 'Intro.', '', '## Confidentialité', '', '- **Lu** : les `codes`.', '', '### Détail', 'Texte.', '', '## Publier', '', 'Autre.'].join('\n');

describe('readmeSection', () => {
  it('takes the section up to the next heading of its level, keeping its sub-headings', () => {
    expect(readmeSection(README, 'Confidentialité')).toBe('- **Lu** : les `codes`.\n\n### Détail\nTexte.');
  });

  it('names the missing section', () => {
    expect(() => readmeSection('# Titre\n\n## Publier\n', 'Confidentialité')).toThrow('README.md n\'a pas de section « ## Confidentialité »');
  });
});

describe('privacyHtml', () => {
  it('renders the Markdown under a title', () => {
    const html = privacyHtml(README);
    expect(html).toMatch(/^<h1>Confidentialité<\/h1>/);
    expect(html).toContain('<li><strong>Lu</strong> : les <code>codes</code>.</li>');
    expect(html).toContain('<h3>Détail</h3>');
    expect(html).not.toContain('Autre.');
  });

  it('renders the project README, every lead of its privacy section included', () => {
    const readme = readFileSync('README.md', 'utf8');
    const leads = [...readmeSection(readme, 'Confidentialité').matchAll(/^- \*\*(.+?)\*\*/gm)].map((m) => m[1]);
    expect(leads.length).toBeGreaterThanOrEqual(4);
    const html = privacyHtml(readme).replaceAll('&#39;', "'");
    for (const lead of leads) expect(html).toContain(`<strong>${lead}</strong>`);
  });
});

describe('privacyPage (Vite plugin)', () => {
  const transform = (html: string) => {
    const hook = privacyPage('README.md').transformIndexHtml as (html: string) => string;
    return hook(html);
  };

  it('fills the mark of the privacy page', () => {
    const out = transform(`<main>${PRIVACY_MARK}</main>`);
    expect(out).toContain('<main><h1>Confidentialité</h1>');
    expect(out).not.toContain(PRIVACY_MARK);
  });

  it('leaves the other pages alone', () => {
    expect(transform('<main><div id="app"></div></main>')).toBe('<main><div id="app"></div></main>');
  });
});
