namespace JinGong.Contracts.Fleet;

/// <summary>
/// Fleet refused what dispatch asked of a vehicle (<paramref name="RequestId"/>), naming the rule it would
/// break (e.g. <c>reserved-for-another-order</c>, <c>cannot-lend-when-reserved</c>). Version 1.
/// </summary>
/// <param name="Request">What was asked: one of <see cref="VehicleRequestKinds"/>.</param>
/// <param name="OrderId">The order the request was for, if any.</param>
public sealed record VehicleRequestRefused(
    string RequestId, string VehicleCode, string Request, string? OrderId, string Rule, string Detail, DateTimeOffset OccurredAt);
