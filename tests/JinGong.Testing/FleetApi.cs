using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;

namespace JinGong.Testing;

/// <summary>What every fleet API test does: new vehicle codes, registered vehicles, stream versions, problems.</summary>
public static class FleetApi
{
    public static string NewCode() => $"JG-{Guid.NewGuid():N}"[..20];

    /// <summary>Registers a new vehicle through the API at <paramref name="warehouse"/> (opened first if need be) and returns its code.</summary>
    public static async Task<string> RegisterAsync(
        this IApiUnderTest fleet, string region = "east", string warehouse = "wuxi-1", DateTimeOffset? occurredAt = null)
    {
        await fleet.Api.OpenWarehouseAsync(region, warehouse);
        var code = NewCode();
        using var answer = await fleet.Api.PostAsJsonAsync("/api/fleet/vehicles", Registration(code, region, warehouse, occurredAt));
        answer.StatusCode.Should().Be(HttpStatusCode.Created);
        return code;
    }

    /// <summary>
    /// Opens warehouse <paramref name="code"/> (a new one unless named) in <paramref name="region"/> through
    /// <paramref name="api"/> (fleet's, or the gateway), unless it is open there already (a home warehouse, or one
    /// another test opened), and returns its code. A test of its own region opens its own warehouse in it.
    /// </summary>
    public static async Task<string> OpenWarehouseAsync(this HttpClient api, string region, string? code = null)
    {
        code ??= $"yard-{Guid.NewGuid():N}"[..13];
        using var opened = await api.PostAsJsonAsync("/api/fleet/warehouses", new { code, region, latitude = 31.49, longitude = 120.31 });
        if (opened.StatusCode != HttpStatusCode.Conflict)
        {
            opened.StatusCode.Should().Be(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
            return code;
        }

        var open = await api.GetFromJsonAsync<JsonElement>($"/api/fleet/warehouses/{code}");
        open.GetProperty("region").GetString().Should().Be(region, $"warehouse {code} is open in another region");
        return code;
    }

    /// <summary>A registration that fleet accepts for a new <paramref name="code"/> (at a warehouse open in its region).</summary>
    public static object Registration(string code, string region = "east", string warehouse = "wuxi-1", DateTimeOffset? occurredAt = null) => new
    {
        code, model = "MT-90E", category = "mining-truck", region, warehouse, occurredAt = occurredAt ?? DateTimeOffset.UtcNow.AddDays(-30),
    };

    /// <summary>How many events the vehicle's stream holds, read from fleet's database.</summary>
    public static async Task<long> VehicleVersionAsync(this IApiUnderTest fleet, string code) =>
        (await new EventStoreQueries(await fleet.ConnectionStringAsync("fleetdb")).EventsAsync(code)).Count;
}
