import { useState } from 'react';
import type { AuditEntry } from '../api/audit';
import { useLanguage } from '../i18n/language';
import { formatInstant } from '../lib/format';
import { describeEvent } from '../lib/history';
import { Pager } from './Pager';


const pageSize = 20;

/**
 * A record's history as people read it: each event a sentence in the reader's words, newest first, a page at a time;
 * its data kept a click away for whoever audits it.
 */
export function HistoryTable({ entries, testId }: { entries: AuditEntry[]; testId: string }) {
  const { t, language } = useLanguage();
  const [page, setPage] = useState(1);
  const newestFirst = [...entries].sort((a, b) => b.version - a.version);
  const shown = newestFirst.slice((page - 1) * pageSize, page * pageSize);
  if (entries.length === 0) {
    return (
      <p className="muted" data-testid={testId} data-total={0}>
        {t('common.empty')}
      </p>
    );
  }
  return (
    <div data-testid={testId} data-total={entries.length}>
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
          {shown.map((entry) => (
            <tr key={entry.version} data-testid="history-row" data-version={entry.version} data-type={entry.type}>
              <td data-label={t('history.occurredAt')}>{formatInstant(entry.occurredAt ?? entry.recordedAt, language)}</td>
              <td data-label={t('history.what')}>
                {describeEvent(entry, language, t)}
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
      {entries.length > pageSize && <Pager page={page} pageSize={pageSize} total={entries.length} onPage={setPage} />}
    </div>
  );
}
