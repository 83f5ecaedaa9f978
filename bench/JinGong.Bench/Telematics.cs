using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace JinGong.Bench;

/// <summary>Readings accepted per second with batches of one size, from many vehicles at once, and what each reading cost in CPU.</summary>
public sealed record IngestionFigure(
    int BatchSize, int Clients, long Batches, long Errors, double Seconds, double BatchesPerSecond, double ReadingsPerSecond,
    double P50Ms, double P99Ms, double CpuMsPerReading, IReadOnlyDictionary<string, double> CpuMsPerReadingByProcess);

/// <summary>A vehicle's path over a year of readings, read through the gateway: how many readings, how many points drawn, how long.</summary>
public sealed record TrajectoryFigure(int Readings, int Points, int Reads, double P50Ms, double WorstMs);

/// <summary>
/// Telematics as mines produce it (issue 27): usage batches of 1, 10, 100 and 1,000 readings posted through the gateway by
/// many units at once, each on its own vehicle with its own clock (a reading a minute, the meter running); then one
/// vehicle-year at a reading a minute (525,600 readings, stored straight into the readings table: the read is what is
/// timed) read back as a path, simplified to the default 2,000 points.
/// </summary>
public static class Telematics
{
    public static readonly int[] BatchSizes = [1, 10, 100, 1_000];

    private const int MinutesInAYear = 525_600;

    public static async Task<IReadOnlyList<IngestionFigure>> IngestionAsync(
        BenchSystem system, string accessToken, int clients, TimeSpan duration, IReadOnlyDictionary<string, double> idleCpuMsPerSecond,
        CancellationToken cancellationToken)
    {
        using var gateway = new HttpClient { BaseAddress = system.Gateway, Timeout = TimeSpan.FromMinutes(1) };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var units = new ConcurrentQueue<Unit>();
        for (var i = 0; i < clients; i++)
        {
            var code = $"JG-TM-{run}-{i:D3}";
            using var registered = await gateway.PostAsJsonAsync("/api/fleet/vehicles", new
            {
                code, model = "MT-90E", category = "mining-truck", warehouse = BenchSystem.Warehouse, occurredAt = Unit.Start.AddDays(-1),
            }, cancellationToken);
            registered.EnsureSuccessStatusCode();
            units.Enqueue(new Unit(code));
        }

        var figures = new List<IngestionFigure>();
        foreach (var size in BatchSizes)
        {
            Bench.Progress($"telematics: batches of {size} reading(s) through the gateway, {clients} units at once, {duration.TotalSeconds:0} s");
            var before = system.CpuMs();
            var watch = Stopwatch.StartNew();
            var throughput = await Latencies.ClosedLoopAsync($"usage batches of {size}", clients, duration, async (_, token) =>
            {
                // Each operation takes a unit no other holds: one unit's batches come one after another, as from its box.
                units.TryDequeue(out var unit);
                try
                {
                    using var content = new StringContent(unit!.NextBatch(size), Encoding.UTF8, "application/json");
                    using var answer = await gateway.PostAsync($"/api/fleet/vehicles/{unit.Code}/usage", content, token);
                    if (!answer.IsSuccessStatusCode)
                    {
                        throw new HttpRequestException($"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(token)}");
                    }
                }
                finally
                {
                    units.Enqueue(unit!);
                }
            }, cancellationToken);
            var elapsed = watch.Elapsed.TotalSeconds;
            var after = system.CpuMs();
            var readings = throughput.Operations * (double)size;
            var byProcess = after.Keys.Where(process => process != BenchSystem.LoadGenerator).ToDictionary(
                process => process,
                process => readings == 0 ? double.NaN
                    : Math.Round((after[process] - before[process] - (idleCpuMsPerSecond.GetValueOrDefault(process) * elapsed)) / readings, 4));
            figures.Add(new IngestionFigure(
                size, clients, throughput.Operations, throughput.Errors, throughput.Seconds, throughput.PerSecond, Math.Round(readings / throughput.Seconds),
                throughput.P50Ms, throughput.P99Ms, Math.Round(byProcess.Values.Sum(), 4), byProcess));
        }

        return figures;
    }

