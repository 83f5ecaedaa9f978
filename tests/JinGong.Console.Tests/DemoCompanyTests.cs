using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using JinGong.Simulation;
using JinGong.Testing;
using Xunit.Abstractions;

namespace JinGong.Console.Tests;

/// <summary>
/// The demo company (issue 11): played once through the gateway with every chart filled, and never twice. It is the
/// company the console's tests look at, so it is played once for both.
/// </summary>
[Collection(ConsoleFixture.Collection)]
public sealed class DemoCompanyTests(ConsoleFixture console, ITestOutputHelper output)
{
    private readonly DemoCompanySystem system = console.System;

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    [Fact]
    public async Task the_simulator_plays_the_demo_year_with_every_figure_filled_and_a_second_start_adds_nothing()
    {
        var first = await system.SimulatorFinishedAsync(after: DateTime.MinValue, TimeSpan.FromMinutes(8));
        var counts = await CountsAsync();
        output.WriteLine($"first play: {counts}");
        counts.Vehicles.Should().Be(DemoCompanySystem.Vehicles);
        // Other tests of this system put people and spaces of their own beside the demo's: its own are counted here.
        counts.People.Should().Be(DemoCompanySystem.People);
        counts.Orders.Should().BePositive();
        counts.Opportunities.Should().BePositive();
        counts.LoansOverdue.Should().BePositive();
        counts.Spaces.Should().Be(5, "the knowledge base has its rules, product materials, marketing toolkit, industry news and scenario solutions");
        counts.Pages.Should().BePositive();

        var now = DateTimeOffset.UtcNow.ToOffset(ChinaOffset);
        var lastMonth = now.AddMonths(-1);
        var utilization = await system.GetOkAsync($"/api/fleet/utilization?period={lastMonth:yyyy-MM}&groupBy=model");
        utilization.GetProperty("total").GetProperty("timeUtilization").GetDecimal().Should().BePositive(utilization.ToString());
        var years = new[] { now.Year - 1, now.Year };
        var collected = await Task.WhenAll(years.Select(year => system.GetOkAsync($"/api/orders/figures/collection-rate?period={year}")));
        collected.Should().Contain(figure => figure.GetProperty("total").GetProperty("rate").ValueKind == JsonValueKind.Number, "invoices fell due and were paid");
        var converted = await Task.WhenAll(years.Select(year => system.GetOkAsync($"/api/orders/figures/conversion-rate?period={year}")));
        converted.Should().Contain(figure => figure.GetProperty("total").GetProperty("rate").ValueKind == JsonValueKind.Number, "opportunities were won and lost");

        await DeliveredUnitsTellTheYearPlayedAsync(first);
        await ProductSheetsAreReviewedAsync();
        await ScenariosHaveTheirWorkingConditionsAsync();
        await SolutionsShowTheirSectionsAndTrialsAsync();
        await LargeDealsHaveTheirDocumentsAsync();

        var started = await system.App.ResourceCommands.ExecuteCommandAsync(DemoCompanySystem.Simulator, KnownResourceCommands.StartCommand);
        started.Success.Should().BeTrue(started.Message);
        await system.SimulatorFinishedAsync(after: first, TimeSpan.FromMinutes(2));
        var again = await CountsAsync();
        again.Should().Be(counts, "a second start finds the company there and plays nothing");
    }

    /// <summary>
    /// A sold unit's record tells the year as it was played, not the moment it was played: every fact about it happened
    /// before the play began (its reservation and delivery at its order's times, not when dispatch handled them), and
    /// once delivered it reports from its customer's pit, not from its home warehouse.
    /// </summary>
    private async Task DeliveredUnitsTellTheYearPlayedAsync(DateTime playStarted)
    {
        var played = new DateTimeOffset(playStarted.ToUniversalTime(), TimeSpan.Zero);
        var pits = JinGong.Simulation.CompanyProfile.Regions.SelectMany(region => region.Customers).ToDictionary(customer => customer.Name);
        var delivered = (await system.GetOkAsync("/api/fleet/inventory?status=Delivered&pageSize=12")).GetProperty("items").EnumerateArray()
            .Select(line => line.GetProperty("code").GetString()!).ToList();
        delivered.Should().NotBeEmpty("units were sold and delivered over the year");
        var tracked = 0;
        foreach (var code in delivered)
        {
            var customer = (await system.GetOkAsync($"/api/fleet/vehicles/{code}")).GetProperty("customer").GetString()!;
            if (!pits.ContainsKey(customer))
            {
                // Delivered by a console test (dispatch's commands from the order page), not in the year played.
                continue;
            }

            var page = await system.GetOkAsync($"/api/fleet/vehicles/{code}/history?pageSize={JinGong.Http.Page.MaxSize}");
            var history = page.GetProperty("items").EnumerateArray()
                .Select(e => (Type: e.GetProperty("type").GetString(), OccurredAt: e.GetProperty("occurredAt").GetDateTimeOffset())).ToList();
            history.Should().HaveCount((int)page.GetProperty("total").GetInt64(), $"one page holds the whole of {code}'s year");
            history.Should().Contain(e => e.Type == "vehicle_delivered_v1")
                .And.OnlyContain(e => e.OccurredAt < played, $"everything {code} went through happened in the year played (before {played:O})");

            var path = (await system.GetOkAsync($"/api/fleet/vehicles/{code}/trajectory")).GetProperty("geometry").GetProperty("coordinates").EnumerateArray().ToList();
            // A unit delivered in the last hours of the year has not reported yet.
            if (path.Count > 0)
            {
                tracked++;
                var (longitude, latitude) = (path[^1][0].GetDouble(), path[^1][1].GetDouble());
                (Math.Abs(latitude - pits[customer].Latitude), Math.Abs(longitude - pits[customer].Longitude))
                    .Should().Match<(double North, double East)>(off => off.North <= 0.02 && off.East <= 0.02, $"{code} works at {customer}'s pit");
            }
        }

        tracked.Should().BePositive("delivered units report from where they work");
    }

