using System.Net;
using System.Net.Http.Json;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Identity.Tests.Accounts;

/// <summary>Identity's account writes honour <c>Idempotency-Key</c> as every service's writes do.</summary>
[Collection(IdentityService.Collection)]
public sealed class IdempotencyKeyTests(IdentityService identity)
{
    [Fact]
    public async Task a_password_change_sent_again_with_its_key_gets_its_answer_again_instead_of_wrong_current_password()
    {
        var id = GatewayRequests.Unique("idem.person").ToLowerInvariant();
        await identity.OpenAccountAsync(id);
        using var self = identity.Anonymous();
        self.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Issue(id, [Roles.SalesRep], "east"));
        var key = Guid.NewGuid().ToString();
        var change = new { currentPassword = IdentityService.Password, newPassword = "granite-ramp-before-sunrise" };

        using (var first = await self.SendWithKeyAsync(HttpMethod.Post, "/api/identity/me/password", change, key))
        {
            first.StatusCode.Should().Be(HttpStatusCode.NoContent, await first.Content.ReadAsStringAsync());
        }

        using (var again = await self.SendWithKeyAsync(HttpMethod.Post, "/api/identity/me/password", change, key))
        {
            again.StatusCode.Should().Be(HttpStatusCode.NoContent, "the lost answer is given again, though the current password has changed");
            again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        }

        using (var withoutKey = await self.PostAsJsonAsync("/api/identity/me/password", change))
        {
            await withoutKey.ShouldBeValidationProblemAsync("currentPassword");
        }

        await identity.SignInAsync(id, "granite-ramp-before-sunrise");
    }

    [Fact]
    public async Task an_account_opened_twice_with_one_key_is_answered_created_twice_with_the_same_location()
    {
        var id = GatewayRequests.Unique("idem.opened").ToLowerInvariant();
        var key = Guid.NewGuid().ToString();
        var account = new { name = "Idem Opened", roles = new[] { Roles.Finance }, password = IdentityService.Password };
        using var first = await identity.Api.SendWithKeyAsync(HttpMethod.Put, $"/api/identity/accounts/{id}", account, key);
        using var second = await identity.Api.SendWithKeyAsync(HttpMethod.Put, $"/api/identity/accounts/{id}", account, key);

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        second.Headers.Location.Should().Be(first.Headers.Location);
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
    }
}
