namespace JinGong.Orders.Figures;

/// <summary>
/// A figure of a period as of a date, broken down by <paramref name="GroupBy"/>: a row per group, sorted by key
/// (ordinal), and <paramref name="Total"/> for the whole set (key <c>total</c>). Collection and conversion rates share it,
/// so clients read both the same way.
/// </summary>
public sealed record PeriodFigure<TRow>(string Period, DateOnly AsOf, FigureGrouping GroupBy, IReadOnlyList<TRow> Rows, TRow Total)
{
    /// <summary>The moment of recording the figure was asked as known at (null: now, everything recorded so far).</summary>
    public DateTimeOffset? KnownAt { get; init; }
}
