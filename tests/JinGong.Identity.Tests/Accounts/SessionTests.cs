using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using JinGong.Http.Security;
using JinGong.Testing;
using TestSignIn = JinGong.Simulation.SignIn;

namespace JinGong.Identity.Tests.Accounts;

/// <summary>
/// A session is a sign-in of the console with its refresh token. Closing an account ends them all at once; a new
/// password ends the others; a person changes their own password by proving the current one.
/// </summary>
[Collection(IdentityService.Collection)]
public sealed class SessionTests(IdentityService identity)
{
    [Fact]
    public async Task a_closed_account_signs_in_no_more_and_its_refresh_tokens_stop_at_once_until_it_is_reopened()
    {
        var id = GatewayRequests.Unique("sun.li");
        await identity.OpenAccountAsync(id);
        var (_, refresh) = await identity.SignInAsync(id);
        (await identity.RefreshAsync(refresh)).Should().Be(HttpStatusCode.OK, "an open account's session renews");
        var (_, second) = await identity.SignInAsync(id);

        var closed = await identity.PostOkAsync($"/api/identity/accounts/{id}/deactivation", new { });
        closed.GetProperty("active").GetBoolean().Should().BeFalse();

        (await identity.RefreshAsync(second)).Should().Be(HttpStatusCode.BadRequest, "a closed account's refresh token is refused");
        var signingIn = () => identity.SignInAsync(id);
        await signingIn.Should().ThrowAsync<Exception>("a closed account signs in no more");

        (await identity.PostOkAsync($"/api/identity/accounts/{id}/reactivation", new { })).GetProperty("active").GetBoolean().Should().BeTrue();
        (await identity.RefreshAsync(second)).Should().Be(HttpStatusCode.BadRequest, "reopening does not bring old sessions back");
        var (_, fresh) = await identity.SignInAsync(id);
        (await identity.RefreshAsync(fresh)).Should().Be(HttpStatusCode.OK, "a reopened account signs in with its password");
    }

    [Fact]
    public async Task closing_an_unknown_or_a_machine_account_is_refused_with_problem_details()
    {
        using (var unknown = await identity.Api.PostAsJsonAsync("/api/identity/accounts/nobody.at.all/deactivation", new { }))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "account-not-found");
        }

        using var bySalesRep = identity.SignedInAs("a.rep", [Roles.SalesRep], "east");
        using var refused = await bySalesRep.PostAsJsonAsync($"/api/identity/accounts/{TestSignIn.Administrator}/deactivation", new { });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await identity.AccountAsync(TestSignIn.Administrator)).GetProperty("active").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task changing_one_s_password_ends_the_other_sessions_and_keeps_the_one_it_was_changed_from()
    {
        var id = GatewayRequests.Unique("he.yun");
        await identity.OpenAccountAsync(id);
        var (_, elsewhere) = await identity.SignInAsync(id);
        var (access, here) = await identity.SignInAsync(id);
        // The token names the sign-in it was given under; the service host trusts test tokens, so the same claims are
        // carried by one of those.
        var authorization = JinGong.Simulation.Tokens.Payload(access).GetProperty("oi_au_id").GetString()!;
        using var self = identity.Anonymous();
        self.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TestTokens.Issue(id, [Roles.SalesRep], "east", token => token.Claims["oi_au_id"] = authorization));

        using (var wrong = await self.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = "not-my-password-at-all", newPassword = "basalt-haul-road-at-noon" }))
        {
            await wrong.ShouldBeValidationProblemAsync("currentPassword");
        }

        using (var weak = await self.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = IdentityService.Password, newPassword = "password1234" }))
        {
            await weak.ShouldBeValidationProblemAsync("newPassword");
        }

        (await identity.RefreshAsync(elsewhere)).Should().Be(HttpStatusCode.OK, "refused changes end nothing");

        using (var changed = await self.PostAsJsonAsync("/api/identity/me/password", new { currentPassword = IdentityService.Password, newPassword = "basalt-haul-road-at-noon" }))
        {
            changed.StatusCode.Should().Be(HttpStatusCode.NoContent, await changed.Content.ReadAsStringAsync());
        }

        (await identity.RefreshAsync(elsewhere)).Should().Be(HttpStatusCode.BadRequest, "the other session ended");
        (await identity.RefreshAsync(here)).Should().Be(HttpStatusCode.OK, "the session the change was made from goes on");
        var oldPassword = () => identity.SignInAsync(id);
        await oldPassword.Should().ThrowAsync<Exception>("the old password is gone");
        await identity.SignInAsync(id, "basalt-haul-road-at-noon");
    }

    [Fact]
    public async Task an_administrator_s_new_password_ends_every_session()
    {
        var id = GatewayRequests.Unique("luo.bin");
        await identity.OpenAccountAsync(id);
        var (_, refresh) = await identity.SignInAsync(id);

        await identity.OpenAccountAsync(id, password: "limestone-quarry-shift-b");

        (await identity.RefreshAsync(refresh)).Should().Be(HttpStatusCode.BadRequest);
        await identity.SignInAsync(id, "limestone-quarry-shift-b");
    }

    [Fact]
    public async Task an_administrator_s_weak_password_is_refused_and_nothing_changes()
    {
        var id = GatewayRequests.Unique("ma.jun");
        using var answer = await identity.Api.PutAsJsonAsync($"/api/identity/accounts/{id}", new { name = "Ma Jun", roles = new[] { Roles.Finance }, password = $"{id}-2026!" });
        await answer.ShouldBeValidationProblemAsync("password");
        (await identity.GetOkAsync("/api/identity/accounts")).EnumerateArray().Select(account => account.GetProperty("id").GetString()).Should().NotContain(id);
    }
}
