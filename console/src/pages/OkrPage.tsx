import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { okr, type FillRate, type KeyResultLine, type ObjectiveLine, type OwnerKind, type Person } from '../api/okr';
import { mayAct, useUser } from '../auth/user';
import { CommandForm, FoldedCommandForm, numberOf, type CommandField } from '../commands/CommandForm';
import { DataTable } from '../components/DataTable';
import { Loading } from '../components/Loading';
import { Select } from '../components/Select';
import { useApi } from '../components/useApi';
import { useLanguage } from '../i18n/language';
import { formatRatio } from '../lib/format';
import { chinaQuarter, periodEnded, quartersAround } from '../lib/periods';

type TeamRow = FillRate['teams'][number];
const team = createColumnHelper<TeamRow>();

/** The roles that own objectives (services/Okr Writers.OwningRoles); the API decides whose objectives each may write. */
const owningRoles = ['sales-rep', 'regional-manager', 'dispatcher', 'finance', 'fleet-operations', 'executive'];

/** What the board's commands need: who may write, the objectives on the board to align to, and a way to read it again. */
interface BoardActions {
  owns: boolean;
  objectives: ObjectiveLine[];
  onChanged: () => void;
}

/** Every objective of the tree, parents before their children. */
const everyObjective = (roots: ObjectiveLine[]): ObjectiveLine[] => roots.flatMap((objective) => [objective, ...everyObjective(objective.children)]);
const objectiveChoices = (objectives: ObjectiveLine[], except?: string) =>
  objectives.filter((objective) => objective.id !== except && !objective.context).map((objective) => ({ value: objective.id, label: `${objective.title} (${objective.period})` }));

/** The OKR board [看板] of a quarter: objectives nested as they are aligned, with progress and scores, and the fill rate [填写率]. */
export function OkrPage() {
  const { t } = useLanguage();
  const user = useUser();
  const [period, setPeriod] = useState(chinaQuarter);
  const [teamShown, setTeamShown] = useState('');
  const [personShown, setPersonShown] = useState('');
  // Read again after any command: progress and scores move up the tree.
  const [reads, setReads] = useState(0);
  const onChanged = () => setReads((count) => count + 1);
  const people = useApi('okr-people', () => okr.people());
  const roster: Person[] = people.state === 'ready' ? people.data.items : [];
  const board = useApi(`okr-board:${period}:${teamShown}:${personShown}:${reads}`, () =>
    okr.board(period, { team: teamShown || undefined, person: personShown || undefined }),
  );
  const fillRate = useApi(`fill-rate:${period}`, () => okr.fillRate(period));
  const teamColumns = [
    team.accessor('team', { header: 'okr.team' }),
    team.accessor('people', { header: 'okr.people' }),
    team.accessor('filled', { header: 'okr.filled' }),
    team.accessor('rate', { header: 'okr.fillRate', cell: (cell) => formatRatio(cell.getValue()) }),
    team.accessor('missing', { header: 'okr.missing', cell: (cell) => cell.getValue().map((person) => person.name).join(', ') }),
  ];
  const nameOf = (id: string) => roster.find((person) => person.id === id)?.name ?? id;
  return (
    <section>
      <h1>{t('okr.title')}</h1>
      <div className="filters">
        <Select label="common.period" name="period" value={period} options={quartersAround(chinaQuarter(), 8)} onChange={setPeriod} />
        {/* One filter at a time, as the API takes them: choosing a team clears the person and the other way round. */}
        <Select label="okr.team" name="team" value={teamShown} options={[...new Set(roster.map((person) => person.team))].sort()} emptyLabel="common.all"
          onChange={(chosen) => { setTeamShown(chosen); setPersonShown(''); }} />
        <Select label="okr.person" name="person" value={personShown} options={roster.map((person) => person.id)} labelOf={nameOf} emptyLabel="common.all"
          onChange={(chosen) => { setPersonShown(chosen); setTeamShown(''); }} />
      </div>
      <Loading loaded={board}>
        {(found) => {
          const actions: BoardActions = { owns: mayAct(user, ...owningRoles), objectives: everyObjective(found.roots), onChanged };
          return (
            <div data-testid="okr-board" data-period={found.period}>
              <p className="muted">{t('okr.summary', { objectives: found.objectives, keyResults: found.keyResults, stale: found.staleKeyResults })}</p>
              {actions.owns && <SetObjective period={found.period} roster={roster} actions={actions} />}
              {found.roots.length === 0 ? <p className="muted">{t('common.empty')}</p> : <ObjectiveTree objectives={found.roots} actions={actions} />}
            </div>
          );
        }}
      </Loading>
      <h2>{t('okr.fillRate')}</h2>
      <Loading loaded={fillRate}>
        {(found) => (
          <div data-testid="fill-rate">
            <p>
              {t('okr.fillRate')}: <strong>{formatRatio(found.rate)}</strong> ({found.filled} / {found.people})
            </p>
            <DataTable rows={found.teams} columns={teamColumns} testId="fill-rate-teams" />
          </div>
        )}
      </Loading>
    </section>
  );
}