    /// <summary>
    /// From mid-year the product materials are reviewed: each battery upgrade's sheet and the pre-order model's new one
    /// were written by a regional manager and approved by someone else, signed in as themselves.
    /// </summary>
    private async Task ProductSheetsAreReviewedAsync()
    {
        var products = (await system.GetOkAsync("/api/knowledge/spaces?kind=ProductMaterials&pageSize=100")).GetProperty("items").EnumerateArray()
            .Single(space => space.GetProperty("name").GetString() == "产品资料");
        products.GetProperty("reviewRequired").GetBoolean().Should().BeTrue("the product materials are reviewed from mid-year");
        var reviewed = new List<(string Author, string Approver)>();
        foreach (var sheet in (await system.GetOkAsync($"/api/knowledge/spaces/{products.GetProperty("id").GetString()}/tree")).GetProperty("pages").EnumerateArray())
        {
            reviewed.AddRange((await system.GetOkAsync($"/api/knowledge/pages/{sheet.GetProperty("id").GetString()}/revisions")).EnumerateArray()
                .Where(revision => revision.GetProperty("approvedBy").ValueKind == JsonValueKind.String)
                .Select(revision => (revision.GetProperty("author").GetString()!, revision.GetProperty("approvedBy").GetString()!)));
        }

        var roster = Roster.Of(CompanyProfile.Demo(DemoCompanySystem.Vehicles, DemoCompanySystem.People, 2026)).ToDictionary(person => person.Id);
        reviewed.Should().HaveCount(4, "three battery upgrades and the pre-order model's sheet went through review")
            .And.OnlyContain(revision => revision.Author != revision.Approver && roster.ContainsKey(revision.Author) && roster.ContainsKey(revision.Approver),
                "people of the roster wrote and approved them, never their own");
    }

