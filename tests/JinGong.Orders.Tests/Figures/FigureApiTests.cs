using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Figures;

/// <summary>
/// The figures as management reads them through the API, over orders and opportunities of a region of the
/// test's own, against numbers worked out by hand.
/// </summary>
[Collection(OrdersService.Collection)]
public sealed class FigureApiTests(OrdersService orders)
{
    // 10:00 in China on the given day.
    private static DateTimeOffset On(string day) => DateTimeOffset.Parse($"{day}T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task collection_receivables_conversion_pipeline_and_trends_equal_the_hand_computed_figures()
    {
        var region = GatewayRequests.Unique("figures");
        // Order A: 2 × 1,000,000 placed 1 Sep. Invoice A1 1,200,000 (issued 5 Sep, due 5 Oct), 800,000 paid 3 Oct;
        // invoice A2 800,000 (issued 1 Oct, due 31 Oct), unpaid.
        var a = await orders.PlaceOrderAsync(region, quantity: 2, unitPrice: 1_000_000m, occurredAt: On("2026-09-01"));
        var a1 = await InvoiceAsync(a, 1_200_000m, "2026-09-05", "2026-10-05");
        await orders.PostOkAsync($"/api/orders/orders/{a}/payments", new { invoiceId = a1, amount = 800_000m, paidOn = "2026-10-03" });
        await InvoiceAsync(a, 800_000m, "2026-10-01", "2026-10-31");
        // Order B: 1 × 1,500,000 placed 10 Oct, invoiced in full 12 Oct (due 11 Nov), paid in full 5 Nov.
        var b = await orders.PlaceOrderAsync(region, quantity: 1, unitPrice: 1_500_000m, occurredAt: On("2026-10-10"));
        var b1 = await InvoiceAsync(b, 1_500_000m, "2026-10-12", "2026-11-11");
        await orders.PostOkAsync($"/api/orders/orders/{b}/payments", new { invoiceId = b1, amount = 1_500_000m, paidOn = "2026-11-05" });
        // Opportunities: one won 8 Oct, one lost 20 Oct, one still open at proposal since 10 Sep.
        var won = await orders.FileOpportunityAsync(region, expectedAmount: 2_000_000m, occurredAt: On("2026-09-01"));
        await orders.PostOkAsync($"/api/orders/opportunities/{won}/won", new { occurredAt = On("2026-10-08") });
        var lost = await orders.FileOpportunityAsync(region, expectedAmount: 900_000m, occurredAt: On("2026-09-02"));
        await orders.PostOkAsync($"/api/orders/opportunities/{lost}/lost", new { reason = "price", occurredAt = On("2026-10-20") });
        var open = await orders.FileOpportunityAsync(region, expectedAmount: 3_300_000m, occurredAt: On("2026-09-03"));
        await orders.PostOkAsync($"/api/orders/opportunities/{open}/stage", new { stage = "Proposal", occurredAt = On("2026-09-10") });

        // October as of 31 Oct: A1 and A2 fell due (2,000,000), 800,000 of it paid → 0.4.
        var october = Row(await orders.GetOkAsync("/api/orders/figures/collection-rate?period=2026-10&groupBy=region&asOf=2026-10-31"), region);
        (october.GetProperty("amountDue").GetDecimal(), october.GetProperty("collected").GetDecimal(), october.GetProperty("rate").GetDecimal())
            .Should().Be((2_000_000m, 800_000m, 0.4m));
        // As of 15 Oct only A1 had fallen due: 800,000 ÷ 1,200,000 = 0.66666… → 0.6667.
        var midOctober = Row(await orders.GetOkAsync("/api/orders/figures/collection-rate?period=2026-10&groupBy=region&asOf=2026-10-15"), region);
        midOctober.GetProperty("rate").GetDecimal().Should().Be(0.6667m);

        // As of 20 Nov: A1 owes 400,000, 46 days overdue (31–60); A2 owes 800,000, 20 days overdue (1–30); B1 is paid.
        // Invoiced in the 90 days to 20 Nov: 1,200,000 + 800,000 + 1,500,000 = 3,500,000; DSO = 1,200,000 ÷ 3,500,000 × 90 = 30.857 → 30.9.
        var receivables = Row(await orders.GetOkAsync("/api/orders/figures/receivables?groupBy=region&asOf=2026-11-20"), region);
        receivables.GetProperty("current").GetDecimal().Should().Be(0m);
        receivables.GetProperty("days1To30").GetDecimal().Should().Be(800_000m);
        receivables.GetProperty("days31To60").GetDecimal().Should().Be(400_000m);
        receivables.GetProperty("outstanding").GetDecimal().Should().Be(1_200_000m);
        receivables.GetProperty("overdue").GetDecimal().Should().Be(1_200_000m);
        receivables.GetProperty("daysSalesOutstanding").GetDecimal().Should().Be(30.9m);

        // October closed one won and one lost: 1 ÷ 2 = 0.5.
        var conversion = Row(await orders.GetOkAsync("/api/orders/figures/conversion-rate?period=2026-10&groupBy=region&asOf=2026-11-20"), region);
        (conversion.GetProperty("won").GetInt32(), conversion.GetProperty("lost").GetInt32(), conversion.GetProperty("rate").GetDecimal()).Should().Be((1, 1, 0.5m));

        // On 5 Sep all three were leads (6,200,000 expected); on 20 Nov one is left, at proposal.
        var early = await orders.GetOkAsync($"/api/orders/figures/pipeline?asOf=2026-09-05&region={region}");
        (early.GetProperty("count").GetInt32(), early.GetProperty("expectedAmount").GetDecimal()).Should().Be((3, 6_200_000m));
        var late = await orders.GetOkAsync($"/api/orders/figures/pipeline?asOf=2026-11-20&region={region}");
        late.GetProperty("stages").EnumerateArray().Select(s => (s.GetProperty("stage").GetString(), s.GetProperty("count").GetInt32()))
            .Should().Equal(("Lead", 0), ("Qualified", 0), ("Proposal", 1), ("Negotiation", 0));

        var trends = (await orders.GetOkAsync("/api/orders/figures/order-trends?from=2026-09&to=2026-10&asOf=2026-11-20")).GetProperty("rows")
            .EnumerateArray().Where(r => r.GetProperty("region").GetString() == region)
            .Select(r => (r.GetProperty("month").GetString(), r.GetProperty("model").GetString(), r.GetProperty("units").GetInt32(), r.GetProperty("amount").GetDecimal()));
        trends.Should().Equal(("2026-09", "MT-90E", 2, 2_000_000m), ("2026-10", "MT-90E", 1, 1_500_000m));
    }

    [Fact]
    public async Task every_figure_known_at_a_past_moment_leaves_out_what_was_recorded_after_it_however_early_its_business_date()
    {
        var region = GatewayRequests.Unique("known");
        var order = await orders.PlaceOrderAsync(region, quantity: 1, unitPrice: 1_200_000m, occurredAt: On("2026-09-01"));
        var invoice = await InvoiceAsync(order, 1_200_000m, "2026-09-05", "2026-10-05");
        var opportunity = await orders.FileOpportunityAsync(region, expectedAmount: 2_000_000m, occurredAt: On("2026-09-01"));
        var known = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        // Recorded later, dated back: a payment of 3 Oct, the opportunity won on 8 Oct, an order placed on 10 Oct.
        await orders.PostOkAsync($"/api/orders/orders/{order}/payments", new { invoiceId = invoice, amount = 1_200_000m, paidOn = "2026-10-03" });
        await orders.PostOkAsync($"/api/orders/opportunities/{opportunity}/won", new { occurredAt = On("2026-10-08") });
        await orders.PlaceOrderAsync(region, quantity: 1, unitPrice: 1_500_000m, occurredAt: On("2026-10-10"));

        async Task<(T Now, T Then)> BothAsync<T>(string path, Func<JsonElement, T> read)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var then = await orders.GetOkAsync($"{path}{separator}knownAt={known}");
            then.GetProperty("knownAt").ValueKind.Should().Be(JsonValueKind.String, "a figure says what moment of recording it was known at");
            return (read(await orders.GetOkAsync(path)), read(then));
        }

        (await BothAsync("/api/orders/figures/collection-rate?period=2026-10&groupBy=region&asOf=2026-10-31", f => Row(f, region).GetProperty("collected").GetDecimal()))
            .Should().Be((1_200_000m, 0m));
        (await BothAsync("/api/orders/figures/receivables?groupBy=region&asOf=2026-11-20", f => Row(f, region).GetProperty("outstanding").GetDecimal()))
            .Should().Be((0m, 1_200_000m));
        (await BothAsync($"/api/orders/figures/conversion-rate?period=2026-10&asOf=2026-11-20&region={region}", f => f.GetProperty("total").GetProperty("won").GetInt32()))
            .Should().Be((1, 0));
        (await BothAsync($"/api/orders/figures/pipeline?asOf=2026-11-20&region={region}", f => f.GetProperty("count").GetInt32()))
            .Should().Be((0, 1));
        (await BothAsync("/api/orders/figures/order-trends?from=2026-09&to=2026-10&asOf=2026-11-20", f => f.GetProperty("rows").EnumerateArray()
                .Count(r => r.GetProperty("region").GetString() == region)))
            .Should().Be((2, 1), "October's order was recorded after the moment asked for");
    }

