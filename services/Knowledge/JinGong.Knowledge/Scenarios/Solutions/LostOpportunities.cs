using JinGong.Knowledge.Records;

namespace JinGong.Knowledge.Scenarios.Solutions;

/// <summary>An opportunity lost, with the customer's reason: an objection the scenario's talk tracks answer. <paramref name="EventId"/> is orders' event.</summary>
public sealed record LostOpportunity(
    string OpportunityId, string Customer, string Region, IReadOnlyList<string> Models, string Reason, DateTimeOffset LostAt, bool Tried, Guid EventId);

/// <summary>
/// A scenario's recent lost opportunities as of a moment (docs/metrics.md, "Trials"): those lost within the
/// <see cref="Window"/> before it — and still lost then — that a trial of one of its working conditions served or that
/// wanted a model recommended for one of them; newest first, at most <see cref="Most"/>.
/// </summary>
public static class LostOpportunities
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(180);

    public const int Most = 20;

    /// <param name="recommended">The models recommended for any of the scenario's working conditions at <paramref name="asOf"/>.</param>
    /// <param name="tried">The opportunities the scenario's trials opened by <paramref name="asOf"/> served.</param>
    public static IReadOnlyList<LostOpportunity> Of(
        IEnumerable<OpportunityRecord> closed, IReadOnlySet<string> recommended, IReadOnlySet<string> tried, DateTimeOffset asOf) =>
        [.. closed
            .Select(opportunity => (Opportunity: opportunity, Closing: opportunity.ClosingAsOf(asOf)))
            .Where(lost => lost.Closing is { Won: false } closing && closing.At > asOf - Window
                && (tried.Contains(lost.Opportunity.OpportunityId) || lost.Opportunity.Models.Any(recommended.Contains)))
            .OrderByDescending(lost => lost.Closing!.At).ThenBy(lost => lost.Opportunity.OpportunityId, StringComparer.Ordinal)
            .Take(Most)
            .Select(lost => new LostOpportunity(
                lost.Opportunity.OpportunityId, lost.Opportunity.Customer ?? string.Empty, lost.Opportunity.Region ?? string.Empty, lost.Opportunity.Models, lost.Closing!.Reason ?? string.Empty,
                lost.Closing.At, tried.Contains(lost.Opportunity.OpportunityId), lost.Closing.EventId))];
}
