// Text helpers shared by the build and the lookup: accent- and case-insensitive words.

/** Lower case, accents removed, anything not a letter or digit becomes a space, spaces collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The words of a text, normalised (see normalizeText). */
export function words(text: string): string[] {
  const n = normalizeText(text);
  return n ? n.split(' ') : [];
}

/** A header or JSON key reduced to letters and digits, so `ENS code UAI` and `ens_code_uai` compare equal. */
export function headerKey(name: string): string {
  return normalizeText(name).replace(/ /g, '');
}
