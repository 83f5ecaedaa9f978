using JinGong.Testing;

namespace JinGong.Orders.Tests.Reading;

/// <summary>
/// The lists of orders and opportunities are searched by the start of an id, a customer or a sales rep in any case, and
/// sorted by a column either way, then by id; an unknown column or an overlong search is refused and names the field.
/// </summary>
[Collection(OrdersService.Collection)]
public sealed class ListSearchAndSortTests(OrdersService orders)
{
    [Fact]
    public async Task orders_are_found_by_the_start_of_their_customer_in_any_case_and_sorted_either_way()
    {
        var region = GatewayRequests.Unique("north");
        var tongling = await orders.PlaceOrderAsync(region, customer: "Tongling Nonferrous", salesRep: "wang.yu");
        var daye = await orders.PlaceOrderAsync(region, customer: "Daye Nonferrous", salesRep: "li.wei");
        var anshan = await orders.PlaceOrderAsync(region, customer: "Anshan Iron", salesRep: "li.wei");

        (await IdsAsync($"/api/orders/orders?region={region}&search=tONGLING")).Should().Equal(tongling);
        (await IdsAsync($"/api/orders/orders?region={region}&search=li.")).Should().BeEquivalentTo([daye, anshan], "the start of the sales rep's name");
        (await IdsAsync($"/api/orders/orders?region={region}&search={tongling[..8].ToLowerInvariant()}")).Should().Contain(tongling, "the start of the id");
        (await IdsAsync($"/api/orders/orders?region={region}&search=Nonferrous")).Should().BeEmpty("a search is the start of a name, not any part of it");

        (await IdsAsync($"/api/orders/orders?region={region}&sort=customer")).Should().Equal(anshan, daye, tongling);
        (await IdsAsync($"/api/orders/orders?region={region}&sort=-Customer")).Should().Equal(tongling, daye, anshan);
        (await IdsAsync($"/api/orders/orders?region={region}")).Should().Equal([anshan, daye, tongling], "newest first when no order is asked for");
    }

    [Fact]
    public async Task opportunities_sort_by_stage_in_the_funnels_order_and_by_expected_amount()
    {
        var region = GatewayRequests.Unique("north");
        var small = await orders.FileOpportunityAsync(region, expectedAmount: 1_000_000m);
        var large = await orders.FileOpportunityAsync(region, expectedAmount: 9_000_000m);
        var middle = await orders.FileOpportunityAsync(region, expectedAmount: 5_000_000m);
        await orders.PostOkAsync($"/api/orders/opportunities/{small}/stage", new { stage = "Negotiation" });
        await orders.PostOkAsync($"/api/orders/opportunities/{middle}/stage", new { stage = "Qualified" });

        (await IdsAsync($"/api/orders/opportunities?region={region}&sort=stage")).Should().Equal(large, middle, small);
        (await IdsAsync($"/api/orders/opportunities?region={region}&sort=-expectedAmount")).Should().Equal(large, middle, small);
        (await IdsAsync($"/api/orders/opportunities?region={region}&search={middle.ToLowerInvariant()}")).Should().Equal(middle);
    }

    [Theory]
    [InlineData("/api/orders/orders?sort=amount", "sort")]
    [InlineData("/api/orders/orders?sort=-", "sort")]
    [InlineData("/api/orders/opportunities?sort=placedAt", "sort")]
    public async Task a_column_a_list_does_not_sort_by_is_refused_naming_the_ones_it_does(string path, string field)
    {
        using var answer = await orders.Api.GetAsync(path);
        var problem = await answer.ShouldBeValidationProblemAsync(field);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain("customer");
    }

    [Fact]
    public async Task a_search_longer_than_a_name_is_refused()
    {
        using var answer = await orders.Api.GetAsync($"/api/orders/opportunities?search={new string('x', 101)}");
        await answer.ShouldBeValidationProblemAsync("search");
    }

    private async Task<List<string>> IdsAsync(string path) =>
        [.. (await orders.GetOkAsync(path)).GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];
}
