using JinGong.Http;
using JinGong.Http.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace JinGong.Identity.Accounts;

public sealed record PersonAccountRequest(string? Name, string[]? Roles, string? Region, string? Password);

/// <summary>An account as administrators read it: never its password.</summary>
public sealed record AccountView(string Id, string Name, IReadOnlyList<string> Roles, string? Region, bool Active, bool Machine, bool HasPassword)
{
    public static AccountView From(Account account) =>
        new(account.Id, account.Name, account.Roles, account.Region, account.Active, account.Machine, account.PasswordHash is not null);
}

/// <summary>
/// Administrators open and change people's accounts (people on the roster have one already, without a password until
/// an administrator gives them one); auditors may read them.
/// </summary>
public static class AccountEndpoints
{
    public const int MinPasswordLength = 12;

    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapGet("/", ListAsync).WithName("ListAccounts").RequireRoles(Roles.Auditor);
        accounts.MapPut("/{id}", SetPersonAsync).WithName("SetPersonAccount").RequireRoles(Roles.Administrator);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<AccountView>>> ListAsync(IdentityStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<AccountView>>(
            (await store.Accounts.AsNoTracking().OrderBy(account => account.Id).ToListAsync(cancellationToken)).Select(AccountView.From).ToList());

    /// <summary>Opens a person's account or changes it; the password may be left out of a change to keep it.</summary>
    private static async Task<Results<Ok<AccountView>, Created<AccountView>, ValidationProblem>> SetPersonAsync(
        string id, PersonAccountRequest request, IdentityStore store, CancellationToken cancellationToken)
    {
        var existing = await store.Accounts.FindAsync([id], cancellationToken);
        var roles = request.Roles ?? [];
        var errors = new FieldErrors()
            .Id("id", id)
            .Required("name", request.Name)
            .Check("roles", roles.Length > 0 && roles.All(Roles.All.Contains), $"Roles are one or more of {string.Join(", ", Roles.All)}.")
            .Check("region", request.Region is not null || !roles.Any(Roles.RegionBound.Contains), "A sales rep or a regional manager acts in a region: name it.")
            .Check("password", request.Password is null ? existing?.PasswordHash is not null : request.Password.Length >= MinPasswordLength,
                $"A password has at least {MinPasswordLength} characters (a new account needs one).")
            .Check("id", existing is not { Machine: true }, "This is a machine client's account: its settings define it.");
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
        account.PasswordHash = request.Password is null ? account.PasswordHash : PasswordHash.Of(request.Password);
        await store.SaveChangesAsync(cancellationToken);
        return existing is null
            ? TypedResults.Created($"/api/identity/accounts/{id}", AccountView.From(account))
            : TypedResults.Ok(AccountView.From(account));
    }
}
