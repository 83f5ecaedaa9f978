import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { okr, type FillRate, type KeyResultLine, type ObjectiveLine } from '../api/okr';
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
  const board = useApi(`okr-board:${period}`, () => okr.board(period));
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
            {found.roots.length === 0 ? <p className="muted">{t('common.empty')}</p> : <ObjectiveTree objectives={found.roots} />}
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

function ObjectiveTree({ objectives }: { objectives: ObjectiveLine[] }) {
  return (
    <ul className="tree">
      {objectives.map((objective) => (
        <ObjectiveNode key={objective.id} objective={objective} />
      ))}
    </ul>
  );
}

function ObjectiveNode({ objective }: { objective: ObjectiveLine }) {
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
          <KeyResultRow key={keyResult.id} keyResult={keyResult} />
        ))}
      </ul>
      {objective.children.length > 0 && <ObjectiveTree objectives={objective.children} />}
    </li>
  );
}

function KeyResultRow({ keyResult }: { keyResult: KeyResultLine }) {
  const { t } = useLanguage();
  return (
    <li data-testid="key-result" data-id={keyResult.id}>
      <span>{keyResult.title}</span>
      <progress max={1} value={keyResult.progress} title={formatRatio(keyResult.progress)} />
      <span>
        {keyResult.value} / {keyResult.target} {keyResult.unit} · {t('okr.progress')} {formatRatio(keyResult.progress)} · {t('okr.score')}{' '}
        {keyResult.score.toFixed(2)}
        {keyResult.confidence !== null && ` · ${t('okr.confidence')} ${keyResult.confidence}`}
        {keyResult.stale && <em className="stale"> {t('okr.stale')}</em>}
      </span>
    </li>
  );
}
