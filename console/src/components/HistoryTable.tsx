import type { AuditEntry } from '../api/audit';
import type { Page } from '../api/http';
import { useLanguage } from '../i18n/language';
import { formatInstant } from '../lib/format';
import { describeEvent } from '../lib/history';
import { Pager } from './Pager';
import { useModelNames } from './useModels';

/**
 * A page of a record's history as people read it (the API pages it newest first): each event a sentence in the
 * reader's words, its data kept a click away for whoever audits it.
 */
export function HistoryTable({ found, testId, onPage }: { found: Page<AuditEntry>; testId: string; onPage: (page: number) => void }) {
  const { t, language } = useLanguage();
  const modelName = useModelNames();
  if (found.total === 0) {
    return (
      <p className="muted" data-testid={testId} data-total={0}>
        {t('common.empty')}
      </p>
    );
  }
  return (
    <div data-testid={testId} data-total={found.total}>
      <table className="data history">
        <thead>
          <tr>
            <th>{t('history.occurredAt')}</th>
            <th>{t('history.what')}</th>
            <th>{t('history.user')}</th>
            <th>{t('history.recordedAt')}</th>
            <th>{t('history.version')}</th>
          </tr>
        </thead>
        <tbody>
          {found.items.map((entry) => (
            <tr key={entry.version} data-testid="history-row" data-version={entry.version} data-type={entry.type}>
              <td data-label={t('history.occurredAt')}>{formatInstant(entry.occurredAt ?? entry.recordedAt, language)}</td>
              <td data-label={t('history.what')}>
                {describeEvent(entry, language, t, { modelName })}
                <details>
                  <summary>{t('history.showData')}</summary>
                  <code className="data">{JSON.stringify(entry.data)}</code>
                </details>
              </td>
              <td data-label={t('history.user')}>{entry.user ?? '—'}</td>
              <td data-label={t('history.recordedAt')}>{formatInstant(entry.recordedAt, language)}</td>
              <td data-label={t('history.version')}>{entry.version}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {found.total > found.pageSize && <Pager page={found.pageNumber} pageSize={found.pageSize} total={found.total} onPage={onPage} />}
    </div>
  );
}
