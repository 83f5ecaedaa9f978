using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Fleet.Tests;

/// <summary>What every fleet API test does: new vehicle codes, registered vehicles, stream versions, problems.</summary>
internal static class FleetApi
{
    public const string ProblemTypes = "https://jingong.dev/problems/";

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

    /// <summary>Asserts a Problem Details answer whose type names <paramref name="rule"/>, and returns it.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage answer, HttpStatusCode status, string rule)
    {
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(status, body);
        answer.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes + rule);
        return problem;
    }
}
