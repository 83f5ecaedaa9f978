import type { ReactNode } from 'react';
import { useLanguage } from '../i18n/language';

/** Label → value pairs of one record; labels are translation keys. */
export function Facts({ facts, testId }: { facts: [string, ReactNode][]; testId?: string }) {
  const { t } = useLanguage();
  return (
    <dl className="facts" data-testid={testId}>
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
