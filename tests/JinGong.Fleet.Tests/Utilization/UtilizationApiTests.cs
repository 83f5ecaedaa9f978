using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using JinGong.Domain.Time;
using JinGong.Fleet.Vehicles;
using JinGong.Fleet.Vehicles.Utilization;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Utilization;

/// <summary>
/// Utilization as analysts ask for it through the gateway: the worked example's vehicles entered as back-dated commands,
/// under a model and regions of each test's own, against the numbers worked out by hand (UtilizationCalculatorTests).
/// </summary>
[Collection(FleetService.Collection)]
public sealed class UtilizationApiTests(FleetService fleet)
{
    // As the services write it: camelCase, enums by name.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task the_fleet_by_region_model_and_vehicle_equals_the_worked_example()
    {
        var (a, b) = await WorkedExampleAsync();

        var byRegion = await FleetAsync("period=2026-10&groupBy=region");
        var byModel = await FleetAsync("period=2026-10&groupBy=MODEL&definition=loan-time");
        var byVehicle = await FleetAsync("from=2026-10-01&to=2026-10-31&groupBy=vehicle");

        // A: 176 of 744 h deployed, 35 meter hours of 248 scheduled. B (default 8 h shift): 600 h available, 25 × 8 = 200 h.
        byRegion.Definition.Name.Should().Be("loan-time", "the configured default");
        (byRegion.From, byRegion.To).Should().Be((History.At("2026-09-30T16:00:00Z"), History.At("2026-10-31T16:00:00Z")));
        Row(byRegion, a.Region).Should().Be(new UtilizationRow(a.Region, 1, 176m, 744m, 0.2366m, 35m, 248m, 0.1411m));
        Row(byRegion, b.Region).Should().Be(new UtilizationRow(b.Region, 1, 0m, 600m, 0m, 0m, 200m, 0m));
        // both: 176 ÷ 1,344 = 0.13095… → 0.1310; 35 ÷ 448 = 0.078125 → 0.0781
        Row(byModel, a.Model).Should().Be(new UtilizationRow(a.Model, 2, 176m, 1344m, 0.1310m, 35m, 448m, 0.0781m));
        byVehicle.Period.Should().Be("2026-10", "the days of October are October");
        Row(byVehicle, a.Code).Should().Be(Row(byRegion, a.Region) with { Key = a.Code });
    }

    [Theory]
    [InlineData("loan-time-excluding-maintenance", 176, 696, 0.2529, 232, 0.1509)]
    [InlineData("loan-period", 224, 744, 0.3011, 248, 0.1411)]
    public async Task a_past_period_under_another_definition_is_recomputed_and_says_which(
        string definition, int deployed, int available, double timeUtilization, int scheduled, double operatingUtilization)
    {
        var (a, _) = await WorkedExampleAsync();

        var figure = await FleetAsync($"period=2026-10&groupBy=vehicle&definition={definition}");

        figure.Definition.Should().Be(UtilizationDefinitions.Find(definition), "the answer says which definition produced it and what it counts");
        Row(figure, a.Code).Should().Be(new UtilizationRow(a.Code, 1, deployed, available, (decimal)timeUtilization, 35m, scheduled, (decimal)operatingUtilization));
    }

    [Fact]
    public async Task as_of_a_past_day_the_figure_is_what_the_events_by_then_said()
    {
        var (a, _) = await WorkedExampleAsync();

        var figure = await FleetAsync("period=2026-10&groupBy=vehicle&asOf=2026-10-07");

        figure.To.Should().Be(History.At("2026-10-07T16:00:00Z"));
        Row(figure, a.Code).Should().Be(new UtilizationRow(a.Code, 1, 120m, 168m, 0.7143m, 5m, 56m, 0.0893m));
    }

