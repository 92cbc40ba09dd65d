// The privacy statement shipped inside the extension: the README's « Confidentialité » section, rendered
// to HTML at build time into entrypoints/privacy/index.html, so the options page can link to it even
// before the repository has a public address, and the two texts can never differ.
import { readFileSync } from 'node:fs';
import { marked } from 'marked';
import type { Plugin } from 'vite';

/** Where the rendered section goes in entrypoints/privacy/index.html. */
export const PRIVACY_MARK = '<!-- readme:Confidentialité -->';
export const PRIVACY_TITLE = 'Confidentialité';

/** The Markdown of one `## title` section of a README, without its heading; throws when it is missing. */
export function readmeSection(readme: string, title: string): string {
  const lines = readme.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start < 0) throw new Error(`README.md n'a pas de section « ## ${title} » : la page de confidentialité ne peut pas être construite.`);
  const end = lines.findIndex((line, i) => i > start && /^#{1,2} /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
}

/** The section as HTML, headed by its title. */
export function privacyHtml(readme: string): string {
  return `<h1>${PRIVACY_TITLE}</h1>\n${marked.parse(readmeSection(readme, PRIVACY_TITLE), { async: false })}`;
}

/** Vite plugin: fills the mark in the privacy page with the README's section, read at each build. */
export function privacyPage(readmePath: string): Plugin {
  return {
    name: 'inserjeunes-privacy-page',
    transformIndexHtml(html) {
      if (!html.includes(PRIVACY_MARK)) return html;
      return html.replace(PRIVACY_MARK, () => privacyHtml(readFileSync(readmePath, 'utf8')));
    },
  };
}
