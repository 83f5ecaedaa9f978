using System.Globalization;
using System.Text.Json;
using JinGong.Contracts.Orders;
using Marten.Services.Json.Transformations.SystemTextJson;

namespace JinGong.Dispatch.Loans;

/// <summary>
/// Reads a stored <c>loan_requested_v1</c> as today's <see cref="LoanRequested"/>, each time it is read: the stored JSON
/// is never rewritten, and no v1 class is kept. Version 1 had two shapes: the first release's (no trial), and the last
/// one's, which added <c>ConditionId</c> and <c>OpportunityId</c> as two loose fields (<c>null</c> for a loan that tries
/// nothing). Both named the borrower alone: it is the customer that name gives. An opportunity without a condition was refused at the door and never stored; were one there, it would
/// read as no trial, since a trial is for a condition.
/// </summary>
public sealed class LoanRequestedV1 : EventUpcaster<LoanRequested>
{
    public override string EventTypeName => "loan_requested_v1";

    protected override LoanRequested Upcast(JsonDocument oldEvent)
    {
        var v1 = oldEvent.RootElement;
        var borrower = Text(v1, "Borrower")!;
        return new(
            Text(v1, "LoanId")!, Text(v1, "VehicleCode")!, Text(v1, "Model")!, Text(v1, "Region")!, CustomerIds.ForName(borrower), borrower, Text(v1, "Site")!,
            DateOnly.Parse(Text(v1, "DueDate")!, CultureInfo.InvariantCulture), v1.GetProperty("OccurredAt").GetDateTimeOffset(),
            Text(v1, "ConditionId") is { } condition ? new LoanTrial(condition, Text(v1, "OpportunityId")) : null);
    }

    private static string? Text(JsonElement v1, string field) =>
        v1.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
