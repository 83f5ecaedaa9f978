import { describe, expect, it } from 'vitest';
import { nextSort, parseSort } from './sorting';

describe('sorting', () => {
  it('reads the address: a column, a minus for descending, the fallback when none', () => {
    expect(parseSort('-warehouse', 'code')).toEqual({ column: 'warehouse', descending: true });
    expect(parseSort('model', 'code')).toEqual({ column: 'model', descending: false });
    expect(parseSort(null, 'code')).toEqual({ column: 'code', descending: false });
    expect(parseSort(undefined, 'code')).toEqual({ column: 'code', descending: false });
  });

  it('turns the order round when the same header is clicked again, and starts another column ascending', () => {
    expect(nextSort({ column: 'code', descending: false }, 'code')).toBe('-code');
    expect(nextSort({ column: 'code', descending: true }, 'code')).toBe('code');
    expect(nextSort({ column: 'code', descending: true }, 'status')).toBe('status');
  });
});
