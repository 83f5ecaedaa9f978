using System.Net;
using System.Net.Http.Json;
using FluentAssertions;

namespace JinGong.Testing;

/// <summary>What every fleet API test does: new vehicle codes, registered vehicles, stream versions, problems.</summary>
public static class FleetApi
{
    public static string NewCode() => $"JG-{Guid.NewGuid():N}"[..20];

    /// <summary>Registers a new vehicle through the API and returns its code.</summary>
    public static async Task<string> RegisterAsync(
        this IApiUnderTest fleet, string region = "east", string warehouse = "wuxi-1", DateTimeOffset? occurredAt = null)
    {
        var code = NewCode();
        using var answer = await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", Registration(code, region, warehouse, occurredAt));
        answer.StatusCode.Should().Be(HttpStatusCode.Created);
        return code;
    }

    /// <summary>A registration that fleet accepts for a new <paramref name="code"/>.</summary>
    public static object Registration(string code, string region = "east", string warehouse = "wuxi-1", DateTimeOffset? occurredAt = null) => new
    {
        code, model = "MT-90E", category = "mining-truck", region, warehouse, occurredAt = occurredAt ?? DateTimeOffset.UtcNow.AddDays(-30),
    };

    /// <summary>How many events the vehicle's stream holds, read from fleet's database.</summary>
    public static async Task<long> VehicleVersionAsync(this IApiUnderTest fleet, string code) =>
        (await new EventStoreQueries(await fleet.ConnectionStringAsync("fleetdb")).EventsAsync(code)).Count;
}
