using JinGong.Domain.Figures;

namespace JinGong.Orders.Figures;

/// <summary>How late an unpaid amount is on the as-of date, in days past its due date.</summary>
public enum AgeingBucket
{
    /// <summary>Not yet due, or due that very day.</summary>
    Current,
    Days1To30,
    Days31To60,
    Days61To90,
    Over90,
}

/// <summary>
/// One group's receivables: what is owed per ageing bucket, <see cref="Overdue"/> (the four late buckets),
/// <see cref="Outstanding"/> (all five), the amount invoiced in the 90 days ending at the as-of date and the days sales
/// outstanding (null when nothing was invoiced in those 90 days).
/// </summary>
public sealed record ReceivablesRow(
    string Key,
    decimal Current,
    decimal Days1To30,
    decimal Days31To60,
    decimal Days61To90,
    decimal Over90,
    decimal Overdue,
    decimal Outstanding,
    decimal InvoicedLast90Days,
    decimal? DaysSalesOutstanding);

/// <summary>Receivables ageing and DSO as of a date: a row per group (sorted by key) and one for the whole set.</summary>
public sealed record ReceivablesFigure(DateOnly AsOf, FigureGrouping GroupBy, IReadOnlyList<ReceivablesRow> Rows, ReceivablesRow Total)
{
    /// <summary>The moment of recording the figure was asked as known at (null: now, everything recorded so far).</summary>
    public DateTimeOffset? KnownAt { get; init; }
}

/// <summary>
/// Receivables ageing and days sales outstanding (DSO) as of a date. An invoice counts once issued and until its order
/// is cancelled; what is still unpaid on it is aged by days past its due date. DSO = outstanding ÷ invoiced in the last
/// 90 days × 90: how many days of recent sales are still waiting to be paid.
/// </summary>
public static class Receivables
{
    /// <summary>The length of the DSO window, in days ending at the as-of date inclusive.</summary>
    public const int DsoDays = 90;

    /// <summary>The bucket of an amount <paramref name="daysOverdue"/> days past due (zero or less: current).</summary>
    public static AgeingBucket BucketOf(int daysOverdue) => daysOverdue switch
    {
        <= 0 => AgeingBucket.Current,
        <= 30 => AgeingBucket.Days1To30,
        <= 60 => AgeingBucket.Days31To60,
        <= 90 => AgeingBucket.Days61To90,
        _ => AgeingBucket.Over90,
    };

    /// <summary>
    /// Rows are the groups with something outstanding or invoiced in the DSO window: a customer paid up long ago has
    /// nothing to say here.
    /// </summary>
    public static ReceivablesFigure Compute(IEnumerable<InvoiceFact> invoices, DateOnly asOf, FigureGrouping groupBy)
    {
        var windowStart = asOf.AddDays(1 - DsoDays);
        var tally = KeyedTally<Sums, Owed>.Of(invoices, FigureKeys.ForInvoices(groupBy), invoice => OwedOn(invoice, asOf, windowStart));
        return new ReceivablesFigure(asOf, groupBy, tally.Rows(Row), tally.TotalRow(Row));
    }

    private static Owed? OwedOn(InvoiceFact invoice, DateOnly asOf, DateOnly windowStart)
    {
        if (!invoice.IsOnTheBooks(asOf))
        {
            return null;
        }

        var outstanding = invoice.OutstandingOn(asOf);
        var invoiced = invoice.IssueDate >= windowStart ? invoice.Amount : 0m;
        return outstanding == 0m && invoiced == 0m
            ? null
            : new Owed(BucketOf(asOf.DayNumber - invoice.DueDate.DayNumber), outstanding, invoiced);
    }

    private static ReceivablesRow Row(string key, Sums sums)
    {
        var buckets = sums.Buckets;
        var overdue = buckets[1] + buckets[2] + buckets[3] + buckets[4];
        var outstanding = buckets[0] + overdue;
        return new ReceivablesRow(
            key,
            buckets[0],
            buckets[1],
            buckets[2],
            buckets[3],
            buckets[4],
            overdue,
            outstanding,
            sums.Invoiced,
            FigureMath.Ratio(outstanding * DsoDays, sums.Invoiced, 1));
    }

    /// <summary>What one invoice adds: its unpaid amount in its bucket, and its amount if invoiced in the DSO window.</summary>
    private readonly record struct Owed(AgeingBucket Bucket, decimal Outstanding, decimal Invoiced);

    private sealed class Sums : IFigureSums<Owed>
    {
        public decimal[] Buckets { get; } = new decimal[5];

        public decimal Invoiced { get; private set; }

        public void Add(Owed item)
        {
            Buckets[(int)item.Bucket] += item.Outstanding;
            Invoiced += item.Invoiced;
        }
    }
}