    [Theory]
    [InlineData("/api/orders/figures/collection-rate?period=2026-10&knownAt=yesterday", "knownAt")]
    [InlineData("/api/orders/figures/collection-rate", "period")]
    [InlineData("/api/orders/figures/collection-rate?period=2026-13", "period")]
    [InlineData("/api/orders/figures/collection-rate?period=2026-11&groupBy=7", "groupBy")]
    [InlineData("/api/orders/figures/conversion-rate?period=2026-Q4&groupBy=customer", "groupBy")]
    [InlineData("/api/orders/figures/order-trends?from=2026-12&to=2026-01", "to")]
    [InlineData("/api/orders/figures/order-trends?from=2026-Q1&to=2026-12", "from")]
    public async Task a_figure_asked_for_wrongly_names_the_field(string path, string field)
    {
        using var answer = await orders.Api.GetAsync(path);

        (await answer.ShouldBeProblemAsync(System.Net.HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty(field, out _)
            .Should().BeTrue();
    }

    private async Task<string> InvoiceAsync(string order, decimal amount, string issueDate, string dueDate) =>
        (await orders.PostOkAsync($"/api/orders/orders/{order}/invoices", new { amount, issueDate, dueDate })).GetProperty("invoices")
            .EnumerateArray().Last().GetProperty("invoiceId").GetString()!;

    private static JsonElement Row(JsonElement figure, string key) =>
        figure.GetProperty("rows").EnumerateArray().Single(row => row.GetProperty("key").GetString() == key);
}
