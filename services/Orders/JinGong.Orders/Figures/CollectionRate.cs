using JinGong.Domain.Figures;
using JinGong.Domain.Time;

namespace JinGong.Orders.Figures;

/// <summary>One group's collection: what fell due in the period, what of it was paid by the as-of date, and the ratio.</summary>
public sealed record CollectionRateRow(string Key, decimal AmountDue, decimal Collected, decimal? Rate);

/// <summary>
/// Collection rate [回款率]: payments received ÷ amounts invoiced and due. An invoice is due in the period when its due
/// date is inside the period and not after the as-of date, it was issued by then and its order was not cancelled by then.
/// Its collected money is its payments up to the as-of date, capped at its amount, so one customer's overpayment cannot
/// hide another's debt.
/// </summary>
public static class CollectionRate
{
    public static PeriodFigure<CollectionRateRow> Compute(IEnumerable<InvoiceFact> invoices, Period period, DateOnly asOf, FigureGrouping groupBy)
    {
        ArgumentNullException.ThrowIfNull(period);
        return KeyedTally<Sums, (decimal Due, decimal Collected)>
            .Of(invoices, FigureKeys.ForInvoices(groupBy), invoice => DueAndCollected(invoice, period, asOf))
            .ToFigure(period, asOf, groupBy, Row);
    }

    private static (decimal Due, decimal Collected)? DueAndCollected(InvoiceFact invoice, Period period, DateOnly asOf) =>
        period.Contains(invoice.DueDate) && invoice.DueDate <= asOf && invoice.IsOnTheBooks(asOf)
            ? (invoice.Amount, Math.Min(invoice.PaidBy(asOf), invoice.Amount))
            : null;

    private static CollectionRateRow Row(string key, Sums sums) =>
        new(key, sums.Due, sums.Collected, FigureMath.Ratio(sums.Collected, sums.Due, 4));

    private sealed class Sums : IFigureSums<(decimal Due, decimal Collected)>
    {
        public decimal Due { get; private set; }

        public decimal Collected { get; private set; }

        public void Add((decimal Due, decimal Collected) item)
        {
            Due += item.Due;
            Collected += item.Collected;
        }
    }
}
