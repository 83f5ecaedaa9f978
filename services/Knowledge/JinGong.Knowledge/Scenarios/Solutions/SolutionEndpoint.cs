using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Records;
using JinGong.Knowledge.Spaces;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Page = JinGong.Knowledge.Pages.Page;

namespace JinGong.Knowledge.Scenarios.Solutions;

/// <summary>
/// One section of the solution: the part, the team that keeps it, the page it is written on, and what readers see of it
/// (<paramref name="Revision"/> none: not written yet, or awaiting its first approval).
/// </summary>
public sealed record SectionView(SolutionPart Part, string Team, string PageId, bool Written, Revision? Revision);

/// <summary>
/// A working condition's solution [场景化方案] as of <paramref name="AsOf"/>: the condition's terms and the models recommended
/// for it then; its three sections as they read now; for each model recommended or tried, the trial figures then; and the
/// scenario's recent lost opportunities, for the talk tracks.
/// </summary>
public sealed record SolutionView(
    string ScenarioId, string ScenarioName, string SpaceId, WorkingCondition Condition, IReadOnlyList<SectionView> Sections, IReadOnlyList<ModelTrials> Trials,
    IReadOnlyList<LostOpportunity> LostOpportunities, DateTimeOffset AsOf)
{
    /// <summary>The moment of recording the solution was asked as known at (null: now, everything recorded so far).</summary>
    public DateTimeOffset? KnownAt { get; init; }
}

public static class SolutionEndpoint
{
    public static RouteGroupBuilder MapSolution(this RouteGroupBuilder scenarios)
    {
        scenarios.MapGet("/{id}/conditions/{conditionId}/solution", ReadAsync)
            .WithName("GetSolution")
            .WithSummary("A working condition's solution: its sections, the models recommended and their live trial figures, and the scenario's recent lost opportunities — now or ?asOf= a date or instant, as recorded by now or by ?knownAt=");
        return scenarios;
    }

    private static async Task<Results<Ok<SolutionView>, ValidationProblem, ProblemHttpResult>> ReadAsync(
        string id, string conditionId, HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken cancellationToken, string? asOf = null,
        string? knownAt = null)
    {
        var errors = new FieldErrors();
        var moment = errors.ParseAsOf(asOf, clock.GetUtcNow());
        var known = errors.ParseKnownAt(knownAt, clock.GetUtcNow());
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        if (await session.LoadAsync<Scenario>(id, cancellationToken) is not { } current
            || await Readers.InSpaceAsync(http, session, current.SpaceId, cancellationToken) is null)
        {
            return Problems.From(ScenarioDecider.NotFound(id));
        }

        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        var scenario = events.Where(e => ((IScenarioEvent)e.Data).OccurredAt <= moment && (known is null || e.Timestamp <= known))
            .Aggregate((Scenario?)null, (state, e) => Scenario.Evolve(state, e.Data));
        if (scenario?.ConditionOf(conditionId) is not { } condition)
        {
            return Problems.From(ScenarioDecider.ConditionNotFound(id, conditionId));
        }

        var trials = await KnownRecords.QueryAsync<LoanRecord, LoanRecord>(
            session, known, RecordsModule.LoanEvents, all => all.Where(record => record.ConditionId == conditionId), cancellationToken);
        var conditions = scenario.Conditions.Select(each => each.Id).ToArray();
        var scenarioTrials = await KnownRecords.QueryAsync<LoanRecord, LoanRecord>(
            session, known, RecordsModule.LoanEvents, all => all.Where(record => record.ConditionId != null && record.ConditionId.IsOneOf(conditions)), cancellationToken);
        var tried = scenarioTrials.Where(record => record.Opening!.OpenedAt <= moment && record.Opening.OpportunityId is not null)
            .Select(record => record.Opening!.OpportunityId!).ToHashSet(StringComparer.Ordinal);
        var since = moment - LostOpportunities.Window;
        var closed = await KnownRecords.QueryAsync<OpportunityRecord, OpportunityRecord>(
            session, known, RecordsModule.OpportunityEvents, all => all.Where(record => record.LastOutcomeAt > since), cancellationToken);
        var servedByTrials = trials.Select(record => record.Opening?.OpportunityId).OfType<string>().Select(OpportunityRecord.IdOf).ToArray();
        var opportunities = (await KnownRecords.QueryAsync<OpportunityRecord, OpportunityRecord>(
                session, known, RecordsModule.OpportunityEvents, all => all.Where(record => record.Id.IsOneOf(servedByTrials)), cancellationToken))
            .ToDictionary(record => record.OpportunityId, StringComparer.Ordinal);
        var recommended = scenario.Conditions.SelectMany(each => each.Recommendations).Select(recommendation => recommendation.Model).ToHashSet(StringComparer.Ordinal);

        return TypedResults.Ok(new SolutionView(
            scenario.Id, scenario.Name, scenario.SpaceId, condition, await SectionsAsync(session, current, conditionId, cancellationToken),
            TrialFigures.Of([.. condition.Recommendations.Select(recommendation => recommendation.Model)], trials, opportunities, moment),
            LostOpportunities.Of(closed, recommended, tried, moment), moment) { KnownAt = known });
    }

    /// <summary>The three sections as they read now: a section's page is read by those who read the scenario's space.</summary>
    private static async Task<IReadOnlyList<SectionView>> SectionsAsync(IQuerySession session, Scenario scenario, string conditionId, CancellationToken cancellationToken)
    {
        var parts = Enum.GetValues<SolutionPart>();
        var pages = (await session.LoadManyAsync<Page>(cancellationToken, [.. parts.Select(part => SolutionSection.PageIdOf(conditionId, part))]))
            .ToDictionary(page => page.Id, StringComparer.Ordinal);
        return [.. parts.Select(part =>
        {
            var pageId = SolutionSection.PageIdOf(conditionId, part);
            var page = pages.GetValueOrDefault(pageId);
            return new SectionView(part, scenario.Teams.For(part), pageId, page is not null, page?.Current);
        })];
    }
}
