import { useEffect, useMemo, useState } from 'react';
import { dispatch, type Region } from '../api/dispatch';

// One request per page load, shared by every page that offers a region.
let loaded: Promise<Region[]> | undefined;

/**
 * The company's sales regions as dispatch allocates by them (`GET /api/dispatch/regions`), each with its home
 * warehouse: what forms and filters offer. Empty until they arrive (or when the request failed: the next page asks
 * again); the API decides what it accepts.
 */
export function useRegionList(): readonly Region[] {
  const [regions, setRegions] = useState<readonly Region[]>([]);
  useEffect(() => {
    let current = true;
    loaded ??= dispatch.regions();
    loaded.then(
      (list) => current && setRegions(list),
      () => {
        loaded = undefined;
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return regions;
}

/** The regions' names. */
export function useRegions(): readonly string[] {
  const regions = useRegionList();
  return useMemo(() => regions.map((region) => region.name), [regions]);
}
