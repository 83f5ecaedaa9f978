import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useLanguage } from '../i18n/language';

interface DataTableProps<T> {
  rows: T[];
  columns: ColumnDef<T, any>[];
  testId?: string;
  rowTestId?: string;
}

/** A plain table of rows (paging and filtering are the API's); labels of the columns are translation keys. */
export function DataTable<T>({ rows, columns, testId, rowTestId }: DataTableProps<T>) {
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
            {group.headers.map((header) => (
              <th key={header.id}>{typeof header.column.columnDef.header === 'string' ? t(header.column.columnDef.header) : flexRender(header.column.columnDef.header, header.getContext())}</th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-testid={rowTestId}>
            {row.getVisibleCells().map((cell) => (
              <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
