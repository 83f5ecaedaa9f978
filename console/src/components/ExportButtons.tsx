import { useState, type ReactNode } from 'react';
import { ApiError, type Page } from '../api/http';
import { useLanguage } from '../i18n/language';
import { chinaToday } from '../lib/periods';
import { download, toCsv, toXlsx, type ExportedTable } from '../lib/exporting';
import { DataTable } from './DataTable';
import { ProblemMessage } from './ProblemMessage';

/** A column as exported: its header (a translation key) and its value in a row. */
export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
}

/** The API's largest page: an export reads the whole list in as few calls as it can. */
const exportPageSize = 500;

/** Every row of a list the API pages — with the filters and sort it is asked with — a page of the largest size at a time. */
export async function everyPage<T>(fetchPage: (page: number, pageSize: number) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const found = await fetchPage(page, exportPageSize);
    rows.push(...found.items);
    if (found.items.length === 0 || rows.length >= found.total) {
      return rows;
    }
  }
}

/**
 * Exports a whole table — a list's every page, or a figure's rows — to CSV or Excel, named after the table and the day
 * (China).
 */
export function ExportButtons<T>({ name, columns, rows }: { name: string; columns: ExportColumn<T>[]; rows: () => Promise<T[]> }) {
  const { t } = useLanguage();
  const [working, setWorking] = useState(false);
  const [failure, setFailure] = useState<ApiError>();

  const exportAs = async (format: 'csv' | 'xlsx') => {
    setWorking(true);
    setFailure(undefined);
    try {
      const exported = await rows();
      const table: ExportedTable = { headers: columns.map((column) => t(column.header)), rows: exported.map((row) => columns.map((column) => column.value(row))) };
      const file = `${name}-${chinaToday()}.${format}`;
      download(file, format === 'csv' ? new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }) : await toXlsx(table, name));
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError(0, { title: String(error) }));
    } finally {
      setWorking(false);
    }
  };

  return (
    <div className="export">
      <button type="button" data-testid="export-csv" disabled={working} onClick={() => void exportAs('csv')}>
        {t('export.csv')}
      </button>
      <button type="button" data-testid="export-xlsx" disabled={working} onClick={() => void exportAs('xlsx')}>
        {t('export.xlsx')}
      </button>
      {failure && <ProblemMessage error={failure} />}
    </div>
  );
}

/** A column of a table shown and exported alike: its value as exported, and as shown where that differs (a formatted amount). */
export interface ShownColumn<T> extends ExportColumn<T> {
  shown?: (row: T) => ReactNode;
}

/** A figure's rows as a table, exported as shown: the same rows, the same columns, values unformatted in the file. */
export function ExportableTable<T>({ name, columns, rows, testId, rowTestId }: { name: string; columns: ShownColumn<T>[]; rows: T[]; testId: string; rowTestId?: string }) {
  const shown = columns.map((column, index) => ({
    id: `c${index}`,
    header: column.header,
    cell: ({ row }: { row: { original: T } }) => (column.shown ? column.shown(row.original) : String(column.value(row.original) ?? '—')),
  }));
  return (
    <>
      <DataTable rows={rows} columns={shown} testId={testId} rowTestId={rowTestId} />
      <ExportButtons name={name} columns={columns} rows={async () => rows} />
    </>
  );
}
