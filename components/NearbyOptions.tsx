// The options of "Ailleurs près d'ici": on/off, the user's place (commune or postcode), the radius.
import { nearbyOptions as t } from '../lib/nearby-strings';
import { RADIUS_CHOICES, type NearbySettings, type Radius } from '../lib/settings';

const radiusOf = (v: string): Radius => (v === 'academie' ? v : Number(v));

export function NearbyOptions({ value, onChange }: { value: NearbySettings; onChange: (next: NearbySettings) => void }) {
  const set = <K extends keyof NearbySettings>(key: K, v: NearbySettings[K]) => onChange({ ...value, [key]: v });
  return (
    <fieldset>
      <legend>{t.section}</legend>
      <label class="ij-check">
        <input type="checkbox" checked={value.enabled} onChange={(e) => set('enabled', (e.currentTarget as HTMLInputElement).checked)} />
        {t.enabled}
      </label>
      <div class="ij-field">
        <label for="ij-opt-nearbyPlace">{t.place}</label>
        <input
          id="ij-opt-nearbyPlace"
          type="text"
          maxLength={80}
          autocomplete="postal-code"
          value={value.place}
          aria-describedby="ij-opt-nearbyPlace-help"
          onInput={(e) => set('place', (e.currentTarget as HTMLInputElement).value)}
        />
        <p id="ij-opt-nearbyPlace-help" class="ij-muted">{t.placeHelp}</p>
      </div>
      <div class="ij-field">
        <label for="ij-opt-nearbyRadius">{t.radius}</label>
        <select id="ij-opt-nearbyRadius" value={String(value.radiusKm)} onChange={(e) => set('radiusKm', radiusOf((e.currentTarget as HTMLSelectElement).value))}>
          {RADIUS_CHOICES.map((r) => (
            <option key={r} value={String(r)}>
              {t.radiusValue(r)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
