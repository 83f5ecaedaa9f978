using System.Text;
using System.Text.RegularExpressions;

namespace JinGong.Knowledge.Links;

/// <summary>What a link points at: another page, or a record of another service, as the console names them.</summary>
public enum LinkKind
{
    Page,
    Vehicle,
    Order,
    Opportunity,
    Model,
}

/// <summary>A link's target, written <c>kind:id</c> (<c>page:PAGE-3F9A0C12B7</c>, <c>vehicle:JG-MT-0012</c>), ids in capitals.</summary>
public sealed record LinkTarget(LinkKind Kind, string Id)
{
    /// <summary>How the target is written in a page and kept in the links' index: <c>vehicle:JG-MT-0012</c>.</summary>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Id}";

    /// <summary>The target <paramref name="text"/> names (<c>vehicle:jg-mt-0012</c> as well), or null when it names none.</summary>
    public static LinkTarget? Parse(string? text) =>
        text is not null && LinkParser.Reference().Match(text.Trim()) is { Success: true } match && match.Length == text.Trim().Length
            ? LinkParser.Target(match)
            : null;
}

/// <summary>
/// Reads the links out of a page's Markdown: <c>[text](page:PAGE-…)</c> to another page, and mentions of system
/// records — <c>vehicle:JG-MT-0012</c>, <c>order:ORD-…</c>, <c>opportunity:OPP-…</c>, <c>model:MT-90E</c> — bare or as
/// a link's destination. Code is not prose: nothing inside a code span (<c>`…`</c>) or a fenced code block
/// (<c>```</c>, <c>~~~</c>) is a link, so a page can show the syntax without linking.
/// </summary>
public static partial class LinkParser
{
    /// <summary>Every target <paramref name="markdown"/> links to, each once, in the order first written.</summary>
    public static IReadOnlyList<LinkTarget> Links(string markdown) =>
        [.. Reference().Matches(Prose(markdown)).Select(Target).Distinct()];

    /// <summary>The text with code blocks and code spans blanked out (lengths kept), what links are read from.</summary>
    public static string Prose(string markdown)
    {
        var prose = new StringBuilder(markdown.Length);
        string? fence = null;
        foreach (var line in markdown.Split('\n'))
        {
            var opening = Fence().Match(line);
            if (fence is null && opening.Success)
            {
                fence = opening.Groups["fence"].Value;
                prose.Append(' ', line.Length).Append('\n');
            }
            else if (fence is not null)
            {
                // A fence closes with the same character, at least as many times, and nothing after it but spaces.
                if (opening.Success && opening.Groups["fence"].Value[0] == fence[0] && opening.Groups["fence"].Length >= fence.Length && opening.Groups["info"].Value.Trim().Length == 0)
                {
                    fence = null;
                }

                prose.Append(' ', line.Length).Append('\n');
            }
            else
            {
                prose.Append(WithoutCodeSpans(line)).Append('\n');
            }
        }

        return prose.ToString(0, Math.Max(0, prose.Length - 1));
    }

    /// <summary>A code span opens with a run of backticks and closes with a run of as many; an unmatched run is literal text.</summary>
    private static string WithoutCodeSpans(string line)
    {
        var text = line.ToCharArray();
        var index = 0;
        while (index < text.Length)
        {
            if (text[index] != '`')
            {
                index++;
                continue;
            }

            var run = RunAt(text, index);
            var close = index + run;
            while (close < text.Length && (text[close] != '`' || RunAt(text, close) != run))
            {
                close += text[close] == '`' ? RunAt(text, close) : 1;
            }

            if (close >= text.Length)
            {
                index += run;
                continue;
            }

            Array.Fill(text, ' ', index, close + run - index);
            index = close + run;
        }

        return new string(text);
    }

    private static int RunAt(char[] text, int index)
    {
        var end = index;
        while (end < text.Length && text[end] == '`')
        {
            end++;
        }

        return end - index;
    }

    internal static LinkTarget Target(Match match) =>
        new(Enum.Parse<LinkKind>(match.Groups["kind"].Value, ignoreCase: true), match.Groups["id"].Value.ToUpperInvariant());

    // A kind, a colon and an id of letters, digits, '-', '_' and '.', ending on a letter or digit (so that the full stop
    // after "见 vehicle:JG-MT-0012." is not part of it); not the tail of a longer word ("subpage:x").
    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<kind>page|vehicle|order|opportunity|model):(?<id>[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex Reference();

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex Fence();
}
