import type { ApiError } from '../api/http';
import { problemKind } from '../api/problem';
import { useLanguage } from '../i18n/language';

/** The types of JinGong's own rules; a 403 of another type is the gateway's or the framework's: a role's. */
const ownProblems = 'https://jingong.dev/problems/';

/**
 * What a failed call said: the Problem Details' title and detail (the API says them in the reader's language), what a
 * 403 without a rule of its own means, what to do after someone else changed the record, and what is wrong with each
 * field of a refused query (a chart's period) where no form shows it beside an input.
 */
export function ProblemMessage({ error }: { error: ApiError }) {
  const { t } = useLanguage();
  const kind = problemKind(error.problem);
  const explained =
    kind === 'stream-moved'
      ? t(`problem.${kind}`)
      : error.status === 403 && !error.problem.type?.startsWith(ownProblems)
        ? t('problem.forbidden')
        : undefined;
  return (
    <div className="problem" role="alert" data-testid="problem" data-status={error.status}>
      <strong>{error.problem.title ?? `HTTP ${error.status}`}</strong>
      {explained && <span> {explained}</span>}
      {error.problem.detail && <p>{error.problem.detail}</p>}
      {Object.values(error.problem.errors ?? {}).flat().map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}
