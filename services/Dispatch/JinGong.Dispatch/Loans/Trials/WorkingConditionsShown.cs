using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using JasperFx;
using Marten;
using MassTransit;
using Requests = JinGong.Contracts.Dispatch;
using Knowledge = JinGong.Contracts.Knowledge;

namespace JinGong.Dispatch.Loans.Trials;

/// <summary>When the knowledge base last showed dispatch all its working conditions (<see cref="AsOf"/>: the latest description among them then).</summary>
public sealed record WorkingConditionsCopy([property: Identity] string Id, DateTimeOffset AsOf, DateTimeOffset ShownAt)
{
    public const string Key = "working-conditions";
}

/// <summary>
/// Keeps the copy whole when the knowledge base shows all its conditions: each as its description says unless dispatch
/// knows a later one; and records when it was shown, which stops <see cref="WorkingConditionsRequester"/> asking.
/// </summary>
public sealed class WorkingConditionsShownConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<WorkingConditionsShownConsumer> logger)
    : IdempotentConsumer<Knowledge.WorkingConditionsShown>(session, service, clock, logger)
{
    protected override async Task ApplyAsync(Knowledge.WorkingConditionsShown message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var known = (await session.LoadManyAsync<WorkingCondition>(cancellationToken, [.. message.Conditions.Select(condition => condition.ConditionId)]))
            .ToDictionary(condition => condition.ConditionId, StringComparer.Ordinal);
        foreach (var described in message.Conditions.Select(WorkingCondition.From).Where(described => described.Replaces(known.GetValueOrDefault(described.ConditionId))))
        {
            session.Store(described);
        }

        session.Store(new WorkingConditionsCopy(WorkingConditionsCopy.Key, message.AsOf, Clock.GetUtcNow()));
    }
}

/// <summary>Asks the knowledge base for all its working conditions at every start of the bus until it has shown them (<see cref="WorkingConditionsCopy"/>).</summary>
public sealed class WorkingConditionsRequester(IServiceScopeFactory scopes, TimeProvider clock, ILogger<WorkingConditionsRequester> logger) : CopyRequester(scopes, clock, logger)
{
    protected override string Copied => "the knowledge base's working conditions";

    protected override async Task<bool> ShownSinceAsync(IQuerySession session, DateTimeOffset started, CancellationToken cancellationToken) =>
        await session.LoadAsync<WorkingConditionsCopy>(WorkingConditionsCopy.Key, cancellationToken) is { } copy && copy.ShownAt >= started;

    protected override object Request(DateTimeOffset now) => new Requests.WorkingConditionsRequested("dispatch", now);
}
