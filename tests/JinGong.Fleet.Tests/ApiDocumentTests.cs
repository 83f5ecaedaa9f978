using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JinGong.Testing;

namespace JinGong.Fleet.Tests;

[Collection(FleetService.Collection)]
public sealed class FleetApiDocumentTests(FleetService fleet) : ConsoleApiDocumentTests(fleet, "fleet")
{
    [Fact]
    public async Task an_operation_declares_the_answers_its_endpoint_can_give_and_no_other()
    {
        var document = await fleet.Api.GetFromJsonAsync<JsonNode>("/api/fleet/openapi/v1.json");
        string[] Answers(string method, string path) => [.. document!["paths"]![path]![method]!["responses"]!.AsObject().Select(answer => answer.Key)];

        Answers("post", "/api/fleet/vehicles/{code}/loans").Should().Equal("200", "400", "401", "403", "404", "409", "412", "422");
        Answers("post", "/api/fleet/vehicles").Should().NotContain(["404", "412"], "registering starts a stream: there is no record to miss, nor a version to match");
        Answers("get", "/api/fleet/audit/streams/{id}").Should().Contain("404");
        Answers("get", "/api/fleet/audit/correlations/{correlationId}").Should().NotContain("404", "a flow without events is an empty list");
        Answers("get", "/api/fleet/inventory").Should().Equal("200", "400", "401", "403");
    }
}
