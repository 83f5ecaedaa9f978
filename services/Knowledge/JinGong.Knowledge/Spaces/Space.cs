using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Knowledge.Spaces;

/// <summary>
/// What a space holds, in the case study's words: rules [规章制度], product materials [产品资料], marketing toolkits
/// [营销工具包], industry news [行业资讯], and scenario solutions [场景化方案].
/// </summary>
public enum SpaceKind
{
    Rules,
    ProductMaterials,
    MarketingToolkit,
    IndustryNews,
    Solutions,

    /// <summary>
    /// The process documents of one region's deals [一篇文档伴随整个流程]: a page per opportunity, read by that region's
    /// sales staff and by those not bound to a region, never by another region's.
    /// </summary>
    Deals,
}

/// <summary>An event of a space's life. OccurredAt is business time (UTC).</summary>
public interface ISpaceEvent
{
    string SpaceId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// A space was opened for a department's knowledge; <paramref name="Editors"/> are the roles that may write its pages.
/// Everyone reads a space as it opens, until its administrators say otherwise.
/// </summary>
/// <summary>A space was opened; a space of deals for <paramref name="Region"/>'s (none for every other kind).</summary>
public sealed record SpaceCreated(
    string SpaceId, string Name, SpaceKind Kind, string? Description, IReadOnlyList<string> Editors, DateTimeOffset OccurredAt, string? Region = null) : ISpaceEvent
{
    /// <summary>What a space grants when it opens: reading to everyone, editing to the roles named.</summary>
    public IReadOnlyList<Grant> OpeningGrants() => [new(Grantee.Everyone, AccessLevel.Read), .. Editors.Select(role => new Grant(Grantee.Role(role), AccessLevel.Edit))];
}

/// <summary>What <paramref name="Grantee"/> may do in the space from now on (<see cref="AccessLevel.None"/>: the grant is withdrawn).</summary>
public sealed record SpaceAccessChanged(string SpaceId, Grantee Grantee, AccessLevel Level, DateTimeOffset OccurredAt) : ISpaceEvent;

/// <summary>Whether the space's revisions are published only once an approver has reviewed them, from now on.</summary>
public sealed record SpaceReviewChanged(string SpaceId, bool ReviewRequired, DateTimeOffset OccurredAt) : ISpaceEvent;

/// <summary>
/// Everyone in <paramref name="Teams"/> (teams of OKR's roster) is asked to confirm they have read each page's current
/// revision, from now on; none: nobody is asked.
/// </summary>
public sealed record SpaceReadConfirmationChanged(string SpaceId, IReadOnlyList<string> Teams, DateTimeOffset OccurredAt) : ISpaceEvent;

/// <summary>
/// A space [知识库空间] as its events tell it, with who may read, edit, approve and administer it, and the teams asked to
/// confirm they have read its pages [阅读确认].
/// </summary>
public sealed record Space(
    [property: Identity] string Id,
    string Name,
    SpaceKind Kind,
    string? Description,
    IReadOnlyList<Grant> Grants,
    bool ReviewRequired,
    IReadOnlyList<string> ConfirmingTeams,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastOccurredAt) : IEvolving<Space>
{
    /// <summary>The region whose deals a space of deals holds: whoever is bound to another region may do nothing in it.</summary>
    public string? Region { get; init; }

    /// <summary>None when a space stored before teams were asked is read (its document has no such field until rebuilt).</summary>
    public IReadOnlyList<string> ConfirmingTeams { get; init; } = ConfirmingTeams ?? [];

    /// <summary>The level granted to <paramref name="grantee"/> itself (not through anything else it belongs to).</summary>
    public AccessLevel GrantedTo(Grantee grantee) => Grants.FirstOrDefault(grant => grant.Grantee == grantee)?.Level ?? AccessLevel.None;

    [JasperFxIgnore]
    public static Space? Evolve(Space? state, object @event) => (state, @event) switch
    {
        (_, SpaceCreated created) => new(created.SpaceId, created.Name, created.Kind, created.Description, created.OpeningGrants(), false, [], created.OccurredAt, created.OccurredAt)
        {
            Region = created.Region,
        },
        (null, ISpaceEvent) => null,
        (_, SpaceAccessChanged changed) => state with
        {
            Grants = [.. state.Grants.Where(grant => grant.Grantee != changed.Grantee), .. changed.Level == AccessLevel.None ? [] : new[] { new Grant(changed.Grantee, changed.Level) }],
            LastOccurredAt = changed.OccurredAt,
        },
        (_, SpaceReviewChanged changed) => state with { ReviewRequired = changed.ReviewRequired, LastOccurredAt = changed.OccurredAt },
        (_, SpaceReadConfirmationChanged changed) => state with { ConfirmingTeams = changed.Teams, LastOccurredAt = changed.OccurredAt },
        _ => throw new UnknownEventException(typeof(Space), @event),
    };
}

/// <summary>A space as clients read it, with the stream version it was read at.</summary>
public sealed record SpaceView(
    string Id, string Name, SpaceKind Kind, string? Description, IReadOnlyList<Grant> Grants, bool ReviewRequired, IReadOnlyList<string> ConfirmingTeams,
    DateTimeOffset CreatedAt, long Version, string? Region)
{
    public static SpaceView From(Space space, long version) =>
        new(space.Id, space.Name, space.Kind, space.Description, space.Grants, space.ReviewRequired, space.ConfirmingTeams, space.CreatedAt, version, space.Region);
}
