using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Vehicles;

[Collection(FleetService.Collection)]
public sealed class RegisteringVehicleTests(FleetService fleet)
{
    private static object Registration(string code) =>
        new { code, model = "XE-80", category = "excavator", region = "east", warehouse = "wuxi-1" };

    private async Task<EventStoreQueries> FleetEventsAsync() => new(await fleet.ConnectionStringAsync("fleetdb"));

    [Fact]
    public async Task a_registered_vehicle_is_in_stock_and_read_back_with_its_version()
    {
        var code = FleetApi.NewCode();

        using var created = await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", Registration(code));
        using var read = await fleet.Api.GetAsync($"/api/fleet/vehicles/{code}");

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be($"/api/fleet/vehicles/{code}");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        read.Headers.ETag!.Tag.Should().Be("\"1\"");
        var vehicle = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement;
        vehicle.GetProperty("status").GetString().Should().Be("InStock");
        vehicle.GetProperty("warehouse").GetString().Should().Be("wuxi-1");
    }

    [Fact]
    public async Task a_vehicle_code_registered_twice_is_a_conflict_and_appends_nothing()
    {
        var code = FleetApi.NewCode();
        (await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", Registration(code))).StatusCode.Should().Be(HttpStatusCode.Created);

        using var again = await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", Registration(code));

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "vehicle-already-registered");
        (await (await FleetEventsAsync()).EventsAsync(code)).Should().ContainSingle();
    }

    [Fact]
    public async Task concurrent_registrations_of_one_code_let_exactly_one_win()
    {
        var code = FleetApi.NewCode();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", Registration(code))));

        answers.Count(answer => answer.StatusCode == HttpStatusCode.Created).Should().Be(1);
        answers.Where(answer => answer.StatusCode != HttpStatusCode.Created).Should().OnlyContain(answer => answer.StatusCode == HttpStatusCode.Conflict);
        (await (await FleetEventsAsync()).EventsAsync(code)).Should().ContainSingle();
    }

    [Fact]
    public async Task a_registration_dated_in_the_future_is_refused_with_422()
    {
        var code = FleetApi.NewCode();

        using var answer = await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", new
        {
            code, model = "XE-80", category = "excavator", region = "east", warehouse = "wuxi-1", occurredAt = DateTimeOffset.UtcNow.AddDays(1),
        });

        await answer.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "occurred-in-future");
        (await (await FleetEventsAsync()).EventsAsync(code)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("{\"code\":", "code")]
    [InlineData("not json at all", "body")]
    [InlineData("{\"code\":42,\"model\":\"XE-80\",\"category\":\"excavator\",\"region\":\"east\",\"warehouse\":\"w\"}", "code")]
    [InlineData("{\"code\":\"JG-1\",\"model\":\"XE-80\",\"category\":\"excavator\",\"region\":\"east\",\"warehouse\":\"w\",\"occurredAt\":\"yesterday\"}", "occurredAt")]
    [InlineData("{\"model\":\"XE-80\",\"category\":\"excavator\",\"region\":\"east\",\"warehouse\":\"w\"}", "code")]
    [InlineData("{\"code\":\"\",\"model\":\"XE-80\",\"category\":\"excavator\",\"region\":\"east\",\"warehouse\":\"w\"}", "code")]
    [InlineData("{\"code\":\"JG-000000000000000000000000000000001\",\"model\":\"XE-80\",\"category\":\"excavator\",\"region\":\"east\",\"warehouse\":\"w\"}", "code")]
    [InlineData("{\"code\":\"JG 1; DROP\",\"model\":\"XE-80\",\"category\":\"excavator\",\"region\":\"east\",\"warehouse\":\"w\"}", "code")]
    [InlineData("{\"code\":\"JG-2\",\"category\":\"excavator\",\"region\":\"east\",\"warehouse\":\"w\"}", "model")]
    [InlineData("{\"code\":\"JG-3\",\"model\":\"XE-80\",\"category\":\"excavator\",\"region\":\"east\"}", "warehouse")]
    public async Task bad_input_gets_a_400_naming_the_field_and_appends_nothing(string body, string field)
    {
        var store = await FleetEventsAsync();
        var before = (await store.EventsAsync()).Count;

        using var answer = await fleet.Api.PostAsync("/api/fleet/vehicles", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the errors name {field}: {problem}");
        (await store.EventsAsync()).Should().HaveCount(before);
    }

    [Fact]
    public async Task an_unknown_vehicle_is_a_404_problem()
    {
        using var answer = await fleet.Api.GetAsync("/api/fleet/vehicles/JG-NOT-THERE");

        await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound, "vehicle-not-found");
    }
}
