using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Flows.Tests.Business;

/// <summary>
/// The company's people at work through the gateway, every request of one business flow carrying the flow's
/// correlation id (X-Correlation-Id), as the console would send it.
/// </summary>
internal sealed class Company(SystemFixture system, string correlationId)
{
    public string CorrelationId { get; } = correlationId;

    public static string Unique(string prefix) => GatewayRequests.Unique(prefix);

    public async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Correlation-Id", CorrelationId);
        using var answer = await system.Gateway.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var answer = await system.Gateway.GetAsync(path);
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Reads <paramref name="path"/> until <paramref name="condition"/> holds (30 s at most).</summary>
    public Task<JsonElement> WhenAsync(string path, Func<JsonElement, bool> condition, string what) =>
        Eventually.ReturnsAsync(async _ =>
        {
            using var answer = await system.Gateway.GetAsync(path);
            return answer.IsSuccessStatusCode ? JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement : default;
        }, element => element.ValueKind != JsonValueKind.Undefined && condition(element), TimeSpan.FromSeconds(30), what);

    /// <summary>
    /// Registers a vehicle (as production does, outside the flow) at <paramref name="warehouse"/>, opened in
    /// <paramref name="region"/> first if need be, and waits until dispatch knows it.
    /// </summary>
    public async Task<string> RegisterVehicleAsync(string model, string region, string warehouse)
    {
        await system.Gateway.OpenWarehouseAsync(region, warehouse);
        var code = Unique("JG");
        using var answer = await system.Gateway.PostAsJsonAsync("/api/fleet/vehicles", new
        {
            code, model, category = "excavator", region, warehouse, occurredAt = DateTimeOffset.UtcNow.AddDays(-30),
        });
        answer.StatusCode.Should().Be(HttpStatusCode.Created);
        await WhenAsync($"/api/dispatch/vehicles?model={model}&pageSize=500", page => page.GetProperty("items").EnumerateArray().Any(v => v.GetProperty("code").GetString() == code), $"dispatch to catalogue {code}");
        return code;
    }

    public static IEnumerable<JsonElement> Units(JsonElement allocation) => allocation.GetProperty("units").EnumerateArray();

    public static string? Status(JsonElement allocation, string vehicleCode) =>
        Units(allocation).Where(unit => unit.GetProperty("vehicleCode").GetString() == vehicleCode).Select(unit => unit.GetProperty("status").GetString()).FirstOrDefault();
}
