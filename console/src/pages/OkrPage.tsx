import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { okr, type FillRate, type KeyResultLine, type ObjectiveLine } from '../api/okr';
import { CommandForm, numberOf } from '../commands/CommandForm';
import { DataTable } from '../components/DataTable';
import { Loading } from '../components/Loading';
import { Select } from '../components/Select';
import { useApi } from '../components/useApi';
import { useLanguage } from '../i18n/language';
import { formatRatio } from '../lib/format';
import { chinaQuarter, quartersAround } from '../lib/periods';

type TeamRow = FillRate['teams'][number];
const team = createColumnHelper<TeamRow>();

/** The OKR board [看板] of a quarter: objectives nested as they are aligned, with progress and scores, and the fill rate [填写率]. */
export function OkrPage() {
  const { t } = useLanguage();
  const [period, setPeriod] = useState(chinaQuarter);
  // Read again after a check-in: progress and scores move up the tree.
  const [reads, setReads] = useState(0);
  const checkedIn = () => setReads((count) => count + 1);
  const board = useApi(`okr-board:${period}:${reads}`, () => okr.board(period));
  const fillRate = useApi(`fill-rate:${period}`, () => okr.fillRate(period));
  const teamColumns = [
    team.accessor('team', { header: 'okr.team' }),
    team.accessor('people', { header: 'okr.people' }),
    team.accessor('filled', { header: 'okr.filled' }),
    team.accessor('rate', { header: 'okr.fillRate', cell: (cell) => formatRatio(cell.getValue()) }),
    team.accessor('missing', { header: 'okr.missing', cell: (cell) => cell.getValue().map((person) => person.name).join(', ') }),
  ];
  return (
    <section>
      <h1>{t('okr.title')}</h1>
      <div className="filters">
        <Select label="common.period" name="period" value={period} options={quartersAround(chinaQuarter(), 8)} onChange={setPeriod} />
      </div>
      <Loading loaded={board}>
        {(found) => (
          <div data-testid="okr-board" data-period={found.period}>
            <p className="muted">{t('okr.summary', { objectives: found.objectives, keyResults: found.keyResults, stale: found.staleKeyResults })}</p>
            {found.roots.length === 0 ? <p className="muted">{t('common.empty')}</p> : <ObjectiveTree objectives={found.roots} onCheckedIn={checkedIn} />}
          </div>
        )}
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

function ObjectiveTree({ objectives, onCheckedIn }: { objectives: ObjectiveLine[]; onCheckedIn: () => void }) {
  return (
    <ul className="tree">
      {objectives.map((objective) => (
        <ObjectiveNode key={objective.id} objective={objective} onCheckedIn={onCheckedIn} />
      ))}
    </ul>
  );
}

function ObjectiveNode({ objective, onCheckedIn }: { objective: ObjectiveLine; onCheckedIn: () => void }) {
  const { t } = useLanguage();
  return (
    <li data-testid="objective" data-id={objective.id} className={objective.context ? 'context' : undefined}>
      <div className="objective">
        <strong>{objective.title}</strong>
        <span className="muted">
          {' '}
          {objective.owner.name ?? objective.owner.id} · {objective.period}
          {objective.context && ` · ${t('okr.context')}`}
        </span>
        <span className="score">
          {t('okr.score')} {objective.score === null ? '—' : objective.score.toFixed(2)}
        </span>
      </div>
      <ul className="key-results">
        {objective.keyResults.map((keyResult) => (
          <KeyResultRow key={keyResult.id} keyResult={keyResult} onCheckedIn={onCheckedIn} />
        ))}
      </ul>
      {objective.children.length > 0 && <ObjectiveTree objectives={objective.children} onCheckedIn={onCheckedIn} />}
    </li>
  );
}

/** A key result: from its start to its target, where it stands; one moved by hand (no metric bound) is checked in here. */
function KeyResultRow({ keyResult, onCheckedIn }: { keyResult: KeyResultLine; onCheckedIn: () => void }) {
  const { t } = useLanguage();
  const checkedByHand = keyResult.binding === null && !keyResult.frozen;
  return (
    <li data-testid="key-result" data-id={keyResult.id}>
      <span>{keyResult.title}</span>
      <progress max={1} value={keyResult.progress} title={formatRatio(keyResult.progress)} />
      <span>
        {keyResult.start} → {keyResult.value} / {keyResult.target} {keyResult.unit} · {t('okr.progress')} {formatRatio(keyResult.progress)} · {t('okr.score')}{' '}
        {keyResult.score.toFixed(2)}
        {keyResult.confidence !== null && ` · ${t('okr.confidence')} ${keyResult.confidence}`}
        {keyResult.stale && <em className="stale"> {t('okr.stale')}</em>}
      </span>
      {checkedByHand && (
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
            onDone={onCheckedIn}
          />
        </details>
      )}
    </li>
  );
}
