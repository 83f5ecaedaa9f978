using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Simulation;
using JinGong.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace JinGong.AppHost.Tests;

/// <summary>
/// After a generated year of business, every projection of every service rebuilt from zero into a shadow equals the
/// live one row by row (issue 9), and the check names a row that does not.
/// </summary>
public sealed partial class RebuildCheckTests(RebuildCheckTests.BusinessYearSystem system, ITestOutputHelper output)
    : IClassFixture<RebuildCheckTests.BusinessYearSystem>
{
    private static readonly string[] Services = ["fleet", "orders", "dispatch", "okr", "knowledge"];

    // Every projection in the repo, by service: a new one must be added here, and the check must find it.
    private static readonly Dictionary<string, string[]> Projections = new()
    {
        // Every service keeps its erasures' records (docs/privacy.md).
        ["fleet"] = ["Erasure", "Vehicle", "VehicleTimeline", "Warehouse", "Site", "ReadingDays"],
        ["orders"] = ["Erasure", "Customer", "Order", "Opportunity", "CatalogueModel"],
        ["dispatch"] = ["Erasure", "Allocation", "Transfer", "Loan", "CatalogueVehicle", "VehicleClaim", "Backorder"],
        ["okr"] = ["Erasure", "Person", "Objective", "KeyResult", "SaleRecord", "OpportunityRecord"],
        ["knowledge"] = ["Erasure", "Space", "Page", "PageSearch", "Subscriber", "PageLinks", "Attachment", "ReadingRecord", "Scenario", "LoanRecord", "OpportunityRecord", "OrderRecord"],
    };

    /// <summary>The whole system with a year of business played into it once for the class.</summary>
    public sealed class BusinessYearSystem : IAsyncLifetime
    {
        // A smaller company than the demo's, read every six hours: enough to fill every projection, quick to play.
        private static readonly CompanyProfile Profile = new(Vehicles: 200, People: 19, Seed: 2026, CodePrefix: "BY", TelematicsEvery: TimeSpan.FromHours(6));

        public SystemFixture System { get; } = new();

        public BusinessYearTally Year { get; private set; } = null!;

        public TimeSpan Took { get; private set; }

        public async Task InitializeAsync()
        {
            await System.InitializeAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
            var watch = Stopwatch.StartNew();
            Year = await new BusinessYear(System.Gateway, Profile).PlayAsync(timeout.Token);
            Took = watch.Elapsed;
        }

        public Task DisposeAsync() => System.DisposeAsync();
    }

    [Fact]
    public async Task every_projection_of_every_service_rebuilt_from_a_year_of_business_equals_the_live_one()
    {
        var year = system.Year;
        output.WriteLine($"A year of business in {system.Took.TotalSeconds:0} s: {year}");
        year.Vehicles.Should().BeGreaterThanOrEqualTo(200);
        year.Deliveries.Should().BePositive();
        year.Payments.Should().BePositive();
        year.Loans.Should().BePositive();
        year.Transfers.Should().BePositive();

        var events = 0L;
        foreach (var service in Services)
        {
            var report = await RebuildCheckAsync(service);
            events += report.GetProperty("events").GetInt64();
            var projections = report.GetProperty("projections").EnumerateArray().ToList();
            foreach (var projection in projections)
            {
                output.WriteLine(
                    $"{service,-9} {projection.GetProperty("projection").GetString(),-18} {projection.GetProperty("liveRows").GetInt64(),7} rows " +
                    $"{projection.GetProperty("seconds").GetDouble(),7:0.000} s {projection.GetProperty("eventsPerSecond").GetDouble(),9:0} events/s " +
                    $"equal {projection.GetProperty("equal").GetBoolean()}");
            }

            output.WriteLine($"{service}: {report.GetProperty("events").GetInt64()} events");
            projections.Select(p => p.GetProperty("projection").GetString()).Should().BeEquivalentTo(Projections[service], service);
            // Erasures' records come from a person's request, which no year of business makes (this class's erasure proof
            // may have run first, and rebuilds them too).
            projections.Where(p => p.GetProperty("projection").GetString() != "Erasure")
                .Should().OnlyContain(p => p.GetProperty("liveRows").GetInt64() > 0, $"a year of business fills every projection of {service}: {report}");
            projections.Should().OnlyContain(
                p => p.GetProperty("equal").GetBoolean() && p.GetProperty("rebuiltRows").GetInt64() == p.GetProperty("liveRows").GetInt64(),
                $"{service}'s projections rebuilt from its events equal the live ones: {report}");
            report.GetProperty("equal").GetBoolean().Should().BeTrue();
        }

        output.WriteLine($"{events} events in all");
    }

    [Fact]
    public async Task a_live_row_that_is_not_what_the_events_say_is_named_as_differing()
    {
        var code = GatewayRequests.Unique("TAMPER");
        using var registered = await system.System.Gateway.PostAsJsonAsync("/api/fleet/vehicles", new { code, model = "WL-30E", category = "loader", region = "east", warehouse = "wuxi-1" });
        registered.StatusCode.Should().Be(HttpStatusCode.Created);

        // Someone edits the inventory behind the event store's back.
        await using var database = NpgsqlDataSource.Create(await system.System.ConnectionStringAsync("fleetdb"));
        await using var read = database.CreateCommand("SELECT data::text FROM mt_doc_vehicle WHERE id = $1");
        read.Parameters.AddWithValue(code);
        var recorded = (string)(await read.ExecuteScalarAsync())!;
        await using (var tamper = database.CreateCommand("UPDATE mt_doc_vehicle SET data = jsonb_set(data, '{Region}', '\"west\"') WHERE id = $1"))
        {
            tamper.Parameters.AddWithValue(code);
            (await tamper.ExecuteNonQueryAsync()).Should().Be(1);
        }

        try
        {
            var report = await RebuildCheckAsync("fleet");
            report.GetProperty("equal").GetBoolean().Should().BeFalse();
            var vehicles = report.GetProperty("projections").EnumerateArray().Single(p => p.GetProperty("projection").GetString() == "Vehicle");
            (vehicles.GetProperty("equal").GetBoolean(), vehicles.GetProperty("differingCount").GetInt64()).Should().Be((false, 1L));
            vehicles.GetProperty("differingKeys").EnumerateArray().Select(key => key.GetString()).Should().Equal(code);
        }
        finally
        {
            await using var restore = database.CreateCommand("UPDATE mt_doc_vehicle SET data = $2::jsonb WHERE id = $1");
            restore.Parameters.AddWithValue(code);
            restore.Parameters.AddWithValue(recorded);
            await restore.ExecuteNonQueryAsync();
        }
    }

    private async Task<JsonElement> RebuildCheckAsync(string service)
    {
        using var answer = await system.System.Gateway.PostAsync($"/api/{service}/projections/rebuild-check", content: null);
        return await answer.JsonAsync();
    }
}
