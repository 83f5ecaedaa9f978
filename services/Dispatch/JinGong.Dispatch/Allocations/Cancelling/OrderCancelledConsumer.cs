using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using Orders = JinGong.Contracts.Orders;

namespace JinGong.Dispatch.Allocations.Cancelling;

/// <summary>An order cancelled: its allocation closes and every vehicle it holds or asked for goes back.</summary>
public sealed class OrderCancelledConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OrderCancelledConsumer> logger)
    : IdempotentConsumer<Orders.OrderCancelled>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OrderCancelled message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.AppendDecisionAsync<Allocation>(
            message.OrderId, state => AllocationDecider.Decide(new CancelAllocation(message.OrderId, message.Reason, message.OccurredAt, Clock.GetUtcNow()), state), cancellationToken);
}
