using JinGong.Domain;
using JinGong.Orders.Catalogue;
using JinGong.Orders.Customers;
using JinGong.Orders.Figures;

namespace JinGong.Orders.Opportunities;

/// <summary>What someone asks of an opportunity, with its business time and the clock's reading.</summary>
public abstract record OpportunityCommand(string OpportunityId, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>File an opportunity; <paramref name="Catalogue"/> holds the catalogue's records of the models its lines name.</summary>
public sealed record FileOpportunity(
    string OpportunityId, CustomerOfRecord Customer, string Region, string SalesRep, IReadOnlyList<OpportunityLine> Lines,
    IReadOnlyDictionary<string, CatalogueModel> Catalogue, decimal ExpectedAmount, DateOnly ExpectedCloseDate, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : OpportunityCommand(OpportunityId, OccurredAt, Now);

public sealed record MoveOpportunity(string OpportunityId, OpportunityStage To, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : OpportunityCommand(OpportunityId, OccurredAt, Now);

public sealed record WinOpportunity(string OpportunityId, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : OpportunityCommand(OpportunityId, OccurredAt, Now);

public sealed record LoseOpportunity(string OpportunityId, string Reason, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : OpportunityCommand(OpportunityId, OccurredAt, Now);

public sealed record ReopenOpportunity(string OpportunityId, string Reason, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : OpportunityCommand(OpportunityId, OccurredAt, Now);

/// <summary>
/// Marks the won opportunity as ordered; decided together with the order it leads to. The order may repeat the
/// opportunity's customer, region and sales rep, never contradict them.
/// </summary>
public sealed record OrderOpportunity(
    string OpportunityId, string OrderId, string? Customer, string? Region, string? SalesRep, DateTimeOffset OccurredAt, DateTimeOffset Now)
    : OpportunityCommand(OpportunityId, OccurredAt, Now);

/// <summary>
/// Every rule of an opportunity's life: it is filed for models the catalogue lists; only open ones move; a closed one
/// reopens only when asked to, with a reason.
/// </summary>
public static class OpportunityDecider
{
    public static Decision Decide(OpportunityCommand command, Opportunity? state)
    {
        if (command is FileOpportunity file)
        {
            return state is not null ? Decision.Reject(AlreadyFiled(file.OpportunityId))
                : file.OccurredAt > file.Now ? Decision.Reject(BusinessTime.OccurredInFuture(file.OccurredAt, file.Now))
                : CatalogueDecider.Unsold(file.Lines.Select(line => line.Model), file.Catalogue) is { } unsold ? Decision.Reject(unsold)
                : Decision.Accept(new OpportunityFiled(
                    file.OpportunityId, file.Customer.Id, file.Customer.Name, file.Region, file.SalesRep, file.Lines, file.ExpectedAmount, file.ExpectedCloseDate, file.OccurredAt));
        }

        if (state is null)
        {
            return Decision.Reject(command is OrderOpportunity
                ? new("unknown-opportunity", $"There is no opportunity {command.OpportunityId}.", ErrorKind.Unprocessable)
                : NotFound(command.OpportunityId));
        }

        if (command is OrderOpportunity ordered && (Differs(ordered.Customer, state.Customer) || Differs(ordered.Region, state.Region) || Differs(ordered.SalesRep, state.SalesRep)))
        {
            return Decision.Reject(new(
                "order-differs-from-opportunity",
                $"Opportunity {state.Id} is {state.Customer}'s in {state.Region}, sold by {state.SalesRep}; the order says otherwise.",
                ErrorKind.Unprocessable));
        }

        if (BusinessTime.Check(command.OccurredAt, command.Now, state.LastOccurredAt, $"opportunity {state.Id}") is { } timeError)
        {
            return Decision.Reject(timeError);
        }

        return command switch
        {
            ReopenOpportunity reopen => state.IsClosed
                ? Decision.Accept(new OpportunityReopened(state.Id, reopen.Reason, state.ClosedFrom ?? OpportunityStage.Lead, reopen.OccurredAt))
                : Decision.Reject(new("opportunity-not-closed", $"Opportunity {state.Id} is open ({state.Stage}); only a won or lost one can be reopened.", ErrorKind.Conflict)),
            OrderOpportunity order => state.Stage != OpportunityStage.Won
                ? Decision.Reject(new("opportunity-not-won", $"Opportunity {state.Id} is {state.Stage}; an order is placed from a won opportunity.", ErrorKind.Conflict))
                : state.OrderId is not null
                    ? Decision.Reject(new("opportunity-already-ordered", $"Opportunity {state.Id} led to order {state.OrderId} already.", ErrorKind.Conflict))
                    : Decision.Accept(new OpportunityOrdered(state.Id, order.OrderId, order.OccurredAt)),
            _ when state.IsClosed =>
                Decision.Reject(new("opportunity-closed", $"Opportunity {state.Id} is {state.Stage}; only open opportunities move. Reopen it first.", ErrorKind.Conflict)),
            MoveOpportunity move when move.To >= OpportunityStage.Won => Decision.Reject(new(
                "stage-is-a-close", $"Opportunity {state.Id} is won or lost with its own command, not moved to {move.To}.", ErrorKind.Unprocessable)),
            MoveOpportunity move when move.To == state.Stage =>
                Decision.Reject(new("opportunity-already-at-stage", $"Opportunity {state.Id} is at {state.Stage} already.", ErrorKind.Conflict)),
            MoveOpportunity move => Decision.Accept(new OpportunityStageChanged(state.Id, state.Stage, move.To, move.OccurredAt)),
            WinOpportunity win => Decision.Accept(new OpportunityWon(state.Id, win.OccurredAt)),
            LoseOpportunity lose => Decision.Accept(new OpportunityLost(state.Id, lose.Reason, lose.OccurredAt)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on an opportunity."),
        };
    }

    public static DomainError NotFound(string id) => new("opportunity-not-found", $"There is no opportunity {id}.", ErrorKind.NotFound);

    public static DomainError AlreadyFiled(string id) => new("opportunity-already-filed", $"Opportunity {id} was filed already.", ErrorKind.Conflict);

    private static bool Differs(string? given, string known) => given is not null && given != known;
}
