using System.Net;
using System.Net.Http.Json;
using JinGong.Http.Security;
using JinGong.Simulation;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Commands;

/// <summary>
/// A write sent again with its <c>Idempotency-Key</c> (a client that lost the answer) is done once and answered the same:
/// orders are the case that hurts most, their ids being made by the server.
/// </summary>
[Collection(OrdersService.Collection)]
public sealed class IdempotencyKeyTests(OrdersService orders)
{
    [Fact]
    public async Task an_order_placed_twice_with_one_key_is_placed_once_and_both_answers_are_the_same()
    {
        var region = GatewayRequests.Unique("Idem");
        var (key, order) = (Guid.NewGuid().ToString(), Order(region));
        using var first = await orders.Api.SendWithKeyAsync(HttpMethod.Post, "/api/orders/orders", order, key);
        using var second = await orders.Api.SendWithKeyAsync(HttpMethod.Post, "/api/orders/orders", order, key);

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        second.Headers.Location.Should().Be(first.Headers.Location);
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        first.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await OrdersOfAsync(region)).Should().ContainSingle("the repeat placed nothing");
    }

    [Fact]
    public async Task a_command_repeated_with_its_key_moves_the_stream_once_and_answers_the_same_version()
    {
        var id = await orders.PlaceOrderAsync(GatewayRequests.Unique("Idem"), occurredAt: DateTimeOffset.UtcNow.AddDays(-3));
        var key = Guid.NewGuid().ToString();
        var invoice = new { amount = 1_000_000m, issueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), dueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(29)) };
        using var first = await orders.Api.SendWithKeyAsync(HttpMethod.Post, $"/api/orders/orders/{id}/invoices", invoice, key);
        using var second = await orders.Api.SendWithKeyAsync(HttpMethod.Post, $"/api/orders/orders/{id}/invoices", invoice, key);

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        second.Headers.ETag.Should().Be(first.Headers.ETag);
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await orders.OrdersStreamVersionAsync(id)).Should().Be(2, "placed, invoiced once");
    }

    [Fact]
    public async Task the_same_key_with_another_request_is_refused_and_changes_nothing()
    {
        var region = GatewayRequests.Unique("Idem");
        var key = Guid.NewGuid().ToString();
        using (var first = await orders.Api.SendWithKeyAsync(HttpMethod.Post, "/api/orders/orders", Order(region), key))
        {
            first.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        using var other = await orders.Api.SendWithKeyAsync(HttpMethod.Post, "/api/orders/orders", Order(region, quantity: 3), key);
        await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        (await OrdersOfAsync(region)).Should().ContainSingle();
    }

    [Fact]
    public async Task concurrent_sends_with_one_key_place_exactly_one_order_and_the_others_are_told_to_retry_or_get_its_answer()
    {
        var region = GatewayRequests.Unique("Idem");
        var (key, order) = (Guid.NewGuid().ToString(), Order(region));
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var answer = await orders.Api.SendWithKeyAsync(HttpMethod.Post, "/api/orders/orders", order, key);
            return (answer.StatusCode, Location: answer.Headers.Location, Retry: answer.Headers.RetryAfter);
        }));

        answers.Select(answer => answer.StatusCode).Should().OnlyContain(status => status == HttpStatusCode.Created || status == HttpStatusCode.Conflict);
        // On a busy machine the sends may not overlap at all (every repeat then gets the first one's answer): no 409 is needed, but each one sent says when to come back.
        answers.Where(answer => answer.StatusCode == HttpStatusCode.Conflict && answer.Retry == null).Should().BeEmpty("a repeat while the first runs is told when to come back");
        answers.Where(answer => answer.StatusCode == HttpStatusCode.Created).Select(answer => answer.Location).Distinct().Should().ContainSingle();
        (await OrdersOfAsync(region)).Should().ContainSingle("eight sends with one key place one order");
    }

    [Fact]
    public async Task a_key_belongs_to_its_caller_and_another_caller_s_same_key_is_another_request()
    {
        var region = GatewayRequests.Unique("Idem");
        var key = Guid.NewGuid().ToString();
        using var manager = orders.SignedInAs("manager.of.idem", [Roles.RegionalManager], region);
        var order = Order(region);
        using (var first = await orders.Api.SendWithKeyAsync(HttpMethod.Post, "/api/orders/orders", order, key))
        {
            first.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        using (var another = await manager.SendWithKeyAsync(HttpMethod.Post, "/api/orders/orders", order, key))
        {
            another.StatusCode.Should().Be(HttpStatusCode.Created);
            another.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        }

        (await OrdersOfAsync(region)).Should().HaveCount(2);
    }

    [Fact]
    public async Task a_refusal_is_answered_again_the_same_and_a_malformed_key_is_a_validation_problem()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await orders.Api.SendWithKeyAsync(HttpMethod.Post, "/api/orders/orders/ORD-NO-SUCH/cancellation", new { reason = "none" }, key);
        using var second = await orders.Api.SendWithKeyAsync(HttpMethod.Post, "/api/orders/orders/ORD-NO-SUCH/cancellation", new { reason = "none" }, key);
        first.StatusCode.Should().Be(HttpStatusCode.NotFound);
        second.StatusCode.Should().Be(HttpStatusCode.NotFound);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");

        using var malformed = await orders.Api.SendWithKeyAsync(HttpMethod.Post, "/api/orders/orders", Order("Nowhere"), "a key with spaces");
        (await malformed.ShouldBeValidationProblemAsync("Idempotency-Key")).ToString().Should().Contain("visible ASCII");
    }

    [Fact]
    public async Task the_simulator_sends_a_command_whose_answer_was_lost_again_with_its_key_and_one_order_is_placed()
    {
        var region = GatewayRequests.Unique("Idem");
        var network = new LosingTheFirstAnswer();
        using var client = orders.Through(network);

        var placed = await new GatewayCommands(client).PostAsync("/api/orders/orders", Order(region), CancellationToken.None, HttpStatusCode.Created);

        network.Keys.Should().HaveCount(2, "the lost answer was asked for again").And.OnlyContain(key => key == network.Keys[0]);
        (await OrdersOfAsync(region)).Should().Equal(placed.GetProperty("id").GetString());
    }

    /// <summary>Lets the first request through to the service and loses its answer (the client sees a 503), as a dropped connection would.</summary>
    private sealed class LosingTheFirstAnswer : DelegatingHandler
    {
        public List<string?> Keys { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Keys.Add(request.Headers.TryGetValues(GatewayCommands.IdempotencyKeyHeader, out var keys) ? keys.Single() : null);
            var answer = await base.SendAsync(request, cancellationToken);
            if (Keys.Count > 1)
            {
                return answer;
            }

            answer.Dispose();
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Headers = { RetryAfter = new(TimeSpan.Zero) } };
        }
    }

    // Sent again as it was: one body, its time included.
    private static object Order(string region, int quantity = 1) => new
    {
        customer = "Idempotent Mining", region, salesRep = "li.wei", deliverySite = "pit 1",
        lines = new[] { new { model = "MT-90E", quantity, unitPrice = 1_500_000m } },
        occurredAt = DateTimeOffset.UtcNow.AddDays(-1),
    };


    private async Task<IReadOnlyList<string>> OrdersOfAsync(string region)
    {
        var page = await orders.GetOkAsync($"/api/orders/orders?region={region}&pageSize=100");
        return [.. page.GetProperty("items").EnumerateArray().Select(order => order.GetProperty("id").GetString()!)];
    }
}
