namespace JinGong.Fleet.Vehicles.Usage;

/// <summary>
/// The points of one telematics batch, stored beside the vehicle's stream (the stream keeps a summary
/// event per batch): a year of hourly points is a few hundred documents, not thousands of events.
/// Its id, "code/batchId", makes a batch recorded twice impossible.
/// </summary>
public sealed record TrajectorySegment(string Id, string VehicleCode, string BatchId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UsagePoint> Points)
{
    public static string IdFor(string code, string batchId) => $"{code}/{batchId}";
}
