using System.Net;
using JinGong.Identity.Accounts;
using JinGong.Testing;
using TestSignIn = JinGong.Simulation.SignIn;

namespace JinGong.Identity.Tests.SignInPage;

/// <summary>The sign-in page takes a few wrong passwords, then locks the account for a while; an unknown name never locks.</summary>
[Collection(IdentityService.Collection)]
public sealed class LockoutTests(IdentityService identity)
{
    private static readonly Uri LoginPage = new("/account/login", UriKind.Relative);

    [Fact]
    public async Task five_wrong_passwords_lock_the_account_with_retry_after_even_for_the_right_one_until_an_administrator_sets_a_new_one()
    {
        var id = GatewayRequests.Unique("zhou.lin");
        await identity.OpenAccountAsync(id);
        using var browser = identity.Anonymous();

        for (var attempt = 1; attempt < Lockout.FreeAttempts; attempt++)
        {
            using var wrong = await TestSignIn.SignInFormAsync(browser, LoginPage, id, $"wrong-guess-number-{attempt}");
            wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"wrong password {attempt} is only wrong");
        }

        using (var fifth = await TestSignIn.SignInFormAsync(browser, LoginPage, id, "wrong-guess-number-5"))
        {
            fifth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            fifth.Headers.RetryAfter!.Delta.Should().BeCloseTo(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));
            (await fifth.Content.ReadAsStringAsync()).Should().Contain("Too many wrong passwords").And.Contain("分钟后再试");
        }

        using (var right = await TestSignIn.SignInFormAsync(browser, LoginPage, id, IdentityService.Password))
        {
            right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a locked account takes no password, not even the right one");
        }

        (await identity.AccountAsync(id)).GetProperty("lockedUntil").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UtcNow);

        await identity.OpenAccountAsync(id, password: "a-fresh-start-for-zhou");
        using var afterReset = await TestSignIn.SignInFormAsync(browser, LoginPage, id, "a-fresh-start-for-zhou");
        afterReset.StatusCode.Should().Be(HttpStatusCode.Redirect, "an administrator's new password lifts the lock");
    }

    [Fact]
    public async Task a_right_password_before_the_lock_clears_the_count_of_wrong_ones()
    {
        var id = GatewayRequests.Unique("qian.yu");
        await identity.OpenAccountAsync(id);
        using var browser = identity.Anonymous();
        foreach (var round in new[] { 1, 2 })
        {
            for (var attempt = 1; attempt < Lockout.FreeAttempts; attempt++)
            {
                using var wrong = await TestSignIn.SignInFormAsync(browser, LoginPage, id, $"round-{round}-guess-{attempt}");
                wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            }

            using var right = await TestSignIn.SignInFormAsync(browser, LoginPage, id, IdentityService.Password);
            right.StatusCode.Should().Be(HttpStatusCode.Redirect, $"round {round}: four wrong then the right one signs in");
        }
    }

    [Fact]
    public async Task an_unknown_name_is_answered_as_a_wrong_password_and_never_locks()
    {
        using var browser = identity.Anonymous();
        for (var attempt = 0; attempt < Lockout.FreeAttempts + 2; attempt++)
        {
            using var answer = await TestSignIn.SignInFormAsync(browser, LoginPage, "nobody.here", $"guess-number-{attempt}");
            answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await answer.Content.ReadAsStringAsync()).Should().Contain("The name or the password is not right");
        }
    }
}