    public static async Task<TrajectoryFigure> YearPathAsync(BenchSystem system, string accessToken, int reads, CancellationToken cancellationToken)
    {
        using var gateway = new HttpClient { BaseAddress = system.Gateway, Timeout = TimeSpan.FromMinutes(1) };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var code = $"JG-TY-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        var year = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using (var registered = await gateway.PostAsJsonAsync("/api/fleet/vehicles", new
        {
            code, model = "MT-90E", category = "mining-truck", warehouse = BenchSystem.Warehouse, occurredAt = year.AddDays(-1),
        }, cancellationToken))
        {
            registered.EnsureSuccessStatusCode();
        }

        Bench.Progress($"telematics: a vehicle-year at a reading a minute ({MinutesInAYear:N0} readings) stored, then its path read {reads} times");
        await using (var fleet = NpgsqlDataSource.Create(await system.ConnectionStringAsync("fleetdb")))
        {
            await using var schema = fleet.CreateCommand("select table_schema from information_schema.tables where table_name = 'vehicle_readings'");
            var table = $"{await schema.ExecuteScalarAsync(cancellationToken)}.vehicle_readings";
            await using var year1 = fleet.CreateCommand(
                $"""
                insert into {table} (vehicle_code, at, operating_hours, position, batch_id)
                select $1, $2::timestamptz + minute * interval '1 minute', round(minute / 100.0, 2),
                       st_setsrid(st_makepoint(118.1 + (minute % 700) * 0.0001, 39.6 + (minute % 500) * 0.0001), 4326)::geography, 'bench-year'
                from generate_series(0, {MinutesInAYear - 1}) as minute
                """);
            year1.Parameters.AddWithValue(code);
            year1.Parameters.AddWithValue(year);
            year1.CommandTimeout = 300;
            await year1.ExecuteNonQueryAsync(cancellationToken);
            // Statistics as autovacuum would have them after a year of uploads.
            await using var analyze = fleet.CreateCommand($"analyze {table}");
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        var path = $"/api/fleet/vehicles/{code}/trajectory?from={Uri.EscapeDataString(year.ToString("O", CultureInfo.InvariantCulture))}"
            + $"&to={Uri.EscapeDataString(year.AddYears(1).ToString("O", CultureInfo.InvariantCulture))}";
        var times = new List<double>();
        var points = 0;
        for (var read = 0; read <= reads; read++)
        {
            var started = Stopwatch.GetTimestamp();
            using var answer = await gateway.GetAsync(path, cancellationToken);
            var body = await answer.Content.ReadAsByteArrayAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            answer.EnsureSuccessStatusCode();
            if (read == 0)
            {
                // The first read warms the plan and the pages; it is not counted.
                using var document = System.Text.Json.JsonDocument.Parse(body);
                points = document.RootElement.GetProperty("properties").GetProperty("times").GetArrayLength();
                continue;
            }

            times.Add(elapsed);
        }

        var sorted = times.Order().ToList();
        return new TrajectoryFigure(MinutesInAYear, points, reads, Math.Round(Latencies.Percentile(sorted, 50), 1), Math.Round(sorted[^1], 1));
    }

    /// <summary>A unit's telematics box: a reading a minute from 2020 on, the meter running a minute a minute while it works.</summary>
    private sealed class Unit(string code)
    {
        public static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private long minute;
        private int batch;

        public string Code => code;

        public string NextBatch(int size)
        {
            var json = new StringBuilder(64 + (size * 110));
            json.Append(CultureInfo.InvariantCulture, $"{{\"batchId\":\"B{++batch}\",\"points\":[");
            for (var i = 0; i < size; i++, minute++)
            {
                var at = Start.AddMinutes(minute);
                json.Append(CultureInfo.InvariantCulture,
                    $"{(i > 0 ? "," : "")}{{\"at\":\"{at:O}\",\"operatingHours\":{minute / 60m:0.00},\"latitude\":{39.6 + (minute % 500 * 0.0001):0.00000},\"longitude\":{118.1 + (minute % 700 * 0.0001):0.00000}}}");
            }

            return json.Append("]}").ToString();
        }
    }
}
