using System.Net;
using System.Security.Claims;
using JinGong.Http.Security;
using JinGong.Identity.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JinGong.Identity.SignIn;

public sealed record SignInForm(string? Username, string? Password, string? ReturnUrl);

/// <summary>
/// A person signs in on the identity provider's own page (the console never sees the password); the authorization
/// endpoint then hands the console a code for the signed-in account. JinGong's console is its own first-party
/// client, so there is no consent screen.
/// </summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapMethods(IdentityEndpoints.Authorization, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).ExcludeFromDescription();
        app.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], (Delegate)SignOutAsync).ExcludeFromDescription();
        app.MapGet(IdentityProvider.LoginPath, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            LoginPage.Render(http, antiforgery, returnUrl, error: null, StatusCodes.Status200OK)).ExcludeFromDescription();
        app.MapPost(IdentityProvider.LoginPath, SignInAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IdentityStore store, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be read.");
        var session = await http.AuthenticateAsync(IdentityProvider.SignInScheme);
        var subject = session.Principal?.FindFirstValue(Claims.Subject);
        var account = subject is null ? null : await store.Accounts.FindAsync([subject], cancellationToken);
        if (account is not { Active: true, PasswordHash: not null })
        {
            // Back here once signed in, with the same request.
            var query = http.Request.HasFormContentType
                ? QueryString.Create(http.Request.Form.Select(field => KeyValuePair.Create(field.Key, field.Value)))
                : http.Request.QueryString;
            return TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + query },
                [IdentityProvider.SignInScheme]);
        }

        return TypedResults.SignIn(AccountPrincipal.For(account, request.GetScopes()), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, IdentityStore store, IAntiforgery antiforgery, TimeProvider clock, [FromForm] SignInForm form, CancellationToken cancellationToken)
    {
        var name = form.Username?.Trim();
        var account = string.IsNullOrEmpty(name) || name.Length > Account.MaxIdLength ? null : await store.Accounts.FindAsync([name], cancellationToken);
        var now = clock.GetUtcNow();
        switch (await PasswordChecks.CheckAsync(store, account, form.Password ?? string.Empty, now, cancellationToken))
        {
            case PasswordVerdict.Locked locked:
                http.Response.Headers.RetryAfter = locked.Seconds(now).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return LoginPage.Render(http, antiforgery, form.ReturnUrl, locked.Message(now), StatusCodes.Status429TooManyRequests);
            case PasswordVerdict.Wrong:
                // The same answer for an unknown name and a wrong password: the page does not say which accounts exist.
                return LoginPage.Render(http, antiforgery, form.ReturnUrl, "The name or the password is not right. 用户名或密码不正确。", StatusCodes.Status400BadRequest);
        }

        await http.SignInAsync(IdentityProvider.SignInScheme, SignInSession.For(account!));
        return TypedResults.LocalRedirect(IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(IdentityProvider.SignInScheme);
        return TypedResults.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    // Only a path on this site: a return address elsewhere would make the page an open redirect.
    // Control characters could not be sent in a Location header at all.
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}

/// <summary>The sign-in page, in Chinese and English; every value written into it is HTML-encoded.</summary>
internal static class LoginPage
{
    public static ContentHttpResult Render(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, int statusCode)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var message = error is null ? string.Empty : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        var html = $"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>登录 Sign in · JinGong</title>
            <style>body{"{"}font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem{"}"}label,input,button{"{"}display:block;width:100%;margin:.4rem 0{"}"}input{"{"}padding:.5rem{"}"}button{"{"}padding:.6rem{"}"}.error{"{"}color:#b00020{"}"}</style>
            </head>
            <body>
            <h1>JinGong 登录 · Sign in</h1>
            {message}
            <form method="post" action="{IdentityProvider.LoginPath}">
            <input type="hidden" name="{WebUtility.HtmlEncode(tokens.FormFieldName)}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "/")}">
            <label for="username">用户名 · User</label><input id="username" name="username" autocomplete="username" required>
            <label for="password">密码 · Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">登录 · Sign in</button>
            </form>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }
}
