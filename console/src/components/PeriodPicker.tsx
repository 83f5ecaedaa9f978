import { useState } from 'react';
import { useLanguage } from '../i18n/language';
import { draftOf, isPeriod, kindOf, periodKinds, periodOf, withKind, type PeriodDraft, type PeriodKind } from '../lib/periods';
import { Select } from './Select';

interface PeriodPickerProps {
  value: string;
  onChange: (period: string) => void;
  /** The label of its first control, the kind of period (a translation key). */
  label?: string;
  /** The API refused the period (a form's field error): its controls say so. */
  invalid?: boolean;
}

const quarters = ['1', '2', '3', '4'];

/**
 * A period as the API names it (2026-11, 2026-Q4, 2026), picked rather than typed: its kind, then the month from the
 * browser's month picker, or the year and its quarter. It is handed on as soon as it is whole (a year typed key by key
 * is never asked for half-typed), and at Enter whatever it is, so that the API says what is wrong with it.
 */
export function PeriodPicker({ value, onChange, label = 'common.period', invalid = false }: PeriodPickerProps) {
  const { t } = useLanguage();
  const [draft, setDraft] = useState(() => draftOf(value));
  // The period last handed on: one the page sets itself is shown afresh (adjusted while rendering, as React advises).
  const [handedOn, setHandedOn] = useState(value);
  if (value !== handedOn) {
    setHandedOn(value);
    setDraft(draftOf(value, kindOf(value) ?? draft.kind));
  }

  const handOn = (period: string) => {
    if (period !== value) {
      setHandedOn(period);
      onChange(period);
    }
  };
  const change = (next: PeriodDraft) => {
    setDraft(next);
    if (isPeriod(periodOf(next))) {
      handOn(periodOf(next));
    }
  };
  const wrong = invalid || !isPeriod(periodOf(draft));

  return (
    // Its controls stand among the page's filters or a form's fields, as theirs do (display: contents).
    <span className="period-picker" data-testid="period-picker" onKeyDown={(event) => event.key === 'Enter' && handOn(periodOf(draft))}>
      <Select label={label} name="periodKind" value={draft.kind} options={periodKinds} optionLabels="periodKind." onChange={(kind) => change(withKind(draft, kind as PeriodKind))} />
      {draft.kind === 'month' ? (
        <label>
          {t('common.month')}
          <input type="month" name="month" value={draft.month} aria-invalid={wrong} onChange={(event) => change({ ...draft, month: event.target.value })} />
        </label>
      ) : (
        <label>
          {t('period.year')}
          <input type="number" name="year" inputMode="numeric" step={1} value={draft.year} aria-invalid={wrong} onChange={(event) => change({ ...draft, year: event.target.value })} />
        </label>
      )}
      {draft.kind === 'quarter' && (
        <Select label="period.quarter" name="quarter" value={draft.quarter} options={quarters} labelOf={(quarter) => `Q${quarter}`} onChange={(quarter) => change({ ...draft, quarter })} />
      )}
    </span>
  );
}
