using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace JinGong.Testing;

/// <summary>What every orders API test does: unique names, opportunities and orders through the API, stream versions.</summary>
public static class OrdersApi
{
    /// <summary>Files an opportunity for two MT-90E trucks and returns its id.</summary>
    public static async Task<string> FileOpportunityAsync(
        this IApiUnderTest orders, string region, string salesRep = "li.wei", decimal expectedAmount = 3_000_000m, DateTimeOffset? occurredAt = null,
        string customer = "Baotou Steel") =>
        (await orders.PostOkAsync("/api/orders/opportunities", new
        {
            customer, region, salesRep, lines = new[] { new { model = "MT-90E", quantity = 2 } },
            expectedAmount, expectedCloseDate = "2026-12-31", occurredAt = occurredAt ?? DateTimeOffset.UtcNow.AddDays(-60),
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

    /// <summary>Places an order directly: <paramref name="quantity"/> MT-90E at <paramref name="unitPrice"/>; returns its id.</summary>
    public static async Task<string> PlaceOrderAsync(
        this IApiUnderTest orders, string region, int quantity = 2, decimal unitPrice = 1_500_000m, DateTimeOffset? occurredAt = null,
        string customer = "Baotou Steel", string salesRep = "li.wei") =>
        (await orders.PostOkAsync("/api/orders/orders", new
        {
            customer, region, salesRep, deliverySite = "Baiyun Obo mine",
            lines = new[] { new { model = "MT-90E", quantity, unitPrice } },
            occurredAt = occurredAt ?? DateTimeOffset.UtcNow.AddDays(-60),
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

    /// <summary>The body that lists <paramref name="model"/> in the catalogue: a loader, named in English and <paramref name="chinese"/>.</summary>
    public static object ModelListing(string model, string chinese) =>
        new { model, category = "loader", name = $"{model} electric loader", names = new Dictionary<string, string> { ["zh"] = chinese } };

    /// <summary>
    /// Each model the company sells (its code) and its name as <c>/api/orders/models</c> answers a reader of
    /// <paramref name="language"/> (an <c>Accept-Language</c>; none when null), in the catalogue's order.
    /// </summary>
    public static async Task<Dictionary<string, string>> ModelNamesAsync(this HttpClient api, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/models");
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var answer = await api.SendAsync(request);
        return (await answer.JsonAsync()).EnumerateArray().ToDictionary(model => model.GetProperty("model").GetString()!, model => model.GetProperty("name").GetString()!);
    }

    /// <summary>How many events a stream of orders' store holds, read from its database.</summary>
    public static async Task<long> OrdersStreamVersionAsync(this IApiUnderTest orders, string id) =>
        (await orders.OrdersEventsAsync(id)).Count;

    public static async Task<IReadOnlyList<EventStoreQueries.StoredEvent>> OrdersEventsAsync(this IApiUnderTest orders, string? id = null) =>
        await new EventStoreQueries(await orders.ConnectionStringAsync("ordersdb")).EventsAsync(id);
}
