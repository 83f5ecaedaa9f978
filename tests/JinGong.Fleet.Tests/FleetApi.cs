using System.Net;
using System.Net.Http.Json;
using JinGong.Testing;

namespace JinGong.Fleet.Tests;

/// <summary>What every fleet API test does: new vehicle codes, registered vehicles, stream versions, problems.</summary>
internal static class FleetApi
{
    public static string NewCode() => $"JG-{Guid.NewGuid():N}"[..20];

    /// <summary>Registers a new vehicle through the gateway and returns its code.</summary>
    public static async Task<string> RegisterAsync(
        this SystemFixture system, string region = "east", string warehouse = "wuxi-1", DateTimeOffset? occurredAt = null)
    {
        var code = NewCode();
        using var answer = await system.Gateway.PostAsJsonAsync("/api/fleet/vehicles", new
        {
            code, model = "MT-90E", category = "mining-truck", region, warehouse, occurredAt = occurredAt ?? DateTimeOffset.UtcNow.AddDays(-30),
        });
        answer.StatusCode.Should().Be(HttpStatusCode.Created);
        return code;
    }

    /// <summary>How many events the vehicle's stream holds, read from fleet's database.</summary>
    public static async Task<long> StreamVersionAsync(this SystemFixture system, string code) =>
        (await new EventStoreQueries(await system.ConnectionStringAsync("fleetdb")).EventsAsync(code)).Count;
}
