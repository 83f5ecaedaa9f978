import { useLanguage } from '../i18n/language';

/** A list's search: the start of a code, a name or a place, any case; Enter or the button applies it. */
export function SearchBox({ value, hint, testId, onSearch }: { value: string | undefined; hint: string; testId: string; onSearch: (search: string) => void }) {
  const { t } = useLanguage();
  return (
    <form
      className="filters"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(String(new FormData(event.currentTarget).get('search') ?? '').trim());
      }}
    >
      <label>
        {t('inventory.search')}
        {/* Mounted again when the address changes it (Back), so the box says what the list shows. */}
        <input key={value} type="search" name="search" defaultValue={value} placeholder={t(hint)} data-testid={testId} />
      </label>
      <button type="submit">{t('inventory.apply')}</button>
    </form>
  );
}
