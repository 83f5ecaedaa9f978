using JinGong.Contracts.Dispatch;
using JinGong.Contracts.Fleet;
using JinGong.EventSourcing.Messaging;
using JinGong.Knowledge.Records;
using JinGong.Testing;
using MassTransit;

namespace JinGong.Knowledge.Tests.Records;

/// <summary>
/// Fleet's <see cref="VehicleUsageReported"/> during a rolling upgrade, on the real bus: replicas of the previous release
/// still publish it without the loan (added to version 1 as an optional field), others already in the current shape,
/// and a release ahead may add a field this one does not know. The knowledge base reads all three as the same message.
/// </summary>
[Collection(KnowledgeService.Collection)]
public sealed class UsageReportVersionsTests(KnowledgeService knowledge)
{
    private static readonly TimeSpan BusDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task usage_reported_by_the_previous_release_the_current_one_and_the_next_is_each_consumed_once_and_noted_where_it_names_the_loan()
    {
        var (loan, code) = (GatewayRequests.Unique("L"), GatewayRequests.Unique("JG-MT"));
        var opened = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        await using var bus = await TestBus.StartAsync(await knowledge.ConnectionStringAsync("messaging"));
        // Sent again under its one id until noted: on a cold start the service may still be binding its queues, and a
        // repeat is skipped. Once it is noted, the service's bus is up.
        var opening = Guid.NewGuid();
        await Eventually.ReturnsAsync(async _ =>
            {
                await bus.PublishAsync(new LoanOpened(loan, code, "MT-90E", "west", "紫金矿业", "pit", new DateOnly(2026, 10, 10), "COND-1", null, opened), opening);
                return await knowledge.EventCountAsync(LoanRecord.IdOf(loan));
            },
            count => count == 1, BusDeadline, "the trial's opening is noted");

        var (previous, current, next) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(new PreviousVehicleUsageReported(code, "MT-90E", "B1", 10, opened, opened.AddDays(1), 1_000m, 1_012m, opened.AddDays(1)), previous);
        await bus.PublishAsync(
            new VehicleUsageReported(code, "MT-90E", "B2", 10, opened.AddDays(1), opened.AddDays(2), 1_012m, 1_020m, opened.AddDays(2), loan), current);
        await bus.PublishAsync(
            new NextVehicleUsageReported(code, "MT-90E", "B3", 10, opened.AddDays(2), opened.AddDays(3), 1_020m, 1_031m, opened.AddDays(3), loan, 87.5m), next);

        var keys = new[] { previous, current, next }.Select(id => ProcessedMessages.Key(typeof(LoanUsageConsumer), id)).ToList();
        await Eventually.ReturnsAsync(async _ => await new EventStoreQueries(await knowledge.ConnectionStringAsync("knowledgedb")).ProcessedMessagesAsync(keys),
            processed => processed.Count == keys.Count, BusDeadline, "every shape is consumed, none parked");
        // The previous shape does not say the loan, so it counts for no trial; the current and the next are noted on it.
        (await knowledge.EventCountAsync(LoanRecord.IdOf(loan))).Should().Be(3);
    }

    /// <summary><see cref="VehicleUsageReported"/> as the previous release declared and published it: no loan.</summary>
    [MessageUrn("JinGong.Contracts.Fleet:VehicleUsageReported")]
    [EntityName("JinGong.Contracts.Fleet:VehicleUsageReported")]
    public sealed record PreviousVehicleUsageReported(
        string VehicleCode, string Model, string BatchId, int Points, DateTimeOffset From, DateTimeOffset To,
        decimal OperatingHoursFrom, decimal OperatingHoursTo, DateTimeOffset OccurredAt);

    /// <summary><see cref="VehicleUsageReported"/> as a later release might add to it: an optional field this one does not know.</summary>
    [MessageUrn("JinGong.Contracts.Fleet:VehicleUsageReported")]
    [EntityName("JinGong.Contracts.Fleet:VehicleUsageReported")]
    public sealed record NextVehicleUsageReported(
        string VehicleCode, string Model, string BatchId, int Points, DateTimeOffset From, DateTimeOffset To,
        decimal OperatingHoursFrom, decimal OperatingHoursTo, DateTimeOffset OccurredAt, string? LoanId, decimal? BatteryPercent);
}
