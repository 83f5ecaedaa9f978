using JinGong.ServiceDefaults.Time;

namespace JinGong.Orders.Figures;

/// <summary>One group's opportunities closed in the period and the share of them won.</summary>
public sealed record ConversionRateRow(string Key, int Won, int Lost, decimal? Rate);

/// <summary>The conversion rate [订单转化率] of a period as of a date: a row per group (sorted by key) and one for the whole set.</summary>
public sealed record ConversionRateFigure(
    string Period,
    DateOnly AsOf,
    FigureGrouping GroupBy,
    IReadOnlyList<ConversionRateRow> Rows,
    ConversionRateRow Total);

/// <summary>
/// Conversion rate [订单转化率]: opportunities won ÷ opportunities closed (won or lost). An opportunity counts in the
/// period when, as of the as-of date, it stands Won or Lost and it reached that stage inside the period; one reopened
/// since is open again and counts nowhere until it closes again.
/// </summary>
public static class ConversionRate
{
    /// <summary>
    /// Groups by total, region or sales rep; <see cref="FigureGrouping.Customer"/> throws an <see cref="ArgumentException"/>
    /// because an opportunity names no customer.
    /// </summary>
    public static ConversionRateFigure Compute(IEnumerable<OpportunityFact> opportunities, Period period, DateOnly asOf, FigureGrouping groupBy)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        ArgumentNullException.ThrowIfNull(period);
        var keyOf = FigureKeys.ForOpportunities(groupBy);
        var tally = new KeyedTally<Sums>();
        foreach (var opportunity in opportunities)
        {
            if (opportunity.StageOn(asOf) is not { } stage || stage.Stage.IsOpen() || !period.Contains(stage.On))
            {
                continue;
            }

            var won = stage.Stage == OpportunityStage.Won;
            tally.For(keyOf(opportunity)).Add(won);
            tally.Total.Add(won);
        }

        return new ConversionRateFigure(period.Name, asOf, groupBy, tally.Rows(Row), Row(FigureKeys.Total, tally.Total));
    }

    private static ConversionRateRow Row(string key, Sums sums) =>
        new(key, sums.Won, sums.Lost, FigureMath.Ratio(sums.Won, sums.Won + sums.Lost, 4));

    private sealed class Sums
    {
        public int Won { get; private set; }

        public int Lost { get; private set; }

        public void Add(bool won)
        {
            if (won)
            {
                Won++;
            }
            else
            {
                Lost++;
            }
        }
    }
}
