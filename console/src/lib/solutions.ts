import type { Scenario, SolutionPart, SolutionTeams, TrialLine } from '../api/knowledge';

/** What an event behind a trial's figures says: the loan opened or closed, a batch of usage on it, the opportunity won. */
export type TrialEventKind = 'opened' | 'usage' | 'closed' | 'won';

/** The events a trial line's figures come from, in the order they happened, each with its id, for whoever audits a figure. */
export function trialEvents(line: TrialLine): { kind: TrialEventKind; id: string }[] {
  const { opened, usage, closed, won } = line.events;
  return [
    { kind: 'opened' as const, id: opened },
    ...usage.map((id) => ({ kind: 'usage' as const, id })),
    ...(closed ? [{ kind: 'closed' as const, id: closed }] : []),
    ...(won ? [{ kind: 'won' as const, id: won }] : []),
  ];
}

/** The working conditions a loan may be a trial for, of the scenario picked (none picked: none). */
export function conditionsOf(scenarios: readonly Scenario[], scenarioId: string): { value: string; label: string }[] {
  return (scenarios.find((scenario) => scenario.id === scenarioId)?.conditions ?? []).map((condition) => ({ value: condition.id, label: condition.terms.name }));
}

/** The team of the roster that keeps a part of a scenario's solution. */
export const teamOf = (teams: SolutionTeams, part: SolutionPart) => teams[part === 'Technical' ? 'technical' : part === 'Brand' ? 'brand' : 'marketing'];
