import type { KeyResultLine, ObjectiveLine } from '../../api/okr';
import { useLanguage } from '../../i18n/language';
import { formatRatio } from '../../lib/format';
import { KeyResultCommands, ObjectiveCommands, type BoardActions } from './OkrCommands';

/** Objectives nested as they are aligned, each with its key results and what its owners may do with it. */
export function ObjectiveTree({ objectives, actions }: { objectives: ObjectiveLine[]; actions: BoardActions }) {
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

/** A key result: from its start to its target, where it stands, and what its owners may do with it. */
function KeyResultRow({ keyResult, period, actions }: { keyResult: KeyResultLine; period: string; actions: BoardActions }) {
  const { t } = useLanguage();
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
      <KeyResultCommands keyResult={keyResult} period={period} actions={actions} />
    </li>
  );
}
