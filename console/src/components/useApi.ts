import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/http';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'error'; error: ApiError };

/** Loads what `load` fetches, again whenever `key` (what it depends on) changes; a late answer to an old key is dropped. */
export function useApi<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [loaded, setLoaded] = useState<{ key: string; value: Loaded<T> }>({ key, value: { state: 'loading' } });
  const latestLoad = useRef(load);
  latestLoad.current = load;
  useEffect(() => {
    let current = true;
    latestLoad.current().then(
      (data) => current && setLoaded({ key, value: { state: 'ready', data } }),
      (error: unknown) =>
        current &&
        setLoaded({ key, value: { state: 'error', error: error instanceof ApiError ? error : new ApiError(0, { title: String(error) }) } }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return loaded.key === key ? loaded.value : { state: 'loading' };
}
