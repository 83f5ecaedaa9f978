import { useEffect, useState } from 'react';
import { dispatch } from '../api/dispatch';

// One request per page load, shared by every page that offers a region.
let names: Promise<string[]> | undefined;

/**
 * The company's sales regions as dispatch allocates by them (`GET /api/dispatch/regions`): what forms and filters
 * offer. Empty until they arrive (or when the request failed: the next page asks again); the API decides what it accepts.
 */
export function useRegions(): readonly string[] {
  const [regions, setRegions] = useState<readonly string[]>([]);
  useEffect(() => {
    let current = true;
    names ??= dispatch.regions().then((list) => list.map((region) => region.name));
    names.then(
      (list) => current && setRegions(list),
      () => {
        names = undefined;
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return regions;
}
