namespace JinGong.Okr.KeyResults;

/// <summary>The business metrics a key result can be bound to; each moves from other services' events on the bus.</summary>
public enum Metric
{
    /// <summary>Units of orders placed in the period (a cancelled order no longer counts).</summary>
    UnitsSold,

    /// <summary>Vehicles handed over to customers in the period.</summary>
    UnitsDelivered,

    /// <summary>Yuan of payments received in the period.</summary>
    AmountCollected,

    /// <summary>Collected ÷ invoiced, over the invoices due in the period (a ratio, 0–1).</summary>
    CollectionRate,

    /// <summary>Won ÷ closed, over the opportunities closed in the period (a ratio, 0–1).</summary>
    ConversionRate,
}

/// <summary>Which of a metric's facts a key result counts: all of them, or only those of a region, team, sales rep or model.</summary>
public sealed record MetricFilter(string? Region, string? Team, string? SalesRep, string? Model)
{
    public static readonly MetricFilter All = new(null, null, null, null);
}

/// <summary>A key result's metric and filter.</summary>
public sealed record Binding(Metric Metric, MetricFilter Filter);

public static class Metrics
{
    /// <summary>The names clients use, e.g. <c>units-sold</c>.</summary>
    public static readonly IReadOnlyDictionary<string, Metric> ByName = new Dictionary<string, Metric>(StringComparer.OrdinalIgnoreCase)
    {
        ["units-sold"] = Metric.UnitsSold,
        ["units-delivered"] = Metric.UnitsDelivered,
        ["amount-collected"] = Metric.AmountCollected,
        ["collection-rate"] = Metric.CollectionRate,
        ["conversion-rate"] = Metric.ConversionRate,
    };

    /// <summary>A ratio's value is numerator ÷ denominator (0–1); the others are a plain sum.</summary>
    public static bool IsRatio(this Metric metric) => metric is Metric.CollectionRate or Metric.ConversionRate;

    /// <summary>Payments and invoices are not per model: a model filter cannot apply to them.</summary>
    public static bool HasModels(this Metric metric) => metric is not (Metric.AmountCollected or Metric.CollectionRate);
}
