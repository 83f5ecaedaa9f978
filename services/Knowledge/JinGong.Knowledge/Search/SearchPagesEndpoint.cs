using JinGong.Http;
using JinGong.Knowledge.Spaces;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Search;

/// <summary>Where a match is in a text: from <paramref name="Start"/> (UTF-16 code units, as JavaScript counts), <paramref name="Length"/> long.</summary>
public sealed record Highlight(int Start, int Length);

/// <summary>A piece of text with its matches marked by position, not by markup: the client renders it as text, safely.</summary>
public sealed record HighlightedText(string Text, IReadOnlyList<Highlight> Highlights);

/// <summary>A page found: its title and an excerpt of its text around the first match, each with the matches marked, and its score.</summary>
public sealed record SearchHit(string PageId, string SpaceId, HighlightedText Title, HighlightedText Snippet, int Score);

public static class SearchPagesEndpoint
{
    public const int MaxQueryLength = 100;

    /// <summary>How much of the text an excerpt shows, and how much of it comes before the first match.</summary>
    private const int SnippetLength = 120;

    private const int SnippetLead = 30;

    /// <summary>A match in the title weighs as much as this many in the text.</summary>
    private const int TitleWeight = 5;

    public static RouteGroupBuilder MapSearchPages(this RouteGroupBuilder search)
    {
        search.MapGet("/", SearchAsync)
            .WithName("SearchPages")
            .WithSummary("Pages the caller may read whose title or text holds every word of ?q= (Chinese of any length, model codes such as EX-35E), best first, in ?space= if given, a page at a time");
        return search;
    }

    private static async Task<Results<Ok<Page<SearchHit>>, ValidationProblem>> SearchAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken, string? q = null, string? space = null, int page = 1, int pageSize = Page.DefaultSize)
    {
        var runs = q is null ? [] : Segmenter.Runs(q);
        var errors = new FieldErrors()
            .Required("q", q, MaxQueryLength)
            .Check("q", string.IsNullOrWhiteSpace(q) || runs.Count > 0, $"Search for words: Chinese characters, letters or digits.")
            .OptionalId("space", space);
        foreach (var (field, messages) in Page.Validate(page, pageSize))
        {
            errors.Errors[field] = messages;
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        // The index finds the pages holding every token (the array one parameter, not one per token); only those holding every run as written are matches (the
        // pairs of 电池包 are in a page that says 电池 and 池包 apart, too).
        var tokens = Segmenter.QueryTokens(runs).ToArray();
        var spaceId = FieldErrors.Trimmed(space);
        // Only the spaces the caller may read: a page they may not read is not there for them, in results as anywhere.
        var readable = await Readers.ReadableSpacesAsync(http, session, cancellationToken);
        var candidates = await session.Query<PageSearch>()
            .Where(document => document.MatchesSql("tokens @> ?", (object)tokens))
            .Where(document => readable.Contains(document.SpaceId))
            .WhereGiven(spaceId, document => document.SpaceId == spaceId)
            .ToListAsync(cancellationToken);
        var hits = candidates.Select(document => Hit(document, runs)).OfType<SearchHit>()
            .OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Title.Text, StringComparer.Ordinal).ThenBy(hit => hit.PageId, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new Page<SearchHit>([.. hits.Skip((page - 1) * pageSize).Take(pageSize)], page, pageSize, hits.Count));
    }

    /// <summary>The page as a result, or null when it does not hold every run of the query.</summary>
    private static SearchHit? Hit(PageSearch document, IReadOnlyList<SearchRun> runs)
    {
        var (title, body) = (Segmenter.Fold(document.Title), Segmenter.Fold(document.Body));
        if (!runs.All(run => title.Contains(run.Text, StringComparison.Ordinal) || body.Contains(run.Text, StringComparison.Ordinal)))
        {
            return null;
        }

        var score = runs.Sum(run => (Occurrences(title, run.Text).Count() * TitleWeight) + Occurrences(body, run.Text).Count());
        return new SearchHit(
            document.Id, document.SpaceId, new HighlightedText(document.Title, Marks(title, runs, 0, title.Length)), Snippet(document.Body, body, runs), score);
    }

    /// <summary>An excerpt of the text from a little before its first match (its start when only the title matched), line breaks as spaces.</summary>
    private static HighlightedText Snippet(string text, string folded, IReadOnlyList<SearchRun> runs)
    {
        var first = runs.Select(run => folded.IndexOf(run.Text, StringComparison.Ordinal)).Where(index => index >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, first - SnippetLead);
        // Never half a character: an excerpt does not start on the second half of a surrogate pair.
        if (start > 0 && char.IsLowSurrogate(text[start]))
        {
            start--;
        }

        var end = Math.Min(text.Length, start + SnippetLength);
        if (end < text.Length && char.IsLowSurrogate(text[end]))
        {
            end++;
        }

        var excerpt = text[start..end].Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ');
        return new HighlightedText(excerpt, Marks(folded, runs, start, end));
    }

    /// <summary>Every match of the runs between <paramref name="start"/> and <paramref name="end"/>, overlapping ones merged, relative to <paramref name="start"/>.</summary>
    private static IReadOnlyList<Highlight> Marks(string folded, IReadOnlyList<SearchRun> runs, int start, int end)
    {
        var spans = runs.SelectMany(run => Occurrences(folded, run.Text).Select(index => (From: index, To: index + run.Text.Length)))
            .Where(span => span.From < end && span.To > start)
            .Select(span => (From: Math.Max(span.From, start), To: Math.Min(span.To, end)))
            .OrderBy(span => span.From);
        var merged = new List<(int From, int To)>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.From <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, span.To));
            }
            else
            {
                merged.Add(span);
            }
        }

        return [.. merged.Select(span => new Highlight(span.From - start, span.To - span.From))];
    }

    private static IEnumerable<int> Occurrences(string text, string run)
    {
        for (var index = text.IndexOf(run, StringComparison.Ordinal); index >= 0; index = text.IndexOf(run, index + run.Length, StringComparison.Ordinal))
        {
            yield return index;
        }
    }
}
