using System.Security.Claims;
using JinGong.Http.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace JinGong.Http.Tests;

/// <summary>
/// Reps and regional managers list their own region's records only; anyone else lists every region, or the one asked
/// for. Whether region applies is decided by the roles the endpoint admits: the role that grants the action.
/// </summary>
public sealed class RegionScopeTests
{
    private sealed record Order(string Id, string Region);

    private static readonly IQueryable<Order> Orders = new[] { new Order("ORD-1", "north"), new Order("ORD-2", "east"), new Order("ORD-3", "north") }.AsQueryable();

    // What MapApiRoot and RequireRoles put on an endpoint: every JinGong role for the group, then the action's own.
    private static readonly AuthorizationPolicy AnyRole = new AuthorizationPolicyBuilder().RequireRole(Roles.All).Build();

    private static HttpContext Call(string? region, string[] roles, params string[][] admitted)
    {
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(JinGongClaims.Subject, "zhang"), .. roles.Select(role => new Claim(JinGongClaims.Role, role)), .. region is null ? [] : new[] { new Claim(JinGongClaims.Region, region) }],
                "test", JinGongClaims.Subject, JinGongClaims.Role)),
        };
        var policies = admitted.Select(allowed => (object)new AuthorizationPolicyBuilder().RequireRole(allowed).Build()).Prepend(AnyRole).ToArray();
        http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(policies), "test"));
        return http;
    }

    private static (bool Allowed, string[] Ids) List(HttpContext http, string? asked) =>
        (http.TryNarrow(asked, Orders, order => order.Region, out var narrowed), [.. narrowed.Select(order => order.Id)]);

    [Fact]
    public void a_rep_lists_their_own_region_whatever_they_leave_out()
    {
        List(Call("north", [Roles.SalesRep]), asked: null).Should().BeEquivalentTo((true, new[] { "ORD-1", "ORD-3" }));
        List(Call("north", [Roles.SalesRep]), asked: "north").Ids.Should().Equal("ORD-1", "ORD-3");
    }

    [Fact]
    public void a_rep_asking_for_another_region_is_refused()
    {
        List(Call("north", [Roles.SalesRep]), asked: "east").Allowed.Should().BeFalse();
    }

    [Fact]
    public void finance_lists_every_region_or_the_one_asked_for()
    {
        List(Call(null, [Roles.Finance]), asked: null).Ids.Should().Equal("ORD-1", "ORD-2", "ORD-3");
        List(Call(null, [Roles.Finance]), asked: "east").Should().BeEquivalentTo((true, new[] { "ORD-2" }));
        List(Call("north", [Roles.SalesRep, Roles.Finance]), asked: "east").Ids.Should().Equal("ORD-2");
    }

    [Fact]
    public void a_region_bound_role_without_a_region_lists_nothing()
    {
        List(Call(null, [Roles.RegionalManager]), asked: null).Should().BeEquivalentTo((true, Array.Empty<string>()));
    }

    [Fact]
    public void a_rep_who_also_dispatches_dispatches_anywhere_but_sells_only_in_their_region()
    {
        string[] repAndDispatcher = [Roles.SalesRep, Roles.Dispatcher];
        string[] dispatching = [Roles.Dispatcher, Roles.Administrator];
        string[] selling = [Roles.SalesRep, Roles.RegionalManager, Roles.Administrator];

        Call("north", repAndDispatcher, dispatching).ConfinedTo().Should().BeNull("the dispatcher role grants dispatching, everywhere");
        Call("north", repAndDispatcher, dispatching).MayActIn("east").Should().BeTrue();
        Call("north", repAndDispatcher, selling).ConfinedTo().Should().Be("north", "only the rep role grants selling, in the rep's region");
        Call("north", repAndDispatcher, selling).MayActIn("east").Should().BeFalse();
    }

    [Fact]
    public void a_finance_officer_who_is_also_a_rep_sells_only_in_their_region_but_invoices_everywhere()
    {
        string[] repAndFinance = [Roles.SalesRep, Roles.Finance];

        Call("north", repAndFinance, [Roles.SalesRep, Roles.RegionalManager, Roles.Administrator]).MayActIn("east").Should().BeFalse();
        Call("north", repAndFinance, [Roles.Finance, Roles.Administrator]).MayActIn("east").Should().BeTrue();
    }

    [Fact]
    public void a_rep_acts_for_themselves_and_a_regional_manager_or_a_rep_who_also_manages_for_anyone()
    {
        string[] selling = [Roles.SalesRep, Roles.RegionalManager, Roles.Administrator];

        Call("north", [Roles.SalesRep], selling).ActsOnlyAs().Should().Be("zhang");
        Call("north", [Roles.SalesRep], selling).MayActFor("wang").Should().BeFalse();
        Call("north", [Roles.SalesRep], selling).MayActFor("zhang").Should().BeTrue();
        Call("north", [Roles.RegionalManager], selling).MayActFor("wang").Should().BeTrue();
        Call("north", [Roles.SalesRep, Roles.RegionalManager], selling).MayActFor("wang").Should().BeTrue();
        Call(null, [Roles.Administrator], selling).MayActFor("wang").Should().BeTrue();
    }
}
