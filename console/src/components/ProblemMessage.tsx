import type { ApiError } from '../api/http';
import { problemKind } from '../api/problem';
import { useLanguage } from '../i18n/language';

/** What a failed call said: the Problem Details' title and detail, and in the reader's words what a 403 means. */
export function ProblemMessage({ error }: { error: ApiError }) {
  const { t } = useLanguage();
  const kind = problemKind(error.problem);
  const explained =
    kind === 'outside-your-region' || kind === 'stream-moved' ? t(`problem.${kind}`) : error.status === 403 ? t('problem.forbidden') : undefined;
  return (
    <div className="problem" role="alert" data-testid="problem" data-status={error.status}>
      <strong>{error.problem.title ?? `HTTP ${error.status}`}</strong>
      {explained && <span> {explained}</span>}
      {error.problem.detail && <p>{error.problem.detail}</p>}
    </div>
  );
}
