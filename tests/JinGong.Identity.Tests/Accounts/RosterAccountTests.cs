using System.Net;
using JinGong.Contracts.Okr;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Identity.Tests.Accounts;

/// <summary>Accounts follow OKR's roster from the bus: closed when someone leaves, started afresh when they join again.</summary>
[Collection(IdentityService.Collection)]
public sealed class RosterAccountTests(IdentityService identity)
{
    [Fact]
    public async Task someone_who_leaves_is_signed_out_at_once_and_on_joining_again_gets_neither_old_roles_nor_old_password()
    {
        var id = GatewayRequests.Unique("tang.hui");
        await using var bus = await TestBus.StartAsync(await identity.ConnectionStringAsync("messaging"));
        var joined = DateTimeOffset.UtcNow.AddDays(-300);
        await bus.PublishAsync(new PersonJoinedRoster(id, "Tang Hui", "finance", "east", null, joined), Guid.NewGuid());
        await identity.AccountWhenAsync(id, account => account.GetProperty("active").GetBoolean());
        await identity.OpenAccountAsync(id, Roles.Finance, region: null);
        var (_, refresh) = await identity.SignInAsync(id);

        await bus.PublishAsync(new PersonLeftRoster(id, joined.AddDays(100)), Guid.NewGuid());
        await identity.AccountWhenAsync(id, account => !account.GetProperty("active").GetBoolean());
        (await identity.RefreshAsync(refresh)).Should().Be(HttpStatusCode.BadRequest, "leaving ends the session at once");

        await bus.PublishAsync(new PersonJoinedRoster(id, "Tang Hui", "north-sales", "north", null, joined.AddDays(200)), Guid.NewGuid());
        var back = await identity.AccountWhenAsync(id, account => account.GetProperty("active").GetBoolean());
        back.GetProperty("roles").EnumerateArray().Select(role => role.GetString()).Should().Equal(Roles.SalesRep);
        back.GetProperty("region").GetString().Should().Be("north");
        back.GetProperty("hasPassword").GetBoolean().Should().BeFalse("an administrator gives the first password again");
        var withOldPassword = () => identity.SignInAsync(id);
        await withOldPassword.Should().ThrowAsync<Exception>();
    }

    [Fact]
    public async Task facts_about_one_person_heard_at_once_and_newest_first_leave_the_account_where_the_newest_says()
    {
        var id = GatewayRequests.Unique("zhao.lei");
        var joined = DateTimeOffset.UtcNow.AddDays(-30);
        await using var bus = await TestBus.StartAsync(await identity.ConnectionStringAsync("messaging"));

        // One queue delivers them to consumers running side by side: each reads the account before it writes.
        await Task.WhenAll(Enumerable.Range(1, 12).Reverse().Concat(Enumerable.Range(1, 12))
            .Select(day => bus.PublishAsync(new PersonMovedOnRoster(id, "Zhao Lei", "sales", $"region-{day}", null, joined.AddDays(day)), Guid.NewGuid()))
            .Append(bus.PublishAsync(new PersonJoinedRoster(id, "Zhao Lei", "sales", "east", null, joined), Guid.NewGuid())));

        await identity.AccountWhenAsync(id, account => account.GetProperty("region").GetString() == "region-12");
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await identity.AccountAsync(id)).GetProperty("region").GetString().Should().Be("region-12", "an older fact that lost the race changed nothing");
    }
}
