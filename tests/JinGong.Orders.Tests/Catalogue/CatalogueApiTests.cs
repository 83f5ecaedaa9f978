using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.EventSourcing;
using JinGong.Http.Security;
using JinGong.Orders.Catalogue;
using JinGong.Orders.Catalogue.Seeding;
using JinGong.Testing;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace JinGong.Orders.Tests.Catalogue;

/// <summary>
/// The catalogue as events, over HTTP: executives list and withdraw models, which opportunities and orders then may or
/// may no longer name, and which <c>/api/orders/models</c> shows in the reader's language.
/// </summary>
[Collection(OrdersService.Collection)]
public sealed class CatalogueApiTests(OrdersService orders)
{
    private HttpClient Executive => orders.SignedInAs("zhao.min", [Roles.Executive]);

    [Fact]
    public async Task an_executive_lists_a_model_renames_it_withdraws_it_for_a_reason_and_lists_it_again()
    {
        using var executive = Executive;
        var model = GatewayRequests.Unique("LD");

        using var listing = await SendAsync(executive, "/api/orders/models", OrdersApi.ModelListing(model, "1吨纯电动装载机"));
        listing.Headers.ETag!.Tag.Should().Be("\"1\"");
        (await ViewAsync(listing)).Should().BeEquivalentTo(new CatalogueModelView(
            model, "loader", $"{model} electric loader", new Dictionary<string, string> { ["zh"] = "1吨纯电动装载机" }, Listed: true, WithdrawalReason: null, Version: 1));
        (await orders.Api.ModelNamesAsync("zh-CN"))[model].Should().Be("1吨纯电动装载机");
        (await orders.Api.ModelNamesAsync("en"))[model].Should().Be($"{model} electric loader");

        (await ListAsync(executive, model, "1吨纯电动装载机")).Version.Should().Be(1, "listed as it is already: nothing changes");
        (await ListAsync(executive, model, "1吨电动装载机")).Version.Should().Be(2);
        (await orders.Api.ModelNamesAsync("zh-CN"))[model].Should().Be("1吨电动装载机");

        (await WithdrawAsync(executive, model, "replaced by the WL-30E")).Should().BeEquivalentTo(new { Listed = false, WithdrawalReason = "replaced by the WL-30E", Version = 3 });
        (await orders.Api.ModelNamesAsync("en")).Should().NotContainKey(model);
        (await WithdrawAsync(executive, model, "again")).Should().BeEquivalentTo(
            new { WithdrawalReason = "replaced by the WL-30E", Version = 3 }, "withdrawn already: nothing changes");

        (await ListAsync(executive, model, "1吨电动装载机")).Should().BeEquivalentTo(new { Listed = true, WithdrawalReason = (string?)null, Version = 4 });
        (await orders.Api.ModelNamesAsync("zh-CN"))[model].Should().Be("1吨电动装载机");
        (await orders.OrdersEventsAsync($"model:{model}")).Select(e => e.Type).Should().Equal(
            "catalogue_model_listed_v1", "catalogue_model_listing_changed_v1", "catalogue_model_withdrawn_v1", "catalogue_model_listed_v1");
    }

