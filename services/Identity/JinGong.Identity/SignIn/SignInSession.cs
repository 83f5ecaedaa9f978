using System.Security.Claims;
using JinGong.Identity.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JinGong.Identity.SignIn;

/// <summary>
/// A person's sign-in at the identity provider (its own cookie), from which the console gets its codes. It carries the
/// account's security stamp when it was made, and is over once the stamp changes (new password, account closed).
/// </summary>
public static class SignInSession
{
    private const string StampClaim = "jingong_stamp";

    public static ClaimsPrincipal For(Account account)
    {
        var session = new ClaimsIdentity(IdentityProvider.SignInScheme, Claims.Name, Claims.Role);
        session.AddClaim(new Claim(Claims.Subject, account.Id));
        session.AddClaim(new Claim(Claims.Name, account.Name));
        session.AddClaim(new Claim(StampClaim, account.SecurityStamp));
        return new ClaimsPrincipal(session);
    }

    /// <summary>Checked on every request the cookie comes with: an account closed or restamped since ends the session.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<IdentityStore>();
        var subject = context.Principal?.FindFirstValue(Claims.Subject);
        var account = subject is null ? null : await store.Accounts.FindAsync([subject], context.HttpContext.RequestAborted);
        if (account is not { Active: true } || account.SecurityStamp != context.Principal!.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityProvider.SignInScheme);
        }
    }
}
