using JinGong.Domain.Time;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Orders.Figures;

/// <summary>
/// The figures management reads (docs/metrics.md): collection rate, receivables ageing and DSO, conversion
/// rate, pipeline and order trends, each live or as of a past business date (<c>asOf</c>, default today in China), of
/// every region or of one (<c>region</c>): a rep's or regional manager's are always their own region's.
/// </summary>
public static class FigureEndpoints
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Figures",
        "The sales and finance figures: collection rate [回款率] and receivables, conversion rate [订单转化率], the pipeline and order trends, per region, rep and period.");

    public static RouteGroupBuilder MapFigures(this RouteGroupBuilder api)
    {
        var figures = api.MapGroup("/figures").WithTag(Tag);
        figures.MapGet("/collection-rate", CollectionRateAsync).WithName("GetCollectionRate")
            .WithSummary("Collection rate [回款率] of a period: payments received ÷ amounts invoiced and due, by region, customer or sales rep");
        figures.MapGet("/receivables", ReceivablesAsync).WithName("GetReceivables")
            .WithSummary("Receivables by ageing bucket (current, 1–30, 31–60, 61–90, 90+ days overdue) and days sales outstanding");
        figures.MapGet("/conversion-rate", ConversionRateAsync).WithName("GetConversionRate")
            .WithSummary("Conversion rate [订单转化率] of a period: won ÷ (won + lost), by region or sales rep");
        figures.MapGet("/pipeline", PipelineAsync).WithName("GetPipeline")
            .WithSummary("Open opportunities by stage, with their expected amounts");
        figures.MapGet("/order-trends", OrderTrendsAsync).WithName("GetOrderTrends")
            .WithSummary("Units and amounts ordered per month × model × region");
        return api;
    }

    private static async Task<Results<Ok<PeriodFigure<CollectionRateRow>>, ValidationProblem, ProblemHttpResult>> CollectionRateAsync(
        HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken,
        string? period = null, string? groupBy = null, DateOnly? asOf = null, string? region = null, string? knownAt = null)
    {
        var errors = new FieldErrors().BusinessDate("asOf", asOf);
        var known = errors.ParseKnownAt(knownAt, clock.GetUtcNow());
        var grouping = errors.ParseGrouping(groupBy);
        if (errors.ParsePeriod("period", period) is not { } inPeriod || errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if (!http.TryNarrow(region, out var narrowed))
        {
            return Problems.OutsideRegion($"What was asked for", region);
        }

        var invoices = await FigureSources.InvoicesAsync(session, narrowed, known, cancellationToken);
        return TypedResults.Ok(CollectionRate.Compute(invoices, inPeriod, asOf ?? ChinaTime.Today(clock), grouping) with { KnownAt = known });
    }

    private static async Task<Results<Ok<ReceivablesFigure>, ValidationProblem, ProblemHttpResult>> ReceivablesAsync(
        HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken, string? groupBy = null, DateOnly? asOf = null, string? region = null, string? knownAt = null)
    {
        var errors = new FieldErrors().BusinessDate("asOf", asOf);
        var known = errors.ParseKnownAt(knownAt, clock.GetUtcNow());
        var grouping = errors.ParseGrouping(groupBy);
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if (!http.TryNarrow(region, out var narrowed))
        {
            return Problems.OutsideRegion($"What was asked for", region);
        }

        var invoices = await FigureSources.InvoicesAsync(session, narrowed, known, cancellationToken);
        return TypedResults.Ok(Receivables.Compute(invoices, asOf ?? ChinaTime.Today(clock), grouping) with { KnownAt = known });
    }

    private static async Task<Results<Ok<PeriodFigure<ConversionRateRow>>, ValidationProblem, ProblemHttpResult>> ConversionRateAsync(
        HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken,
        string? period = null, string? groupBy = null, DateOnly? asOf = null, string? region = null, string? knownAt = null)
    {
        var errors = new FieldErrors().BusinessDate("asOf", asOf);
        var known = errors.ParseKnownAt(knownAt, clock.GetUtcNow());
        var grouping = errors.ParseGrouping(groupBy);
        errors.Check("groupBy", grouping != FigureGrouping.Customer, $"Conversion is broken down by total, region or salesRep.");
        if (errors.ParsePeriod("period", period) is not { } inPeriod || errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if (!http.TryNarrow(region, out var narrowed))
        {
            return Problems.OutsideRegion($"What was asked for", region);
        }

        var opportunities = await FigureSources.OpportunitiesAsync(session, narrowed, known, cancellationToken);
        return TypedResults.Ok(ConversionRate.Compute(opportunities, inPeriod, asOf ?? ChinaTime.Today(clock), grouping) with { KnownAt = known });
    }

    private static async Task<Results<Ok<PipelineFigure>, ValidationProblem, ProblemHttpResult>> PipelineAsync(
        HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken, DateOnly? asOf = null, string? region = null, string? salesRep = null, string? knownAt = null)
    {
        var errors = new FieldErrors().BusinessDate("asOf", asOf);
        var known = errors.ParseKnownAt(knownAt, clock.GetUtcNow());
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if (!http.TryNarrow(region, out var narrowed))
        {
            return Problems.OutsideRegion($"What was asked for", region);
        }

        var opportunities = await FigureSources.OpportunitiesAsync(session, narrowed, known, cancellationToken);
        return TypedResults.Ok(Pipeline.Compute(opportunities, asOf ?? ChinaTime.Today(clock), narrowed, salesRep) with { KnownAt = known });
    }

    private static async Task<Results<Ok<OrderTrendsFigure>, ValidationProblem, ProblemHttpResult>> OrderTrendsAsync(
        HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken, string? from = null, string? to = null, DateOnly? asOf = null, string? region = null, string? knownAt = null)
    {
        var errors = new FieldErrors().BusinessDate("asOf", asOf);
        var known = errors.ParseKnownAt(knownAt, clock.GetUtcNow());
        var first = errors.ParseMonth("from", from);
        var last = errors.ParseMonth("to", to);
        if (first is null || last is null || errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        errors.Check("to", first.First <= last.First && last.First <= first.First.AddYears(10), $"The months run forward from 'from', ten years at most.");
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if (!http.TryNarrow(region, out var narrowed))
        {
            return Problems.OutsideRegion($"What was asked for", region);
        }

        var orders = await FigureSources.OrdersAsync(session, narrowed, known, cancellationToken);
        return TypedResults.Ok(OrderTrends.Compute(orders, first, last, asOf ?? ChinaTime.Today(clock)) with { KnownAt = known });
    }

    private static FigureGrouping ParseGrouping(this FieldErrors errors, string? text) =>
        errors.ParseChoice("groupBy", text, FigureGrouping.Total);

    private static Period? ParseMonth(this FieldErrors errors, string field, string? text)
    {
        var period = errors.ParsePeriod(field, text);
        errors.Check(field, period is null || period.First.Day == 1 && period.Last == period.First.AddMonths(1).AddDays(-1), $"The {field} is a month, e.g. 2026-11.");
        return period;
    }
}
