using System.Globalization;
using JinGong.Domain;
using JinGong.Http;
using JinGong.Http.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using JinGong.Http.Languages;

namespace JinGong.Identity.Accounts;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// A person changes their own password, proving the current one (wrong guesses count toward the lock as on the sign-in
/// page). Every other session of the account ends; the one the change was made from (the token's authorization) goes on.
/// </summary>
public static class OwnPasswordEndpoint
{
    // OpenIddict names the authorization (the console's sign-in) a token was given under in this private claim.
    private const string AuthorizationClaim = "oi_au_id";

    public static RouteGroupBuilder MapOwnPassword(this RouteGroupBuilder api)
    {
        api.MapPost("/me/password", ChangeAsync)
            .WithTag(AccountEndpoints.Tag)
            .WithName("ChangeOwnPassword")
            .WithSummary("Change your own password; your other sessions end")
            .RequireRoles([.. Roles.All])
            .AnswersProblem(StatusCodes.Status429TooManyRequests,
                "Too many wrong passwords in a row have locked the account for a while (account-locked): try again after Retry-After.");
        return api;
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        ChangePasswordRequest request, HttpContext http, IdentityStore store, Sessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var subject = http.User.FindFirst(JinGongClaims.Subject)?.Value;
        var account = subject is null ? null : await store.Accounts.FindAsync([subject], cancellationToken);
        if (account is not { Machine: false, PasswordHash: not null })
        {
            return Problems.From(new DomainError("no-password", $"This account signs in without a password of its own.", ErrorKind.Unprocessable));
        }

        var errors = new FieldErrors().Required("currentPassword", request.CurrentPassword).Required("newPassword", request.NewPassword);
        if (request.NewPassword is not null && PasswordPolicy.Refusal(request.NewPassword, account.Id, account.Name) is { } weak)
        {
            errors.Check("newPassword", false, weak);
        }

        errors.Check("newPassword", request.NewPassword is null || request.NewPassword != request.CurrentPassword, $"The new password is the one you have.");
        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var now = clock.GetUtcNow();
        switch (await PasswordChecks.CheckAsync(store, account, request.CurrentPassword!, now, cancellationToken))
        {
            case PasswordVerdict.Locked locked:
                http.Response.Headers.RetryAfter = locked.Seconds(now).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    type: Problems.TypeBase + "account-locked", title: Texts.Title("account-locked"), detail: locked.Message(now), statusCode: StatusCodes.Status429TooManyRequests);
            case PasswordVerdict.Wrong:
                return Problems.Validation(new Dictionary<string, string[]> { ["currentPassword"] = [Texts.Say($"This is not your current password.")] });
        }

        account.PasswordHash = PasswordHash.Of(request.NewPassword!);
        await sessions.EndAsync(account, keep: http.User.FindFirst(AuthorizationClaim)?.Value, cancellationToken);
        Idempotency.StoredAnswers.KeepAnswer(store, http, StatusCodes.Status204NoContent, body: null);
        await store.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
