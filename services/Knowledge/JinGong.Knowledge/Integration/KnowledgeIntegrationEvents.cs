using JasperFx.Events;
using JinGong.EventSourcing.Messaging;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Scenarios;
using Published = JinGong.Contracts.Knowledge;

namespace JinGong.Knowledge.Integration;

/// <summary>
/// What the knowledge base tells the other services: a page reads differently, at its new revision; a working condition
/// reads so from now on (added or revised), for the loans recorded as its trials.
/// </summary>
public sealed class KnowledgeIntegrationEvents(IServiceProvider services) : StreamIntegrationEvents(services)
{
    public override async ValueTask<IReadOnlyList<object>> FromAsync(IEvent @event, CancellationToken cancellationToken) => @event.Data switch
    {
        PageRevisionPublished or PageRevisionRestored when await StateBeforeAsync<Page>(@event, cancellationToken) is { } before
            && Page.Evolve(before, @event.Data) is { Current: { } revision } after =>
            [new Published.KnowledgePagePublished(after.Id, after.SpaceId, revision.Title, revision.Number, revision.Author, revision.PublishedAt)],
        WorkingConditionAdded or WorkingConditionRevised when await StateBeforeAsync<Scenario>(@event, cancellationToken) is { } before
            && Scenario.Evolve(before, @event.Data) is { } after =>
            [Described(after, @event.Data is WorkingConditionAdded added ? added.ConditionId : ((WorkingConditionRevised)@event.Data).ConditionId)],
        _ => [],
    };

    /// <summary>A condition of <paramref name="scenario"/> as dispatch hears of it, described as of the scenario's last event.</summary>
    public static Published.WorkingConditionDescribed Described(Scenario scenario, string conditionId) =>
        new(scenario.Id, scenario.Name, conditionId, scenario.ConditionOf(conditionId)!.Terms.Name, scenario.LastOccurredAt);
}
