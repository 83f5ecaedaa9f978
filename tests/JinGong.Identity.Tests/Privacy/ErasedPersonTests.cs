using System.Net;
using JinGong.Contracts.Okr;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Identity.Tests.Privacy;

/// <summary>A person OKR erased has no account, no session and no token left in identity's store.</summary>
[Collection(IdentityService.Collection)]
public sealed class ErasedPersonTests(IdentityService identity)
{
    [Fact]
    public async Task an_erased_person_has_no_account_session_or_token_and_identity_holds_their_id_and_name_nowhere()
    {
        var (id, name) = (GatewayRequests.Unique("xu.jing"), GatewayRequests.Unique("Xu Jing"));
        await using var bus = await TestBus.StartAsync(await identity.ConnectionStringAsync("messaging"));
        var joined = DateTimeOffset.UtcNow.AddDays(-300);
        await bus.PublishAsync(new PersonJoinedRoster(id, name, "finance", "east", null, joined), Guid.NewGuid());
        await identity.AccountWhenAsync(id, account => account.GetProperty("active").GetBoolean());
        await identity.OpenAccountAsync(id, Roles.Finance, region: null);
        var (_, refresh) = await identity.SignInAsync(id);
        await bus.PublishAsync(new PersonLeftRoster(id, joined.AddDays(100)), Guid.NewGuid());
        await identity.AccountWhenAsync(id, account => !account.GetProperty("active").GetBoolean());
        var database = new EventStoreQueries(await identity.ConnectionStringAsync("identitydb"));
        (await database.TablesHoldingAsync(id)).Should().NotBeEmpty("the account, its sign-in and its tokens hold the id before");
        var exported = await identity.GetOkAsync($"/api/identity/privacy/subjects/{id}");
        var held = exported.GetProperty("documents").EnumerateArray().ToList();
        held.Select(document => document.GetProperty("type").GetString()).Should().Contain(["account", "authorization", "token"], "an access request sees the account and its sign-ins");
        var account = held.Single(document => document.GetProperty("type").GetString() == "account").GetProperty("data");
        var accountName = (await identity.AccountAsync(id)).GetProperty("name").GetString()!;
        (account.GetProperty("Name").GetString(), account.GetProperty("HasPassword").GetBoolean()).Should().Be((accountName, true));
        account.TryGetProperty("PasswordHash", out _).Should().BeFalse("the hash is a secret, not information about them");

        await bus.PublishAsync(new PersonErased(id, [name], "their written request", "PIPL-2026-050", "admin", DateTimeOffset.UtcNow), Guid.NewGuid());
        await Eventually.ReturnsAsync(
            async _ => (await identity.GetOkAsync("/api/identity/accounts")).EnumerateArray().Any(account => account.GetProperty("id").GetString() == id),
            held => !held, TimeSpan.FromSeconds(30), $"identity to delete {id}'s account");

        foreach (var value in new[] { id, name, accountName })
        {
            (await database.TablesHoldingAsync(value)).Should().BeEmpty($"{value} was the erased person's");
        }

        (await identity.RefreshAsync(refresh)).Should().Be(HttpStatusCode.BadRequest, "their session is gone with them");
        (await identity.GetOkAsync($"/api/identity/privacy/subjects/{id}")).GetProperty("documents").GetArrayLength().Should().Be(0);
    }
}
