import type { ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { Page } from '../api/http';
import { parseSort } from '../lib/sorting';
import { everyPage, ExportButtons, type ExportColumn } from './ExportButtons';
import { PagedTable } from './PagedTable';
import { SearchBox } from './SearchBox';
import type { AddressQuery } from './useAddressQuery';
import { useApi } from './useApi';

const pageSize = 50;

interface ListViewProps<T> {
  /** The list's name: its table's test id, its search box's (`{name}-search`) and its exported file's. */
  name: string;
  rowTestId: string;
  /** What the page shows: search, filters, sort and page, kept in the address. */
  query: AddressQuery;
  /** One page of the list with the query's search, filters and sort. */
  fetchPage: (page: number, pageSize: number) => Promise<Page<T>>;
  columns: ColumnDef<T, any>[];
  exported: ExportColumn<T>[];
  /** The columns the API sorts by, and its order when none is asked (`-placedAt`: newest first). */
  sortColumns: readonly string[];
  defaultSort: string;
  /** The search box's hint (a translation key); none: the page searches in its own filters. */
  searchHint?: string;
  filters?: ReactNode;
}

/**
 * A list the API pages, as every list page shows it: searched, filtered, sorted from its headers on the server,
 * exported whole, a page at a time.
 */
export function ListView<T>({ name, rowTestId, query, fetchPage, columns, exported, sortColumns, defaultSort, searchHint, filters }: ListViewProps<T>) {
  const list = useApi(`${name}?${query.key}`, () => fetchPage(query.page, pageSize));
  const sort = query.get('sort') ?? defaultSort;
  return (
    <>
      {searchHint && <SearchBox value={query.get('search')} hint={searchHint} testId={`${name}-search`} onSearch={(text) => query.set({ search: text })} />}
      {filters}
      <ExportButtons name={name} columns={exported} rows={() => everyPage(fetchPage)} />
      <PagedTable
        loaded={list}
        columns={columns}
        testId={name}
        rowTestId={rowTestId}
        onPage={(next) => query.set({ page: String(next) })}
        sorting={{ ...parseSort(sort, defaultSort.replace(/^-/, '')), columns: sortColumns, onSort: (next) => query.set({ sort: next }) }}
      />
    </>
  );
}
