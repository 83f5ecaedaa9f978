using JinGong.Dispatch.Allocations.Assigning;
using JinGong.Dispatch.Regions;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using Orders = JinGong.Contracts.Orders;

namespace JinGong.Dispatch.Allocations.Opening;

/// <summary>An order placed opens its allocation and asks fleet for a vehicle for each unit, once.</summary>
public sealed class OrderPlacedConsumer(IDocumentSession session, ServiceIdentity service, RegionMap regions, TimeProvider clock, ILogger<OrderPlacedConsumer> logger)
    : IdempotentConsumer<Orders.OrderPlaced>(session, service, clock, logger)
{
    protected override async Task ApplyAsync(Orders.OrderPlaced message, IDocumentSession session, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> models = [.. message.Lines.SelectMany(line => Enumerable.Repeat(line.Model, line.Quantity))];
        var free = await Candidates.ForModelsAsync(session, models, regions, cancellationToken);
        var open = new OpenAllocation(message.OrderId, message.Customer, message.Region, message.DeliverySite, models, free, message.OccurredAt, Clock.GetUtcNow());
        await session.AppendDecisionAsync<Allocation>(message.OrderId, state => AllocationDecider.Decide(open, state), cancellationToken);
    }
}
