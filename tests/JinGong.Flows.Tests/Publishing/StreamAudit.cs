using System.Net;
using JinGong.Testing;
using Xunit.Abstractions;

namespace JinGong.Flows.Tests.Publishing;

/// <summary>What a stream of writes through faults must have left behind, whatever the faults were.</summary>
internal static class StreamAudit
{
    /// <summary>
    /// Every acknowledged write is stored exactly once and no write twice; every stored event reached every consumer and
    /// changed dispatch's catalogue once. Returns the redeliveries the consumers skipped (message ids of the stream's).
    /// </summary>
    /// <param name="sent">Every write as its first send was answered.</param>
    /// <param name="writes">Every write as it ended: those not acknowledged were sent again, with their key, after the faults.</param>
    public static async Task<IReadOnlyList<Guid>> AuditAsync(
        this SystemFixture system, ITestOutputHelper output, IReadOnlyList<WriteStream.Write> sent, IReadOnlyList<WriteStream.Write> writes, TimeSpan catchUp)
    {
        var stored = await system.StoredAsync(writes);
        var failed = sent.Where(write => !write.Acknowledged).GroupBy(write => write.Answer).Select(group => $"{group.Count()} × {group.Key}");
        output.WriteLine($"writes: {sent.Count} sent, {sent.Count(write => write.Acknowledged)} acknowledged, not acknowledged: [{string.Join(", ", failed)}]; "
            + $"sent again with their keys: {writes.Count(write => write.Acknowledged) - sent.Count(write => write.Acknowledged)} acknowledged, "
            + $"{writes.Count(write => write.Replayed)} of them answered as already done; stored {stored.Count} events");
        sent.Where(write => !write.Acknowledged).Should().NotContain(write => write.Status == HttpStatusCode.InternalServerError,
            "a service that cannot reach its database says so with 503, which the client may retry, not 500");
        writes.Where(write => !write.Acknowledged).Select(write => $"{write.Kind} {write.VehicleCode}: {write.Answer}").Should().BeEmpty(
            "a write sent again with its key after the fault is done, or answered as done already");
        var storedWrites = stored.Select(e => (e.StreamId, e.Type)).ToHashSet();
        writes.Where(write => !storedWrites.Contains((write.VehicleCode, StoredType(write.Kind)))).Should().BeEmpty("every acknowledged write is stored");
        stored.GroupBy(e => (e.StreamId, e.Type)).Should().OnlyContain(group => group.Count() == 1, "no write is stored twice, however often it was sent");

        var owed = FleetFollowers.Owed(stored);
        await system.AllAppliedAsync(owed, catchUp, "every consumer to apply every event");
        var registered = stored.Where(e => e.Type == StoredType(WriteStream.Kind.Registration)).Select(e => e.StreamId).ToList();
        await system.AppliedOnceAsync(registered);
        var notes = (await system.EventsAsync("dispatchdb")).Where(e => e.Type == "vehicle_status_noted_v1").ToLookup(e => e.StreamId);
        stored.Where(e => e.Type == StoredType(WriteStream.Kind.MaintenanceOpening)).Where(opened => notes[opened.StreamId].Count() != 1)
            .Should().BeEmpty("dispatch notes each maintenance opening once");

        var messageIds = owed.Select(delivery => delivery.MessageId).ToHashSet();
        var skipped = (await system.SkippedRedeliveriesAsync("dispatch")).Concat(await system.SkippedRedeliveriesAsync("orders")).Where(messageIds.Contains).ToList();
        output.WriteLine($"{owed.Count} deliveries applied once each; {skipped.Count} redeliveries skipped ({skipped.Distinct().Count()} messages)");
        return skipped;
    }

    /// <summary>Fleet's events of the vehicles the writes were about.</summary>
    public static async Task<IReadOnlyList<EventStoreQueries.StoredEvent>> StoredAsync(this SystemFixture system, IReadOnlyList<WriteStream.Write> writes)
    {
        var codes = writes.Select(write => write.VehicleCode).ToHashSet();
        return [.. (await system.EventsAsync("fleetdb")).Where(e => codes.Contains(e.StreamId))];
    }

    private static string StoredType(WriteStream.Kind kind) => kind switch
    {
        WriteStream.Kind.Registration => "vehicle_registered_v1",
        _ => "maintenance_opened_v1",
    };
}
