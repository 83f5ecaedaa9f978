using JinGong.Dispatch.Allocations;
using JinGong.Dispatch.Loans;
using JinGong.Dispatch.Transfers;
using JinGong.Domain.Time;
using JinGong.Http;
using JinGong.Http.Security;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Dispatch.Board;

public sealed record WaitingUnit(string OrderId, int Unit, string Model);

/// <summary>A unit coming from another region: <see cref="UnitStatus.AwaitingTransfer"/> until fleet sets it off, then <see cref="UnitStatus.InTransit"/>.</summary>
public sealed record MovingUnit(string OrderId, int Unit, string VehicleCode, string? TransferId, UnitStatus Status);

public sealed record PlannedDelivery(string OrderId, string VehicleCode, DateOnly Date, string Site);

/// <summary>One region's dispatch at a glance.</summary>
public sealed record RegionBoard(
    string Region,
    int OpenAllocations,
    IReadOnlyList<WaitingUnit> Backorders,
    IReadOnlyList<MovingUnit> UnitsInTransit,
    IReadOnlyList<TransferSummary> TransfersInTransit,
    IReadOnlyList<LoanSummary> LoansOut,
    IReadOnlyList<LoanSummary> LoansOverdue,
    IReadOnlyList<PlannedDelivery> DeliveriesThisWeek);

/// <summary>The dispatch board, per region: open allocations, backorders, units and transfers on the way, loans out and overdue, this week's deliveries.</summary>
public sealed record DispatchBoard(DateOnly Today, DateOnly WeekStart, DateOnly WeekEnd, IReadOnlyList<RegionBoard> Regions);

public static class BoardEndpoint
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Board",
        "The dispatcher's board: per region, what is waiting, moving, out on loan and due this week.");

    public static RouteGroupBuilder MapBoard(this RouteGroupBuilder api)
    {
        api.MapGet("/board", BoardAsync).WithTag(Tag).WithName("GetDispatchBoard")
            .WithSummary("Per region: open allocations, backorders, units and transfers in transit, loans out and overdue, deliveries this week (China calendar)");
        return api;
    }

    private static async Task<Results<Ok<DispatchBoard>, ProblemHttpResult>> BoardAsync(
        HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken, string? region = null)
    {
        // A rep or regional manager sees their own region's board, whatever they ask for.
        if (!http.TryNarrow(region, out var narrowed))
        {
            return Problems.OutsideRegion($"What was asked for", region);
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var weekStart = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var weekEnd = weekStart.AddDays(6);

        var allocations = session.Query<Allocation>().Where(allocation => !allocation.Cancelled);
        var transfers = session.Query<Transfer>().Where(transfer => transfer.Status == TransferStatus.Requested || transfer.Status == TransferStatus.InTransit || transfer.Status == TransferStatus.Arriving);
        var loans = session.Query<Loan>().Where(loan => loan.Status == LoanStatus.Out || loan.Status == LoanStatus.Returning);
        if (narrowed is { } shown)
        {
            allocations = allocations.Where(allocation => allocation.Region == shown);
            transfers = transfers.Where(transfer => transfer.ToRegion == shown);
            loans = loans.Where(loan => loan.Region == shown);
        }

        var open = (await allocations.ToListAsync(cancellationToken)).Where(allocation => allocation.IsOpen).ToList();
        var moving = await transfers.ToListAsync(cancellationToken);
        var lent = await loans.ToListAsync(cancellationToken);
        var regions = open.Select(a => a.Region).Concat(moving.Select(t => t.ToRegion)).Concat(lent.Select(l => l.Region)).Distinct().Order(StringComparer.Ordinal);
        return TypedResults.Ok(new DispatchBoard(today, weekStart, weekEnd, [.. regions.Select(name =>
        {
            var here = open.Where(allocation => allocation.Region == name).ToList();
            var units = here.SelectMany(allocation => allocation.Units.Select(unit => (allocation.OrderId, Unit: unit))).ToList();
            return new RegionBoard(
                name,
                here.Count,
                [.. units.Where(u => u.Unit.Status == UnitStatus.Backordered).Select(u => new WaitingUnit(u.OrderId, u.Unit.Number, u.Unit.Model))],
                [.. units.Where(u => u.Unit.Status is UnitStatus.AwaitingTransfer or UnitStatus.InTransit).Select(u => new MovingUnit(u.OrderId, u.Unit.Number, u.Unit.VehicleCode!, u.Unit.TransferId, u.Unit.Status))],
                [.. moving.Where(transfer => transfer.ToRegion == name).Select(TransferSummary.From)],
                [.. lent.Where(loan => loan.Region == name).Select(LoanSummary.From)],
                [.. lent.Where(loan => loan.Region == name && loan.IsOverdueOn(today)).Select(LoanSummary.From)],
                [.. units.Where(u => u.Unit is { Status: UnitStatus.Scheduled, DeliveryDate: { } date } && date >= weekStart && date <= weekEnd)
                    .Select(u => new PlannedDelivery(u.OrderId, u.Unit.VehicleCode!, u.Unit.DeliveryDate!.Value, u.Unit.DeliverySite!))]);
        })]));
    }
}
