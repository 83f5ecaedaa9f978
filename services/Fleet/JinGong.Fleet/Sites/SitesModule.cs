using JasperFx.Events.Projections;
using JinGong.Domain.Time;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace JinGong.Fleet.Sites;

public sealed record DefineSiteRequest(
    string? SiteId, string? Name, string? Customer, double? Latitude, double? Longitude, double? RadiusMetres, DateTimeOffset? OccurredAt);

/// <summary>A site's visits over a range, and their hours.</summary>
public sealed record SiteVisitList(string SiteId, string Name, string? Customer, DateTimeOffset From, DateTimeOffset To, decimal Hours, IReadOnlyList<SiteVisit> Visits);

/// <summary>Hours on site of one group (a site, a vehicle or a customer): how many visits, how many hours.</summary>
public sealed record SiteHoursRow(string Key, int Visits, decimal Hours);

/// <summary>Hours on site over a range, by site, vehicle or customer (a site's customer; "none" for a site of no customer's).</summary>
public sealed record SiteHours(string Period, DateTimeOffset From, DateTimeOffset To, SiteHoursGrouping GroupBy, IReadOnlyList<SiteHoursRow> Rows, SiteHoursRow Total)
{
    /// <summary>The label of the hours of sites no customer's.</summary>
    public const string NoCustomer = "none";

    /// <summary>The visits of <paramref name="range"/> summed by <paramref name="grouping"/>, rows by key, with a total.</summary>
    public static SiteHours Of(Period range, SiteHoursGrouping grouping, IReadOnlyList<(Site Site, SiteVisit Visit)> visits)
    {
        var rows = visits
            .GroupBy(stay => grouping switch
            {
                SiteHoursGrouping.Vehicle => stay.Visit.VehicleCode,
                SiteHoursGrouping.Customer => stay.Site.Customer ?? NoCustomer,
                _ => stay.Site.SiteId,
            }, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new SiteHoursRow(group.Key, group.Count(), group.Sum(stay => stay.Visit.Hours)))
            .ToList();
        return new SiteHours(range.Name, range.Start, range.End, grouping, rows, new SiteHoursRow("total", visits.Count, visits.Sum(stay => stay.Visit.Hours)));
    }
}

/// <summary>What hours on site are broken down by.</summary>
public enum SiteHoursGrouping
{
    Site,
    Vehicle,
    Customer,
}

public static class SitesModule
{
    private static readonly ApiTag Tag = new("Sites",
        "Sites [工地]: a customer's pit, a port, a tunnel — a named circle on the map; when each vehicle entered and left it, and hours on site per "
        + "site, vehicle and customer, computed from the readings, late ones included.");

    public static readonly StreamKind<Site, SiteView> Sites =
        new("Site", SiteDecider.NotFound, Site.Evolve, SiteView.From, e => ((SiteDefined)e).OccurredAt);

    public static void ConfigureSites(this StoreOptions options)
    {
        options.Projections.Add(new EvolvingProjection<Site>(typeof(SiteDefined)), ProjectionLifecycle.Inline);
        options.Events.MapEventType<SiteDefined>("site_defined_v1");
    }

    public static RouteGroupBuilder MapSites(this RouteGroupBuilder api)
    {
        var sites = api.MapGroup("/sites").WithTag(Tag);
        sites.MapPost("/", DefineAsync).WithName("DefineSite").WithSummary("Draw a site: a named circle (centre in degrees, radius in metres), of a customer's or none")
            .RequireRoles(Roles.FleetOperations);
        sites.MapGet("/", ListAsync).WithName("ListSites").WithSummary("Every site, by id");
        sites.MapGet("/hours", HoursAsync).WithName("GetSiteHours")
            .WithSummary("Hours on site from one period to another (from, to: 2026-10, 2026-Q4, 2026-10-05), by site, vehicle or customer");
        sites.MapGet("/{siteId}", GetAsync).WithName("GetSite").WithSummary("One site");
        sites.MapGet("/{siteId}/visits", VisitsAsync).WithName("GetSiteVisits")
            .WithSummary("When each vehicle entered and left the site from one period to another, from the readings, late ones included");
        return api;
    }

