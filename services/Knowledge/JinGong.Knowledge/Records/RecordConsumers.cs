using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using MassTransit;
using Dispatch = JinGong.Contracts.Dispatch;
using Fleet = JinGong.Contracts.Fleet;
using Orders = JinGong.Contracts.Orders;

namespace JinGong.Knowledge.Records;

/// <summary>
/// Notes dispatch's loans, fleet's telematics of lent units and orders' opportunities on the knowledge base's records,
/// once each however often the bus delivers them (the message id is recorded with the note); what they mean for a
/// working condition's trials is worked out when its solution is read (<see cref="Scenarios.Solutions.TrialFigures"/>),
/// and for a deal's timeline when the deal is read (<see cref="Deals.DealTimeline"/>).
/// </summary>
public static class RecordConsumers
{
    public static void AddRecordConsumers(this IBusRegistrationConfigurator bus)
    {
        // Facts about one loan or opportunity are noted one after another, so they do not race for its record.
        bus.AddStreamConsumer<LoanOpenedConsumer, Dispatch.LoanOpened>(message => message.LoanId);
        bus.AddStreamConsumer<LoanClosedConsumer, Dispatch.LoanClosed>(message => message.LoanId);
        bus.AddStreamConsumer<LoanUsageConsumer, Fleet.VehicleUsageReported>(message => message.LoanId ?? message.VehicleCode);
        bus.AddStreamConsumer<OpportunityFiledConsumer, Orders.OpportunityFiled>(message => message.OpportunityId);
        bus.AddStreamConsumer<OpportunityStageChangedConsumer, Orders.OpportunityStageChanged>(message => message.OpportunityId);
        bus.AddStreamConsumer<OpportunityWonConsumer, Orders.OpportunityWon>(message => message.OpportunityId);
        bus.AddStreamConsumer<OpportunityLostConsumer, Orders.OpportunityLost>(message => message.OpportunityId);
        bus.AddStreamConsumer<OpportunityReopenedConsumer, Orders.OpportunityReopened>(message => message.OpportunityId);
        bus.AddOrderRecordConsumers();
    }
}

public sealed class LoanOpenedConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<LoanOpenedConsumer> logger)
    : IdempotentConsumer<Dispatch.LoanOpened>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Dispatch.LoanOpened message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.NoteAsync<LoanRecord>(LoanRecord.IdOf(message.LoanId), message.OccurredAt, Clock.GetUtcNow(), (_, source, occurredAt) => new LoanOpeningNoted(
            LoanRecord.IdOf(message.LoanId), message.LoanId, message.VehicleCode, message.Model, message.Region, message.Borrower, message.ConditionId, message.OpportunityId,
            message.OccurredAt, source.EventId, occurredAt), cancellationToken);
}

public sealed class LoanClosedConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<LoanClosedConsumer> logger)
    : IdempotentConsumer<Dispatch.LoanClosed>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Dispatch.LoanClosed message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.NoteAsync<LoanRecord>(LoanRecord.IdOf(message.LoanId), message.OccurredAt, Clock.GetUtcNow(), (_, source, occurredAt) =>
            new LoanClosingNoted(LoanRecord.IdOf(message.LoanId), message.LoanId, message.HoursUsed, message.OccurredAt, source.EventId, occurredAt), cancellationToken);
}

/// <summary>
/// A telematics batch of a lent unit is noted on its loan's record, unless the loan is known to try nothing. A batch of a
/// unit not on loan is no trial's, and is not kept.
/// </summary>
public sealed class LoanUsageConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<LoanUsageConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleUsageReported>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Fleet.VehicleUsageReported message, IDocumentSession session, CancellationToken cancellationToken) =>
        message.LoanId is not { } loanId ? Task.CompletedTask
        : session.NoteAsync<LoanRecord>(LoanRecord.IdOf(loanId), message.To, Clock.GetUtcNow(), (record, source, occurredAt) =>
            record is { TriesNothing: true } ? null
            : new LoanUsageNoted(
                LoanRecord.IdOf(loanId), loanId, message.BatchId, message.From, message.To, message.OperatingHoursFrom, message.OperatingHoursTo, source.EventId, occurredAt),
            cancellationToken);
}

