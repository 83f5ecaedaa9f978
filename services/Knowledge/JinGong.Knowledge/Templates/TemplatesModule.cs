using JinGong.Http;
using JinGong.Knowledge.Spaces;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Templates;

/// <summary>The templates a space's new pages start from, for its kind of page.</summary>
public sealed record SpaceTemplates(string SpaceId, SpaceKind Kind, IReadOnlyList<PageTemplate> Templates);

public static class TemplatesModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Templates",
        "Templates for a space's kind of page, in the company's words: rules, product sheets, marketing toolkits, industry news.");

    public static RouteGroupBuilder MapTemplates(this RouteGroupBuilder api)
    {
        api.MapGroup("/spaces").WithTag(Tag).MapGet("/{id}/templates", TemplatesAsync)
            .WithName("ListSpaceTemplates")
            .WithSummary("The templates for a space's kind of page (title and Markdown body), to start a new page from");
        return api;
    }

    private static async Task<Results<Ok<SpaceTemplates>, ProblemHttpResult>> TemplatesAsync(string id, IQuerySession session, CancellationToken cancellationToken) =>
        await session.LoadAsync<Space>(id, cancellationToken) is { } space
            ? TypedResults.Ok(new SpaceTemplates(space.Id, space.Kind, PageTemplates.For(space.Kind)))
            : Problems.From(SpaceDecider.NotFound(id));
}
