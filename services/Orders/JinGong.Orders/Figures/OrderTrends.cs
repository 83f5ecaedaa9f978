using JinGong.Domain.Figures;
using JinGong.Domain.Time;

namespace JinGong.Orders.Figures;

/// <summary>Units and amount (CNY, two decimals) of one model ordered in one region in one month (<c>yyyy-MM</c>).</summary>
public sealed record OrderTrendRow(string Month, string Model, string Region, int Units, decimal Amount);

/// <summary>Order trends from the first to the last period as of a date, sorted by month, model, region.</summary>
public sealed record OrderTrendsFigure(string From, string To, DateOnly AsOf, IReadOnlyList<OrderTrendRow> Rows)
{
    /// <summary>The moment of recording the figure was asked as known at (null: now, everything recorded so far).</summary>
    public DateTimeOffset? KnownAt { get; init; }
}

/// <summary>
/// Order trends: units (sum of quantities) and amounts (sum of quantity × unit price) per China calendar month the order
/// was placed in, model and region. An order counts once placed and stops counting from the day it is cancelled, in every
/// month, since a cancelled sale was never a sale.
/// </summary>
public static class OrderTrends
{
    /// <summary>
    /// Counts orders placed from <paramref name="from"/>'s first day to <paramref name="to"/>'s last (months as a rule;
    /// a quarter or year widens the range, rows stay monthly). Only combinations with orders get a row.
    /// </summary>
    public static OrderTrendsFigure Compute(IEnumerable<OrderFact> orders, Period from, Period to, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.First > to.Last)
        {
            throw new ArgumentException($"The range ends ({to.Name}) before it starts ({from.Name}).", nameof(to));
        }

        var sums = new Dictionary<(DateOnly Month, string Model, string Region), (int Units, decimal Amount)>();
        foreach (var order in orders)
        {
            if (order.PlacedOn > asOf || order.CancelledOn <= asOf || order.PlacedOn < from.First || order.PlacedOn > to.Last)
            {
                continue;
            }

            var month = new DateOnly(order.PlacedOn.Year, order.PlacedOn.Month, 1);
            foreach (var line in order.Lines)
            {
                var key = (month, line.Model, order.Region);
                var (units, amount) = sums.GetValueOrDefault(key);
                sums[key] = (units + line.Quantity, amount + (line.Quantity * line.UnitPrice));
            }
        }

        var rows = sums
            .OrderBy(pair => pair.Key.Month)
            .ThenBy(pair => pair.Key.Model, StringComparer.Ordinal)
            .ThenBy(pair => pair.Key.Region, StringComparer.Ordinal)
            .Select(pair => new OrderTrendRow(
                Period.MonthOf(pair.Key.Month).Name, pair.Key.Model, pair.Key.Region, pair.Value.Units, FigureMath.Money(pair.Value.Amount)))
            .ToList();
        return new OrderTrendsFigure(from.Name, to.Name, asOf, rows);
    }
}