    [Fact]
    public async Task a_late_batch_changes_its_own_month_only_and_known_at_before_its_upload_the_figure_is_as_it_was()
    {
        var (a, _) = await WorkedExampleAsync();
        var beforeUpload = DateTimeOffset.UtcNow;

        // A's unit buffered ten days of September out of signal (990 → 995 h) and uploads them after October's batches.
        await EnterAsync(new History(a.Code).Usage("2026-09-20T00:00:00Z", 990m, "2026-09-21T00:00:00Z", 995m));

        var known = Uri.EscapeDataString(beforeUpload.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var now = await GetOkAsync<VehicleUtilization>($"/api/fleet/vehicles/{a.Code}/utilization?from=2026-09&to=2026-10");
        var then = await GetOkAsync<VehicleUtilization>($"/api/fleet/vehicles/{a.Code}/utilization?from=2026-09&to=2026-10&knownAt={known}");
        var fleetThen = await FleetAsync($"period=2026-09&groupBy=vehicle&knownAt={known}");

        // September: the meter said nothing before its first reading, 1,000 h on 09-30; it now reads 990 h from 09-20,
        // and 1,005 h at October's start either way: 5 → 15 h. October: 35 h, unchanged.
        now.Periods.Select(row => (row.Key, row.OperatingHours)).Should().Equal(("2026-09", 15m), ("2026-10", 35m));
        then.Periods.Select(row => (row.Key, row.OperatingHours)).Should().Equal(("2026-09", 5m), ("2026-10", 35m));
        then.KnownAt.Should().BeCloseTo(beforeUpload, TimeSpan.FromMilliseconds(1));
        Row(fleetThen, a.Code).OperatingHours.Should().Be(5m);
        Row(fleetThen, a.Code).AvailableHours.Should().Be(now.Periods[0].AvailableHours, "the spells were all recorded before the upload");
    }

    [Fact]
    public async Task known_at_a_moment_before_a_vehicle_was_recorded_it_is_not_there()
    {
        var beforeRecording = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var (a, _) = await WorkedExampleAsync();

        using var answer = await fleet.Api.GetAsync($"/api/fleet/vehicles/{a.Code}/utilization?from=2026-09&to=2026-10&knownAt={beforeRecording}");
        var figure = await FleetAsync($"period=2026-10&groupBy=vehicle&knownAt={beforeRecording}");

        await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound, "vehicle-not-found");
        figure.Rows.Should().NotContain(row => row.Key == a.Code);
    }

    [Fact]
    public async Task a_vehicle_month_by_month_splits_its_loan_at_the_china_month_boundary()
    {
        var (a, _) = await WorkedExampleAsync();

        var figure = await GetOkAsync<VehicleUtilization>($"/api/fleet/vehicles/{a.Code}/utilization?from=2026-09&to=2026-10&granularity=month");

        (figure.VehicleCode, figure.Model, figure.Granularity).Should().Be((a.Code, a.Model, PeriodUnit.Month));
        figure.Periods.Should().Equal(
            new UtilizationRow("2026-09", 1, 136m, 710m, 0.1915m, 5m, 236.67m, 0.0211m),
            new UtilizationRow("2026-10", 1, 176m, 744m, 0.2366m, 35m, 248m, 0.1411m));
        figure.Total.Should().Be(new UtilizationRow("total", 1, 312m, 1454m, 0.2146m, 40m, 484.67m, 0.0825m));
    }

    [Fact]
    public async Task the_definitions_are_listed_with_the_configured_default()
    {
        var list = await GetOkAsync<UtilizationDefinitionList>("/api/fleet/utilization/definitions");

        list.Default.Should().Be("loan-time");
        list.Definitions.Should().Equal(UtilizationDefinitions.All);
    }

