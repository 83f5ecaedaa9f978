import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useLanguage } from '../i18n/language';
import { nextSort, type SortOrder } from '../lib/sorting';

/** How a table the API sorts is sorted now, which of its columns may be, and what a header click asks for. */
export interface Sorting extends SortOrder {
  /** The columns the API sorts by (ids of `columns`): their headers sort when clicked. */
  columns: readonly string[];
  onSort: (sort: string) => void;
}

interface DataTableProps<T> {
  rows: T[];
  columns: ColumnDef<T, any>[];
  testId?: string;
  rowTestId?: string;
  /** A row's id as the API names the record it shows (`data-id`), for whoever finds a row by it. */
  rowId?: (row: T) => string;
  sorting?: Sorting;
}

/** A plain table of rows (paging, filtering and sorting are the API's); labels of the columns are translation keys. */
export function DataTable<T>({ rows, columns, testId, rowTestId, rowId, sorting }: DataTableProps<T>) {
  const { t } = useLanguage();
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel() });
  if (rows.length === 0) {
    return (
      <p className="muted" data-testid={testId} data-rows={0}>
        {t('common.empty')}
      </p>
    );
  }
  return (
    <table className="data" data-testid={testId} data-rows={rows.length}>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const label = typeof header.column.columnDef.header === 'string' ? t(header.column.columnDef.header) : flexRender(header.column.columnDef.header, header.getContext());
              if (!sorting?.columns.includes(header.column.id)) {
                return <th key={header.id}>{label}</th>;
              }
              const sorted = sorting.column === header.column.id;
              return (
                <th key={header.id} aria-sort={sorted ? (sorting.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" className="sort" onClick={() => sorting.onSort(nextSort(sorting, header.column.id))}>
                    {label}
                    <span aria-hidden="true">{sorted ? (sorting.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-testid={rowTestId} data-id={rowId?.(row.original)}>
            {row.getVisibleCells().map((cell) => (
              // On a phone a row is a card, each value under its column's name (styles.css).
              <td key={cell.id} data-label={typeof cell.column.columnDef.header === 'string' ? t(cell.column.columnDef.header) : undefined}>
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