/** Sets an objective of the period shown for a person or a team, aligned to one on the board or to none. */
function SetObjective({ period, roster, actions }: { period: string; roster: Person[]; actions: BoardActions }) {
  const { t } = useLanguage();
  const owners = [
    ...roster.map((person) => ({ value: `Person:${person.id}`, label: `${person.name} (${person.team})` })),
    ...[...new Set(roster.map((person) => person.team))].sort().map((name) => ({ value: `Team:${name}`, label: `${t('okr.team')}: ${name}` })),
  ];
  return (
    <FoldedCommandForm
        id="set-objective"
        title="okr.setObjective"
        fields={[
          { name: 'title', label: 'okr.objectiveTitle' },
          { name: 'period', label: 'common.period', defaultValue: period },
          { name: 'owner', label: 'okr.owner', type: 'select', options: owners },
          { name: 'parentId', label: 'okr.alignTo', type: 'select', options: objectiveChoices(actions.objectives) },
          { name: 'weight', label: 'okr.weight', type: 'number', step: 'any' },
        ]}
        send={(values, key) => {
          // "Person:li.wei" or "Team:Sales East"; none chosen: the API names both fields.
          const [ownerKind, owner] = (values('owner') ?? ':').split(/:(.*)/) as ['' | OwnerKind, string];
          return okr.setObjective(
            { title: values('title'), period: values('period'), ownerKind: ownerKind || null, owner: owner || null, parentId: values('parentId'), weight: numberOf(values('weight')) },
            key,
          );
        }}
        onDone={actions.onChanged}
      />
  );
}

function ObjectiveTree({ objectives, actions }: { objectives: ObjectiveLine[]; actions: BoardActions }) {
  return (
    <ul className="tree">
      {objectives.map((objective) => (
        <ObjectiveNode key={objective.id} objective={objective} actions={actions} />
      ))}
    </ul>
  );
}

/** An objective, folded or unfolded by its line: its key results, what its owners may do with it, the objectives aligned to it. */
function ObjectiveNode({ objective, actions }: { objective: ObjectiveLine; actions: BoardActions }) {
  const { t } = useLanguage();
  return (
    <li data-testid="objective" data-id={objective.id} className={objective.context ? 'context' : undefined}>
      <details open>
        <summary className="objective">
          <strong>{objective.title}</strong>
          <span className="muted">
            {' '}
            {objective.owner.name ?? objective.owner.id} · {objective.period}
            {objective.context && ` · ${t('okr.context')}`}
          </span>
          <span className="score">
            {t('okr.score')} {objective.score === null ? '—' : objective.score.toFixed(2)}
          </span>
        </summary>
        <ul className="key-results">
          {objective.keyResults.map((keyResult) => (
            <KeyResultRow key={keyResult.id} keyResult={keyResult} period={objective.period} actions={actions} />
          ))}
        </ul>
        {actions.owns && !objective.context && <ObjectiveCommands objective={objective} actions={actions} />}
        {objective.children.length > 0 && <ObjectiveTree objectives={objective.children} actions={actions} />}
      </details>
    </li>
  );
}