    [Theory]
    [InlineData("/api/fleet/utilization", "period")]
    [InlineData("/api/fleet/utilization?period=2026-13", "period")]
    [InlineData("/api/fleet/utilization?period=2026-10&groupBy=color", "groupBy")]
    [InlineData("/api/fleet/utilization?period=2026-10&groupBy=2", "groupBy")]
    [InlineData("/api/fleet/utilization?period=2026-10&asOf=last-tuesday", "asOf")]
    [InlineData("/api/fleet/utilization?period=2026-10&knownAt=yesterday", "knownAt")]
    [InlineData("/api/fleet/vehicles/JG-ANY/utilization?from=2026-09&to=2026-10&knownAt=1899-12-31", "knownAt")]
    [InlineData("/api/fleet/utilization?period=2026-10&from=2026-01&to=2026-02", "period")]
    [InlineData("/api/fleet/utilization?from=2026-12&to=2026-01", "to")]
    [InlineData("/api/fleet/utilization?from=2020-01&to=2026-10", "to")]
    [InlineData("/api/fleet/vehicles/JG-ANY/utilization?from=2026-10", "to")]
    [InlineData("/api/fleet/vehicles/JG-ANY/utilization?from=2026-10-31&to=2026-10-01", "to")]
    [InlineData("/api/fleet/vehicles/JG-ANY/utilization?from=2021-01&to=2026-12", "to")]
    [InlineData("/api/fleet/vehicles/JG-ANY/utilization?from=2026-09&to=2026-10&granularity=week", "granularity")]
    public async Task utilization_asked_for_wrongly_names_the_field(string path, string field)
    {
        using var answer = await fleet.Api.GetAsync(path);

        (await answer.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty(field, out _)
            .Should().BeTrue();
    }

    [Theory]
    [InlineData("/api/fleet/utilization?period=2026-10&definition=busy-time")]
    [InlineData("/api/fleet/vehicles/JG-ANY/utilization?from=2026-09&to=2026-10&definition=busy-time")]
    public async Task an_unknown_definition_is_refused_naming_the_known_ones(string path)
    {
        using var answer = await fleet.Api.GetAsync(path);

        (await answer.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-utilization-definition")).GetProperty("detail").GetString()
            .Should().Contain("loan-time-excluding-maintenance");
    }

    [Fact]
    public async Task an_unknown_vehicle_has_no_utilization()
    {
        using var answer = await fleet.Api.GetAsync($"/api/fleet/vehicles/{FleetApi.NewCode()}/utilization?from=2026-09&to=2026-10");

        await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound, "vehicle-not-found");
    }

    /// <summary>A vehicle of the test's own: its code, model and region.</summary>
    private sealed record Unit(string Code, string Model, string Region);

    /// <summary>Units A and B of the worked example, entered through the gateway under a new model and two new regions.</summary>
    private async Task<(Unit A, Unit B)> WorkedExampleAsync()
    {
        var model = Unique("UT");
        var a = new Unit(FleetApi.NewCode(), model, Unique("east"));
        var b = new Unit(FleetApi.NewCode(), model, Unique("north"));
        await EnterAsync(WorkedExample.A(a.Code, a.Model, a.Region));
        await EnterAsync(WorkedExample.B(b.Code, b.Model, b.Region));
        return (a, b);
    }

    /// <summary>Sends each event of <paramref name="history"/> as the command that records it, with its business time.</summary>
    private async Task EnterAsync(History history)
    {
        foreach (var @event in history.Events)
        {
            var (path, body) = @event is VehicleRegistered registered
                ? ("/api/fleet/vehicles", (object)new
                {
                    code = registered.VehicleCode, registered.Model, registered.Category, registered.Region,
                    warehouse = await fleet.Api.OpenWarehouseAsync(registered.Region), registered.OccurredAt,
                })
                : Command(@event);
            using var answer = await fleet.Api.PostAsJsonAsync(path, body);
            answer.IsSuccessStatusCode.Should().BeTrue($"{@event.GetType().Name}: {await answer.Content.ReadAsStringAsync()}");
        }
    }

    private static (string Path, object Body) Command(IVehicleEvent @event)
    {
        var vehicle = $"/api/fleet/vehicles/{@event.VehicleCode}";
        return @event switch
        {
            VehicleReserved e => ($"{vehicle}/reservation", new { e.OrderId, e.OccurredAt }),
            VehicleDelivered e => ($"{vehicle}/delivery", new { e.OrderId, e.Customer, e.Site, e.OccurredAt }),
            VehicleLent e => ($"{vehicle}/loans", new { e.LoanId, e.Borrower, e.Site, e.DueDate, e.OccurredAt }),
            VehicleReturned e => ($"{vehicle}/loans/return", new { e.LoanId, e.HoursUsed, e.OccurredAt }),
            MaintenanceOpened e => ($"{vehicle}/maintenance", new { e.Reason, e.OccurredAt }),
            MaintenanceClosed e => ($"{vehicle}/maintenance/close", new { e.Outcome, e.OccurredAt }),
            UsageReported e => ($"{vehicle}/usage", new
            {
                e.BatchId,
                points = new[]
                {
                    new { at = e.From, operatingHours = e.OperatingHoursFrom, latitude = 41.1, longitude = 122.9 },
                    new { at = e.To, operatingHours = e.OperatingHoursTo, latitude = 41.2, longitude = 123.0 },
                },
            }),
            _ => throw new ArgumentException($"No command records {@event.GetType().Name} in these tests.", nameof(@event)),
        };
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private Task<FleetUtilization> FleetAsync(string query) => GetOkAsync<FleetUtilization>($"/api/fleet/utilization?{query}");

    private async Task<T> GetOkAsync<T>(string path)
    {
        using var answer = await fleet.Api.GetAsync(path);
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    private static UtilizationRow Row(FleetUtilization figure, string key) => figure.Rows.Single(row => row.Key == key);
}