    private static async Task<Results<Created<SiteView>, ValidationProblem, ProblemHttpResult>> DefineAsync(
        DefineSiteRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Id("siteId", request.SiteId)
            .Required("name", request.Name)
            .Check("customer", request.Customer is null || request.Customer.Trim().Length <= FieldErrors.MaxTextLength,
                $"The customer has at most {FieldErrors.MaxTextLength} characters.")
            .Position(request.Latitude, request.Longitude)
            .Required("radiusMetres", request.RadiusMetres)
            .Check("radiusMetres", request.RadiusMetres is null or >= SiteDecider.MinRadiusMetres and <= SiteDecider.MaxRadiusMetres,
                $"A site's radius runs from {SiteDecider.MinRadiusMetres} to {SiteDecider.MaxRadiusMetres} metres.");
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var siteId = request.SiteId!.Trim();
        var now = clock.GetUtcNow();
        var command = new DefineSite(
            siteId, request.Name!.Trim(), request.Customer?.Trim() is { Length: > 0 } customer ? customer : null,
            request.Latitude!.Value, request.Longitude!.Value, request.RadiusMetres!.Value, (request.OccurredAt ?? now).ToUniversalTime(), now);
        return await session.StartAsync(
            Sites, Site.StreamId(siteId), $"/api/fleet/sites/{Uri.EscapeDataString(siteId)}", http,
            current => SiteDecider.Decide(command, current), SiteDecider.AlreadyDefined(siteId), cancellationToken);
    }

    private static async Task<Ok<IReadOnlyList<SiteView>>> ListAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        var sites = await session.Query<Site>().OrderBy(site => site.SiteId).ToListAsync(cancellationToken);
        // Its definition is a site's only event: every listed one is at version 1.
        return TypedResults.Ok<IReadOnlyList<SiteView>>([.. sites.Select(site => SiteView.From(site, 1))]);
    }

    private static async Task<Results<Ok<SiteView>, ProblemHttpResult>> GetAsync(string siteId, IQuerySession session, CancellationToken cancellationToken) =>
        await session.LoadAsync<Site>(Site.StreamId(siteId), cancellationToken) is { } site
            ? TypedResults.Ok(SiteView.From(site, 1))
            : Problems.From(SiteDecider.NotFound(siteId));

    private static async Task<Results<Ok<SiteVisitList>, ValidationProblem, ProblemHttpResult>> VisitsAsync(
        string siteId, IQuerySession session, NpgsqlDataSource dataSource, CancellationToken cancellationToken, string? from = null, string? to = null)
    {
        var errors = new FieldErrors();
        var range = errors.ParseRange(from, to, Vehicles.Utilization.UtilizationEndpoints.MaxYears);
        if (range is null || errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if (await session.LoadAsync<Site>(Site.StreamId(siteId), cancellationToken) is not { } site)
        {
            return Problems.From(SiteDecider.NotFound(siteId));
        }

        var visits = await SiteVisits.BetweenAsync(dataSource, session.DocumentStore.Options.DatabaseSchemaName, site, range.Start, range.End, cancellationToken);
        return TypedResults.Ok(new SiteVisitList(site.SiteId, site.Name, site.Customer, range.Start, range.End, visits.Sum(visit => visit.Hours), visits));
    }

    private static async Task<Results<Ok<SiteHours>, ValidationProblem>> HoursAsync(
        IQuerySession session, NpgsqlDataSource dataSource, CancellationToken cancellationToken, string? from = null, string? to = null, string? groupBy = null)
    {
        var errors = new FieldErrors();
        var range = errors.ParseRange(from, to, Vehicles.Utilization.UtilizationEndpoints.MaxYears);
        var grouping = errors.ParseChoice("groupBy", groupBy, SiteHoursGrouping.Site);
        if (range is null || errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var visits = new List<(Site Site, SiteVisit Visit)>();
        foreach (var site in await session.Query<Site>().ToListAsync(cancellationToken))
        {
            visits.AddRange((await SiteVisits.BetweenAsync(dataSource, schema, site, range.Start, range.End, cancellationToken)).Select(visit => (site, visit)));
        }

        return TypedResults.Ok(SiteHours.Of(range, grouping, visits));
    }
}
