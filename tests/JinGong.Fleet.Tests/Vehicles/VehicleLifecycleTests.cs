using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Vehicles;

/// <summary>A vehicle's commands through the gateway: versions, If-Match, illegal transitions, concurrency.</summary>
[Collection(FleetService.Collection)]
public sealed class VehicleLifecycleTests(FleetService fleet)
{
    [Fact]
    public async Task a_vehicle_lives_from_registration_to_delivery_one_version_per_event()
    {
        var code = await fleet.RegisterAsync();

        await CommandAsync(code, "reservation", new { orderId = "order-1" }, expectedVersion: 2, "Reserved");
        await CommandAsync(code, "transfers", new { transferId = "t-1", toWarehouse = "tianjin-1", toRegion = "north" }, 3, "InTransit");
        var arrived = await CommandAsync(code, "transfers/arrival", new { transferId = "t-1" }, 4, "Reserved");
        arrived.GetProperty("warehouse").GetString().Should().Be("tianjin-1");
        arrived.GetProperty("region").GetString().Should().Be("north");
        var delivered = await CommandAsync(code, "delivery", new { orderId = "order-1", customer = "Hebei Steel", site = "Tangshan mill" }, 5, "Delivered");
        delivered.GetProperty("customer").GetString().Should().Be("Hebei Steel");

        using var read = await fleet.Api.GetAsync($"/api/fleet/vehicles/{code}");
        read.Headers.ETag!.Tag.Should().Be("\"5\"");
    }

