using System.Net;
using System.Net.Http.Json;
using JinGong.Http.Security;
using JinGong.Simulation;
using JinGong.Testing;

namespace JinGong.AppHost.Tests;

/// <summary>
/// What the public entry adds to every answer (headers that keep browsers safe, the console at its pages and nowhere
/// else), and a machine client acting through it. Each client's budget of requests is the gateway's own test
/// (<c>RequestBudgetTests</c>), on a gateway with a budget small enough to spend.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EdgeTests(SharedSystem system)
{
    [Fact]
    public async Task a_machine_client_signs_in_with_its_secret_and_acts_with_the_roles_its_settings_give_it()
    {
        using var anonymous = new HttpClient { BaseAddress = system.GatewayAddress };
        using var wrongSecret = await anonymous.PostAsync("/connect/token", TokenRequest("not-its-secret"));
        ((int)wrongSecret.StatusCode).Should().BeOneOf([400, 401], "a wrong secret gets no token");

        using var issued = await anonymous.PostAsync("/connect/token", TokenRequest(SharedSystem.BiToolSecret));
        var token = (await issued.JsonAsync()).GetProperty("access_token").GetString()!;
        Tokens.Payload(token).GetProperty("sub").GetString().Should().Be(SharedSystem.BiTool);

        using var tool = new HttpClient { BaseAddress = system.GatewayAddress };
        tool.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        (await tool.GetAsync("/api/fleet/inventory")).StatusCode.Should().Be(HttpStatusCode.OK, "an auditor reads");
        using var write = await tool.PostAsJsonAsync("/api/fleet/vehicles", new { code = "JG-BI-1", model = "WL-50E", category = "loader", region = "east", warehouse = "w-1" });
        write.StatusCode.Should().Be(HttpStatusCode.Forbidden, "an auditor changes nothing");

        static FormUrlEncodedContent TokenRequest(string secret) => new(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = SharedSystem.BiTool,
            ["client_secret"] = secret,
            ["scope"] = "api",
        });
    }

    [Fact]
    public async Task the_console_is_served_at_its_pages_and_never_in_place_of_the_api_or_the_identity_provider()
    {
        using var anonymous = new HttpClient { BaseAddress = system.GatewayAddress };
        foreach (var page in new[] { "/", "/inventory", "/vehicles/JG-1", "/signed-in?code=x&state=y" })
        {
            using var answer = await anonymous.GetAsync(page);
            answer.StatusCode.Should().Be(HttpStatusCode.OK, page);
            answer.Content.Headers.ContentType!.MediaType.Should().Be("text/html", page);
            answer.Headers.CacheControl!.NoCache.Should().BeTrue(page);
            answer.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self';", page);
        }

        foreach (var path in new[] { "/api/no-such-service", "/connect/no-such-endpoint", "/account/no-such-page", "/.well-known/no-such-document", "/health/no-such-check" })
        {
            using var answer = await anonymous.GetAsync(path);
            answer.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }
    }

    [Fact]
    public async Task every_answer_carries_headers_that_keep_browsers_from_sniffing_framing_or_leaking_and_names_no_server()
    {
        using var anonymous = new HttpClient { BaseAddress = system.GatewayAddress };
        foreach (var path in new[] { "/health", "/api/fleet/inventory", "/account/login", "/no-such-page" })
        {
            using var answer = await anonymous.GetAsync(path);
            foreach (var (header, value) in new[] { ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer") })
            {
                (answer.Headers.TryGetValues(header, out var values) ? values : []).Should().Equal([value], $"{path} ({(int)answer.StatusCode}) says {header}");
            }

            answer.Headers.Contains("Server").Should().BeFalse(path);
        }
    }
}
