// One row for one specialty of a famille de métiers: its name and its best figures or why there are none.
import type { ProgrammeReport } from '../lib/types';
import { badgeStateFromProgramme } from './panel-state';
import { BadgeText } from './Badge';

export function SpecialtyLine({ programme }: { programme: ProgrammeReport }) {
  const state = badgeStateFromProgramme(programme);
  return (
    <li class="ij-specialite">
      <span class="ij-specialite-name">{programme.libelle}</span>
      <BadgeText state={state} />
    </li>
  );
}
