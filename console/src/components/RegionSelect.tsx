import type { ReactNode } from 'react';
import { useLanguage } from '../i18n/language';
import { useRegions } from './useRegions';

/**
 * A form's region, chosen among the company's sales regions (`defaultValue` at first: the signed-in person's own, or
 * the record's); `children` come after the select, inside its label (its field error).
 */
export function RegionSelect({ name = 'region', defaultValue, invalid, children }: { name?: string; defaultValue?: string | null; invalid: boolean; children?: ReactNode }) {
  const regions = useRegions();
  const { t, word } = useLanguage();
  return (
    <label>
      {t('common.region')}
      {/* Mounted again when the regions arrive, so that the region chosen at first is the one shown. */}
      <select key={regions.length} name={name} defaultValue={defaultValue ?? ''} aria-invalid={invalid}>
        <option value="">{t('opportunity.choose')}</option>
        {regions.map((region) => (
          <option key={region} value={region}>
            {word('region', region)}
          </option>
        ))}
      </select>
      {children}
    </label>
  );
}
