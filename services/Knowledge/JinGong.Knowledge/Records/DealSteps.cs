namespace JinGong.Knowledge.Records;

/// <summary>
/// One step of a deal as its timeline shows it: what happened (<paramref name="Step"/>, a word of <see cref="DealSteps"/>),
/// when (business time), which service said so, a few words of detail, the order and vehicle it concerns if any, and the
/// event that published it with the flow's correlation id.
/// </summary>
public sealed record DealStep(
    string Step, DateTimeOffset At, string Service, string? Detail, string? OrderId, string? VehicleCode, Guid EventId, string? CorrelationId);

/// <summary>The steps of a deal from the form to the payment, in the timeline's words.</summary>
public static class DealSteps
{
    public const string Filed = "filed";
    public const string StageChanged = "stage-changed";
    public const string Won = "won";
    public const string Lost = "lost";
    public const string Reopened = "reopened";
    public const string OrderPlaced = "order-placed";
    public const string OrderCancelled = "order-cancelled";
    public const string VehicleReserved = "vehicle-reserved";
    public const string ReservationReleased = "reservation-released";
    public const string TransferStarted = "transfer-started";
    public const string TransferArrived = "transfer-arrived";
    public const string DeliveryScheduled = "delivery-scheduled";
    public const string Delivered = "delivered";
    public const string InvoiceIssued = "invoice-issued";
    public const string PaymentReceived = "payment-received";
    public const string DocumentOpened = "document-opened";
    public const string RevisionPublished = "revision-published";
    public const string ProposalSent = "proposal-sent";
}