    /// <summary>The five scenarios of the case study, each with its working conditions and the models recommended for them, by a technical engineer signed in as themselves.</summary>
    private async Task ScenariosHaveTheirWorkingConditionsAsync()
    {
        var space = (await system.GetOkAsync("/api/knowledge/spaces?kind=Solutions&pageSize=100")).GetProperty("items").EnumerateArray()
            .Single(found => found.GetProperty("name").GetString() == "场景化方案").GetProperty("id").GetString();
        var scenarios = (await system.GetOkAsync($"/api/knowledge/scenarios?spaceId={space}")).GetProperty("items").EnumerateArray().ToList();
        scenarios.Select(scenario => scenario.GetProperty("name").GetString()).Should().BeEquivalentTo(["钢厂", "露天矿山", "港口", "基建", "隧道"]);
        scenarios.Should().OnlyContain(scenario => scenario.GetProperty("conditions").GetArrayLength() >= 2, "each scenario has two or three working conditions");
        scenarios.SelectMany(scenario => scenario.GetProperty("conditions").EnumerateArray())
            .Should().OnlyContain(condition => condition.GetProperty("recommendations").GetArrayLength() >= 1, "technical recommends models of the catalogue for every condition");
        var engineers = Roster.Of(CompanyProfile.Demo(DemoCompanySystem.Vehicles, DemoCompanySystem.People, 2026)).Where(person => person.Team == Roster.Technical)
            .Select(person => person.Id).ToList();
        var history = await system.GetOkAsync($"/api/knowledge/scenarios/{scenarios[0].GetProperty("id").GetString()}/history");
        history.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("type").GetString() is "working_condition_added_v1" or "model_recommended_v1")
            .Should().HaveCountGreaterThan(2).And.OnlyContain(e => engineers.Contains(e.GetProperty("user").GetString()!), "the technical team adds the conditions and recommends");
    }

    /// <summary>
    /// Every working condition's solution is written by its three teams, and the conditions the rental models are recommended
    /// for show live trials from dispatch's loans, some turned into won opportunities.
    /// </summary>
    private async Task SolutionsShowTheirSectionsAndTrialsAsync()
    {
        // The demo's own space of solutions: other tests of this system define scenarios of their own beside it.
        var space = (await system.GetOkAsync("/api/knowledge/spaces?kind=Solutions&pageSize=100")).GetProperty("items").EnumerateArray()
            .Single(found => found.GetProperty("name").GetString() == "场景化方案").GetProperty("id").GetString();
        var scenarios = (await system.GetOkAsync($"/api/knowledge/scenarios?spaceId={space}&pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var solutions = await Task.WhenAll(scenarios.SelectMany(scenario => scenario.GetProperty("conditions").EnumerateArray().Select(condition =>
            system.GetOkAsync($"/api/knowledge/scenarios/{scenario.GetProperty("id").GetString()}/conditions/{condition.GetProperty("id").GetString()}/solution"))));
        solutions.Should().OnlyContain(solution => solution.GetProperty("sections").EnumerateArray().All(section => section.GetProperty("written").GetBoolean()),
            "each condition's technical, brand and marketing sections are written");
        var trials = solutions.SelectMany(solution => solution.GetProperty("trials").EnumerateArray()).ToList();
        trials.Sum(model => model.GetProperty("trials").GetInt32()).Should().BePositive("dispatch's loans of the rental models are trials of the conditions they are recommended for");
        trials.Where(model => model.GetProperty("trials").GetInt32() > 0).Select(model => model.GetProperty("model").GetString())
            .Should().OnlyContain(model => model == "WL-30E" || model == "EX-22E", "only the rental models are lent");
        trials.Sum(model => model.GetProperty("won").GetInt32()).Should().BePositive("a customer buys after a trial that is back");
        trials.Sum(model => model.GetProperty("operatingHours").GetDecimal()).Should().BePositive("the lent units report telematics while out");
    }

    /// <summary>Each region's largest sale delivered and invoiced has its process document in the region's space of deals, with the proposals sent pinned.</summary>
    private async Task LargeDealsHaveTheirDocumentsAsync()
    {
        var spaces = (await system.GetOkAsync("/api/knowledge/spaces?kind=Deals&pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        spaces.Select(space => space.GetProperty("region").GetString()).Should().BeEquivalentTo(CompanyProfile.Regions.Select(region => region.Name));
        var documents = new List<JsonElement>();
        foreach (var space in spaces)
        {
            var tree = await system.GetOkAsync($"/api/knowledge/spaces/{space.GetProperty("id").GetString()}/tree");
            documents.AddRange(tree.GetProperty("pages").EnumerateArray().Where(node => node.GetProperty("id").GetString()!.StartsWith("deal-", StringComparison.Ordinal)));
        }

        documents.Should().NotBeEmpty();
        var deal = await system.GetOkAsync($"/api/knowledge/deals/{documents[0].GetProperty("id").GetString()!["deal-".Length..]}");
        deal.GetProperty("document").GetProperty("proposals").EnumerateArray().Select(proposal => proposal.GetProperty("revision").GetInt32()).Should().Equal(2, 3);
        deal.GetProperty("timeline").EnumerateArray().Select(step => step.GetProperty("step").GetString())
            .Should().ContainInOrder("filed", "document-opened", "proposal-sent", "won", "order-placed", "delivered", "invoice-issued");
    }

    /// <summary>The spaces the demo company opens (BusinessYear.Knowledge.cs).</summary>
    private static readonly string[] DemoSpaces = ["规章制度", "产品资料", "营销工具包", "行业资讯", "场景化方案"];

    private sealed record Counts(long Vehicles, long People, long Opportunities, long Orders, long LoansOverdue, long Spaces, long Pages);

    private async Task<Counts> CountsAsync()
    {
        var inventory = await system.GetOkAsync("/api/fleet/inventory/counts");
        var roster = Roster.Of(CompanyProfile.Demo(DemoCompanySystem.Vehicles, DemoCompanySystem.People, 2026)).Select(person => person.Id).ToHashSet(StringComparer.Ordinal);
        var people = (await system.GetOkAsync("/api/okr/people?pageSize=100")).GetProperty("items").EnumerateArray().Count(person => roster.Contains(person.GetProperty("id").GetString()!));
        var opportunities = await system.GetOkAsync("/api/orders/opportunities?pageSize=1");
        var orders = await system.GetOkAsync("/api/orders/orders?pageSize=1");
        var loans = await system.GetOkAsync("/api/dispatch/loans?overdue=true&pageSize=1");
        var spaces = await system.GetOkAsync("/api/knowledge/spaces?pageSize=100");
        var pages = 0L;
        var demoSpaces = spaces.GetProperty("items").EnumerateArray().Where(space => DemoSpaces.Contains(space.GetProperty("name").GetString())).ToList();
        foreach (var space in demoSpaces)
        {
            pages += Nodes((await system.GetOkAsync($"/api/knowledge/spaces/{space.GetProperty("id").GetString()}/tree")).GetProperty("pages"));
        }

        return new(
            inventory.EnumerateArray().Sum(count => count.GetProperty("count").GetInt64()), people, Total(opportunities), Total(orders), Total(loans),
            demoSpaces.Count, pages);

        static long Total(JsonElement answer) =>
            answer.ValueKind == JsonValueKind.Array ? answer.GetArrayLength() : answer.GetProperty("total").GetInt64();

        static long Nodes(JsonElement pages) =>
            pages.EnumerateArray().Sum(page => 1 + Nodes(page.GetProperty("children")));
    }
}
