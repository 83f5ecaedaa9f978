using System.Diagnostics;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using JinGong.Fleet.Vehicles;
using Marten;
using Marten.Events.Aggregation;
using Npgsql;

namespace JinGong.Bench;

/// <summary>How many events a stream holds: the trivial one-field projection every real one is compared with.</summary>
public sealed record EventTally(string Id, long Events);

public sealed class EventTallyProjection : SingleStreamProjection<EventTally, string>
{
    public override EventTally? Evolve(EventTally? snapshot, string id, IEvent e) => new(id, (snapshot?.Events ?? 0) + 1);
}

/// <summary>
/// Fleet's projections (the vehicle record and its utilization timeline) rebuilt from zero over a million vehicle events,
/// beside the trivial tally over the same events, in a schema of their own on fleet's database.
/// </summary>
public static class RebuildRate
{
    public const string TrivialRebuild = $"rebuild {nameof(EventTally)} (trivial baseline)";
    private const int EventsPerVehicle = 51;

    public static async Task<(Throughput Append, IReadOnlyList<Throughput> Rebuilds)> MeasureAsync(
        string connectionString, int events, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        using var store = DocumentStore.For(options =>
        {
            options.ConfigureEventStore();
            options.ConfigureVehicles();
            options.Projections.Add(new EventTallyProjection(), ProjectionLifecycle.Async);
            // Every projection, the tally too, rebuilds as fleet's own do.
            options.RebuildInBulk();
            options.Connection(dataSource);
            options.DatabaseSchemaName = options.Events.DatabaseSchemaName = "bench_rebuild";
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.Events.AppendMode = EventAppendMode.Quick;
            // The history is appended first and only then projected, one projection at a time.
            foreach (var projection in options.Projections.All.OfType<ProjectionBase>())
            {
                projection.Lifecycle = ProjectionLifecycle.Async;
            }

            if (options.Projections.All.Any(projection => projection.Lifecycle != ProjectionLifecycle.Async))
            {
                throw new InvalidOperationException("Every projection must be async here, or appending would project as it goes.");
            }
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var append = await AppendHistoryAsync(store, events / EventsPerVehicle, cancellationToken);
        var stored = append.Operations;
        // A history appended seconds ago has no planner statistics yet (autovacuum analyses within a minute or so): until
        // then each page of a rebuild is read by a plan for an empty table, and whichever rebuild ran first paid for it
        // (the tally's first run 7k/s against 180k/s warm, the vehicle's after it 30k/s). A store in use has its statistics.
        await using (var analyse = dataSource.CreateCommand("VACUUM (ANALYZE) bench_rebuild.mt_events, bench_rebuild.mt_streams"))
        {
            await analyse.ExecuteNonQueryAsync(cancellationToken);
        }

        using var daemon = await store.BuildProjectionDaemonAsync();
        var rebuilds = new List<Throughput>();
        // The tally first, on cold pages and code, then the real ones, then the tally again: the baseline is the warm one.
        foreach (var (projection, what) in new[]
        {
            (nameof(EventTally), $"rebuild {nameof(EventTally)} (first, cold)"),
            (nameof(Vehicle), $"rebuild {nameof(Vehicle)}"),
            (nameof(Fleet.Vehicles.Utilization.VehicleTimeline), $"rebuild {nameof(Fleet.Vehicles.Utilization.VehicleTimeline)}"),
            (nameof(EventTally), TrivialRebuild),
        })
        {
            var watch = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(20), cancellationToken);
            var seconds = watch.Elapsed.TotalSeconds;
            rebuilds.Add(new Throughput(what, stored, 0, Math.Round(seconds, 1), Math.Round(stored / seconds), double.NaN, double.NaN));
        }

        return (append, rebuilds);
    }

    /// <summary>A year of each vehicle: registered, sixteen loans with a telematics batch each, one service. 51 events.</summary>
    private static async Task<Throughput> AppendHistoryAsync(IDocumentStore store, int vehicles, CancellationToken cancellationToken)
    {
        const int vehiclesPerSession = 200;
        var start = DateTimeOffset.UtcNow.AddDays(-366);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, (vehicles + vehiclesPerSession - 1) / vehiclesPerSession),
            new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                await using var session = store.LightweightSession();
                for (var v = batch * vehiclesPerSession; v < Math.Min(vehicles, (batch + 1) * vehiclesPerSession); v++)
                {
                    session.Events.StartStream<Vehicle>($"RB-{v:000000}", History($"RB-{v:000000}", start));
                }

                await session.SaveChangesAsync(token);
            });
        var elapsed = watch.Elapsed;
        var appended = (long)vehicles * EventsPerVehicle;
        return new Throughput("append history (Quick mode, 200 vehicles a transaction)", appended, 0, Math.Round(elapsed.TotalSeconds, 1), Math.Round(appended / elapsed.TotalSeconds), double.NaN, double.NaN);
    }

    private static object[] History(string code, DateTimeOffset start)
    {
        var events = new List<object> { new VehicleRegistered(code, "WL-30E", "loader", "east", "wuxi-1", start) };
        var at = start.AddDays(2);
        var hours = 100m;
        for (var loan = 1; loan <= 16; loan++)
        {
            var returned = at.AddDays(12);
            events.Add(new VehicleLent(code, $"L{loan}", "Shenhua demo", "Zhungeer mine", DateOnly.FromDateTime(returned.UtcDateTime), at));
            events.Add(new UsageReported(code, $"B{loan}", 48, at, returned, hours, hours += 220, returned));
            events.Add(new VehicleReturned(code, $"L{loan}", 220, returned));
            at = returned.AddDays(9);
        }

        events.Add(new MaintenanceOpened(code, "scheduled service", at));
        events.Add(new MaintenanceClosed(code, "serviced", at.AddDays(2)));
        return [.. events];
    }
}
