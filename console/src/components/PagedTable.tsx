import type { ColumnDef } from '@tanstack/react-table';
import type { Page } from '../api/http';
import { DataTable, type Sorting } from './DataTable';
import { Loading } from './Loading';
import { Pager } from './Pager';
import type { Loaded } from './useApi';

interface PagedTableProps<T> {
  loaded: Loaded<Page<T>>;
  columns: ColumnDef<T, any>[];
  testId: string;
  rowTestId: string;
  rowId?: (row: T) => string;
  onPage: (page: number) => void;
  sorting?: Sorting;
}

/** One page of a list the API pages, with previous / next. */
export function PagedTable<T>({ loaded, columns, testId, rowTestId, rowId, onPage, sorting }: PagedTableProps<T>) {
  return (
    <Loading loaded={loaded}>
      {(found) => (
        <>
          <DataTable rows={found.items} columns={columns} testId={testId} rowTestId={rowTestId} rowId={rowId} sorting={sorting} />
          <Pager page={found.pageNumber} pageSize={found.pageSize} total={found.total} onPage={onPage} />
        </>
      )}
    </Loading>
  );
}
