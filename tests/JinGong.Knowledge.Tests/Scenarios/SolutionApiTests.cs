using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Contracts.Dispatch;
using JinGong.Contracts.Fleet;
using JinGong.Contracts.Knowledge;
using JinGong.Contracts.Okr;
using JinGong.Contracts.Orders;
using JinGong.EventSourcing.Messaging;
using JinGong.Http.Security;
using JinGong.Knowledge.Records;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Scenarios;

/// <summary>
/// A working condition's solution through the API: its sections written by their teams (OKR's roster, from the bus) as
/// pages of the scenario's space, and its trial figures and lost opportunities noted from dispatch's, fleet's and
/// orders' messages (from the bus), as of any moment.
/// </summary>
[Collection(KnowledgeService.Collection)]
public sealed class SolutionApiTests(KnowledgeService knowledge)
{
    private static readonly TimeSpan BusDeadline = TimeSpan.FromSeconds(60);
    private static readonly object Haul = new { name = "重载下坡运矿", haulDistanceKm = 4m, gradientPercent = -9m, payloadTonnes = 90m, material = "铜矿石", climate = "HighAltitude" };

    [Fact]
    public async Task each_section_of_a_solution_is_written_once_by_its_team_and_kept_by_it()
    {
        var (technical, brand) = (GatewayRequests.Unique("technical"), GatewayRequests.Unique("brand"));
        var (engineer, designer) = (GatewayRequests.Unique("eng"), GatewayRequests.Unique("des"));
        await using var bus = await TestBus.StartAsync(await knowledge.ConnectionStringAsync("messaging"), listen => listen.To<WorkingConditionDescribed>().To<WorkingConditionsShown>());
        var joined = DateTimeOffset.UtcNow.AddDays(-30);
        await bus.PublishAsync(new PersonJoinedRoster(engineer, "Chen Li", technical, "west", null, joined), Guid.NewGuid());
        await bus.PublishAsync(new PersonJoinedRoster(designer, "Zhou Na", brand, "west", null, joined), Guid.NewGuid());
        var (scenario, condition) = await ScenarioWithConditionAsync(new { technical, brand, marketing = "marketing" });
        (await Eventually.ReturnsAsync(_ => Task.FromResult(bus.ReceivedOf<WorkingConditionDescribed>().Where(described => described.ConditionId == condition).ToList()),
                described => described.Count > 0, BusDeadline, "the condition is told to dispatch"))
            .Single().Should().BeEquivalentTo(new { ScenarioId = scenario, ScenarioName = "高原铜矿", ConditionName = "重载下坡运矿" });
        // Asked for all of them (by a dispatch that missed it), the knowledge base shows it among them.
        var request = Guid.NewGuid();
        await bus.PublishAsync(new WorkingConditionsRequested("dispatch", DateTimeOffset.UtcNow), request);
        (await Eventually.ReturnsAsync(_ => Task.FromResult(bus.ReceivedOf<WorkingConditionsShown>()), shown => shown.Count > 0, BusDeadline, "the conditions shown"))
            .Single().Conditions.Should().ContainSingle(described => described.ConditionId == condition).Which.ConditionName.Should().Be("重载下坡运矿");

        using var byEngineer = knowledge.SignedInAs(engineer, [Roles.SalesRep], "west");
        using var byDesigner = knowledge.SignedInAs(designer, [Roles.SalesRep], "west");
        var sections = $"/api/knowledge/scenarios/{scenario}/conditions/{condition}/sections";
        var written = await Eventually.ReturnsAsync(
            async token => await byDesigner.PostAsJsonAsync($"{sections}/brand", new { title = "推广方案", body = "高原矿区路演。" }, token),
            answer => answer.StatusCode != HttpStatusCode.Forbidden, BusDeadline, "the roster's copy says the designer is of the brand team");
        written.StatusCode.Should().Be(HttpStatusCode.Created);
        (await written.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString().Should().Be($"{condition}-brand");
        await Eventually.ReturnsAsync(
            async token => await byEngineer.PostAsJsonAsync($"{sections}/technical", new { title = "设备与试用", body = "推荐宽体矿卡。" }, token),
            answer => answer.StatusCode == HttpStatusCode.Created, BusDeadline, "the roster's copy says the engineer is of the technical team");

        await (await byEngineer.PostAsJsonAsync($"{sections}/marketing", new { title = "话术", body = "?" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-the-section-team");
        await (await byDesigner.PostAsJsonAsync($"{sections}/brand", new { title = "推广方案", body = "又一版" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "page-already-created");
        await (await byDesigner.PostAsJsonAsync($"/api/knowledge/pages/{condition}-technical/revisions", new { title = "设备与试用", body = "改成挖机。" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-the-section-team");
        await (await byDesigner.PostAsJsonAsync($"{sections}/pricing", new { title = "t", body = "b" })).ShouldBeValidationProblemAsync("part");
        await (await byDesigner.PostAsJsonAsync($"/api/knowledge/scenarios/{scenario}/conditions/{scenario}-C9/sections/brand", new { title = "t", body = "b" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "condition-not-found");
        (await byDesigner.PostAsJsonAsync($"/api/knowledge/pages/{condition}-brand/revisions", new { title = "推广方案", body = "高原矿区路演与短视频。" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var solution = await knowledge.GetOkAsync($"/api/knowledge/scenarios/{scenario}/conditions/{condition}/solution");
        solution.GetProperty("sections").EnumerateArray().Select(section => (
            section.GetProperty("part").GetString(), section.GetProperty("team").GetString(), section.GetProperty("written").GetBoolean(),
            section.GetProperty("revision").ValueKind == JsonValueKind.Null ? null : section.GetProperty("revision").GetProperty("body").GetString()))
            .Should().Equal(("Technical", technical, true, "推荐宽体矿卡。"), ("Brand", brand, true, "高原矿区路演与短视频。"), ("Marketing", "marketing", false, null));
    }

    [Fact]
    public async Task a_solution_counts_the_trials_of_its_condition_from_dispatchs_loans_fleets_telematics_and_orders_opportunities_as_of_any_moment()
    {
        var model = GatewayRequests.Unique("MT");
        var (loan, other, won, lost) = (GatewayRequests.Unique("L"), GatewayRequests.Unique("L"), GatewayRequests.Unique("OPP"), GatewayRequests.Unique("OPP"));
        await using var bus = await TestBus.StartAsync(await knowledge.ConnectionStringAsync("messaging"));
        var opened = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        await bus.PublishAsync(new CatalogueModelListed(model, "Mining truck", "Test truck", new Dictionary<string, string>(), opened.AddDays(-60)), Guid.NewGuid());
        var (scenario, condition) = await ScenarioWithConditionAsync(new { technical = "technical", brand = "brand", marketing = "marketing" });
        await Eventually.ReturnsAsync(
            async token => await knowledge.Api.PostAsJsonAsync(
                $"/api/knowledge/scenarios/{scenario}/conditions/{condition}/recommendations", new { model, rationale = "下坡能量回收", occurredAt = opened.AddDays(-10) }, token),
            answer => answer.StatusCode == HttpStatusCode.OK, BusDeadline, "the catalogue's copy lists the model");

        var beforeAnyTrialWasNoted = DateTimeOffset.UtcNow;

        // One trial of four days for an opportunity won after it, with two telematics batches; a loan that tries nothing.
        var opening = Guid.NewGuid();
        await bus.PublishAsync(new LoanOpened(loan, "JG-MT-0001", model, "west", "紫金矿业", "紫金矿业 pit", new DateOnly(2026, 10, 10), condition, won, opened), Guid.NewGuid(), opening);
        await bus.PublishAsync(Usage("B1", opened, 1_000m, opened.AddDays(1), 1_012m, loan), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(Usage("B2", opened.AddDays(2), 1_014m, opened.AddDays(3), 1_030m, loan), Guid.NewGuid(), Guid.NewGuid());
        var resent = Guid.NewGuid();
        await bus.PublishAsync(Usage("B2", opened.AddDays(2), 1_014m, opened.AddDays(3), 1_030m, loan), Guid.NewGuid(), resent);
        await bus.PublishAsync(new LoanClosed(loan, "JG-MT-0001", 30m, opened.AddDays(4)), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(new OpportunityWon(won, "紫金矿业", "west", "rep.li", [new WantedModel(model, 2)], 3_000_000m, "CNY", opened.AddDays(6)), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(
            new OpportunityLost(lost, "西部矿业", "west", "rep.li", [new WantedModel(model, 1)], 1_500_000m, "CNY", "高原续航担忧", opened.AddDays(5)), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(new LoanOpened(other, "JG-MT-0002", model, "west", "西部矿业", "site", new DateOnly(2026, 10, 10), null, null, opened), Guid.NewGuid(), Guid.NewGuid());
        await Eventually.ReturnsAsync(_ => knowledge.EventCountAsync($"loan:{other}"), count => count == 1, BusDeadline, "the opening of a loan that tries nothing is noted");
        var afterOpening = Guid.NewGuid();
        await bus.PublishAsync(Usage("B9", opened, 50m, opened.AddDays(1), 60m, other), afterOpening, Guid.NewGuid());

        var solution = $"/api/knowledge/scenarios/{scenario}/conditions/{condition}/solution";
        var read = await Eventually.ReturnsAsync(async token => await knowledge.GetOkAsync($"{solution}?asOf=2026-10-31"),
            answer => Trials(answer) is { } trials && trials.GetProperty("won").GetInt32() == 1 && trials.GetProperty("daysOnTrial").GetDecimal() == 4m
                && trials.GetProperty("operatingHours").GetDecimal() == 30m
                && answer.GetProperty("lostOpportunities").GetArrayLength() == 1,
            BusDeadline, "the loan, its telematics and both opportunities are noted");
        // 12 h on the first day, 2 h across the gap, 16 h in the second batch: 30 h in 4 days.
        var figures = Trials(read)!.Value;
        (figures.GetProperty("trials").GetInt32(), figures.GetProperty("units").GetInt32(), figures.GetProperty("daysOnTrial").GetDecimal(),
            figures.GetProperty("operatingHours").GetDecimal(), figures.GetProperty("hoursPerDay").GetDecimal()).Should().Be((1, 1, 4m, 30m, 7.5m));
        var line = figures.GetProperty("lines")[0];
        line.GetProperty("loanId").GetString().Should().Be(loan);
        line.GetProperty("events").GetProperty("opened").GetGuid().Should().Be(opening);
        line.GetProperty("events").GetProperty("usage").GetArrayLength().Should().Be(2, "a batch fleet published twice counts once");
        read.GetProperty("lostOpportunities")[0].GetProperty("reason").GetString().Should().Be("高原续航担忧");

        // As known before the loan and the opportunities were noted, however early their business time, there was no trial
        // and nothing lost; the recommendation, recorded before, was there.
        var known = await knowledge.GetOkAsync($"{solution}?asOf=2026-10-31&knownAt={Uri.EscapeDataString(beforeAnyTrialWasNoted.ToString("O"))}");
        (Trials(known)!.Value.GetProperty("trials").GetInt32(), known.GetProperty("lostOpportunities").GetArrayLength()).Should().Be((0, 0));
        known.GetProperty("knownAt").GetDateTimeOffset().Should().Be(beforeAnyTrialWasNoted);

        // Before the win the trial had turned into nothing yet; before it opened there was no trial.
        Trials(await knowledge.GetOkAsync($"{solution}?asOf=2026-10-05T00:00:00Z"))!.Value.GetProperty("won").GetInt32().Should().Be(0);
        Trials(await knowledge.GetOkAsync($"{solution}?asOf=2026-09-30T00:00:00Z"))!.Value.GetProperty("trials").GetInt32().Should().Be(0);
        var applied = ProcessedMessages.Key(typeof(LoanUsageConsumer), afterOpening);
        await Eventually.ReturnsAsync(async _ => await new EventStoreQueries(await knowledge.ConnectionStringAsync("knowledgedb")).ProcessedMessagesAsync([applied]),
            processed => processed.Count == 1, BusDeadline, "the batch of the loan that tries nothing is consumed");
        (await knowledge.EventCountAsync($"loan:{other}")).Should().Be(1, "the telematics of a loan known to try nothing are not kept");

        await (await knowledge.Api.GetAsync($"{solution}?asOf=yesterday")).ShouldBeValidationProblemAsync("asOf");
        await (await knowledge.Api.GetAsync($"{solution}?knownAt=yesterday")).ShouldBeValidationProblemAsync("knownAt");
        await (await knowledge.Api.GetAsync($"/api/knowledge/scenarios/{scenario}/conditions/{scenario}-C9/solution")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "condition-not-found");
        await (await knowledge.Api.GetAsync($"{solution}?asOf=2026-01-01")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "condition-not-found");
        var space = read.GetProperty("spaceId").GetString();
        await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Everyone", level = "None" });
        await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Role", name = "sales-rep", level = "None" });
        using var rep = knowledge.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], "west");
        await (await rep.GetAsync(solution)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "scenario-not-found");
    }

    private static VehicleUsageReported Usage(string batch, DateTimeOffset from, decimal hoursFrom, DateTimeOffset to, decimal hoursTo, string loan) =>
        new("JG-MT-0001", "MT", batch, 10, from, to, hoursFrom, hoursTo, to, loan);

    private static JsonElement? Trials(JsonElement solution) =>
        solution.GetProperty("trials").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(model => model!.Value.GetProperty("recommended").GetBoolean());

    /// <summary>A scenario of a new space of solutions (sales reps edit it) with one working condition, added in September.</summary>
    private async Task<(string Scenario, string Condition)> ScenarioWithConditionAsync(object teams)
    {
        var space = await knowledge.CreateSpaceAsync("场景化方案", "Solutions", ["sales-rep"]);
        var scenario = (await knowledge.PostOkAsync("/api/knowledge/scenarios", new { spaceId = space, name = "高原铜矿", teams, occurredAt = "2026-09-01T00:00:00Z" },
            HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var added = await knowledge.PostOkAsync($"/api/knowledge/scenarios/{scenario}/conditions", new Dictionary<string, object>(
            JsonSerializer.SerializeToElement(Haul).EnumerateObject().Select(field => KeyValuePair.Create(field.Name, (object)field.Value)))
        {
            ["occurredAt"] = "2026-09-02T00:00:00Z",
        });
        return (scenario, added.GetProperty("conditions")[0].GetProperty("id").GetString()!);
    }
}
