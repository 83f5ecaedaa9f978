using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Contracts.Okr;
using JinGong.Contracts.Knowledge;
using JinGong.Contracts.Orders;
using JinGong.Http.Security;
using JinGong.Knowledge.Catalogue;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Scenarios;

/// <summary>
/// Scenario solutions [场景化方案] through the API: a scenario defined in a space of solutions, its working conditions
/// [工况] and recommendations kept by its technical team (a team of OKR's roster, from the bus), a recommended model one
/// that the knowledge base's copy of orders' catalogue (from the bus) lists, and the scenario hidden from who may not
/// read its space.
/// </summary>
[Collection(KnowledgeService.Collection)]
public sealed class ScenarioApiTests(KnowledgeService knowledge)
{
    private static readonly TimeSpan BusDeadline = TimeSpan.FromSeconds(60);
    private static readonly object Stripping = new { name = "剥离重载上坡", haulDistanceKm = 3.5m, gradientPercent = 8m, payloadTonnes = 60m, material = "剥离物", climate = "Cold" };

    [Fact]
    public async Task the_technical_team_keeps_a_scenarios_conditions_and_recommends_models_the_catalogue_lists()
    {
        var (technical, brand) = (GatewayRequests.Unique("technical"), GatewayRequests.Unique("brand"));
        var (engineer, designer) = (GatewayRequests.Unique("eng"), GatewayRequests.Unique("brand"));
        var model = GatewayRequests.Unique("MT");
        await using var bus = await TestBus.StartAsync(await knowledge.ConnectionStringAsync("messaging"));
        var joined = DateTimeOffset.UtcNow.AddDays(-30);
        await bus.PublishAsync(new PersonJoinedRoster(engineer, "Chen Li", technical, "east", null, joined), Guid.NewGuid());
        await bus.PublishAsync(new PersonJoinedRoster(designer, "Zhou Na", brand, "east", null, joined), Guid.NewGuid());
        await bus.PublishAsync(new CatalogueModelListed(model, "Mining truck", "Test truck", new Dictionary<string, string> { ["zh"] = "测试矿卡" }, joined), Guid.NewGuid());

        var space = await knowledge.CreateSpaceAsync("场景化方案", "Solutions", ["sales-rep", "regional-manager"]);
        var defined = await knowledge.PostOkAsync("/api/knowledge/scenarios", new
        {
            spaceId = space, name = "露天煤矿", description = "北方露天煤矿的剥离与运煤", teams = new { technical, brand, marketing = "marketing" },
        }, HttpStatusCode.Created);
        var scenario = defined.GetProperty("id").GetString()!;
        defined.GetProperty("teams").GetProperty("technical").GetString().Should().Be(technical);

        using var byEngineer = knowledge.SignedInAs(engineer, [Roles.SalesRep], "east");
        using var byDesigner = knowledge.SignedInAs(designer, [Roles.SalesRep], "east");
        // The engineer edits the space (a sales rep) and is of the technical team once the roster says so.
        var added = await Eventually.ReturnsAsync(
            async token => await byEngineer.PostAsJsonAsync($"/api/knowledge/scenarios/{scenario}/conditions", Stripping, token),
            answer => answer.StatusCode != HttpStatusCode.Forbidden, BusDeadline, "the roster's copy says the engineer is of the technical team");
        var condition = (await added.JsonAsync()).GetProperty("conditions")[0];
        condition.GetProperty("id").GetString().Should().Be($"{scenario}-C1");
        condition.GetProperty("terms").GetProperty("haulDistanceKm").GetDecimal().Should().Be(3.5m);
        await (await byDesigner.PostAsJsonAsync($"/api/knowledge/scenarios/{scenario}/conditions", Stripping))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-the-technical-team");
        await (await byEngineer.PostAsJsonAsync($"/api/knowledge/scenarios/{scenario}/conditions", Stripping))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "condition-already-there");

