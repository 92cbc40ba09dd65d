// The "sans perspectives" warning: kind words and its definition, only from a cell that says so.
import { panel } from '../lib/strings';

export function SansPerspectivesNotice() {
  return (
    <div class="ij-warn" role="note">
      <strong class="ij-warn-title">{panel.sansPerspectivesTitle}</strong>
      <p>{panel.sansPerspectives}</p>
    </div>
  );
}
