import { useLanguage } from '../i18n/language';

interface SelectProps {
  label: string;
  name: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  /** The label of the empty choice (none: every choice is a value). */
  emptyLabel?: string;
  /** Translation key prefix of the options' labels (`status.` → `status.InStock`; one without a label shows as it is); none: shown as they are. */
  optionLabels?: string;
  /** An option's label where it is not a translation (a person's name for their id). */
  labelOf?: (option: string) => string;
}

export function Select({ label, name, value, options, onChange, emptyLabel, optionLabels, labelOf }: SelectProps) {
  const { t, word } = useLanguage();
  return (
    <label>
      {t(label)}
      <select name={name} value={value} onChange={(event) => onChange(event.target.value)}>
        {emptyLabel !== undefined && <option value="">{t(emptyLabel)}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabels ? word(optionLabels.slice(0, -1), option) : (labelOf?.(option) ?? option)}
          </option>
        ))}
      </select>
    </label>
  );
}
