using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Knowledge.Spaces;

/// <summary>What a space holds, in the case study's words: rules [规章制度], product materials [产品资料], marketing toolkits [营销工具包], industry news [行业资讯].</summary>
public enum SpaceKind
{
    Rules,
    ProductMaterials,
    MarketingToolkit,
    IndustryNews,
}

/// <summary>An event of a space's life. OccurredAt is business time (UTC).</summary>
public interface ISpaceEvent
{
    string SpaceId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>A space was opened for a department's knowledge; <paramref name="Editors"/> are the roles that may write its pages.</summary>
public sealed record SpaceCreated(
    string SpaceId, string Name, SpaceKind Kind, string? Description, IReadOnlyList<string> Editors, DateTimeOffset OccurredAt) : ISpaceEvent;

/// <summary>A space [知识库空间] as its events tell it.</summary>
public sealed record Space(
    [property: Identity] string Id,
    string Name,
    SpaceKind Kind,
    string? Description,
    IReadOnlyList<string> Editors,
    DateTimeOffset CreatedAt) : IEvolving<Space>
{
    [JasperFxIgnore]
    public static Space? Evolve(Space? state, object @event) => (state, @event) switch
    {
        (_, SpaceCreated created) => new(created.SpaceId, created.Name, created.Kind, created.Description, created.Editors, created.OccurredAt),
        _ => throw new UnknownEventException(typeof(Space), @event),
    };
}

/// <summary>A space as clients read it, with the stream version it was read at.</summary>
public sealed record SpaceView(string Id, string Name, SpaceKind Kind, string? Description, IReadOnlyList<string> Editors, DateTimeOffset CreatedAt, long Version)
{
    public static SpaceView From(Space space, long version) =>
        new(space.Id, space.Name, space.Kind, space.Description, space.Editors, space.CreatedAt, version);
}