    [Fact]
    public async Task a_vehicle_s_status_timeline_gives_each_spell_from_when_to_when_and_an_unknown_vehicle_is_a_404()
    {
        var code = await fleet.RegisterAsync();
        await CommandAsync(code, "maintenance", new { reason = "battery check" }, 2, "InMaintenance");
        await CommandAsync(code, "maintenance/close", new { outcome = "cells replaced" }, 3, "InStock");
        await CommandAsync(code, "transfers", new { transferId = "t-1", toWarehouse = "tianjin-1", toRegion = "north" }, 4, "InTransit");
        await CommandAsync(code, "transfers/arrival", new { transferId = "t-1" }, 5, "InStock");

        var spells = (await fleet.Api.GetFromJsonAsync<JsonElement>($"/api/fleet/vehicles/{code}/status-timeline")).GetProperty("spells").EnumerateArray().ToList();

        spells.Select(spell => (spell.GetProperty("status").GetString(), spell.GetProperty("region").GetString())).Should().Equal(
            ("InStock", "east"), ("InMaintenance", "east"), ("InStock", "east"), ("InTransit", "east"), ("InStock", "north"));
        spells[1].GetProperty("statusBeforeMaintenance").GetString().Should().Be("InStock");
        spells.Zip(spells.Skip(1)).Should().OnlyContain(pair => pair.First.GetProperty("to").GetString() == pair.Second.GetProperty("from").GetString(), "each spell ends where the next begins");
        spells[^1].GetProperty("to").ValueKind.Should().Be(JsonValueKind.Null, "the vehicle stands so still");
        using var unknown = await fleet.Api.GetAsync("/api/fleet/vehicles/JG-NOBODY/status-timeline");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "vehicle-not-found");
    }

    [Fact]
    public async Task a_vehicle_on_loan_cannot_be_delivered_and_the_refusal_appends_nothing()
    {
        var code = await fleet.RegisterAsync();
        await CommandAsync(code, "loans", new { loanId = "loan-1", borrower = "Shougang", site = "Qian'an mine", dueDate = "2027-01-31" }, 2, "OnLoan");

        using var answer = await PostAsync(code, "delivery", new { orderId = "order-1", customer = "C", site = "S" });

        await answer.ShouldBeProblemAsync(HttpStatusCode.Conflict, "cannot-deliver-when-on-loan");
        (await fleet.VehicleVersionAsync(code)).Should().Be(2);
        await CommandAsync(code, "loans/return", new { loanId = "loan-1", hoursUsed = 41.5 }, 3, "InStock");
    }

    [Fact]
    public async Task a_stale_if_match_is_refused_with_412_and_appends_nothing()
    {
        var code = await fleet.RegisterAsync();
        await CommandAsync(code, "maintenance", new { reason = "battery check" }, 2, "InMaintenance");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/fleet/vehicles/{code}/maintenance/close")
        {
            Content = JsonContent.Create(new { outcome = "cells replaced" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var answer = await fleet.Api.SendAsync(request);

        await answer.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "stream-moved");
        (await fleet.VehicleVersionAsync(code)).Should().Be(2);
    }

    [Fact]
    public async Task a_current_if_match_lets_the_write_through()
    {
        var code = await fleet.RegisterAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/fleet/vehicles/{code}/retirement") { Content = JsonContent.Create(new { reason = "prototype" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var answer = await fleet.Api.SendAsync(request);

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Headers.ETag!.Tag.Should().Be("\"2\"");
        using var afterRetirement = await PostAsync(code, "maintenance", new { reason = "anything" });
        await afterRetirement.ShouldBeProblemAsync(HttpStatusCode.Conflict, "vehicle-retired");
    }

    [Fact]
    public async Task of_twenty_parallel_reservations_exactly_one_wins_and_each_loser_is_decided_again_on_the_winner_s_reservation()
    {
        var code = await fleet.RegisterAsync();

        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(order => PostAsync(code, "reservation", new { orderId = $"order-{order}" })));

        answers.Count(answer => answer.StatusCode == HttpStatusCode.OK).Should().Be(1);
        answers.Where(answer => answer.StatusCode != HttpStatusCode.OK).Should().OnlyContain(answer => answer.StatusCode == HttpStatusCode.Conflict);
        // Without If-Match a loser is decided again; as refusals append nothing, its second decision finds the stream
        // still and is refused by the rule the winner's reservation brings, never by the race itself.
        var refusals = await Task.WhenAll(answers.Where(answer => answer.StatusCode != HttpStatusCode.OK).Select(answer => answer.Content.ReadFromJsonAsync<JsonElement>()));
        refusals.Select(problem => problem.GetProperty("type").GetString()).Should().NotContain(type => type!.EndsWith("/concurrent-change", StringComparison.Ordinal));
        (await fleet.VehicleVersionAsync(code)).Should().Be(2, "one reservation was appended");
    }

    [Fact]
    public async Task of_a_hundred_writers_sending_the_same_expected_version_exactly_one_wins_each_version_and_no_version_is_skipped()
    {
        var code = await fleet.RegisterAsync();
        for (var version = 1; version <= 5; version++)
        {
            // Maintenance opened, then closed, and so on: each round's command is lawful for the state it finds.
            var command = version % 2 == 1 ? "maintenance" : "maintenance/close";
            var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"/api/fleet/vehicles/{code}/{command}")
                {
                    Content = JsonContent.Create(new { reason = "inspection", outcome = "passed" }),
                };
                request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
                return fleet.Api.SendAsync(request);
            }));

            answers.Where(answer => answer.IsSuccessStatusCode).Should().ContainSingle()
                .Which.Headers.ETag!.Tag.Should().Be($"\"{version + 1}\"");
            answers.Where(answer => !answer.IsSuccessStatusCode).Should().HaveCount(99)
                .And.OnlyContain(answer => answer.StatusCode == HttpStatusCode.PreconditionFailed || answer.StatusCode == HttpStatusCode.Conflict);
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
        }

        var history = await fleet.Api.GetFromJsonAsync<JsonElement>($"/api/fleet/vehicles/{code}/history");
        history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).Should().Equal(6, 5, 4, 3, 2, 1);
    }

    [Theory]
    [InlineData("reservation", "{}", "orderId")]
    [InlineData("loans", "{\"loanId\":\"l-1\",\"borrower\":\"B\",\"site\":\"S\"}", "dueDate")]
    [InlineData("loans/return", "{\"loanId\":\"l-1\",\"hoursUsed\":-3}", "hoursUsed")]
    [InlineData("transfers", "{\"transferId\":\"t\",\"toRegion\":\"north\"}", "toWarehouse")]
    [InlineData("delivery", "{\"orderId\":\"o\",\"customer\":\"c\",\"site\":\"s\",\"occurredAt\":\"soon\"}", "occurredAt")]
    public async Task invalid_commands_get_a_400_naming_the_field_and_append_nothing(string command, string body, string field)
    {
        var code = await fleet.RegisterAsync();

        using var answer = await fleet.Api.PostAsync($"/api/fleet/vehicles/{code}/{command}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
        (await fleet.VehicleVersionAsync(code)).Should().Be(1);
    }

    [Fact]
    public async Task a_reservation_asked_again_for_the_same_order_is_answered_as_it_stands_and_appends_nothing()
    {
        var code = await fleet.RegisterAsync();
        await CommandAsync(code, "reservation", new { orderId = "order-1" }, 2, "Reserved");

        var again = await CommandAsync(code, "reservation", new { orderId = "order-1" }, 2, "Reserved");

        again.GetProperty("reservedFor").GetString().Should().Be("order-1");
        (await fleet.VehicleVersionAsync(code)).Should().Be(2);
        using var another = await PostAsync(code, "reservation", new { orderId = "order-2" });
        await another.ShouldBeProblemAsync(HttpStatusCode.Conflict, "cannot-reserve-when-reserved");
    }

    [Fact]
    public async Task a_command_for_an_unknown_vehicle_is_a_404()
    {
        using var answer = await PostAsync("JG-NOBODY", "reservation", new { orderId = "order-1" });

        await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound, "vehicle-not-found");
    }

    private Task<HttpResponseMessage> PostAsync(string code, string command, object body) =>
        fleet.Api.PostAsJsonAsync($"/api/fleet/vehicles/{code}/{command}", body);

    private async Task<JsonElement> CommandAsync(string code, string command, object body, long expectedVersion, string expectedStatus)
    {
        using var answer = await PostAsync(code, command, body);
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(HttpStatusCode.OK, text);
        answer.Headers.ETag!.Tag.Should().Be($"\"{expectedVersion}\"");
        var vehicle = JsonDocument.Parse(text).RootElement;
        vehicle.GetProperty("status").GetString().Should().Be(expectedStatus);
        vehicle.GetProperty("version").GetInt64().Should().Be(expectedVersion);
        return vehicle;
    }
}
