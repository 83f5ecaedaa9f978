using JinGong.Http.Security;
using JinGong.Identity.Keys;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JinGong.Identity;

public static class IdentityProvider
{
    /// <summary>The identity provider's own sign-in session (a cookie), which the authorization endpoint reads.</summary>
    public const string SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public const string LoginPath = "/account/login";

    /// <summary>
    /// The OpenID Connect server: authorization code with PKCE for the console, client credentials for machine
    /// clients, refresh tokens; its applications and tokens in <paramref name="connectionName"/>, where the schema
    /// and the keys are made on the first start.
    /// </summary>
    public static async Task AddIdentityProviderAsync(this WebApplicationBuilder builder, string connectionName, CancellationToken cancellationToken = default)
    {
        var settings = IdentitySettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.AddNpgsqlDataSource(connectionName);
        builder.Services.AddDbContext<IdentityStore>((services, options) =>
            options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()).UseOpenIddict());
        builder.Services.AddScoped<Accounts.Sessions>();
        builder.Services.AddSingleton<JinGong.Http.Idempotency.IIdempotentAnswers, Idempotency.StoredAnswers>();
        builder.Services.AddHostedService<JinGong.Http.Idempotency.ForgettingAnswers>();
        var secret = settings.KeyProtectionSecret ?? throw new InvalidOperationException(
            $"Identity:{nameof(IdentitySettings.KeyProtectionSecret)} is not set: the secret identity's keys are kept under (the AppHost keeps one beside the data).");
        builder.Services.AddKeyProtection(secret);

        var preparing = new StartupTimes();
        preparing.Done("configuring");
        var keys = await PrepareDatabaseAsync(
            builder.Configuration.GetConnectionString(connectionName) ?? throw new InvalidOperationException($"No connection string {connectionName}"),
            secret,
            preparing,
            cancellationToken);
        builder.Services.AddSingleton(preparing);

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityStore>())
            .AddServer(server =>
            {
                server.SetIssuer(settings.Issuer!);
                // OpenIddict takes them relative to the issuer, without the leading slash.
                server.SetAuthorizationEndpointUris(IdentityEndpoints.Authorization.TrimStart('/'))
                    .SetTokenEndpointUris(IdentityEndpoints.Token.TrimStart('/'))
                    .SetEndSessionEndpointUris("connect/logout");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, JinGong.Http.Security.JinGongClaims.ApiScope);
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                server.AddSigningKey(keys.Signing).AddEncryptionKey(keys.Encryption);
                // Services validate access tokens as plain signed JWTs; codes and refresh tokens stay encrypted.
                server.DisableAccessTokenEncryption();
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // Plain HTTP on this machine's loopback, behind the gateway.
                    .DisableTransportSecurityRequirement();
            });

        builder.Services.AddAuthentication()
            .AddCookie(SignInScheme, cookie =>
            {
                cookie.LoginPath = LoginPath;
                cookie.Cookie.Name = "jingong.sign-in";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.Events.OnValidatePrincipal = SignIn.SignInSession.ValidateAsync;
            });
        builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = "jingong.antiforgery");
    }

    /// <summary>
    /// What accounts gained after the first stores were made (EnsureCreated leaves an existing table as it is), added to
    /// such a store at start; a store made now has them already.
    /// </summary>
    private const string SchemaAdditions = """
        ALTER TABLE accounts ADD COLUMN IF NOT EXISTS "FailedSignIns" integer NOT NULL DEFAULT 0;
        ALTER TABLE accounts ADD COLUMN IF NOT EXISTS "LockedUntil" timestamp with time zone;
        ALTER TABLE accounts ADD COLUMN IF NOT EXISTS "SecurityStamp" text NOT NULL DEFAULT md5(random()::text);
        CREATE TABLE IF NOT EXISTS data_protection_keys ("Id" integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "FriendlyName" text, "Xml" text);
        """ + Idempotency.StoredAnswers.Schema;

    /// <summary>
    /// Creates the schema and the keys once, under an advisory lock so that replicas starting together do not race.
    /// A store that already has its tables gets only the columns added since (<see cref="SchemaAdditions"/>). The keys
    /// are read through Data Protection as the application will be (a provider of its own: the application's services
    /// are not built yet, and the signing key must be given to OpenIddict before they are).
    /// </summary>
    private static async Task<KeyRing> PrepareDatabaseAsync(string connectionString, string secret, StartupTimes times, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        times.Done("connected");
        // Waited for as long as another replica takes (its start under load has taken minutes), not Npgsql's 30 s.
        await using (var lockStore = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('jingong-identity-schema'))", connection) { CommandTimeout = 0 })
        {
            await lockStore.ExecuteNonQueryAsync(cancellationToken);
        }

        times.Done("schema lock taken");
        var options = new DbContextOptionsBuilder<IdentityStore>().UseNpgsql(dataSource).UseOpenIddict().Options;
        await using (var store = new IdentityStore(options))
        {
            await store.Database.EnsureCreatedAsync(cancellationToken);
        }

        times.Done("tables made");
        await using (var additions = new NpgsqlCommand(SchemaAdditions, connection))
        {
            await additions.ExecuteNonQueryAsync(cancellationToken);
        }

        times.Done("columns added");
        await using var protection = KeyProtection.Standalone(dataSource, secret);
        var keys = await KeyRing.LoadOrCreateAsync(dataSource, protection.KeyRingProtector(), cancellationToken);
        times.Done("keys read");
        return keys;
    }
}

/// <summary>
/// How long each step of identity's start took before it could log (its schema and keys are made before the application
/// is built), from the process's start: logged once built, since a start that has taken minutes in CI must say where
/// they went.
/// </summary>
public sealed class StartupTimes
{
    private readonly List<(string Step, TimeSpan At)> steps = [];

    public void Done(string step) => steps.Add((step, DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime));

    /// <summary>"connected 2.1 s, schema lock taken 2.1 s, …": each step with the time since the process started.</summary>
    public override string ToString() => string.Join(", ", steps.Select(step => $"{step.Step} {step.At.TotalSeconds:F1} s"));
}
