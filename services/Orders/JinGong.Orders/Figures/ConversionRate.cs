using JinGong.Domain.Figures;
using JinGong.Domain.Time;

namespace JinGong.Orders.Figures;

/// <summary>One group's opportunities closed in the period and the share of them won.</summary>
public sealed record ConversionRateRow(string Key, int Won, int Lost, decimal? Rate);

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
    public static PeriodFigure<ConversionRateRow> Compute(IEnumerable<OpportunityFact> opportunities, Period period, DateOnly asOf, FigureGrouping groupBy)
    {
        ArgumentNullException.ThrowIfNull(period);
        return KeyedTally<Sums, bool>
            .Of(opportunities, FigureKeys.ForOpportunities(groupBy), opportunity => WonOrLost(opportunity, period, asOf))
            .ToFigure(period, asOf, groupBy, Row);
    }

    /// <summary>True when won in the period, false when lost in it, null when it did not close in it (or reopened since).</summary>
    private static bool? WonOrLost(OpportunityFact opportunity, Period period, DateOnly asOf) =>
        opportunity.StageOn(asOf) is { } stage && !stage.Stage.IsOpen() && period.Contains(stage.On)
            ? stage.Stage == OpportunityStage.Won
            : null;

    private static ConversionRateRow Row(string key, Sums sums) =>
        new(key, sums.Won, sums.Lost, FigureMath.Ratio(sums.Won, sums.Won + sums.Lost, 4));

    private sealed class Sums : IFigureSums<bool>
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
