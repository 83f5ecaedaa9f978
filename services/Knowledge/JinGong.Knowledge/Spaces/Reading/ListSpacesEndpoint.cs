using JinGong.EventSourcing;
using JinGong.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Knowledge.Spaces.Reading;

public static class ListSpacesEndpoint
{
    public static RouteGroupBuilder MapListSpaces(this RouteGroupBuilder spaces)
    {
        spaces.MapGet("/", ListAsync)
            .WithName("ListSpaces")
            .WithSummary("The spaces the caller may read, of one kind if asked (?kind=), by name, a page at a time");
        return spaces;
    }

    private static async Task<Results<Ok<Page<SpaceView>>, ValidationProblem>> ListAsync(
        HttpContext http, IQuerySession session, CancellationToken cancellationToken, string? kind = null, int page = 1, int pageSize = Page.DefaultSize)
    {
        var errors = new FieldErrors();
        SpaceKind? asked = kind is null ? null : errors.ParseChoice("kind", kind, SpaceKind.Rules);
        foreach (var (field, messages) in Page.Validate(page, pageSize))
        {
            errors.Errors[field] = messages;
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var readable = await Readers.ReadableSpacesAsync(http, session, cancellationToken);
        return TypedResults.Ok(await session.Query<Space>()
            .Where(space => readable.Contains(space.Id))
            .WhereGiven(asked, space => space.Kind == asked)
            .OrderBy(space => space.Name).ThenBy(space => space.Id)
            .PageAsync(session, SpacesModule.Spaces, space => space.Id, page, pageSize, cancellationToken));
    }
}
