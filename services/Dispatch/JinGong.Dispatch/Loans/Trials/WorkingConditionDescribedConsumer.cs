using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using Knowledge = JinGong.Contracts.Knowledge;

namespace JinGong.Dispatch.Loans.Trials;

/// <summary>Keeps dispatch's copy of the knowledge base's working conditions, each as its latest description says.</summary>
public sealed class WorkingConditionDescribedConsumer(
    IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<WorkingConditionDescribedConsumer> logger)
    : IdempotentConsumer<Knowledge.WorkingConditionDescribed>(session, service, clock, logger)
{
    protected override async Task ApplyAsync(Knowledge.WorkingConditionDescribed message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var described = WorkingCondition.From(message);
        if (described.Replaces(await session.LoadAsync<WorkingCondition>(described.ConditionId, cancellationToken)))
        {
            session.Store(described);
        }
    }
}
