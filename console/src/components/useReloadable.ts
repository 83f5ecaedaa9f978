import { useEffect, useState } from 'react';
import { useApi, type Loaded } from './useApi';

/** What a page shows and reads again after a command, with the means to do either. */
export interface Reloadable<T> {
  loaded: Loaded<T>;
  /** Reads it again: a command changed it, or another service follows the command over the bus. */
  reload: () => void;
  /** Shows what a command answered instead, without reading it again. */
  replace: (data: T) => void;
}

/**
 * What `load` fetches for `key`, read again on `reload`: while it is read again the page keeps showing what it had (no
 * flicker, and what the reader unfolded or typed stays as it was) until the new answer arrives. Another key is another
 * thing to show, loaded afresh; a failed read again shows its failure.
 */
export function useReloadable<T>(key: string, load: () => Promise<T>): Reloadable<T> {
  const [reads, setReads] = useState(0);
  const [latest, setLatest] = useState<{ key: string; data: T }>();
  const loaded = useApi(`${key}#${reads}`, load);
  useEffect(() => {
    if (loaded.state === 'ready') {
      setLatest({ key, data: loaded.data });
    }
  }, [loaded, key]);

  return {
    loaded: loaded.state !== 'error' && latest?.key === key ? { state: 'ready', data: latest.data } : loaded,
    reload: () => setReads((count) => count + 1),
    replace: (data: T) => setLatest({ key, data }),
  };
}