public sealed class OpportunityFiledConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OpportunityFiledConsumer> logger)
    : IdempotentConsumer<Orders.OpportunityFiled>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OpportunityFiled message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.NoteAsync<OpportunityRecord>(OpportunityRecord.IdOf(message.OpportunityId), message.OccurredAt, Clock.GetUtcNow(), (_, source, occurredAt) =>
            new OpportunityFiledNoted(
                OpportunityRecord.IdOf(message.OpportunityId), message.OpportunityId, message.Customer, message.Region, message.SalesRep,
                [.. message.Models.Select(model => model.Model)], message.ExpectedAmount, message.OccurredAt, source.EventId, source.CorrelationId, occurredAt),
            cancellationToken);
}

public sealed class OpportunityStageChangedConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OpportunityStageChangedConsumer> logger)
    : IdempotentConsumer<Orders.OpportunityStageChanged>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OpportunityStageChanged message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.NoteAsync<OpportunityRecord>(OpportunityRecord.IdOf(message.OpportunityId), message.OccurredAt, Clock.GetUtcNow(), (_, source, occurredAt) =>
            new OpportunityStageNoted(
                OpportunityRecord.IdOf(message.OpportunityId), message.OpportunityId, Orders.OpportunityStages.All.Require(message.From),
                Orders.OpportunityStages.All.Require(message.To), message.OccurredAt, source.EventId, source.CorrelationId, occurredAt),
            cancellationToken);
}

public sealed class OpportunityWonConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OpportunityWonConsumer> logger)
    : IdempotentConsumer<Orders.OpportunityWon>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OpportunityWon message, IDocumentSession session, CancellationToken cancellationToken) =>
        OpportunityClosings.NoteAsync(session, message.OpportunityId, message.Customer, message.Region, message.Models, won: true, reason: null, message.OccurredAt, Clock, cancellationToken);
}

public sealed class OpportunityLostConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OpportunityLostConsumer> logger)
    : IdempotentConsumer<Orders.OpportunityLost>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OpportunityLost message, IDocumentSession session, CancellationToken cancellationToken) =>
        OpportunityClosings.NoteAsync(
            session, message.OpportunityId, message.Customer, message.Region, message.Models, won: false, message.Reason, message.OccurredAt, Clock, cancellationToken);
}

public sealed class OpportunityReopenedConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<OpportunityReopenedConsumer> logger)
    : IdempotentConsumer<Orders.OpportunityReopened>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Orders.OpportunityReopened message, IDocumentSession session, CancellationToken cancellationToken) =>
        session.NoteAsync<OpportunityRecord>(OpportunityRecord.IdOf(message.OpportunityId), message.OccurredAt, Clock.GetUtcNow(), (_, source, occurredAt) =>
            new OpportunityReopenedNoted(
                OpportunityRecord.IdOf(message.OpportunityId), message.OpportunityId, Orders.OpportunityStages.All.Require(message.Stage), message.Reason,
                message.OccurredAt, source.EventId, source.CorrelationId, occurredAt),
            cancellationToken);
}

internal static class OpportunityClosings
{
    public static Task NoteAsync(
        IDocumentSession session, string opportunityId, string customer, string region, IReadOnlyList<Orders.WantedModel> models, bool won, string? reason,
        DateTimeOffset closedAt, TimeProvider clock, CancellationToken cancellationToken) =>
        session.NoteAsync<OpportunityRecord>(OpportunityRecord.IdOf(opportunityId), closedAt, clock.GetUtcNow(), (_, source, occurredAt) =>
            new OpportunityClosingNoted(
                OpportunityRecord.IdOf(opportunityId), opportunityId, customer, region, [.. models.Select(model => model.Model)], won, reason, closedAt,
                source.EventId, occurredAt, source.CorrelationId),
            cancellationToken);
}
