using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using JinGong.Fleet.Sites;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Sites;

/// <summary>
/// Sites [工地] and when vehicles entered and left them, from their readings however late they arrived. Each test draws
/// its sites at a place of its own (somewhere in the 20th to 70th parallel) for a customer of its own, so the visits it
/// reads are only its vehicles'.
/// </summary>
[Collection(FleetService.Collection)]
public sealed class SiteTests(FleetService fleet)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    // 2 October 2026 in China begins at 10-01T16:00Z.
    private static readonly DateTimeOffset Morning = new(2026, 10, 1, 22, 0, 0, TimeSpan.Zero);

    // 0.01° of latitude is about 1.1 km, so "away" is well outside a 500 m circle.
    private const double PitLatitude = 41.0, PitLongitude = 123.0, Away = 0.02;

    // The longitude of this test's places (xUnit makes a new instance for each test).
    private double longitude = PitLongitude;

    /// <summary>A latitude no other test's readings are near: 0.05° steps from the 20th parallel (each test's longitude is its own too).</summary>
    private static double OwnLatitude() => 20 + (Random.Shared.Next(0, 1_000) * 0.05);

    [Fact]
    public void a_site_is_drawn_once()
    {
        var now = Morning.AddDays(30);
        var draw = new DefineSite("pit-1", "Anshan pit", "Angang", PitLatitude, PitLongitude, 500, now.AddHours(-1), now);
        var defined = new SiteDefined("pit-1", "Anshan pit", "Angang", PitLatitude, PitLongitude, 500, now.AddHours(-1));

        var spec = DeciderSpecification.For<DefineSite, Site>(SiteDecider.Decide);

        spec.When(draw).Then(defined);
        spec.Given(defined).When(draw).ThenRejects("site-already-defined");
        spec.When(draw with { OccurredAt = now.AddHours(1) }).ThenRejects("occurred-in-future");
    }

    [Fact]
    public async Task a_vehicle_that_leaves_and_comes_back_makes_two_visits_whatever_order_its_batches_came_in()
    {
        var (site, customer, latitude) = await DrawAsync();
        var code = await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Morning.AddDays(-10));
        // 22:00–01:00 in the pit (4 readings), away 02:00–04:00, back 05:00–07:00 (3 readings); the second stay uploaded first.
        await UploadAsync(code, "back", Morning.AddHours(7), 110m, latitude, [0, 0, 0]);
        await UploadAsync(code, "first-stay", Morning, 100m, latitude, [0, 0, 0, 0, Away, Away, Away]);

        var visits = await GetOkAsync<SiteVisitList>($"/api/fleet/sites/{site}/visits?from=2026-10-02&to=2026-10-02");

        visits.Visits.Select(visit => (visit.VehicleCode, visit.EnteredAt, visit.LeftAt, visit.Hours, visit.Readings)).Should().Equal(
            (code, Morning, Morning.AddHours(3), 3m, 4),
            (code, Morning.AddHours(7), Morning.AddHours(9), 2m, 3));
        visits.Hours.Should().Be(5m);
        visits.Customer.Should().Be(customer);
    }

    [Fact]
    public async Task hours_on_site_add_up_by_site_vehicle_and_customer()
    {
        var (pit, customer, latitude) = await DrawAsync();
        var port = $"port-{Guid.NewGuid():N}"[..13];
        using (var drawn = await fleet.Api.PostAsJsonAsync("/api/fleet/sites", new
        {
            siteId = port, name = "Yingkou port", customer, latitude = latitude + (10 * Away), longitude, radiusMetres = 800,
        }))
        {
            drawn.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var (a, b) = (await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Morning.AddDays(-10)),
            await fleet.RegisterAsync(region: "north", warehouse: "tangshan-1", occurredAt: Morning.AddDays(-10)));
        await UploadAsync(a, "a-pit", Morning, 0m, latitude, [0, 0, 0]);
        await UploadAsync(b, "b-pit", Morning, 0m, latitude, [0, 0]);
        await UploadAsync(b, "b-port", Morning.AddHours(12), 10m, latitude, [10 * Away, 10 * Away, 10 * Away, 10 * Away]);

        var bySite = await GetOkAsync<SiteHours>("/api/fleet/sites/hours?from=2026-10&to=2026-10");
        var byVehicle = await GetOkAsync<SiteHours>("/api/fleet/sites/hours?from=2026-10&to=2026-10&groupBy=vehicle");
        var byCustomer = await GetOkAsync<SiteHours>("/api/fleet/sites/hours?from=2026-10&to=2026-10&groupBy=CUSTOMER");

        bySite.Rows.Where(row => row.Key == pit || row.Key == port).Should().Equal(new SiteHoursRow(pit, 2, 3m), new SiteHoursRow(port, 1, 3m));
        byVehicle.Rows.Where(row => row.Key == a || row.Key == b).Should().BeEquivalentTo([new SiteHoursRow(a, 1, 2m), new SiteHoursRow(b, 2, 4m)]);
        byCustomer.Rows.Should().Contain(new SiteHoursRow(customer, 3, 6m));
        byCustomer.GroupBy.Should().Be(SiteHoursGrouping.Customer);
        (bySite.From, bySite.To).Should().Be((new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("radiusMetres", 5.0, 41.0)]
    [InlineData("radiusMetres", 60_000.0, 41.0)]
    [InlineData("latitude", 500.0, 91.0)]
    public async Task a_site_drawn_wrongly_names_the_field(string field, double radius, double latitude)
    {
        using var answer = await fleet.Api.PostAsJsonAsync("/api/fleet/sites", new
        {
            siteId = $"bad-{Guid.NewGuid():N}"[..12], name = "Somewhere", latitude, longitude = PitLongitude, radiusMetres = radius,
        });

        await answer.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task a_site_is_drawn_once_and_an_unknown_one_is_not_found()
    {
        var (site, _, _) = await DrawAsync();

        using var again = await fleet.Api.PostAsJsonAsync("/api/fleet/sites", new
        {
            siteId = site, name = "Elsewhere", latitude = PitLatitude, longitude = PitLongitude, radiusMetres = 100,
        });
        using var unknown = await fleet.Api.GetAsync("/api/fleet/sites/no-such-site/visits?from=2026-10&to=2026-10");
        using var wrongRange = await fleet.Api.GetAsync($"/api/fleet/sites/{site}/visits?from=2026-10");

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "site-already-defined");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "site-not-found");
        await wrongRange.ShouldBeValidationProblemAsync("to");
        (await GetOkAsync<SiteView>($"/api/fleet/sites/{site}")).Name.Should().Be("Anshan pit");
    }

    /// <summary>A pit of 500 m around a place of the test's own, of a customer of the test's own.</summary>
    private async Task<(string Site, string Customer, double Latitude)> DrawAsync()
    {
        longitude = 60 + (Random.Shared.Next(0, 1_000) * 0.1);
        var site = $"pit-{Guid.NewGuid():N}"[..12];
        var customer = $"Angang-{Guid.NewGuid():N}"[..15];
        var latitude = OwnLatitude();
        using var drawn = await fleet.Api.PostAsJsonAsync("/api/fleet/sites", new
        {
            siteId = site, name = "Anshan pit", customer, latitude, longitude, radiusMetres = 500,
        });
        drawn.StatusCode.Should().Be(HttpStatusCode.Created, await drawn.Content.ReadAsStringAsync());
        return (site, customer, latitude);
    }

    /// <summary>Hourly readings from <paramref name="start"/>, each this far north of the pit's centre, the meter running an hour an hour.</summary>
    private async Task UploadAsync(string code, string batchId, DateTimeOffset start, decimal hours, double pitLatitude, double[] northOfPit)
    {
        using var answer = await fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/usage", new
        {
            batchId,
            points = northOfPit.Select((north, i) => new { at = start.AddHours(i), operatingHours = hours + i, latitude = pitLatitude + north, longitude }),
        });
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
    }

    private async Task<T> GetOkAsync<T>(string path)
    {
        using var answer = await fleet.Api.GetAsync(path);
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }
}
