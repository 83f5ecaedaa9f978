using JinGong.Domain.Time;
using JinGong.Okr.KeyResults;

namespace JinGong.Okr.Records;

/// <summary>The team a sales rep was in at a moment, per the roster (null when they are not on it).</summary>
public delegate string? TeamOf(string salesRep, DateTimeOffset moment);

/// <summary>
/// What one record contributes to a bound key result over its period (days <c>firstDay</c>–<c>lastDay</c>, China
/// calendar), under its filter: a pure function of the record, so counting the same facts twice changes nothing.
/// docs/okr.md defines each metric.
/// </summary>
public static class RecordContributions
{
    public static readonly Contribution None = new(0, 0, []);

    /// <summary>Whether facts of this kind of record can move a key result bound to <paramref name="metric"/>.</summary>
    public static bool Moves(this IBusinessRecord record, Metric metric) => record is OpportunityRecord ? metric == Metric.ConversionRate : metric != Metric.ConversionRate;

    public static Contribution Of(Binding binding, int firstDay, int lastDay, IBusinessRecord record, TeamOf teamOf)
    {
        var filter = binding.Filter;
        bool InPeriod(int day) => firstDay <= day && day <= lastDay;
        bool During(DateTimeOffset moment) => InPeriod(ChinaTime.DateOf(moment).DayNumber);
        bool OfModel(string model) => filter.Model is null || Same(model, filter.Model);
        // Region, rep and team are the record's; the team is the rep's at the moment of the fact.
        bool Attributed(DateTimeOffset moment) =>
            (filter.Region is null || Same(record.Region, filter.Region))
            && (filter.SalesRep is null || Same(record.SalesRep, filter.SalesRep))
            && (filter.Team is null || (record.SalesRep is { } rep && Same(teamOf(rep, moment), filter.Team)));

        return (record, binding.Metric) switch
        {
            (OpportunityRecord opportunity, Metric.ConversionRate) when During(opportunity.ClosedAt) && Attributed(opportunity.ClosedAt)
                && (filter.Model is null || opportunity.Models.Any(OfModel)) =>
                new Contribution(opportunity.Won ? 1 : 0, 1, [opportunity.ClosedEventId]),
            (SaleRecord { PlacedAt: { } placedAt, CancelledEventId: null } sale, Metric.UnitsSold) when During(placedAt) && Attributed(placedAt) =>
                Sum(sale.Lines.Where(line => OfModel(line.Model)).Sum(line => line.Quantity), 0, [sale.PlacedEventId!.Value]),
            (SaleRecord sale, Metric.UnitsDelivered) => Tally(
                sale.Deliveries.Values.Where(delivery => During(delivery.DeliveredAt) && OfModel(delivery.Model) && Attributed(delivery.DeliveredAt)),
                _ => 1, delivery => delivery.EventId),
            (SaleRecord { CancelledEventId: null } sale, Metric.AmountCollected) => Tally(
                sale.Payments.Values.Where(payment => InPeriod(payment.PaidOn.DayNumber) && Attributed(payment.PaidAt)),
                payment => payment.Amount, payment => payment.EventId),
            (SaleRecord { CancelledEventId: null } sale, Metric.CollectionRate) => CollectionOf(sale, sale.Invoices.Where(pair => InPeriod(pair.Value.DueDate.DayNumber) && Attributed(pair.Value.IssuedAt))),
            _ => None,
        };
    }

    /// <summary>Collected (capped per invoice: an overpayment does not lift the rate) over invoiced, for the invoices due in the period.</summary>
    private static Contribution CollectionOf(SaleRecord sale, IEnumerable<KeyValuePair<string, InvoiceFact>> due)
    {
        decimal invoiced = 0, collected = 0;
        var eventIds = new List<Guid>();
        foreach (var (invoiceId, invoice) in due)
        {
            var payments = sale.Payments.Values.Where(payment => payment.InvoiceId == invoiceId).ToList();
            invoiced += invoice.Amount;
            collected += Math.Min(invoice.Amount, payments.Sum(payment => payment.Amount));
            eventIds.Add(invoice.EventId);
            eventIds.AddRange(payments.Select(payment => payment.EventId));
        }

        return Sum(collected, invoiced, eventIds);
    }

    /// <summary>A sum over the facts that count, with the ids of their events.</summary>
    private static Contribution Tally<TFact>(IEnumerable<TFact> counted, Func<TFact, decimal> amount, Func<TFact, Guid> eventId)
    {
        var facts = counted.ToList();
        return Sum(facts.Sum(amount), 0, facts.Select(eventId));
    }

    private static Contribution Sum(decimal numerator, decimal denominator, IEnumerable<Guid> eventIds) =>
        numerator == 0 && denominator == 0 ? None : new Contribution(numerator, denominator, [.. eventIds.Distinct().Order()]);

    // Regions, reps, teams and models are names the services share, matched exactly as the database matches them.
    private static bool Same(string? left, string? right) => string.Equals(left, right, StringComparison.Ordinal);
}
