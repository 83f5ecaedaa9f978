using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using JinGong.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Pages.Reading;

/// <summary>A revision in a page's list: who published it when, and which revision it restored, if any.</summary>
public sealed record RevisionSummary(int Number, string Title, string Author, string? ApprovedBy, DateTimeOffset PublishedAt, int? RestoredFrom, int Length);

public enum DiffLineKind
{
    Unchanged,
    Added,
    Removed,
}

/// <summary>One line of a diff, with its number in the older revision (removed, unchanged) and in the newer (added, unchanged).</summary>
public sealed record DiffLine(DiffLineKind Kind, string Text, int? FromLine, int? ToLine);

/// <summary>Two revisions of a page compared line by line, inline: the titles, every line, and how many were added and removed.</summary>
public sealed record RevisionDiff(string PageId, int From, int To, string FromTitle, string ToTitle, int Added, int Removed, IReadOnlyList<DiffLine> Lines);

public static class RevisionEndpoints
{
    public static RouteGroupBuilder MapRevisions(this RouteGroupBuilder pages)
    {
        pages.MapGet("/{id}/revisions", ListAsync)
            .WithName("ListPageRevisions")
            .WithSummary("Every revision of a page, the first first: who published it, when, and what it restored");
        pages.MapGet("/{id}/diff", DiffAsync)
            .WithName("DiffPageRevisions")
            .WithSummary("Two revisions of a page compared line by line (?from= N&to= M, any two, either way round)");
        return pages;
    }

    private static async Task<Results<Ok<IReadOnlyList<RevisionSummary>>, ProblemHttpResult>> ListAsync(string id, HttpContext http, IQuerySession session, CancellationToken cancellationToken) =>
        (await PageReads.CurrentAsync(http, session, id, cancellationToken)).Page is { } page
            ? TypedResults.Ok<IReadOnlyList<RevisionSummary>>(
                [.. page.Revisions.Select(revision => new RevisionSummary(revision.Number, revision.Title, revision.Author, revision.ApprovedBy, revision.PublishedAt, revision.RestoredFrom, revision.Body.Length))])
            : Problems.From(PageDecider.NotFound(id));

    private static async Task<Results<Ok<RevisionDiff>, ValidationProblem, ProblemHttpResult>> DiffAsync(
        string id, HttpContext http, IQuerySession session, CancellationToken cancellationToken, int? from = null, int? to = null)
    {
        var errors = new FieldErrors()
            .Required("from", from).Check("from", from is null or >= 1, $"Revisions count from 1.")
            .Required("to", to).Check("to", to is null or >= 1, $"Revisions count from 1.");
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if ((await PageReads.CurrentAsync(http, session, id, cancellationToken)).Page is not { } page)
        {
            return Problems.From(PageDecider.NotFound(id));
        }

        if (page.RevisionNumbered(from!.Value) is not { } older)
        {
            return Problems.From(PageDecider.RevisionNotFound(id, from.Value));
        }

        if (page.RevisionNumbered(to!.Value) is not { } newer)
        {
            return Problems.From(PageDecider.RevisionNotFound(id, to.Value));
        }

        var lines = Lines(older.Body, newer.Body);
        return TypedResults.Ok(new RevisionDiff(
            id, older.Number, newer.Number, older.Title, newer.Title,
            lines.Count(line => line.Kind == DiffLineKind.Added), lines.Count(line => line.Kind == DiffLineKind.Removed), lines));
    }

    /// <summary>The lines of <paramref name="older"/> and <paramref name="newer"/> in one sequence, as DiffPlex's inline diff lays them out.</summary>
    public static IReadOnlyList<DiffLine> Lines(string older, string newer)
    {
        var (fromLine, toLine) = (0, 0);
        var lines = new List<DiffLine>();
        foreach (var piece in InlineDiffBuilder.Diff(older, newer, ignoreWhiteSpace: false).Lines)
        {
            switch (piece.Type)
            {
                case ChangeType.Inserted:
                    lines.Add(new(DiffLineKind.Added, piece.Text, null, ++toLine));
                    break;
                case ChangeType.Deleted:
                    lines.Add(new(DiffLineKind.Removed, piece.Text, ++fromLine, null));
                    break;
                default:
                    lines.Add(new(DiffLineKind.Unchanged, piece.Text, ++fromLine, ++toLine));
                    break;
            }
        }

        return lines;
    }
}
