namespace JinGong.Orders.Figures;

/// <summary>The open opportunities standing in one stage and the sum of their expected amounts.</summary>
public sealed record PipelineStageRow(OpportunityStage Stage, int Count, decimal ExpectedAmount);

/// <summary>The pipeline as of a date: every open stage in order (zero ones too), and the totals.</summary>
public sealed record PipelineFigure(
    DateOnly AsOf,
    string? Region,
    string? SalesRep,
    IReadOnlyList<PipelineStageRow> Stages,
    int Count,
    decimal ExpectedAmount)
{
    /// <summary>The moment of recording the figure was asked as known at (null: now, everything recorded so far).</summary>
    public DateTimeOffset? KnownAt { get; init; }
}

/// <summary>
/// The pipeline by stage: opportunities open on the as-of date counted where they stood then. Every open stage is listed
/// even when empty so a chart of the funnel keeps its shape.
/// </summary>
public static class Pipeline
{
    /// <summary>The open stages, in the order an opportunity goes through them.</summary>
    public static IReadOnlyList<OpportunityStage> OpenStages { get; } =
        [OpportunityStage.Lead, OpportunityStage.Qualified, OpportunityStage.Proposal, OpportunityStage.Negotiation];

    /// <summary>
    /// <paramref name="region"/> and <paramref name="salesRep"/> filter by exact (ordinal) match; null or empty means
    /// every region or rep.
    /// </summary>
    public static PipelineFigure Compute(IEnumerable<OpportunityFact> opportunities, DateOnly asOf, string? region = null, string? salesRep = null)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        var counts = new int[OpenStages.Count];
        var amounts = new decimal[OpenStages.Count];
        foreach (var opportunity in opportunities)
        {
            if (!Matches(opportunity.Region, region) || !Matches(opportunity.SalesRep, salesRep)
                || opportunity.StageOn(asOf) is not { } stage || !stage.Stage.IsOpen())
            {
                continue;
            }

            var index = (int)stage.Stage; // the open stages come first in OpportunityStage, in this order
            counts[index]++;
            amounts[index] += opportunity.ExpectedAmount;
        }

        var stages = OpenStages.Select((stage, index) => new PipelineStageRow(stage, counts[index], amounts[index])).ToList();
        return new PipelineFigure(
            asOf,
            string.IsNullOrEmpty(region) ? null : region,
            string.IsNullOrEmpty(salesRep) ? null : salesRep,
            stages,
            counts.Sum(),
            amounts.Sum());
    }

    private static bool Matches(string value, string? filter) => string.IsNullOrEmpty(filter) || string.Equals(value, filter, StringComparison.Ordinal);
}
