using System.Globalization;
using System.IO.Compression;
using Microsoft.Playwright;
using Microsoft.VisualBasic.FileIO;

namespace JinGong.Console.Tests;

/// <summary>What the console's exports wrote, read back as a spreadsheet would.</summary>
internal static class Exported
{
    /// <summary>The rows of a CSV download, headers first, read as RFC 4180 (the console writes a byte order mark, CRLF and quoted cells).</summary>
    public static async Task<IReadOnlyList<string[]>> CsvAsync(IDownload download)
    {
        using var parser = new TextFieldParser(new StringReader((await File.ReadAllTextAsync(await download.PathAsync())).TrimStart('\uFEFF')))
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields() ?? []);
        }

        return rows;
    }

    /// <summary>A number as a CSV cell holds it; an empty cell is none (a rate with no basis).</summary>
    public static double? Number(string cell) => cell.Length == 0 ? null : double.Parse(cell, CultureInfo.InvariantCulture);

    /// <summary>Every text of an Excel download's sheets and shared strings, to look for what it should hold.</summary>
    public static async Task<string> WorkbookTextAsync(IDownload download)
    {
        using var workbook = ZipFile.OpenRead(await download.PathAsync());
        var texts = await Task.WhenAll(workbook.Entries
            .Where(entry => entry.FullName.StartsWith("xl/", StringComparison.Ordinal) && entry.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(async entry => await new StreamReader(entry.Open()).ReadToEndAsync()));
        return string.Concat(texts);
    }
}
