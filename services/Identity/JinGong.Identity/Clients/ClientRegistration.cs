using JinGong.Http.Security;
using JinGong.Identity.Accounts;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JinGong.Identity.Clients;

/// <summary>
/// Makes the clients and accounts the settings name exist as they say, at every start: the console (a public
/// client: authorization code with PKCE), each machine client (client credentials, with an account holding its
/// roles) and the administrator (whose password the AppHost generates).
/// </summary>
public static class ClientRegistration
{
    public const string ConsoleClientId = "jingong-console";

    public static async Task RegisterClientsAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<IdentitySettings>();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var store = scope.ServiceProvider.GetRequiredService<IdentityStore>();

        var console = new OpenIddictApplicationDescriptor
        {
            ClientId = ConsoleClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "JinGong console",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Roles, Permissions.Prefixes.Scope + JinGongClaims.ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in settings.ConsoleRedirectUris)
        {
            console.RedirectUris.Add(new Uri(uri));
            console.PostLogoutRedirectUris.Add(new Uri(new Uri(uri), "/"));
        }

        await UpsertAsync(applications, console, cancellationToken);

        foreach (var (clientId, account) in settings.ServiceAccounts)
        {
            await UpsertAsync(applications, new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = account.Secret ?? throw new InvalidOperationException($"The machine client {clientId} has no secret."),
                ClientType = ClientTypes.Confidential,
                DisplayName = account.Name ?? clientId,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + JinGongClaims.ApiScope },
            }, cancellationToken);
            await UpsertAccountAsync(store, clientId, account.Name ?? clientId, [.. account.Roles], account.Region, passwordHash: null, cancellationToken, machine: true);
        }

        if (settings.Administrator.Password is { Length: > 0 } password)
        {
            var existing = await store.Accounts.FindAsync([settings.Administrator.Id], cancellationToken);
            var hash = PasswordHash.Matches(existing?.PasswordHash, password) ? existing!.PasswordHash : PasswordHash.Of(password);
            await UpsertAccountAsync(store, settings.Administrator.Id, "Administrator", [Roles.Administrator], region: null, hash, cancellationToken);
        }
    }

    private static async Task UpsertAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    private static async Task UpsertAccountAsync(
        IdentityStore store, string id, string name, string[] roles, string? region, string? passwordHash, CancellationToken cancellationToken, bool machine = false)
    {
        var account = await store.Accounts.FindAsync([id], cancellationToken);
        if (account is null)
        {
            store.Accounts.Add(new Account { Id = id, Name = name, Roles = roles, Region = region, PasswordHash = passwordHash, Machine = machine });
        }
        else
        {
            (account.Name, account.Roles, account.Region, account.PasswordHash, account.Active) = (name, roles, region, passwordHash, true);
        }

        await store.SaveChangesAsync(cancellationToken);
    }
}
