using System.Text;
using JinGong.Http.Languages;

namespace JinGong.Okr.Roster.Importing;

/// <summary>
/// Reads a roster exported as CSV (RFC 4180: a header row naming the columns <c>id,name,team,region,manager</c> in any
/// order, fields optionally quoted, <c>""</c> for a quote inside quotes).
/// </summary>
public static class RosterCsv
{
    public static readonly string[] Columns = ["id", "name", "team", "region", "manager"];

    /// <returns>The entries as the import request would carry them, or what is wrong with the file.</returns>
    public static (IReadOnlyList<RosterEntryRequest>? Entries, string? Error) Read(string text)
    {
        var (rows, error) = Rows(text);
        if (error is not null)
        {
            return (null, error);
        }

        if (rows.Count == 0)
        {
            return (null, Texts.Say($"The CSV has no header row; it names the columns {string.Join(",", Columns)}."));
        }

        var header = rows[0].Select(name => name.Trim().ToLowerInvariant()).ToList();
        var missing = Columns[..4].Where(column => !header.Contains(column)).ToList();
        if (missing.Count > 0)
        {
            return (null, Texts.Say($"The CSV's header lacks the column(s) {string.Join(", ", missing)}."));
        }

        string? Field(List<string> row, string column) =>
            header.IndexOf(column) is var index and >= 0 && index < row.Count && row[index].Trim() is { Length: > 0 } value ? value : null;

        return ([.. rows.Skip(1)
            .Where(row => row.Any(field => field.Trim().Length > 0))
            .Select(row => new RosterEntryRequest(Field(row, "id"), Field(row, "name"), Field(row, "team"), Field(row, "region"), Field(row, "manager")))], null);
    }

    private static (List<List<string>> Rows, string? Error) Rows(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            return (rows, Texts.Say($"The CSV ends inside a quoted field."));
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return (rows, null);
    }
}
