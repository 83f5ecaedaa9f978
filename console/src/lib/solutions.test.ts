import { describe, expect, it } from 'vitest';
import type { ModelTrials, Scenario, TrialLine } from '../api/knowledge';
import { trialBars } from '../components/drawings';
import { translate } from '../i18n/translate';
import { conditionsOf, teamOf, trialEvents } from './solutions';

const line = (events: Partial<TrialLine['events']>): TrialLine => ({
  loanId: 'LOAN-1',
  vehicleCode: 'JG-MT-0001',
  region: 'east',
  borrower: '福建三明矿业',
  openedAt: '2026-10-01T00:00:00Z',
  closedAt: null,
  days: 3,
  operatingHours: 30,
  opportunityId: null,
  won: false,
  events: { opened: 'e-open', closed: null, usage: [], won: null, ...events },
});

describe('the events behind a trial line', () => {
  it('are the loan opened, each usage batch, its closing and the win, in that order', () => {
    expect(trialEvents(line({ usage: ['e-u1', 'e-u2'], closed: 'e-close', won: 'e-won' }))).toEqual([
      { kind: 'opened', id: 'e-open' },
      { kind: 'usage', id: 'e-u1' },
      { kind: 'usage', id: 'e-u2' },
      { kind: 'closed', id: 'e-close' },
      { kind: 'won', id: 'e-won' },
    ]);
  });

  it('leave out what has not happened: a loan still out, an opportunity not won', () => {
    expect(trialEvents(line({}))).toEqual([{ kind: 'opened', id: 'e-open' }]);
  });
});

describe('the working conditions a loan may be a trial for', () => {
  const scenario = (id: string, conditions: string[]) =>
    ({
      id,
      conditions: conditions.map((name, index) => ({ id: `${id}-c${index + 1}`, terms: { name }, recommendations: [] })),
    }) as unknown as Scenario;
  const scenarios = [scenario('steel', ['料场短驳']), scenario('mine', ['长坡重载', '高原'])];

  it('are those of the scenario picked, by name', () => {
    expect(conditionsOf(scenarios, 'mine')).toEqual([
      { value: 'mine-c1', label: '长坡重载' },
      { value: 'mine-c2', label: '高原' },
    ]);
  });

  it('are none until a scenario is picked', () => {
    expect(conditionsOf(scenarios, '')).toEqual([]);
  });
});

describe('the team that keeps a part of the solution', () => {
  it('is the scenario\'s team of that part', () => {
    const teams = { technical: '技术部', brand: '品牌部', marketing: '市场部' };
    expect([teamOf(teams, 'Technical'), teamOf(teams, 'Brand'), teamOf(teams, 'Marketing')]).toEqual(['技术部', '品牌部', '市场部']);
  });
});

describe('the trial chart', () => {
  const trials = [
    { model: 'MT-90E', recommended: true, trials: 2, units: 2, daysOnTrial: 10, operatingHours: 150, hoursPerDay: 15, won: 1, lines: [] },
    { model: 'MT-60E', recommended: true, trials: 0, units: 0, daysOnTrial: 0, operatingHours: 0, hoursPerDay: null, won: 0, lines: [] },
  ] satisfies ModelTrials[];
  const drawing = trialBars(trials, (key) => translate('zh', key));

  it('draws a point per model, a model never tried included', () => {
    expect(drawing.points).toBe(2);
  });

  it('exports trials and hours per day per model as drawn, no hours where no day was on trial', () => {
    expect(drawing.table).toEqual({
      headers: ['common.model', 'solution.trials', 'solution.hoursPerDay'],
      rows: [
        ['MT-90E', 2, 15],
        ['MT-60E', 0, null],
      ],
    });
  });
});
