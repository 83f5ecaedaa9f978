import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `delay` ms: what a box typed into asks the API for, once the typing
 * pauses, rather than at every key.
 */
export function useDebounced<T>(value: T, delay = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
