import { describe, expect, it } from 'vitest';
import { teamsOf } from './roster';

describe('the teams of the roster', () => {
  it('names each team once, in order', () => {
    expect(teamsOf([{ team: '华东销售' }, { team: '财务部' }, { team: '华东销售' }])).toEqual(['华东销售', '财务部'].sort());
  });

  it('keeps a team named elsewhere that nobody on the roster is in', () => {
    expect(teamsOf([{ team: 'b' }], ['c', 'b'])).toEqual(['b', 'c']);
  });

  it('is empty for an empty roster with nothing named', () => {
    expect(teamsOf([])).toEqual([]);
  });
});
