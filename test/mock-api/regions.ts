// Region codes the API accepts, their names, and the département → region table used to read a
// postal code given in place of a region (public INSEE geography, written out by hand).
import { regions } from '../../lib/strings';

/**
 * Region names by code: the extension's own list (lib/strings.ts), the one the API accepts; region 00
 * spelt as the API spells it (swagger.yml, region parameter).
 */
export const REGION_NAMES: Record<string, string> = { ...Object.fromEntries(regions.map((r) => [r.code, r.nom])), '00': "Collectivités d'outre-mer" };

const DEPARTEMENTS_BY_REGION: Record<string, string[]> = {
  '01': ['971'],
  '02': ['972'],
  '03': ['973'],
  '04': ['974'],
  '06': ['976'],
  '11': ['75', '77', '78', '91', '92', '93', '94', '95'],
  '24': ['18', '28', '36', '37', '41', '45'],
  '27': ['21', '25', '39', '58', '70', '71', '89', '90'],
  '28': ['14', '27', '50', '61', '76'],
  '32': ['02', '59', '60', '62', '80'],
  '44': ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'],
  '52': ['44', '49', '53', '72', '85'],
  '53': ['22', '29', '35', '56'],
  '75': ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87'],
  '76': ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'],
  '84': ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'],
  '93': ['04', '05', '06', '13', '83', '84'],
  '94': ['20'], // postal codes of both Corsican départements start with 20
};

const REGION_BY_DEPARTEMENT = new Map<string, string>(
  Object.entries(DEPARTEMENTS_BY_REGION).flatMap(([region, deps]) => deps.map((d) => [d, region] as const)),
);

/** The region of a 5-digit postal code, or undefined when its département is not in the table. */
export function regionOfPostalCode(postalCode: string): string | undefined {
  const dep = postalCode.startsWith('97') ? postalCode.slice(0, 3) : postalCode.slice(0, 2);
  return REGION_BY_DEPARTEMENT.get(dep);
}

export const isRegionCode = (code: string): boolean => Object.hasOwn(REGION_NAMES, code);
