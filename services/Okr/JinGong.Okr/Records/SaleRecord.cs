using System.Collections.Immutable;
using JasperFx;
using JasperFx.Core;
using JinGong.Domain;
using JinGong.Domain.Time;

namespace JinGong.Okr.Records;

/// <summary>
/// What OKR notes of other services' facts, each with the id of the event that published it (<c>SourceEventId</c>,
/// an event of orders or fleet): the raw material bound key results are counted from.
/// </summary>
public interface IRecordEvent
{
    string RecordId { get; }

    Guid SourceEventId { get; }

    /// <summary>Business time of the noting: when the fact happened, but never before the record's previous event.</summary>
    DateTimeOffset OccurredAt { get; }
}

public sealed record ModelUnits(string Model, int Quantity);

public sealed record OrderNoted(
    string RecordId, string OrderId, string Customer, string Region, string SalesRep, IReadOnlyList<ModelUnits> Lines, int Units, decimal Amount,
    DateTimeOffset PlacedAt, Guid SourceEventId, DateTimeOffset OccurredAt) : IRecordEvent;

public sealed record OrderCancellationNoted(string RecordId, string OrderId, DateTimeOffset CancelledAt, Guid SourceEventId, DateTimeOffset OccurredAt) : IRecordEvent;

public sealed record InvoiceNoted(
    string RecordId, string OrderId, string InvoiceId, string Region, string SalesRep, decimal Amount, DateOnly DueDate, DateTimeOffset IssuedAt,
    Guid SourceEventId, DateTimeOffset OccurredAt) : IRecordEvent;

public sealed record PaymentNoted(
    string RecordId, string OrderId, string InvoiceId, string PaymentId, string Region, string SalesRep, decimal Amount, DateOnly PaidOn, DateTimeOffset PaidAt,
    Guid SourceEventId, DateTimeOffset OccurredAt) : IRecordEvent;

public sealed record DeliveryNoted(string RecordId, string OrderId, string VehicleCode, string Model, DateTimeOffset DeliveredAt, Guid SourceEventId, DateTimeOffset OccurredAt) : IRecordEvent;

public sealed record InvoiceFact(decimal Amount, DateOnly DueDate, DateTimeOffset IssuedAt, Guid EventId);

public sealed record PaymentFact(string InvoiceId, decimal Amount, DateOnly PaidOn, DateTimeOffset PaidAt, Guid EventId);

public sealed record DeliveryFact(string Model, DateTimeOffset DeliveredAt, Guid EventId);

/// <summary>What a bound key result reads of one business record: who it is attributed to and the days its facts fall on.</summary>
public interface IBusinessRecord : JinGong.EventSourcing.Messaging.INotedRecord
{
    string Id { get; }

    string? Region { get; }

    string? SalesRep { get; }

    /// <summary>The first and last China calendar day (as day numbers) any of its facts falls on.</summary>
    int FirstFactDay { get; }

    int LastFactDay { get; }
}

/// <summary>
/// An order as OKR knows it from orders' and fleet's events (stream <c>order:{orderId}</c>): placed, cancelled,
/// invoiced, paid, delivered. Facts may arrive in any order; what is not known yet is null.
/// </summary>
public sealed record SaleRecord([property: Identity] string Id, string OrderId, DateTimeOffset LastOccurredAt) : IBusinessRecord, IEvolving<SaleRecord>
{
    public static string IdOf(string orderId) => $"order:{orderId}";

    public string? Region { get; init; }

    public string? SalesRep { get; init; }

    public IReadOnlyList<ModelUnits> Lines { get; init; } = [];

    public int Units { get; init; }

    public DateTimeOffset? PlacedAt { get; init; }

    public Guid? PlacedEventId { get; init; }

    public Guid? CancelledEventId { get; init; }

    public ImmutableSortedDictionary<string, InvoiceFact> Invoices { get; init; } = ImmutableSortedDictionary<string, InvoiceFact>.Empty;

    public ImmutableSortedDictionary<string, PaymentFact> Payments { get; init; } = ImmutableSortedDictionary<string, PaymentFact>.Empty;

    /// <summary>By vehicle code: a vehicle is handed over once.</summary>
    public ImmutableSortedDictionary<string, DeliveryFact> Deliveries { get; init; } = ImmutableSortedDictionary<string, DeliveryFact>.Empty;

    public int FirstFactDay { get; init; } = int.MaxValue;

    public int LastFactDay { get; init; } = int.MinValue;

    /// <summary>The state after one more fact: any may be the first to arrive, and each can start the record.</summary>
    [JasperFxIgnore]
    public static SaleRecord? Evolve(SaleRecord? state, object @event) => (state, @event) switch
    {
        (null, IRecordEvent first) => Evolve(Start(first), first),
        ({ } record, OrderNoted noted) => record.On(noted, noted.PlacedAt) with
        {
            Region = noted.Region,
            SalesRep = noted.SalesRep,
            Lines = noted.Lines,
            Units = noted.Units,
            PlacedAt = noted.PlacedAt,
            PlacedEventId = noted.SourceEventId,
        },
        ({ } record, OrderCancellationNoted noted) => record.On(noted, noted.CancelledAt) with { CancelledEventId = noted.SourceEventId },
        ({ } record, InvoiceNoted noted) => record.On(noted, ChinaTime.StartOf(noted.DueDate)) with
        {
            Region = record.Region ?? noted.Region,
            SalesRep = record.SalesRep ?? noted.SalesRep,
            Invoices = record.Invoices.SetItem(noted.InvoiceId, new InvoiceFact(noted.Amount, noted.DueDate, noted.IssuedAt, noted.SourceEventId)),
        },
        ({ } record, PaymentNoted noted) => record.On(noted, noted.PaidAt) with
        {
            Region = record.Region ?? noted.Region,
            SalesRep = record.SalesRep ?? noted.SalesRep,
            Payments = record.Payments.SetItem(noted.PaymentId, new PaymentFact(noted.InvoiceId, noted.Amount, noted.PaidOn, noted.PaidAt, noted.SourceEventId)),
        },
        ({ } record, DeliveryNoted noted) => record.On(noted, noted.DeliveredAt) with
        {
            Deliveries = record.Deliveries.SetItem(noted.VehicleCode, new DeliveryFact(noted.Model, noted.DeliveredAt, noted.SourceEventId)),
        },
        _ => throw new UnknownEventException(typeof(SaleRecord), @event),
    };

    private static SaleRecord Start(IRecordEvent first) => new(first.RecordId, first.RecordId[(first.RecordId.IndexOf(':') + 1)..], first.OccurredAt);

    private SaleRecord On(IRecordEvent noted, DateTimeOffset factAt)
    {
        var day = ChinaTime.DateOf(factAt).DayNumber;
        return this with { LastOccurredAt = noted.OccurredAt, FirstFactDay = Math.Min(FirstFactDay, day), LastFactDay = Math.Max(LastFactDay, day) };
    }
}
