using JinGong.Contracts.Dispatch;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using JinGong.Knowledge.Integration;
using Marten;
using MassTransit;
using Published = JinGong.Contracts.Knowledge;

namespace JinGong.Knowledge.Scenarios.Showing;

/// <summary>
/// Shows dispatch, which keeps a copy of the working conditions for its trials, all of them when it asks (having missed
/// those described before its queue was bound): every condition of every scenario as it reads now. It changes nothing
/// here, so it records nothing; its answer to one request is always published under one message id.
/// </summary>
public sealed class WorkingConditionsRequestedConsumer(IQuerySession session, ServiceIdentity service, TimeProvider clock) : IConsumer<WorkingConditionsRequested>
{
    public async Task Consume(ConsumeContext<WorkingConditionsRequested> context)
    {
        var scenarios = await session.Query<Scenario>().ToListAsync(context.CancellationToken);
        var conditions = scenarios.OrderBy(scenario => scenario.Id, StringComparer.Ordinal)
            .SelectMany(scenario => scenario.Conditions.Select(condition => KnowledgeIntegrationEvents.Described(scenario, condition.Id))).ToList();
        await context.AnswerAsync(
            new Published.WorkingConditionsShown(conditions, conditions.Count == 0 ? clock.GetUtcNow() : conditions.Max(condition => condition.OccurredAt)), service);
    }
}
