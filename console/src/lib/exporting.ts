/** A table as exported: its headers (in the reader's language) and its rows of values. */
export interface ExportedTable {
  headers: string[];
  rows: (string | number | null)[][];
}

/** A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, return) is kept as text by a leading `'`. */
const formulaStart = /^[=+\-@\t\r]/;

function csvCell(value: string | number | null): string {
  if (value === null) {
    return '';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV with CRLF line ends, a byte order mark so that Excel reads UTF-8 (Chinese names) as such, and text that
 * would start a formula neutralised (OWASP's CSV injection advice).
 */
export function toCsv(table: ExportedTable): string {
  return '\uFEFF' + [table.headers, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** An Excel workbook of one sheet; ExcelJS is loaded only when someone exports. */
export async function toXlsx(table: ExportedTable, sheet: string): Promise<Blob> {
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  const worksheet = workbook.addWorksheet(sheet.slice(0, 31));
  worksheet.addRow(table.headers).font = { bold: true };
  // Strings go in as strings: ExcelJS never evaluates them, so no formula can start from a cell's text.
  worksheet.addRows(table.rows);
  worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  table.headers.forEach((header, index) => {
    const widest = Math.max(header.length, ...table.rows.map((row) => String(row[index] ?? '').length));
    worksheet.getColumn(index + 1).width = Math.min(60, widest + 2);
  });
  return new Blob([await workbook.xlsx.writeBuffer()], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Offers `blob` to the browser as a download named `name`. */
export function download(name: string, blob: Blob): void {
  const address = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = address;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(address);
}
