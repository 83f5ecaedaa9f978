using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Access;

/// <summary>
/// Reps and regional managers read and act on their own region's customers and money only (docs/access.md), and the
/// role that grants an action decides whether region applies to it.
/// </summary>
[Collection(OrdersService.Collection)]
public sealed class RegionTests(OrdersService orders)
{
    [Fact]
    public async Task a_rep_s_figures_are_their_region_s_and_another_region_s_are_refused()
    {
        var (own, other) = (GatewayRequests.Unique("Hubei"), GatewayRequests.Unique("Hunan"));
        await orders.PlaceOrderAsync(own, quantity: 2, occurredAt: DateTimeOffset.UtcNow.AddDays(-3));
        await orders.PlaceOrderAsync(other, quantity: 5, occurredAt: DateTimeOffset.UtcNow.AddDays(-3));
        await orders.FileOpportunityAsync(own);
        await orders.FileOpportunityAsync(other);
        using var rep = orders.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], own);
        var month = DateTimeOffset.UtcNow.AddHours(8).AddDays(-3).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var trends = await (await rep.GetAsync($"/api/orders/figures/order-trends?from={month}&to={month}")).JsonAsync();
        trends.GetProperty("rows").EnumerateArray().Select(row => row.GetProperty("region").GetString()).Should().OnlyContain(region => region == own).And.NotBeEmpty();
        var everyRegion = await orders.GetOkAsync($"/api/orders/figures/order-trends?from={month}&to={month}");
        everyRegion.GetProperty("rows").EnumerateArray().Select(row => row.GetProperty("region").GetString()).Should().Contain([own, other], "the administrator sees every region");
        var pipeline = await (await rep.GetAsync("/api/orders/figures/pipeline")).JsonAsync();
        pipeline.GetProperty("region").GetString().Should().Be(own);
        pipeline.GetProperty("count").GetInt32().Should().Be(1, "only the rep's region's opportunity is in it");

        foreach (var figure in new[] { $"order-trends?from={month}&to={month}", "pipeline", "receivables", $"collection-rate?period={month}", $"conversion-rate?period={month}" })
        {
            using var refused = await rep.GetAsync($"/api/orders/figures/{figure}{(figure.Contains('?') ? '&' : '?')}region={other}");
            await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "outside-your-region");
        }
    }

    [Fact]
    public async Task a_finance_officer_who_is_also_a_rep_sells_only_in_their_region_but_invoices_any_region_s_order()
    {
        var (own, other) = (GatewayRequests.Unique("Fujian"), GatewayRequests.Unique("Yunnan"));
        var order = await orders.PlaceOrderAsync(other, quantity: 1, occurredAt: DateTimeOffset.UtcNow.AddDays(-3));
        using var repAndFinance = orders.SignedInAs(GatewayRequests.Unique("chen"), [Roles.SalesRep, Roles.Finance], own);
        var filedBefore = (await orders.OrdersEventsAsync()).Count(e => e.Type == "opportunity_filed_v2");

        using var filed = await repAndFinance.PostAsJsonAsync("/api/orders/opportunities", new
        {
            customer = "Xiamen Port", region = other, salesRep = "chen", lines = new[] { new { model = "MT-90E", quantity = 1 } },
            expectedAmount = 1_000_000m, expectedCloseDate = "2030-12-31",
        });
        await filed.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "outside-your-region");
        (await orders.OrdersEventsAsync()).Count(e => e.Type == "opportunity_filed_v2").Should().Be(filedBefore, "a refusal appends nothing");

        var issueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));
        using var invoiced = await repAndFinance.PostAsJsonAsync($"/api/orders/orders/{order}/invoices", new { amount = 1_000_000m, issueDate, dueDate = issueDate.AddDays(30) });
        (await invoiced.JsonAsync()).GetProperty("invoices").GetArrayLength().Should().Be(1, "finance invoices every region's orders");
    }

    [Fact]
    public async Task a_rep_files_and_moves_opportunities_as_themselves_and_their_regional_manager_moves_any_of_the_region()
    {
        var region = GatewayRequests.Unique("Jiangxi");
        var (zhang, wang) = (GatewayRequests.Unique("zhang"), GatewayRequests.Unique("wang"));
        using var asZhang = orders.SignedInAs(zhang, [Roles.SalesRep], region);
        using var asWang = orders.SignedInAs(wang, [Roles.SalesRep], region);
        using var manager = orders.SignedInAs(GatewayRequests.Unique("liu"), [Roles.RegionalManager], region);
        var filedBefore = (await orders.OrdersEventsAsync()).Count(e => e.Type == "opportunity_filed_v2");

        using (var forAnother = await asZhang.PostAsJsonAsync("/api/orders/opportunities", Opportunity(region, salesRep: wang)))
        {
            await forAnother.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-yours");
        }

        (await orders.OrdersEventsAsync()).Count(e => e.Type == "opportunity_filed_v2").Should().Be(filedBefore, "a refusal appends nothing");
        var own = (await (await asZhang.PostAsJsonAsync("/api/orders/opportunities", Opportunity(region, salesRep: zhang))).JsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var filedForWang = (await (await manager.PostAsJsonAsync("/api/orders/opportunities", Opportunity(region, salesRep: wang))).JsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;

        using (var anothers = await asWang.PostAsJsonAsync($"/api/orders/opportunities/{own}/won", new { }))
        {
            await anothers.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "not-yours");
        }

        (await orders.OrdersStreamVersionAsync(own)).Should().Be(1, "a refused move appends nothing");
        (await (await asWang.GetAsync($"/api/orders/opportunities/{own}")).JsonAsync()).GetProperty("salesRep").GetString()
            .Should().Be(zhang, "a rep reads their region's opportunities, whoever's they are");
        (await (await asWang.PostAsJsonAsync($"/api/orders/opportunities/{filedForWang}/lost", new { reason = "price" })).JsonAsync()).GetProperty("stage").GetString().Should().Be("Lost");
        (await (await manager.PostAsJsonAsync($"/api/orders/opportunities/{own}/won", new { })).JsonAsync()).GetProperty("stage").GetString().Should().Be("Won");
    }

    private static object Opportunity(string region, string salesRep) => new
    {
        customer = "Jiangxi Copper", region, salesRep, lines = new[] { new { model = "MT-90E", quantity = 1 } },
        expectedAmount = 1_000_000m, expectedCloseDate = "2030-12-31", occurredAt = DateTimeOffset.UtcNow.AddDays(-5),
    };
}