/** What an objective's owners and their managers do with it: define a key result checked in by hand, align it elsewhere. */
function ObjectiveCommands({ objective, actions }: { objective: ObjectiveLine; actions: BoardActions }) {
  const { t } = useLanguage();
  const keyResultFields: CommandField[] = [
    { name: 'title', label: 'okr.keyResultTitle' },
    { name: 'start', label: 'okr.start', type: 'number', step: 'any', defaultValue: '0' },
    { name: 'target', label: 'okr.target', type: 'number', step: 'any' },
    { name: 'unit', label: 'okr.unit' },
    { name: 'weight', label: 'okr.weight', type: 'number', step: 'any' },
  ];
  return (
    <details className="objective-commands">
      <summary>{t('command.title')}</summary>
      <div className="commands">
        <CommandForm
          id={`define-key-result-${objective.id}`}
          title="okr.defineKeyResult"
          fields={keyResultFields}
          send={(values, key) =>
            okr.defineKeyResult(
              objective.id,
              { title: values('title'), start: numberOf(values('start')), target: numberOf(values('target')), unit: values('unit'), weight: numberOf(values('weight')) },
              key,
            )
          }
          onDone={actions.onChanged}
        />
        <CommandForm
          id={`align-${objective.id}`}
          title="okr.align"
          fields={[{ name: 'parentId', label: 'okr.alignTo', type: 'select', options: objectiveChoices(actions.objectives, objective.id) }]}
          send={(values, key) => okr.align(objective.id, values('parentId'), key)}
          onDone={actions.onChanged}
        />
      </div>
    </details>
  );
}

/**
 * A key result: from its start to its target, where it stands; one moved by hand (no metric bound) is checked in here,
 * and once its period is over its owner's managers score it (the score then stands, frozen).
 */
function KeyResultRow({ keyResult, period, actions }: { keyResult: KeyResultLine; period: string; actions: BoardActions }) {
  const { t } = useLanguage();
  const checkedByHand = keyResult.binding === null && !keyResult.frozen;
  const scorable = actions.owns && !keyResult.frozen && periodEnded(period);
  return (
    <li data-testid="key-result" data-id={keyResult.id}>
      <span>{keyResult.title}</span>
      <progress max={1} value={keyResult.progress} title={formatRatio(keyResult.progress)} aria-label={`${t('okr.progress')} ${formatRatio(keyResult.progress)}`} />
      <span>
        {keyResult.start} → {keyResult.value} / {keyResult.target} {keyResult.unit} · {t('okr.progress')} {formatRatio(keyResult.progress)} · {t('okr.score')}{' '}
        {keyResult.score.toFixed(2)}
        {keyResult.confidence !== null && ` · ${t('okr.confidence')} ${keyResult.confidence}`}
        {keyResult.frozen && ` · ${t('okr.frozen')}${keyResult.scoreReason ? `: ${keyResult.scoreReason}` : ''}`}
        {keyResult.stale && <em className="stale"> {t('okr.stale')}</em>}
      </span>
      {checkedByHand && actions.owns && (
        <details className="check-in">
          <summary>{t('okr.checkIn')}</summary>
          <CommandForm
            id={`check-in-${keyResult.id}`}
            title="okr.checkIn"
            fields={[
              { name: 'value', label: 'okr.value', type: 'number', step: 'any', defaultValue: String(keyResult.value) },
              { name: 'confidence', label: 'okr.confidence', type: 'number', step: '0.1', defaultValue: keyResult.confidence === null ? '' : String(keyResult.confidence) },
              { name: 'note', label: 'okr.note' },
            ]}
            send={(values, key) => okr.checkIn(keyResult.id, { value: numberOf(values('value')), confidence: numberOf(values('confidence')), note: values('note') }, key)}
            onDone={actions.onChanged}
          />
        </details>
      )}
      {scorable && (
        <details className="score-key-result">
          <summary>{t('okr.scoreIt')}</summary>
          <CommandForm
            id={`score-${keyResult.id}`}
            title="okr.scoreIt"
            fields={[
              { name: 'score', label: 'okr.score', type: 'number', step: '0.1', defaultValue: keyResult.score.toFixed(1) },
              { name: 'reason', label: 'opportunity.reason' },
            ]}
            send={(values, key) => okr.score(keyResult.id, { score: numberOf(values('score')), reason: values('reason') }, key)}
            onDone={actions.onChanged}
          />
        </details>
      )}
    </li>
  );
}
