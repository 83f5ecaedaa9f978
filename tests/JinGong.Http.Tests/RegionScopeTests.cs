using System.Security.Claims;
using JinGong.Http.Security;

namespace JinGong.Http.Tests;

/// <summary>Reps and regional managers list their own region's records only; anyone else lists every region, or the one asked for.</summary>
public sealed class RegionScopeTests
{
    private sealed record Order(string Id, string Region);

    private static readonly IQueryable<Order> Orders = new[] { new Order("ORD-1", "north"), new Order("ORD-2", "east"), new Order("ORD-3", "north") }.AsQueryable();

    private static ClaimsPrincipal User(string? region, params string[] roles) => new(new ClaimsIdentity(
        [.. roles.Select(role => new Claim(JinGongClaims.Role, role)), .. region is null ? [] : new[] { new Claim(JinGongClaims.Region, region) }], "test"));

    private static (bool Allowed, string[] Ids) List(ClaimsPrincipal user, string? asked) =>
        (user.TryNarrow(asked, Orders, order => order.Region, out var narrowed), [.. narrowed.Select(order => order.Id)]);

    [Fact]
    public void a_rep_lists_their_own_region_whatever_they_leave_out()
    {
        List(User("north", Roles.SalesRep), asked: null).Should().BeEquivalentTo((true, new[] { "ORD-1", "ORD-3" }));
        List(User("north", Roles.SalesRep), asked: "north").Ids.Should().Equal("ORD-1", "ORD-3");
    }

    [Fact]
    public void a_rep_asking_for_another_region_is_refused()
    {
        List(User("north", Roles.SalesRep), asked: "east").Allowed.Should().BeFalse();
    }

    [Fact]
    public void finance_lists_every_region_or_the_one_asked_for()
    {
        List(User(null, Roles.Finance), asked: null).Ids.Should().Equal("ORD-1", "ORD-2", "ORD-3");
        List(User(null, Roles.Finance), asked: "east").Should().BeEquivalentTo((true, new[] { "ORD-2" }));
        List(User("north", Roles.SalesRep, Roles.Finance), asked: "east").Ids.Should().Equal("ORD-2");
    }

    [Fact]
    public void a_region_bound_role_without_a_region_lists_nothing()
    {
        List(User(null, Roles.RegionalManager), asked: null).Should().BeEquivalentTo((true, Array.Empty<string>()));
    }
}
