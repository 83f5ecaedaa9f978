using System.Net;
using System.Net.Http.Json;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Opportunities;

[Collection(OrdersService.Collection)]
public sealed class OpportunityApiTests(OrdersService orders)
{
    [Fact]
    public async Task a_list_shows_each_opportunity_as_its_own_read_does_with_its_stream_version()
    {
        var region = GatewayRequests.Unique("north");
        var filed = await orders.FileOpportunityAsync(region);
        var moved = await orders.FileOpportunityAsync(region);
        await orders.PostOkAsync($"/api/orders/opportunities/{moved}/stage", new { stage = "Qualified" });
        await orders.PostOkAsync($"/api/orders/opportunities/{moved}/won", new { });

        var listed = await orders.GetOkAsync($"/api/orders/opportunities?region={region}");

        listed.GetProperty("total").GetInt64().Should().Be(2);
        var items = listed.GetProperty("items").EnumerateArray().ToDictionary(item => item.GetProperty("id").GetString()!, item => item.GetRawText());
        foreach (var (id, version) in new[] { (filed, 1), (moved, 3) })
        {
            var read = await orders.GetOkAsync($"/api/orders/opportunities/{id}");
            read.GetProperty("version").GetInt64().Should().Be(version);
            items[id].Should().Be(read.GetRawText(), "a list item is the same view as the opportunity's own read");
        }
    }

    [Fact]
    public async Task an_opportunity_moves_through_its_stages_and_is_won()
    {
        var id = await orders.FileOpportunityAsync(GatewayRequests.Unique("north"));

        await orders.PostOkAsync($"/api/orders/opportunities/{id}/stage", new { stage = "Qualified" });
        await orders.PostOkAsync($"/api/orders/opportunities/{id}/stage", new { stage = "Negotiation" });
        var won = await orders.PostOkAsync($"/api/orders/opportunities/{id}/won", new { });

        won.GetProperty("stage").GetString().Should().Be("Won");
        won.GetProperty("version").GetInt64().Should().Be(4);
        won.GetProperty("stages").EnumerateArray().Select(stage => stage.GetProperty("stage").GetString())
            .Should().Equal("Lead", "Qualified", "Negotiation", "Won");
        using var read = await orders.Api.GetAsync($"/api/orders/opportunities/{id}");
        read.Headers.ETag!.Tag.Should().Be("\"4\"");
    }

    [Fact]
    public async Task a_closed_opportunity_moves_only_after_an_explicit_reopening_that_says_why()
    {
        var id = await orders.FileOpportunityAsync(GatewayRequests.Unique("north"));
        await orders.PostOkAsync($"/api/orders/opportunities/{id}/stage", new { stage = "Proposal" });
        await orders.PostOkAsync($"/api/orders/opportunities/{id}/lost", new { reason = "price" });

        using (var move = await orders.Api.PostAsJsonAsync($"/api/orders/opportunities/{id}/stage", new { stage = "Negotiation" }))
        {
            await move.ShouldBeProblemAsync(HttpStatusCode.Conflict, "opportunity-closed");
        }

        using (var lose = await orders.Api.PostAsJsonAsync($"/api/orders/opportunities/{id}/lost", new { reason = "again" }))
        {
            await lose.ShouldBeProblemAsync(HttpStatusCode.Conflict, "opportunity-closed");
        }

        using (var silent = await orders.Api.PostAsJsonAsync($"/api/orders/opportunities/{id}/reopening", new { }))
        {
            (await silent.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("reason", out _).Should().BeTrue();
        }

        var reopened = await orders.PostOkAsync($"/api/orders/opportunities/{id}/reopening", new { reason = "the customer's budget was approved" });
        reopened.GetProperty("stage").GetString().Should().Be("Proposal", "a reopened opportunity goes back to the stage it was closed from");
        (await orders.PostOkAsync($"/api/orders/opportunities/{id}/stage", new { stage = "Negotiation" })).GetProperty("stage").GetString().Should().Be("Negotiation");

        using var reopenOpen = await orders.Api.PostAsJsonAsync($"/api/orders/opportunities/{id}/reopening", new { reason = "twice" });
        await reopenOpen.ShouldBeProblemAsync(HttpStatusCode.Conflict, "opportunity-not-closed");
        (await orders.OrdersStreamVersionAsync(id)).Should().Be(5, "filed, proposal, lost, reopened, negotiation: the refusals appended nothing");
    }

    [Fact]
    public async Task a_form_with_bad_fields_is_refused_naming_each_field_and_files_nothing()
    {
        var filedBefore = (await orders.OrdersEventsAsync()).Count(e => e.Type == "opportunity_filed_v2");

        using var answer = await orders.Api.PostAsJsonAsync("/api/orders/opportunities", new
        {
            customer = "", region = "north", salesRep = "li.wei",
            lines = new object[] { new { model = "MT-90E", quantity = 0 }, new { model = " ", quantity = 1 } },
            expectedAmount = -5m, expectedCloseDate = "2026-12-31",
        });

        var errors = (await answer.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors");
        errors.EnumerateObject().Select(field => field.Name).Should().BeEquivalentTo("customer", "lines[0].quantity", "lines[1].model", "expectedAmount");
        (await orders.OrdersEventsAsync()).Count(e => e.Type == "opportunity_filed_v2").Should().Be(filedBefore);
    }

    [Fact]
    public async Task an_opportunity_dated_in_the_future_or_before_its_last_event_is_refused_with_422()
    {
        using var future = await orders.Api.PostAsJsonAsync("/api/orders/opportunities", new
        {
            customer = "Baotou Steel", region = "north", salesRep = "li.wei", lines = new[] { new { model = "MT-90E", quantity = 1 } },
            expectedAmount = 1_000_000m, expectedCloseDate = "2026-12-31", occurredAt = DateTimeOffset.UtcNow.AddHours(2),
        });
        await future.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "occurred-in-future");

        var id = await orders.FileOpportunityAsync("north", occurredAt: DateTimeOffset.UtcNow.AddDays(-10));
        using var earlier = await orders.Api.PostAsJsonAsync($"/api/orders/opportunities/{id}/won", new { occurredAt = DateTimeOffset.UtcNow.AddDays(-11) });
        await earlier.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "occurred-before-previous-event");
        (await orders.OrdersStreamVersionAsync(id)).Should().Be(1);
    }

    [Fact]
    public async Task an_unknown_opportunity_is_404()
    {
        using var answer = await orders.Api.PostAsJsonAsync("/api/orders/opportunities/OPP-0000000000/won", new { });
        await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound, "opportunity-not-found");
    }
}
