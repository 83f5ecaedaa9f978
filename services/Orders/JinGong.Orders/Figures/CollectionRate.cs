using JinGong.ServiceDefaults.Time;

namespace JinGong.Orders.Figures;

/// <summary>One group's collection: what fell due in the period, what of it was paid by the as-of date, and the ratio.</summary>
public sealed record CollectionRateRow(string Key, decimal AmountDue, decimal Collected, decimal? Rate);

/// <summary>The collection rate [回款率] of a period as of a date: a row per group (sorted by key) and one for the whole set.</summary>
public sealed record CollectionRateFigure(
    string Period,
    DateOnly AsOf,
    FigureGrouping GroupBy,
    IReadOnlyList<CollectionRateRow> Rows,
    CollectionRateRow Total);

/// <summary>
/// Collection rate [回款率]: payments received ÷ amounts invoiced and due. An invoice is due in the period when its due
/// date is inside the period and not after the as-of date, it was issued by then and its order was not cancelled by then.
/// Its collected money is its payments up to the as-of date, capped at its amount, so one customer's overpayment cannot
/// hide another's debt.
/// </summary>
public static class CollectionRate
{
    public static CollectionRateFigure Compute(IEnumerable<InvoiceFact> invoices, Period period, DateOnly asOf, FigureGrouping groupBy)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(period);
        var keyOf = FigureKeys.ForInvoices(groupBy);
        var tally = new KeyedTally<Sums>();
        foreach (var invoice in invoices)
        {
            if (!period.Contains(invoice.DueDate) || invoice.DueDate > asOf || !invoice.IsOnTheBooks(asOf))
            {
                continue;
            }

            var collected = Math.Min(invoice.PaidBy(asOf), invoice.Amount);
            tally.For(keyOf(invoice)).Add(invoice.Amount, collected);
            tally.Total.Add(invoice.Amount, collected);
        }

        return new CollectionRateFigure(period.Name, asOf, groupBy, tally.Rows(Row), Row(FigureKeys.Total, tally.Total));
    }

    private static CollectionRateRow Row(string key, Sums sums) =>
        new(key, sums.Due, sums.Collected, FigureMath.Ratio(sums.Collected, sums.Due, 4));

    private sealed class Sums
    {
        public decimal Due { get; private set; }

        public decimal Collected { get; private set; }

        public void Add(decimal due, decimal collected)
        {
            Due += due;
            Collected += collected;
        }
    }
}
