using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Fleet.Sites;

/// <summary>A site was drawn: from then on the readings of any vehicle within it count as time there, earlier readings included.</summary>
public sealed record SiteDefined(
    string SiteId, string Name, string? Customer, double Latitude, double Longitude, double RadiusMetres, DateTimeOffset OccurredAt);

/// <summary>Draw a site: a circle of <paramref name="RadiusMetres"/> around a centre (degrees, WGS 84).</summary>
public sealed record DefineSite(
    string SiteId, string Name, string? Customer, double Latitude, double Longitude, double RadiusMetres, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>
/// A site [工地]: a customer's pit, a port, a tunnel — an area with a name, where the system tells when each vehicle entered
/// and left from its readings (<see cref="SiteVisits"/>). Its stream is <see cref="StreamId"/>, apart from vehicle codes.
/// </summary>
public sealed record Site(
    [property: Identity] string Id, string SiteId, string Name, string? Customer, double Latitude, double Longitude, double RadiusMetres,
    DateTimeOffset DefinedAt) : IEvolving<Site>
{
    /// <summary>A site's stream: ':' is in no vehicle code, so no vehicle's stream can take a site's.</summary>
    public static string StreamId(string siteId) => $"site:{siteId}";

    [JasperFxIgnore]
    public static Site? Evolve(Site? state, object @event) => @event switch
    {
        SiteDefined defined => new(
            StreamId(defined.SiteId), defined.SiteId, defined.Name, defined.Customer, defined.Latitude, defined.Longitude, defined.RadiusMetres, defined.OccurredAt),
        _ => throw new UnknownEventException(typeof(Site), @event),
    };
}

/// <summary>A site as clients read it.</summary>
public sealed record SiteView(
    string SiteId, string Name, string? Customer, double Latitude, double Longitude, double RadiusMetres, DateTimeOffset DefinedAt, long Version)
{
    public static SiteView From(Site site, long version) =>
        new(site.SiteId, site.Name, site.Customer, site.Latitude, site.Longitude, site.RadiusMetres, site.DefinedAt, version);
}

/// <summary>The rules of sites.</summary>
public static class SiteDecider
{
    /// <summary>The smallest and largest circle a site may be: a loading bay to a whole mining district.</summary>
    public const double MinRadiusMetres = 10, MaxRadiusMetres = 50_000;

    public static Decision Decide(DefineSite command, Site? state) =>
        state is not null ? Decision.Reject(AlreadyDefined(command.SiteId))
        : command.OccurredAt > command.Now ? Decision.Reject(BusinessTime.OccurredInFuture(command.OccurredAt, command.Now))
        : Decision.Accept(new SiteDefined(
            command.SiteId, command.Name, command.Customer, command.Latitude, command.Longitude, command.RadiusMetres, command.OccurredAt));

    public static DomainError AlreadyDefined(string siteId) =>
        new("site-already-defined", $"Site {siteId} is already defined.", ErrorKind.Conflict);

    public static DomainError NotFound(string siteId) =>
        new("site-not-found", $"No site has the id {siteId}.", ErrorKind.NotFound);
}
