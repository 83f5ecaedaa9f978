import { describe, expect, it } from 'vitest';
import type { DiffLine } from '../api/knowledge';
import { sideBySide } from './diff';

const line = (kind: DiffLine['kind'], text: string, fromLine: number | null, toLine: number | null): DiffLine => ({ kind, text, fromLine, toLine });

describe('sideBySide', () => {
  it('puts each run of removed lines beside the added ones that replace them, unchanged lines on both sides', () => {
    const kept = line('Unchanged', '# 考勤制度', 1, 1);
    const old = line('Removed', '- 电价 0.6 元/度', 2, null);
    const gone = line('Removed', '- 柴油 7.5 元/升', 3, null);
    const replaced = line('Added', '- 电价 0.55 元/度', null, 2);
    const tail = line('Unchanged', '', 4, 3);
    const extra = line('Added', '- 新增', null, 4);
    expect(sideBySide([kept, old, gone, replaced, tail, extra])).toEqual([
      { left: kept, right: kept },
      { left: old, right: replaced },
      { left: gone, right: undefined },
      { left: tail, right: tail },
      { left: undefined, right: extra },
    ]);
  });
});
