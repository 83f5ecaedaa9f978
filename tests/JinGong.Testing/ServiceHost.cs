using System.Net.Http.Headers;
using JinGong.Http.Security;
using JinGong.Simulation;
using MassTransit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JinGong.Testing;

/// <summary>
/// One service on its own, in the test's process, over a real PostgreSQL and a real RabbitMQ (an
/// <see cref="InfrastructureFixture"/>): the host of a service's API tests, which need neither the other services nor
/// the gateway. It runs the service's own <c>Program</c>, and trusts <see cref="TestTokens"/> in place of the identity
/// provider, so the service's authorization, validation and bus run as they do in the system.
/// </summary>
/// <typeparam name="TEntryPoint">
/// A public type of the service's assembly, which names the assembly whose <c>Program</c> runs (each service's own
/// <c>Program</c> is hidden by the AppHost's in test projects, which see both).
/// </typeparam>
public abstract class ServiceHost<TEntryPoint> : IApiUnderTest, IAsyncLifetime
    where TEntryPoint : class
{
    private readonly InfrastructureFixture infrastructure = new();
    private WebApplicationFactory<TEntryPoint>? factory;

    /// <summary>The service's database, as the AppHost names it (<c>fleetdb</c>, ...).</summary>
    protected abstract string Database { get; }

    /// <summary>Settings the service needs besides its database and the broker, as the AppHost would give them.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public HttpClient Api { get; private set; } = null!;

    /// <summary>The service's own services, for what a test checks inside it.</summary>
    public IServiceProvider Services => Factory.Services;

    private WebApplicationFactory<TEntryPoint> Factory => factory ?? throw new InvalidOperationException("The service is not started.");

    public Task<string> ConnectionStringAsync(string name) => Task.FromResult(infrastructure.ConnectionString(name));

    /// <summary>A client signed in as <paramref name="subject"/> with <paramref name="roles"/>, in <paramref name="region"/> if given.</summary>
    public HttpClient SignedInAs(string subject, IEnumerable<string> roles, string? region = null)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(subject, roles, region));
        return client;
    }

    /// <summary>A client signed in as the administrator whose requests and answers pass through <paramref name="handlers"/> (a network that loses answers, say).</summary>
    public HttpClient Through(params DelegatingHandler[] handlers)
    {
        var client = Factory.CreateDefaultClient(handlers);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(SignIn.Administrator, [Roles.Administrator]));
        return client;
    }

    /// <summary>A client that sends no token, as a health probe does (or a browser: it keeps cookies, and follows no redirects).</summary>
    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The service started once more beside this one, on the same database and broker, with <paramref name="settings"/> changed.</summary>
    public WebApplicationFactory<TEntryPoint> Restarted(IReadOnlyDictionary<string, string> settings) =>
        Factory.WithWebHostBuilder(service =>
        {
            foreach (var (key, value) in settings)
            {
                service.UseSetting(key, value);
            }
        });

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        factory = new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(service =>
        {
            service.UseSetting($"ConnectionStrings:{Database}", infrastructure.ConnectionString(Database));
            service.UseSetting("ConnectionStrings:messaging", infrastructure.ConnectionString("messaging"));
            service.UseSetting("Identity:MetadataAddress", TestTokens.MetadataAddress);
            service.UseSetting("Privacy:PseudonymKey", "pseudonyms-of-the-tests");
            foreach (var (key, value) in Settings)
            {
                service.UseSetting(key, value);
            }

            service.ConfigureTestServices(services =>
            {
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, TestTokens.Trust);
                // A host counts as started once its bus has (as MassTransit's own test harness has it): a host disposed
                // while its bus was still connecting could not stop it (CI: "Failed to stop bus (Not Started)"), and the
                // bus, started a moment later, went on taking this service's messages with a disposed container and
                // parked them. The broker is always up when a test host starts.
                services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
            });
        });
        Api = SignedInAs(SignIn.Administrator, [Roles.Administrator]);
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        await infrastructure.DisposeAsync();
    }
}
