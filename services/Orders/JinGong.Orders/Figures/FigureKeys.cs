namespace JinGong.Orders.Figures;

/// <summary>
/// The key a fact falls under for a <see cref="FigureGrouping"/>, chosen once per figure so every calculator groups the
/// same way and an unknown or unsupported grouping is refused before any fact is read.
/// </summary>
public static class FigureKeys
{
    /// <summary>The key of the single row of <see cref="FigureGrouping.Total"/> and of every figure's total row.</summary>
    public const string Total = "total";

    /// <summary>The key of an invoice: its order's region, customer or sales rep, or <see cref="Total"/>.</summary>
    public static Func<InvoiceFact, string> ForInvoices(FigureGrouping groupBy) => groupBy switch
    {
        FigureGrouping.Total => static _ => Total,
        FigureGrouping.Region => static invoice => invoice.Region,
        FigureGrouping.Customer => static invoice => invoice.Customer,
        FigureGrouping.SalesRep => static invoice => invoice.SalesRep,
        _ => throw Unknown(groupBy),
    };

    /// <summary>
    /// The key of an opportunity: its region or sales rep, or <see cref="Total"/>. An opportunity names no customer
    /// (a lead is often not one yet), so <see cref="FigureGrouping.Customer"/> is refused with an <see cref="ArgumentException"/>.
    /// </summary>
    public static Func<OpportunityFact, string> ForOpportunities(FigureGrouping groupBy) => groupBy switch
    {
        FigureGrouping.Total => static _ => Total,
        FigureGrouping.Region => static opportunity => opportunity.Region,
        FigureGrouping.SalesRep => static opportunity => opportunity.SalesRep,
        FigureGrouping.Customer => throw new ArgumentException(
            "Opportunities carry no customer: group them by total, region or salesRep.", nameof(groupBy)),
        _ => throw Unknown(groupBy),
    };

    private static ArgumentOutOfRangeException Unknown(FigureGrouping groupBy) =>
        new(nameof(groupBy), groupBy, "Group by total, region, customer or salesRep.");
}
