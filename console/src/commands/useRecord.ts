import { useEffect, useState } from 'react';
import type { Versioned } from '../api/http';
import { useApi, type Loaded } from '../components/useApi';

/**
 * A record a page shows and acts on: loaded with its version, replaced by what a command answers (the record as it
 * now is, with its new version), read again when a command found it changed by someone else (412) — the page keeps
 * showing what it had, and the command its message, until the new state arrives.
 */
export function useRecord<T>(key: string, load: () => Promise<Versioned<T>>) {
  const [reads, setReads] = useState(0);
  const [latest, setLatest] = useState<{ key: string; record: Versioned<T> }>();
  const loaded = useApi(`${key}#${reads}`, load);
  useEffect(() => {
    if (loaded.state === 'ready') {
      setLatest({ key, record: loaded.data });
    }
  }, [loaded, key]);

  const record: Loaded<Versioned<T>> = loaded.state !== 'error' && latest?.key === key ? { state: 'ready', data: latest.record } : loaded;
  return {
    record,
    replace: (answered: Versioned<T>) => setLatest({ key, record: answered }),
    reload: () => setReads((count) => count + 1),
  };
}
