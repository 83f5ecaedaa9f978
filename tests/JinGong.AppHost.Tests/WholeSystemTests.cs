using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JinGong.Testing;

namespace JinGong.AppHost.Tests;

[Collection(SystemCollection.Name)]
public sealed class WholeSystemTests(SharedSystem system)
{
    private static readonly string[] Services = ["fleet", "orders", "dispatch", "okr", "knowledge"];

    [Fact]
    public async Task every_service_is_healthy_through_the_gateway()
    {
        using var response = await system.Gateway.GetAsync("/health");
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.Should().Be(HttpStatusCode.OK, report.ToString());
        report.GetProperty("status").GetString().Should().Be("Healthy");
        foreach (var service in Services)
        {
            report.GetProperty("checks").GetProperty(service).GetProperty("status").GetString().Should().Be("Healthy", service);
        }
    }

    [Theory]
    [InlineData("fleet", "JinGong.Fleet")]
    [InlineData("orders", "JinGong.Orders")]
    [InlineData("dispatch", "JinGong.Dispatch")]
    [InlineData("okr", "JinGong.Okr")]
    [InlineData("knowledge", "JinGong.Knowledge")]
    public async Task each_service_publishes_its_openapi_document_through_the_gateway(string service, string title)
    {
        using var response = await system.Gateway.GetAsync($"/api/{service}/openapi/v1.json");
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        document.GetProperty("openapi").GetString().Should().StartWith("3.");
        document.GetProperty("info").GetProperty("title").GetString().Should().StartWith(title);
        // The server to call is the origin the document was fetched from (the gateway), never the service itself: a
        // relative "/", so that the same document serves every deployment and is kept in the repository (console/src/api/openapi).
        document.GetProperty("servers")[0].GetProperty("url").GetString().Should().Be("/");
    }

    [Theory]
    [InlineData("fleet")]
    [InlineData("orders")]
    [InlineData("dispatch")]
    [InlineData("okr")]
    [InlineData("knowledge")]
    public async Task each_openapi_document_declares_every_parameter_of_its_routes(string service)
    {
        var document = JsonNode.Parse(await system.Gateway.GetStringAsync($"/api/{service}/openapi/v1.json"))!;

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(entry => entry.Value?["responses"] is not null))
            {
                var declared = (operation!["parameters"] as JsonArray ?? []).Where(parameter => (string?)parameter!["in"] == "path").Select(parameter => (string?)parameter!["name"]);
                Regex.Matches(path, "{([^}]+)}").Select(match => match.Groups[1].Value).Should().BeSubsetOf(declared, $"{method} {path}");
            }
        }
    }

    [Fact]
    public async Task the_gateway_serves_one_api_reference_over_every_service()
    {
        using var response = await system.Gateway.GetAsync("/api/reference/");
        var page = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        // Scalar writes document addresses relative to the gateway's root (it strips its own path in the browser).
        foreach (var service in Services)
        {
            page.Should().Contain($"\"url\":\"api/{service}/openapi/v1.json\"");
        }

        // Its script is served by the gateway itself: the reference works without reaching any CDN.
        using var script = await system.Gateway.GetAsync("/api/reference/scalar.js");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_caller_s_correlation_id_comes_back_from_the_service()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/openapi/v1.json");
        request.Headers.Add("X-Correlation-Id", "order-flow-42");

        using var response = await system.Gateway.SendAsync(request);

        response.Headers.GetValues("X-Correlation-Id").Should().Equal("order-flow-42");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a valid id; DROP TABLE")]
    public async Task a_request_without_a_usable_correlation_id_is_given_one(string sent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/fleet/openapi/v1.json");
        if (sent.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("X-Correlation-Id", sent);
        }

        using var response = await system.Gateway.SendAsync(request);

        response.Headers.GetValues("X-Correlation-Id").Should().ContainSingle().Which.Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task an_unknown_resource_gets_a_problem_details_404_from_the_service()
    {
        using var response = await system.Gateway.GetAsync("/api/fleet/no-such-resource");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(404);
    }

    [Fact]
    public async Task a_path_outside_every_service_is_not_forwarded()
    {
        using var response = await system.Gateway.GetAsync("/api/warehouse/anything");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
