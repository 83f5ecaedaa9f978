import { useSearchParams } from 'react-router';

/**
 * What a list page shows — its search, filters, sort and page — kept in the address, so that a view can be shared
 * and the back button returns to it.
 */
export function useAddressQuery(): AddressQuery {
  const [query, setQuery] = useSearchParams();

  const set = (changes: Record<string, string>) => {
    if (Object.entries(changes).every(([name, value]) => (query.get(name) ?? '') === value)) {
      return;
    }
    const next = new URLSearchParams(query);
    for (const [name, value] of Object.entries(changes)) {
      if (value) {
        next.set(name, value);
      } else {
        next.delete(name);
      }
    }
    if (!('page' in changes)) {
      next.delete('page');
    }
    setQuery(next);
  };

  return {
    get: (name: string) => query.get(name) ?? undefined,
    page: Number(query.get('page') ?? '1') || 1,
    key: query.toString(),
    set,
  };
}

export interface AddressQuery {
  get: (name: string) => string | undefined;
  page: number;
  /** The whole query, for a load's key. */
  key: string;
  /** Sets the values named (an empty one is removed); any change but the page's goes back to the first page. */
  set: (changes: Record<string, string>) => void;
}
