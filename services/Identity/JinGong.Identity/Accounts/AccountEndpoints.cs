using JinGong.Domain;
using JinGong.Http;
using JinGong.Http.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace JinGong.Identity.Accounts;

public sealed record PersonAccountRequest(string? Name, string[]? Roles, string? Region, string? Password);

/// <summary>An account as administrators read it: never its password.</summary>
public sealed record AccountView(
    string Id, string Name, IReadOnlyList<string> Roles, string? Region, bool Active, bool Machine, bool HasPassword, DateTimeOffset? LockedUntil)
{
    public static AccountView From(Account account) =>
        new(account.Id, account.Name, account.Roles, account.Region, account.Active, account.Machine, account.PasswordHash is not null, account.LockedUntil);
}

/// <summary>
/// Administrators open and change people's accounts (people on the roster have one already, without a password until
/// an administrator gives them one), close and reopen them; auditors may read them.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    public static readonly ApiTag Tag = new("Accounts",
        "People's and machine clients' accounts at the identity provider: administrators open, change, close and reopen them, auditors read them, and everyone changes their own password.");

    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTag(Tag);
        accounts.MapGet("/", ListAsync).WithName("ListAccounts")
            .WithSummary("Every account: its person, roles, region and whether it is active").RequireRoles(Roles.Auditor);
        accounts.MapPut("/{id}", SetPersonAsync).WithName("SetPersonAccount")
            .WithSummary("Open or change a person's account; a new password ends the account's sessions").RequireRoles(Roles.Administrator);
        accounts.MapPost("/{id}/deactivation", (string id, HttpContext http, IdentityStore store, Sessions sessions, CancellationToken cancellationToken) =>
                SetActiveAsync(id, active: false, http, store, sessions, cancellationToken))
            .WithName("DeactivateAccount")
            .WithSummary("Close an account: it signs in no more and its sessions end at once (refresh tokens revoked)")
            .RequireRoles(Roles.Administrator);
        accounts.MapPost("/{id}/reactivation", (string id, HttpContext http, IdentityStore store, Sessions sessions, CancellationToken cancellationToken) =>
                SetActiveAsync(id, active: true, http, store, sessions, cancellationToken))
            .WithName("ReactivateAccount")
            .WithSummary("Reopen a closed account, with its roles and password, and no lock")
            .RequireRoles(Roles.Administrator);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<AccountView>>> ListAsync(IdentityStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<AccountView>>(
            (await store.Accounts.AsNoTracking().OrderBy(account => account.Id).ToListAsync(cancellationToken)).Select(AccountView.From).ToList());

    /// <summary>Opens a person's account or changes it; the password may be left out of a change to keep it.</summary>
    private static async Task<Results<Ok<AccountView>, Created<AccountView>, ValidationProblem>> SetPersonAsync(
        string id, PersonAccountRequest request, HttpContext http, IdentityStore store, Sessions sessions, CancellationToken cancellationToken)
    {
        var existing = await store.Accounts.FindAsync([id], cancellationToken);
        var roles = request.Roles ?? [];
        var errors = new FieldErrors()
            .Id("id", id)
            .Required("name", request.Name)
            .Check("roles", roles.Length > 0 && roles.All(Roles.All.Contains), $"Roles are one or more of {string.Join(", ", Roles.All)}.")
            .Check("region", request.Region is not null || !roles.Any(Roles.RegionBound.Contains), $"A sales rep or a regional manager acts in a region: name it.")
            .Check("password", request.Password is not null || existing?.PasswordHash is not null, $"A new account needs a password.")
            .Check("id", existing is not { Machine: true }, $"This is a machine client's account: its settings define it.");
        if (request.Password is not null && PasswordPolicy.Refusal(request.Password, id, request.Name) is { } weak)
        {
            errors.Check("password", false, weak);
        }

        if (request.Region is not null)
        {
            errors.Id("region", request.Region);
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.Errors);
        }

        var account = existing ?? store.Accounts.Add(new Account { Id = id, Name = string.Empty, Roles = [] }).Entity;
        account.Name = request.Name!.Trim();
        account.Roles = [.. roles.Distinct()];
        account.Region = request.Region;
        if (request.Password is not null)
        {
            account.PasswordHash = PasswordHash.Of(request.Password);
            // A password set by an administrator (a reset) signs the account out everywhere.
            await sessions.EndAsync(account, keep: null, cancellationToken);
        }

        var view = AccountView.From(account);
        var location = $"/api/identity/accounts/{id}";
        Idempotency.StoredAnswers.KeepAnswer(store, http, existing is null ? StatusCodes.Status201Created : StatusCodes.Status200OK, view, existing is null ? location : null);
        await store.SaveChangesAsync(cancellationToken);
        return existing is null ? TypedResults.Created(location, view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> SetActiveAsync(
        string id, bool active, HttpContext http, IdentityStore store, Sessions sessions, CancellationToken cancellationToken)
    {
        if (await store.Accounts.FindAsync([id], cancellationToken) is not { } account)
        {
            return Problems.From(new DomainError("account-not-found", $"There is no account {id}.", ErrorKind.NotFound));
        }

        if (account.Machine)
        {
            return Problems.From(new DomainError("machine-account", $"{id} is a machine client's account: its settings define it.", ErrorKind.Unprocessable));
        }

        if (account.Active != active)
        {
            account.Active = active;
            // Closing ends every session; reopening starts from none, with no lock left over.
            await sessions.EndAsync(account, keep: null, cancellationToken);
            Idempotency.StoredAnswers.KeepAnswer(store, http, StatusCodes.Status200OK, AccountView.From(account));
            await store.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(AccountView.From(account));
    }
}
