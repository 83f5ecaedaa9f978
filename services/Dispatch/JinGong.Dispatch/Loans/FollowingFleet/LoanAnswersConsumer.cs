using JinGong.EventSourcing;
using JinGong.EventSourcing.Messaging;
using Marten;
using Cause = JinGong.Contracts.Fleet.VehicleChangeCauses;
using Fleet = JinGong.Contracts.Fleet;

namespace JinGong.Dispatch.Loans.FollowingFleet;

/// <summary>Fleet lent or took back the vehicle of one of dispatch's loans.</summary>
public sealed class LoanAnswersConsumer(IDocumentSession session, ServiceIdentity service, TimeProvider clock, ILogger<LoanAnswersConsumer> logger)
    : IdempotentConsumer<Fleet.VehicleStatusChanged>(session, service, clock, logger)
{
    protected override Task ApplyAsync(Fleet.VehicleStatusChanged message, IDocumentSession session, CancellationToken cancellationToken) =>
        Cause.All.Require(message.Cause) switch
        {
            Cause.Lent or Cause.Returned when message.LoanId is { } loanId =>
                // A loan fleet made by hand is not dispatch's: not found, nothing to follow.
                session.AppendDecisionAsync<Loan>(loanId, loan => LoanDecider.Decide(new FollowFleet(loanId, message.Cause, message.OccurredAt, Clock.GetUtcNow()), loan), cancellationToken),
            // Not a loan's doing: allocations, transfers and the catalogue follow the others.
            _ => Task.CompletedTask,
        };
}
