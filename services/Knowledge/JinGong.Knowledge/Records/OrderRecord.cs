using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.EventSourcing.Messaging;

namespace JinGong.Knowledge.Records;

/// <summary>Orders' order was placed, from opportunity <paramref name="OpportunityId"/> if it came from one.</summary>
public sealed record OrderPlacedNoted(
    string RecordId, string OrderId, string? OpportunityId, string Customer, string Region, int Units, decimal Amount, DateTimeOffset PlacedAt,
    Guid SourceEventId, string? CorrelationId, DateTimeOffset OccurredAt) : IRecordEvent;

/// <summary>
/// A step of an order's way to its customer, as orders, dispatch or fleet told it (<paramref name="Step"/>: a word of
/// <see cref="DealSteps"/>): cancelled, a unit reserved or released, sent and arrived, its delivery scheduled, delivered,
/// invoiced, paid.
/// </summary>
public sealed record OrderStepNoted(
    string RecordId, string OrderId, string Step, string Service, string? Detail, string? VehicleCode, DateTimeOffset At,
    Guid SourceEventId, string? CorrelationId, DateTimeOffset OccurredAt) : IRecordEvent;

/// <summary>
/// An order [订单] as the knowledge base knows it from orders', dispatch's and fleet's events (stream <c>order:{id}</c>),
/// in whatever order the bus brings them: the opportunity it came from and every step of its way, for the timeline of
/// the deal it belongs to.
/// </summary>
public sealed record OrderRecord(
    [property: Identity] string Id, string OrderId, string? OpportunityId, string? Customer, string? Region, IReadOnlyList<DealStep> Steps, DateTimeOffset LastOccurredAt)
    : IEvolving<OrderRecord>, INotedRecord
{
    public static string IdOf(string orderId) => $"order:{orderId}";

    [JasperFxIgnore]
    public static OrderRecord? Evolve(OrderRecord? state, object @event)
    {
        var record = state ?? @event switch
        {
            OrderPlacedNoted e => new OrderRecord(e.RecordId, e.OrderId, null, null, null, [], e.OccurredAt),
            OrderStepNoted e => new OrderRecord(e.RecordId, e.OrderId, null, null, null, [], e.OccurredAt),
            _ => throw new UnknownEventException(typeof(OrderRecord), @event),
        };
        // The same fact published again (a redelivery under another message id) is noted once: one event is one step.
        if (@event is IRecordEvent noted && record.Steps.Any(step => step.EventId == noted.SourceEventId))
        {
            return record with { LastOccurredAt = noted.OccurredAt };
        }

        return @event switch
        {
            OrderPlacedNoted placed => record with
            {
                OpportunityId = placed.OpportunityId, Customer = placed.Customer, Region = placed.Region,
                Steps = [.. record.Steps, new DealStep(DealSteps.OrderPlaced, placed.PlacedAt, "orders", $"{placed.Units} units, {placed.Amount:0.##} CNY", placed.OrderId, null, placed.SourceEventId, placed.CorrelationId)],
                LastOccurredAt = placed.OccurredAt,
            },
            OrderStepNoted step => record with
            {
                Steps = [.. record.Steps, new DealStep(step.Step, step.At, step.Service, step.Detail, step.OrderId, step.VehicleCode, step.SourceEventId, step.CorrelationId)],
                LastOccurredAt = step.OccurredAt,
            },
            _ => throw new UnknownEventException(typeof(OrderRecord), @event),
        };
    }
}
