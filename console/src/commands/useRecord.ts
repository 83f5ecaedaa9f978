import { useEffect, useState } from 'react';
import type { Versioned } from '../api/http';
import { useApi, type Loaded } from '../components/useApi';

/** A record as a page shows it, with what a command on it does afterwards. */
export interface ShownRecord<T> extends Versioned<T> {
  /** Shows what a command answered: the record as it now is, with its new version. */
  replace: (answered: Versioned<T>) => void;
  /** Reads it again: someone else changed it (412), or another service follows the command over the bus. */
  reload: () => void;
}

/**
 * A record a page shows and acts on: loaded with its version, replaced by what a command answers, read again when a
 * command found it changed by someone else — the page keeps showing what it had, and the command its message, until
 * the new state arrives.
 */
export function useRecord<T>(key: string, load: () => Promise<Versioned<T>>): Loaded<ShownRecord<T>> {
  const [reads, setReads] = useState(0);
  const [latest, setLatest] = useState<{ key: string; record: Versioned<T> }>();
  const loaded = useApi(`${key}#${reads}`, load);
  useEffect(() => {
    if (loaded.state === 'ready') {
      setLatest({ key, record: loaded.data });
    }
  }, [loaded, key]);

  const actions = {
    replace: (answered: Versioned<T>) => setLatest({ key, record: answered }),
    reload: () => setReads((count) => count + 1),
  };
  if (loaded.state !== 'error' && latest?.key === key) {
    return { state: 'ready', data: { ...latest.record, ...actions } };
  }
  return loaded.state === 'ready' ? { state: 'ready', data: { ...loaded.data, ...actions } } : loaded;
}
