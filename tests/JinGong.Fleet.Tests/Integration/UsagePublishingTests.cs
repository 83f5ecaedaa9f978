using System.Net;
using System.Net.Http.Json;
using JinGong.Contracts.Fleet;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Integration;

/// <summary>A usage batch reaches the bus naming the loan the vehicle was out on, so a trial's hours can be told apart.</summary>
[Collection(FleetService.Collection)]
public sealed class UsagePublishingTests(FleetService fleet)
{
    [Fact]
    public async Task a_batch_recorded_while_the_vehicle_is_lent_names_the_loan_and_one_before_or_after_names_none()
    {
        await using var bus = await TestBus.StartAsync(await fleet.ConnectionStringAsync("messaging"), listen => listen.To<VehicleUsageReported>());
        var start = DateTimeOffset.UtcNow.AddDays(-10);
        var code = await fleet.RegisterAsync(occurredAt: start);
        var loanId = $"LOAN-{Guid.NewGuid():N}"[..16];

        await PostAsync($"/api/fleet/vehicles/{code}/usage", Batch("before", start.AddDays(1), hours: 10));
        await PostAsync($"/api/fleet/vehicles/{code}/loans", new { loanId, borrower = "Wuhan Metro", site = "Line 12", dueDate = "2099-01-01", occurredAt = start.AddDays(2) });
        await PostAsync($"/api/fleet/vehicles/{code}/usage", Batch("lent", start.AddDays(3), hours: 20));
        await PostAsync($"/api/fleet/vehicles/{code}/loans/return", new { loanId, hoursUsed = 2m, occurredAt = start.AddDays(4) });
        await PostAsync($"/api/fleet/vehicles/{code}/usage", Batch("after", start.AddDays(5), hours: 30));

        var reported = await Eventually.ReturnsAsync(
            _ => Task.FromResult(bus.ReceivedOf<VehicleUsageReported>().Where(usage => usage.VehicleCode == code).ToList()),
            batches => batches.Count >= 3, TimeSpan.FromSeconds(30), "three usage batches of the vehicle");

        reported.ToDictionary(usage => usage.BatchId, usage => usage.LoanId).Should().Equal(
            new Dictionary<string, string?> { ["before"] = null, ["lent"] = loanId, ["after"] = null });
    }

    private static object Batch(string batchId, DateTimeOffset start, decimal hours) => new
    {
        batchId,
        points = new[]
        {
            new { at = start, operatingHours = hours, latitude = 31.5, longitude = 120.3 },
            new { at = start.AddHours(1), operatingHours = hours + 1, latitude = 31.6, longitude = 120.4 },
        },
    };

    private async Task PostAsync(string path, object body)
    {
        using var answer = await fleet.Api.PostAsJsonAsync(path, body);
        answer.StatusCode.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.Created], await answer.Content.ReadAsStringAsync());
    }
}