    [Fact]
    public async Task a_listing_sent_again_with_its_idempotency_key_is_answered_the_same_and_lists_once()
    {
        using var executive = Executive;
        var model = GatewayRequests.Unique("LD");
        var key = Guid.NewGuid().ToString();

        using var first = await executive.SendWithKeyAsync(HttpMethod.Post, "/api/orders/models", OrdersApi.ModelListing(model, "1吨纯电动装载机"), key);
        using var second = await executive.SendWithKeyAsync(HttpMethod.Post, "/api/orders/models", OrdersApi.ModelListing(model, "1吨纯电动装载机"), key);

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await orders.OrdersStreamVersionAsync($"model:{model}")).Should().Be(1);
    }

    [Fact]
    public async Task a_sales_rep_may_neither_list_nor_withdraw_a_model()
    {
        using var rep = orders.SignedInAs("li.wei", [Roles.SalesRep], "north");
        var model = GatewayRequests.Unique("LD");

        using var listing = await rep.PostAsJsonAsync("/api/orders/models", OrdersApi.ModelListing(model, "1吨纯电动装载机"));
        using var withdrawal = await rep.PostAsJsonAsync("/api/orders/models/MT-90E/withdrawal", new { reason = "not a rep's call" });

        listing.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        withdrawal.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await orders.OrdersEventsAsync($"model:{model}")).Should().BeEmpty();
        (await orders.Api.ModelNamesAsync("en")).Should().ContainKey("MT-90E");
    }

    [Fact]
    public async Task a_withdrawn_model_is_refused_on_a_new_opportunity_or_order_naming_it_while_those_that_name_it_keep_it()
    {
        using var executive = Executive;
        var (model, region) = (GatewayRequests.Unique("LD"), GatewayRequests.Unique("north"));
        await ListAsync(executive, model, "1吨纯电动装载机");
        var filed = await orders.PostOkAsync("/api/orders/opportunities", Opportunity(region, model), HttpStatusCode.Created);
        var opportunity = filed.GetProperty("id").GetString();

        await WithdrawAsync(executive, model, "battery recall");

        using var newOpportunity = await orders.Api.PostAsJsonAsync("/api/orders/opportunities", Opportunity(region, model));
        (await newOpportunity.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "model-withdrawn")).GetProperty("detail").GetString()
            .Should().Contain(model).And.Contain("battery recall");
        using var newOrder = await orders.Api.PostAsJsonAsync("/api/orders/orders", Order(region, model));
        await newOrder.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "model-withdrawn");
        using var unknown = await orders.Api.PostAsJsonAsync("/api/orders/orders", Order(region, "TANK-1"));
        (await unknown.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "model-not-in-catalogue")).GetProperty("detail").GetString().Should().Contain("TANK-1");

        await orders.PostOkAsync($"/api/orders/opportunities/{opportunity}/won", new { });
        var kept = await orders.GetOkAsync($"/api/orders/opportunities/{opportunity}");
        kept.GetProperty("stage").GetString().Should().Be("Won");
        kept.GetProperty("lines")[0].GetProperty("model").GetString().Should().Be(model, "an opportunity filed before the withdrawal keeps its model");
        using var fromWon = await orders.Api.PostAsJsonAsync("/api/orders/orders", new
        {
            opportunityId = opportunity, deliverySite = "pit 3", lines = new[] { new { model, quantity = 1, unitPrice = 500_000m } },
        });
        await fromWon.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "model-withdrawn");
        (await orders.OrdersStreamVersionAsync(opportunity!)).Should().Be(2, "filed and won: the refused order marked nothing");
    }

    [Fact]
    public async Task a_model_never_listed_is_not_withdrawn_and_a_listing_is_refused_its_bad_fields_and_unknown_languages()
    {
        using var executive = Executive;
        var model = GatewayRequests.Unique("LD");

        using var never = await executive.PostAsJsonAsync($"/api/orders/models/{model}/withdrawal", new { reason = "never sold" });
        (await never.ShouldBeProblemAsync(HttpStatusCode.NotFound, "model-not-found")).GetProperty("detail").GetString().Should().Contain(model);
        using var misspelt = await executive.PostAsJsonAsync("/api/orders/models", new
        {
            model, category = "loader", name = "1 t electric loader", names = new Dictionary<string, string> { ["cn"] = "1吨纯电动装载机" },
        });
        (await misspelt.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "name-in-unknown-language")).GetProperty("detail").GetString().Should().Contain("'cn'");
        using var bad = await executive.PostAsJsonAsync("/api/orders/models", new
        {
            model = "LD 1; DROP", category = "", name = "1 t electric loader", names = new Dictionary<string, string> { ["zh"] = " " },
        });
        await bad.ShouldBeValidationProblemAsync("model", "category", "names");
        using var noReason = await executive.PostAsJsonAsync("/api/orders/models/MT-90E/withdrawal", new { reason = "" });
        await noReason.ShouldBeValidationProblemAsync("reason");

        (await orders.OrdersEventsAsync($"model:{model}")).Should().BeEmpty();
        (await orders.OrdersStreamVersionAsync("model:MT-90E")).Should().Be(1, "the settings listed it, and nothing refused changed it");
    }

    [Fact]
    public async Task the_settings_list_their_models_once_and_a_restart_neither_lists_them_again_nor_undoes_what_was_done_since()
    {
        var model = GatewayRequests.Unique("LD");
        var settings = Configured(model);

        await RestartAsync(settings);
        (await orders.Api.ModelNamesAsync("zh"))[model].Should().Be("配置装载机");
        using (var executive = Executive)
        {
            await WithdrawAsync(executive, model, "no longer built");
        }

        await RestartAsync(settings);

        (await orders.Api.ModelNamesAsync("en")).Should().NotContainKey(model, "the settings do not list again a model withdrawn since");
        var events = await orders.OrdersEventsAsync($"model:{model}");
        events.Select(e => e.Type).Should().Equal("catalogue_model_listed_v1", "catalogue_model_withdrawn_v1");
        events[0].UserName.Should().Be("orders", "the service listed it, from its settings");
        (await orders.OrdersStreamVersionAsync("model:MT-90E")).Should().Be(1, "every start found it listed");
    }

    [Fact]
    public async Task of_two_replicas_listing_a_model_of_the_settings_at_once_one_lists_it_and_the_other_loses_the_race_without_failing_its_start()
    {
        var model = GatewayRequests.Unique("LD");
        var settings = new ConfigurationBuilder().AddInMemoryCollection(Configured(model)!).Build();
        // Each replica reads the clock once it has found the model missing: the clock lets neither go on until both have.
        var clock = new BothDecided();
        var replicas = Enumerable.Range(0, 2).Select(_ => new ConfiguredModels(
            orders.Services.GetRequiredService<IDocumentStore>(), settings, orders.Services.GetRequiredService<ServiceIdentity>(), clock,
            NullLogger<ConfiguredModels>.Instance));

        await Task.WhenAll(replicas.Select(replica => Task.Run(() => replica.StartAsync(CancellationToken.None))));

        (await orders.OrdersStreamVersionAsync($"model:{model}")).Should().Be(1);
        (await orders.Api.ModelNamesAsync("zh"))[model].Should().Be("配置装载机");
    }

    /// <summary>
    /// Starts orders once more beside the one under test with <paramref name="settings"/>, and stops it once it is up, its bus
    /// included: a bus stopped while it is still connecting may go on holding messages of the queues it shares.
    /// </summary>
    private async Task RestartAsync(IReadOnlyDictionary<string, string> settings)
    {
        await using var restarted = orders.Restarted(settings);
        using var client = restarted.CreateClient();
        (await restarted.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30)))
            .Should().Be(BusHealthStatus.Healthy);
    }

    /// <summary>A clock that answers the first two readings only once both are asked for.</summary>
    private sealed class BothDecided : TimeProvider
    {
        private readonly Barrier both = new(2);

        public override DateTimeOffset GetUtcNow()
        {
            both.SignalAndWait(TimeSpan.FromSeconds(30)).Should().BeTrue("both replicas found the model missing and decided to list it");
            return System.GetUtcNow();
        }
    }

    /// <summary>The AppHost's settings with one more model of the catalogue, <paramref name="model"/>, named in Chinese.</summary>
    private static Dictionary<string, string> Configured(string model) => new()
    {
        [$"Catalogue:Models:{model}:Model"] = model,
        [$"Catalogue:Models:{model}:Category"] = "loader",
        [$"Catalogue:Models:{model}:Name"] = "configured loader",
        [$"Catalogue:Models:{model}:Names:zh"] = "配置装载机",
    };

    private static object Opportunity(string region, string model) => new
    {
        customer = "Zijin Mining", region, salesRep = "li.wei", lines = new[] { new { model, quantity = 1 } },
        expectedAmount = 500_000m, expectedCloseDate = "2026-12-31", occurredAt = DateTimeOffset.UtcNow.AddDays(-1),
    };

    private static object Order(string region, string model) => new
    {
        customer = "Zijin Mining", region, salesRep = "li.wei", deliverySite = "pit 3", lines = new[] { new { model, quantity = 1, unitPrice = 500_000m } },
    };

    private static async Task<CatalogueModelView> ListAsync(HttpClient executive, string model, string chinese)
    {
        using var answer = await SendAsync(executive, "/api/orders/models", OrdersApi.ModelListing(model, chinese));
        return await ViewAsync(answer);
    }

    private static async Task<CatalogueModelView> WithdrawAsync(HttpClient executive, string model, string reason)
    {
        using var answer = await SendAsync(executive, $"/api/orders/models/{model}/withdrawal", new { reason });
        return await ViewAsync(answer);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, object body)
    {
        var answer = await client.PostAsJsonAsync(path, body);
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        return answer;
    }

    private static async Task<CatalogueModelView> ViewAsync(HttpResponseMessage answer) =>
        (await answer.Content.ReadFromJsonAsync<CatalogueModelView>(JsonSerializerOptions.Web))!;
}