        var recommendations = $"/api/knowledge/scenarios/{scenario}/conditions/{scenario}-C1/recommendations";
        var recommended = await Eventually.ReturnsAsync(
            async token => await byEngineer.PostAsJsonAsync(recommendations, new { model, rationale = "重载上坡能量回收" }, token),
            answer => answer.StatusCode != HttpStatusCode.UnprocessableEntity, BusDeadline, "the catalogue's copy lists the model");
        (await recommended.JsonAsync()).GetProperty("conditions")[0].GetProperty("recommendations")[0].GetProperty("recommendedBy").GetString().Should().Be(engineer);
        await (await byEngineer.PostAsJsonAsync(recommendations, new { model = GatewayRequests.Unique("XX"), rationale = "?" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "model-not-in-catalogue");

        var withdrawn = await byEngineer.PostAsJsonAsync($"{recommendations}/{model}/withdrawal", new { reason = "试用中爬坡电耗超出预期" });
        (await withdrawn.JsonAsync()).GetProperty("conditions")[0].GetProperty("recommendations").GetArrayLength().Should().Be(0);
        await (await byEngineer.PostAsJsonAsync($"{recommendations}/{model}/withdrawal", new { reason = "again" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "recommendation-not-found");

        var history = await knowledge.GetOkAsync($"/api/knowledge/scenarios/{scenario}/history");
        history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).Should().Equal(
            "recommendation_withdrawn_v1", "model_recommended_v1", "working_condition_added_v1", "scenario_defined_v1");
    }

    [Fact]
    public async Task a_scenario_is_defined_by_a_spaces_approvers_in_a_space_of_solutions_and_hidden_from_who_may_not_read_it()
    {
        var rules = await knowledge.CreateSpaceAsync("规章制度", "Rules");
        var teams = new { technical = "technical", brand = "brand", marketing = "marketing" };
        await (await knowledge.Api.PostAsJsonAsync("/api/knowledge/scenarios", new { spaceId = rules, name = "港口", teams }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "not-a-solutions-space");

        var space = await knowledge.CreateSpaceAsync("场景化方案", "Solutions", ["sales-rep"]);
        using var rep = knowledge.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], "east");
        await (await rep.PostAsJsonAsync("/api/knowledge/scenarios", new { spaceId = space, name = "港口", teams }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-a-space-approver");
        var scenario = (await knowledge.PostOkAsync("/api/knowledge/scenarios", new { spaceId = space, name = "港口", teams }, HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        (await rep.GetAsync($"/api/knowledge/scenarios/{scenario}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ListedAsync(rep, space)).Should().Equal(scenario);

        await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Everyone", level = "None" });
        await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Role", name = "sales-rep", level = "None" });
        await (await rep.GetAsync($"/api/knowledge/scenarios/{scenario}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "scenario-not-found");
        await (await rep.PostAsJsonAsync($"/api/knowledge/scenarios/{scenario}/conditions", Stripping)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "scenario-not-found");
        (await ListedAsync(rep, space)).Should().BeEmpty("a scenario is listed only to who may read its space");
        (await ListedAsync(knowledge.Api, space)).Should().Equal(scenario);
    }

    [Fact]
    public async Task a_working_condition_out_of_range_is_refused_field_by_field_and_changes_nothing()
    {
        var space = await knowledge.CreateSpaceAsync("场景化方案", "Solutions");
        var scenario = (await knowledge.PostOkAsync("/api/knowledge/scenarios", new
        {
            spaceId = space, name = "隧道", teams = new { technical = "technical", brand = "brand", marketing = "marketing" },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/scenarios/{scenario}/conditions", new
        {
            name = "洞内出渣", haulDistanceKm = 0m, gradientPercent = 45m, payloadTonnes = -1m, material = " ",
        })).ShouldBeValidationProblemAsync("haulDistanceKm", "gradientPercent", "payloadTonnes", "material", "climate");
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/scenarios/{scenario}/conditions", new
        {
            name = "洞内出渣", haulDistanceKm = 1.2m, gradientPercent = 4m, payloadTonnes = 30m, material = "隧道渣土", climate = "Tropical",
        })).ShouldBeValidationProblemAsync("climate");
        (await knowledge.EventCountAsync(scenario)).Should().Be(1, "only its definition is recorded");
    }

    [Fact]
    public async Task the_catalogue_is_asked_for_whole_until_orders_shows_it_and_the_copy_follows_what_is_shown_listed_and_withdrawn()
    {
        var (kept, gone) = (GatewayRequests.Unique("MT"), GatewayRequests.Unique("EX"));
        await using var bus = await TestBus.StartAsync(await knowledge.ConnectionStringAsync("messaging"), listen => listen.To<CatalogueRequested>());
        // The service asks at its start and every few seconds until shown: this is the only test that shows it.
        await Eventually.ReturnsAsync(_ => Task.FromResult(bus.ReceivedOf<CatalogueRequested>().Count), count => count > 0,
            CatalogueRequester.Every * 3, "the knowledge base asks for the catalogue");
        var asOf = DateTimeOffset.UtcNow.AddDays(-1);
        await bus.PublishAsync(new CatalogueModelListed(gone, "Excavator", "Test excavator", new Dictionary<string, string>(), asOf.AddDays(-2)), Guid.NewGuid());

        var space = await knowledge.CreateSpaceAsync("场景化方案", "Solutions");
        var scenario = (await knowledge.PostOkAsync("/api/knowledge/scenarios", new
        {
            spaceId = space, name = "钢厂", teams = new { technical = "technical", brand = "brand", marketing = "marketing" },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await knowledge.PostOkAsync($"/api/knowledge/scenarios/{scenario}/conditions", Stripping);
        var recommendations = $"/api/knowledge/scenarios/{scenario}/conditions/{scenario}-C1/recommendations";
        async Task<HttpResponseMessage> RecommendWhenAsync(string model, HttpStatusCode status, string what) =>
            await Eventually.ReturnsAsync(
                async token => await knowledge.Api.PostAsJsonAsync(recommendations, new { model, rationale = "钢渣短倒" }, token),
                answer => answer.StatusCode == status, BusDeadline, what);
        var listedFirst = await RecommendWhenAsync(gone, HttpStatusCode.OK, "a model listed is recommended");
        await knowledge.PostOkAsync($"{recommendations}/{gone}/withdrawal", new { reason = "换型" });

        // Shown whole without it: it was withdrawn while nobody listened.
        await bus.PublishAsync(new CatalogueShown([new CatalogueModelListed(kept, "Mining truck", "Test truck", new Dictionary<string, string>(), asOf)], asOf), Guid.NewGuid());
        await RecommendWhenAsync(kept, HttpStatusCode.OK, "a model shown is recommended");
        await (await RecommendWhenAsync(gone, HttpStatusCode.UnprocessableEntity, "a model the catalogue no longer shows is not"))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "model-withdrawn");

        // A late listing older than what the copy knows changes nothing; a newer one lists it again, and a withdrawal withdraws it.
        await bus.PublishAsync(new CatalogueModelListed(gone, "Excavator", "Test excavator", new Dictionary<string, string>(), asOf.AddHours(-1)), Guid.NewGuid());
        await bus.PublishAsync(new CatalogueModelWithdrawn(kept, "停产", asOf.AddHours(1)), Guid.NewGuid());
        await knowledge.PostOkAsync($"{recommendations}/{kept}/withdrawal", new { reason = "停产" });
        await RecommendWhenAsync(kept, HttpStatusCode.UnprocessableEntity, "a model withdrawn is not recommended");
        await (await knowledge.Api.PostAsJsonAsync(recommendations, new { model = gone, rationale = "钢渣短倒" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "model-withdrawn");
        await bus.PublishAsync(new CatalogueModelListed(gone, "Excavator", "Test excavator", new Dictionary<string, string>(), asOf.AddHours(2)), Guid.NewGuid());
        await RecommendWhenAsync(gone, HttpStatusCode.OK, "a model listed again is recommended again");
        listedFirst.Dispose();
    }

    private static async Task<List<string>> ListedAsync(HttpClient client, string space) =>
        [.. (await (await client.GetAsync($"/api/knowledge/scenarios?spaceId={space}")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(scenario => scenario.GetProperty("id").GetString()!)];
}
