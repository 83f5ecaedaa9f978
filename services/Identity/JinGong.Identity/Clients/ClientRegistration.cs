using JinGong.Http.Security;
using JinGong.Identity.Accounts;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JinGong.Identity.Clients;

/// <summary>
/// Makes the clients and accounts the settings name exist as they say, at every start: the console (a public
/// client: authorization code with PKCE), each machine client (client credentials, with an account holding its
/// roles) and the administrator (whose password the AppHost generates); machine clients no longer named are retired.
/// </summary>
public static class ClientRegistration
{
    public const string ConsoleClientId = "jingong-console";

    public static async Task RegisterClientsAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var times = app.Services.GetRequiredService<StartupTimes>();
        times.Done("application built");
        await RegisterAsync(app, cancellationToken);
        times.Done("clients and accounts registered");
        app.Logger.LogInformation("Identity's start, from its process's: {StartupTimes}", times);
    }

    private static async Task RegisterAsync(WebApplication app, CancellationToken cancellationToken)
    {
        // Replicas starting together register one after another: two creating the same client or account would collide.
        // The lock is released by hand: a pooled connection keeps its session, and its locks, when it goes back.
        await using var registering = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        // Waited for as long as the other replica's registration takes, not Npgsql's 30 s (see PrepareDatabaseAsync).
        await RunAsync(registering, "SELECT pg_advisory_lock(hashtext('jingong-identity-registration'))", cancellationToken, timeout: 0);
        try
        {
            await RegisterInTurnAsync(app, cancellationToken);
        }
        finally
        {
            await RunAsync(registering, "SELECT pg_advisory_unlock(hashtext('jingong-identity-registration'))", CancellationToken.None);
        }
    }

    private static async Task RunAsync(NpgsqlConnection connection, string statement, CancellationToken cancellationToken, int timeout = 30)
    {
        await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = timeout };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task RegisterInTurnAsync(WebApplication app, CancellationToken cancellationToken)
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

        await RetireStaleClientsAsync(store, applications, scope.ServiceProvider.GetRequiredService<Sessions>(), settings, cancellationToken);

        if (settings.Administrator.Password is { Length: > 0 } password)
        {
            var existing = await store.Accounts.FindAsync([settings.Administrator.Id], cancellationToken);
            var hash = PasswordHash.Matches(existing?.PasswordHash, password) ? existing!.PasswordHash : PasswordHash.Of(password);
            await UpsertAccountAsync(store, settings.Administrator.Id, "Administrator", [Roles.Administrator], region: null, hash, cancellationToken);
        }
    }

    /// <summary>
    /// A machine client the settings no longer name (the simulator switched off, a BI tool removed) can no longer sign in:
    /// its client is deleted with its tokens, and its account closed, kept for the audit trail.
    /// </summary>
    private static async Task RetireStaleClientsAsync(
        IdentityStore store, IOpenIddictApplicationManager applications, Sessions sessions, IdentitySettings settings, CancellationToken cancellationToken)
    {
        var named = settings.ServiceAccounts.Keys.ToList();
        var stale = await store.Accounts.Where(account => account.Machine && account.Active && !named.Contains(account.Id)).ToListAsync(cancellationToken);
        foreach (var account in stale)
        {
            if (await applications.FindByClientIdAsync(account.Id, cancellationToken) is { } application)
            {
                await applications.DeleteAsync(application, cancellationToken);
            }

            account.Active = false;
            await sessions.EndAsync(account, keep: null, cancellationToken);
        }

        await store.SaveChangesAsync(cancellationToken);
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
