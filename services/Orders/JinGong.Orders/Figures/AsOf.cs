namespace JinGong.Orders.Figures;

/// <summary>
/// What a fact says as of a business date: everything dated after it is left out, so a figure for a past date is
/// what the events up to then said. Shared by every figure so "voided", "paid" and "stage" mean one thing.
/// </summary>
public static class AsOf
{
    /// <summary>An invoice is on the books once issued, until its order is cancelled (the cancellation voids it from that day).</summary>
    public static bool IsOnTheBooks(this InvoiceFact invoice, DateOnly asOf) =>
        invoice.IssueDate <= asOf && !invoice.IsVoided(asOf);

    /// <summary>Voided when the order was cancelled on or before <paramref name="asOf"/>; a later cancellation is not known yet.</summary>
    public static bool IsVoided(this InvoiceFact invoice, DateOnly asOf) =>
        invoice.OrderCancelledOn is { } cancelled && cancelled <= asOf;

    /// <summary>The money received by <paramref name="asOf"/>, whatever its size (overpayments are capped by the callers).</summary>
    public static decimal PaidBy(this InvoiceFact invoice, DateOnly asOf)
    {
        // indexed, not foreach: enumerating through the interface would allocate once per invoice
        var paid = 0m;
        for (var i = 0; i < invoice.Payments.Count; i++)
        {
            if (invoice.Payments[i].PaidOn <= asOf)
            {
                paid += invoice.Payments[i].Amount;
            }
        }

        return paid;
    }

    /// <summary>What is still owed on <paramref name="asOf"/>: never below zero, an overpayment is not a negative debt.</summary>
    public static decimal OutstandingOn(this InvoiceFact invoice, DateOnly asOf) =>
        Math.Max(0m, invoice.Amount - invoice.PaidBy(asOf));

    /// <summary>
    /// The stage the opportunity was in on <paramref name="asOf"/>: the last entry of its history dated on or before it,
    /// or null when it had not been filed yet. A Won or Lost followed by an open stage is open again from that day.
    /// </summary>
    public static StageFact? StageOn(this OpportunityFact opportunity, DateOnly asOf)
    {
        StageFact? stage = null;
        for (var i = 0; i < opportunity.Stages.Count; i++)
        {
            if (opportunity.Stages[i].On <= asOf)
            {
                stage = opportunity.Stages[i];
            }
        }

        return stage;
    }

    /// <summary>Open stages are the pipeline; Won and Lost close an opportunity.</summary>
    public static bool IsOpen(this OpportunityStage stage) => stage is not (OpportunityStage.Won or OpportunityStage.Lost);
}
