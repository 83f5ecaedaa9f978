import { useRef } from 'react';
import type { Versioned } from '../api/http';
import type { Loaded } from '../components/useApi';
import { useReloadable } from '../components/useReloadable';

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
  const { loaded, reload, replace } = useReloadable(key, load);
  return loaded.state === 'ready' ? { state: 'ready', data: { ...loaded.data, replace, reload } } : loaded;
}

/**
 * The version a record's other reads (its history) are keyed by: none until a command moves the record past the
 * version first read (so they are read beside the record, once), then each version it moves to.
 */
export function useMovedOn(key: string, version: string | undefined): string | undefined {
  const first = useRef<{ key: string; version: string }>(undefined);
  if (version !== undefined && first.current?.key !== key) {
    first.current = { key, version };
  }
  return first.current?.key === key && version === first.current.version ? undefined : version;
}
