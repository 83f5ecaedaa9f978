using JinGong.Domain.Time;

namespace JinGong.Orders.Figures;

/// <summary>What one fact adds to a group's running sums.</summary>
internal interface IFigureSums<in TItem>
{
    void Add(TItem item);
}

/// <summary>
/// Running sums per key and for the whole set, filled in one pass over the facts (dictionaries, nothing quadratic);
/// rows come out sorted by key (ordinal) so a figure reads the same whatever order the facts arrived in. Each figure
/// only says what a fact measures (or that it does not count) and how its sums make a row.
/// </summary>
internal sealed class KeyedTally<TSums, TItem>
    where TSums : IFigureSums<TItem>, new()
    where TItem : struct
{
    private readonly Dictionary<string, TSums> byKey = new(StringComparer.Ordinal);

    private TSums Total { get; } = new();

    /// <summary>Adds what <paramref name="measure"/> gives for each fact (null: the fact does not count) to its group and the total.</summary>
    public static KeyedTally<TSums, TItem> Of<TFact>(IEnumerable<TFact> facts, Func<TFact, string> keyOf, Func<TFact, TItem?> measure)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var tally = new KeyedTally<TSums, TItem>();
        foreach (var fact in facts)
        {
            if (measure(fact) is { } item)
            {
                tally.For(keyOf(fact)).Add(item);
                tally.Total.Add(item);
            }
        }

        return tally;
    }

    public IReadOnlyList<TRow> Rows<TRow>(Func<string, TSums, TRow> toRow) =>
        [.. byKey.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => toRow(pair.Key, pair.Value))];

    public TRow TotalRow<TRow>(Func<string, TSums, TRow> toRow) => toRow(FigureKeys.Total, Total);

    public PeriodFigure<TRow> ToFigure<TRow>(Period period, DateOnly asOf, FigureGrouping groupBy, Func<string, TSums, TRow> toRow) =>
        new(period.Name, asOf, groupBy, Rows(toRow), TotalRow(toRow));

    private TSums For(string key)
    {
        if (!byKey.TryGetValue(key, out var sums))
        {
            sums = new TSums();
            byKey.Add(key, sums);
        }

        return sums;
    }
}
