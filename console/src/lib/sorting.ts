/** The column a list is sorted by, as the API's `?sort=` names it: `-warehouse` is warehouse, descending. */
export interface SortOrder {
  column: string;
  descending: boolean;
}

/** `?sort=` as the address keeps it; none is `fallback`, ascending. */
export function parseSort(sort: string | null | undefined, fallback: string): SortOrder {
  const descending = sort?.startsWith('-') ?? false;
  return { column: (descending ? sort!.slice(1) : sort) || fallback, descending };
}

/** `code` → `-code` → `code`: a header clicked again turns the order round; another column starts ascending. */
export function nextSort(current: SortOrder, column: string): string {
  return current.column === column && !current.descending ? `-${column}` : column;
}
