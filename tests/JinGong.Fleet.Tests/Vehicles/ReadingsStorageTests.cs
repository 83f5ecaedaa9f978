using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Fleet.Vehicles;
using JinGong.Fleet.Vehicles.Usage;
using JinGong.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Weasel.Core;

namespace JinGong.Fleet.Tests.Vehicles;

/// <summary>The readings table as PostgreSQL holds it: declared once, and the readings earlier releases kept as documents moved into it.</summary>
[Collection(FleetService.Collection)]
public sealed class ReadingsStorageTests(FleetService fleet)
{
    private static readonly DateTimeOffset Day = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private IDocumentStore Store => fleet.Services.GetRequiredService<IDocumentStore>();

    private NpgsqlDataSource DataSource => fleet.Services.GetRequiredService<NpgsqlDataSource>();

    [Fact]
    public async Task the_readings_tables_as_created_need_no_change_at_the_next_start()
    {
        var migration = await Store.Storage.Database.CreateMigrationAsync();

        migration.Difference.Should().Be(SchemaPatchDifference.None, "a geography column or index read back unlike its declaration would be altered at every start");
    }

    [Fact]
    public async Task the_trajectory_segments_of_an_earlier_release_are_moved_into_the_readings_table_once()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        var schema = Store.Options.DatabaseSchemaName;
        var legacy = $"{schema}.{EarlierReadingsMigration.LegacyTableName}";
        UsagePoint[] points = [new(Day, 100m, 39.5, 118.25), new(Day.AddHours(1), 101.5m, 39.75, 118.5)];
        // The document as the earlier release stored it, through the store's own serializer.
        var document = Store.Options.Serializer().ToJson(new
        {
            Id = $"{code}/old-1", VehicleCode = code, BatchId = "old-1", From = points[0].At, To = points[^1].At, Points = points,
        });
        await ExecuteAsync(
            $"create table {legacy} (id varchar primary key, data jsonb not null, mt_last_modified timestamptz default now())",
            $"insert into {legacy} (id, data) values ('{code}/old-1', '{document.Replace("'", "''", StringComparison.Ordinal)}'::jsonb)");

        var migration = new EarlierReadingsMigration(Store, DataSource, NullLogger<EarlierReadingsMigration>.Instance);
        await migration.StartAsync(CancellationToken.None);
        await migration.StartAsync(CancellationToken.None);

        var path = await VehicleReadings.PathAsync(DataSource, schema, code, Day.AddDays(-1), Day.AddDays(1), maxPoints: 10, CancellationToken.None);
        path.Points.Should().Equal(points);
        path.Readings.Should().Be(2, "the moved readings are counted in their day");
        await using (var gone = DataSource.CreateCommand($"select to_regclass('{legacy}') is null"))
        {
            (await gone.ExecuteScalarAsync()).Should().Be(true);
        }

        // The moved batch is recognised when its unit sends it again, and the readings are placed among as any others.
        using var resent = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", new
        {
            batchId = "old-1",
            points = new[] { new { at = Day.AddHours(2), operatingHours = 90m, latitude = 39.0, longitude = 118.0 } },
        });
        resent.EnsureSuccessStatusCode();
        (await fleet.VehicleVersionAsync(code)).Should().Be(1, "a batch recorded by the earlier release is recorded already");
    }

    [Fact]
    public async Task the_rebuild_check_counts_the_readings_of_each_day_again_and_names_a_day_whose_count_was_edited()
    {
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Day.AddDays(-10));
        using (var uploaded = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", new
               {
                   batchId = "b1",
                   points = new[] { 0, 1, 25 }.Select(hour => new { at = Day.AddHours(hour), operatingHours = 100m + hour, latitude = 39.0, longitude = 118.0 }),
               }))
        {
            uploaded.EnsureSuccessStatusCode();
        }

        (await ReadingDaysAsync()).Should().Match<JsonElement>(days => days.GetProperty("equal").GetBoolean() && days.GetProperty("liveRows").GetInt64() >= 2);

        // Someone edits a day's count behind the store's back.
        await ExecuteAsync($"update {Store.Options.DatabaseSchemaName}.{VehicleReadings.DaysTableName} set readings = readings + 1 where vehicle_code = '{code}' and day = '2026-10-01'");
        try
        {
            var days = await ReadingDaysAsync();
            (days.GetProperty("equal").GetBoolean(), days.GetProperty("differingCount").GetInt64()).Should().Be((false, 1L));
            days.GetProperty("differingKeys").EnumerateArray().Select(key => key.GetString()).Should().Equal($"{code}/2026-10-01");
        }
        finally
        {
            await ExecuteAsync($"update {Store.Options.DatabaseSchemaName}.{VehicleReadings.DaysTableName} set readings = readings - 1 where vehicle_code = '{code}' and day = '2026-10-01'");
        }
    }

    private async Task<JsonElement> ReadingDaysAsync()
    {
        var report = await fleet.PostOkAsync("/api/fleet/projections/rebuild-check", new { });
        return report.GetProperty("projections").EnumerateArray().Single(projection => projection.GetProperty("projection").GetString() == "ReadingDays");
    }

    private async Task ExecuteAsync(params string[] statements)
    {
        foreach (var statement in statements)
        {
            await using var command = DataSource.CreateCommand(statement);
            await command.ExecuteNonQueryAsync();
        }
    }
}
