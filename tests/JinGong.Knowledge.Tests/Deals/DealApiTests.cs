using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Contracts.Dispatch;
using JinGong.Contracts.Fleet;
using JinGong.Contracts.Orders;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Deals;

/// <summary>
/// A deal's process document through the API: its timeline from orders', dispatch's and fleet's messages (from the bus,
/// in any order), its page in the space of its region's deals, a proposal pinning the revision sent, and the deal closed
/// to a rep of another region.
/// </summary>
[Collection(KnowledgeService.Collection)]
public sealed class DealApiTests(KnowledgeService knowledge)
{
    private static readonly TimeSpan BusDeadline = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Filed = new(2026, 9, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task a_deals_timeline_follows_it_from_the_form_to_the_payment_and_its_document_pins_the_proposal_sent()
    {
        // The only test that opens a space of deals, in the only region no other test gives one: the first document finds none.
        const string region = "northeast";
        var (opportunity, order) = (GatewayRequests.Unique("OPP"), GatewayRequests.Unique("ORD"));
        await using var bus = await TestBus.StartAsync(await knowledge.ConnectionStringAsync("messaging"));
        WantedModel[] models = [new("MT-90E", 1)];
        // Published out of order: the payment first, the filing last.
        await bus.PublishAsync(new PaymentReceived(order, "INV-1", "PAY-1", "紫金矿业", region, "rep.li", 1_000_000m, "CNY", new DateOnly(2026, 11, 20), Filed.AddDays(80)), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(new InvoiceIssued(order, "INV-1", "紫金矿业", region, "rep.li", 3_000_000m, "CNY", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1), Filed.AddDays(61)), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(new VehicleDelivered("JG-MT-0042", "MT-90E", order, "紫金矿业", "紫金矿业 pit", Filed.AddDays(60)), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(new DeliveryScheduled(order, "JG-MT-0042", region, new DateOnly(2026, 10, 31), "紫金矿业 pit", Filed.AddDays(50)), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(new VehicleStatusChanged(
            "JG-MT-0042", "MT-90E", region, "Xining", "InStock", "Reserved", VehicleChangeCauses.Reserved, order, null, null, Filed.AddDays(41)), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(new VehicleStatusChanged(
            "JG-MT-0043", "MT-90E", region, "Xining", "OnLoan", "InStock", VehicleChangeCauses.Returned, null, "L-1", null, Filed.AddDays(41)), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(new OrderPlaced(order, opportunity, "紫金矿业", region, "rep.li", "紫金矿业 pit", [new OrderedModel("MT-90E", 1, 3_000_000m)], 1, 3_000_000m, "CNY", Filed.AddDays(40)), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(new OpportunityWon(opportunity, "紫金矿业", region, "rep.li", models, 3_000_000m, "CNY", Filed.AddDays(39)), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(new OpportunityStageChanged(opportunity, region, "Lead", "Proposal", Filed.AddDays(10)), Guid.NewGuid(), Guid.NewGuid());
        await bus.PublishAsync(new OpportunityFiled(opportunity, "紫金矿业", region, "rep.li", models, 3_000_000m, "CNY", new DateOnly(2026, 11, 30), Filed), Guid.NewGuid(), Guid.NewGuid());

        string[] steps = ["filed", "stage-changed", "won", "order-placed", "vehicle-reserved", "delivery-scheduled", "delivered", "invoice-issued", "payment-received"];
        var deal = await Eventually.ReturnsAsync(async _ => await knowledge.GetOkAsync($"/api/knowledge/deals/{opportunity}"),
            answer => Steps(answer).Count == steps.Length, BusDeadline, "every step of the deal is noted");
        Steps(deal).Should().Equal(steps, "the timeline runs in business time, whatever order the bus brought the steps in");
        deal.GetProperty("orderIds").EnumerateArray().Select(id => id.GetString()).Should().Equal(order);
        deal.GetProperty("document").ValueKind.Should().Be(JsonValueKind.Null);
        (await knowledge.GetOkAsync($"/api/knowledge/deals/{order}")).GetProperty("opportunityId").GetString().Should().Be(opportunity, "an order's id finds its deal");

        // No space of the region's deals yet; then one, and the document opens in it.
        var document = $"/api/knowledge/deals/{opportunity}/document";
        await (await knowledge.Api.PostAsJsonAsync(document, new { })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "no-deals-space");
        var space = (await knowledge.PostOkAsync("/api/knowledge/spaces", new { name = "商机文档", kind = "Deals", region, editors = new[] { "sales-rep" } }, HttpStatusCode.Created))
            .GetProperty("id").GetString();
        var page = (await knowledge.PostOkAsync(document, new { occurredAt = Filed.AddDays(5) }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        page.Should().Be($"deal-{opportunity}");
        await (await knowledge.Api.PostAsJsonAsync(document, new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "page-already-created");
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/deals/{GatewayRequests.Unique("OPP")}/document", new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "deal-not-found");

        await knowledge.PostOkAsync($"/api/knowledge/pages/{page}/revisions", new { title = "紫金矿业 · 方案", body = "MT-90E 一台，报价 300 万元。", occurredAt = Filed.AddDays(20) });
        await knowledge.PostOkAsync($"/api/knowledge/pages/{page}/proposals", new { revision = 2, recipient = "紫金矿业 采购部", occurredAt = Filed.AddDays(21) });
        await knowledge.PostOkAsync($"/api/knowledge/pages/{page}/revisions", new { title = "紫金矿业 · 方案", body = "MT-90E 一台，报价 280 万元。", occurredAt = Filed.AddDays(30) });
        await (await knowledge.Api.PostAsJsonAsync($"/api/knowledge/pages/{page}/proposals", new { revision = 9, recipient = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "revision-not-found");

        deal = await knowledge.GetOkAsync($"/api/knowledge/deals/{opportunity}");
        var proposal = deal.GetProperty("document").GetProperty("proposals").EnumerateArray().Single();
        (proposal.GetProperty("revision").GetInt32(), proposal.GetProperty("body").GetString()).Should().Be((2, "MT-90E 一台，报价 300 万元。"), "what was promised is the text sent");
        Steps(deal).Should().Equal(
            "filed", "document-opened", "revision-published", "stage-changed", "revision-published", "proposal-sent", "revision-published", "won", "order-placed",
            "vehicle-reserved", "delivery-scheduled", "delivered", "invoice-issued", "payment-received");

        using var ownRep = knowledge.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], region);
        using var otherRep = knowledge.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], "east");
        (await ownRep.GetAsync($"/api/knowledge/pages/{page}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await ownRep.GetAsync($"/api/knowledge/deals/{opportunity}")).JsonAsync()).GetProperty("document").GetProperty("pageId").GetString().Should().Be(page);
        await (await otherRep.GetAsync($"/api/knowledge/deals/{opportunity}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "outside-your-region");
        await (await otherRep.GetAsync($"/api/knowledge/pages/{page}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "page-not-found");
        (await otherRep.GetAsync($"/api/knowledge/spaces/{space}/tree")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static List<string> Steps(JsonElement deal) => [.. deal.GetProperty("timeline").EnumerateArray().Select(step => step.GetProperty("step").GetString()!)];
}
