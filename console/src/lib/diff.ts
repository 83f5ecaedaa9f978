import type { DiffLine } from '../api/knowledge';

/** A row of a side-by-side diff: the older revision's line on the left, the newer's on the right (either may be missing). */
export interface SideBySideRow {
  left?: DiffLine;
  right?: DiffLine;
}

/**
 * The server's inline diff laid out side by side: unchanged lines on both sides, and each run of changes as its removed
 * lines beside its added ones, in order.
 */
export function sideBySide(lines: readonly DiffLine[]): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      rows.push({ left: removed[i], right: added[i] });
    }
    removed = [];
    added = [];
  };
  for (const line of lines) {
    if (line.kind === 'Unchanged') {
      flush();
      rows.push({ left: line, right: line });
    } else {
      (line.kind === 'Removed' ? removed : added).push(line);
    }
  }
  flush();
  return rows;
}
