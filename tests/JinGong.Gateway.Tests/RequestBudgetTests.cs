using System.Net;
using System.Net.Http.Headers;
using JinGong.Http.Security;
using JinGong.Simulation;
using JinGong.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JinGong.Gateway.Tests;

/// <summary>
/// The gateway gives each client a budget of requests (<c>Gateway:RateLimit</c>: a burst, refilled every second): a client
/// that spends it is refused with 429, a Retry-After and Problem Details before any service sees the request, while
/// another client — another subject, or nobody signed in, counted by address — goes on with a budget of its own.
/// </summary>
public sealed class RequestBudgetTests : IAsyncLifetime
{
    private const int Burst = 30;
    private const string Read = "/api/fleet/inventory";

    private readonly ServiceReplica service = new(answers: true);
    private WebApplicationFactory<ServiceHealthCheck> gateway = null!;

    public async Task InitializeAsync()
    {
        var address = await service.StartAsync();
        gateway = TestGateway.Start(host =>
        {
            foreach (var name in ServiceRoutes.All)
            {
                host.UseSetting($"services:{name}:http:0", address);
            }

            // A small budget refilled slowly, so that it runs out within a test and not again before it ends.
            host.UseSetting("Gateway:RateLimit:Burst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture));
            host.UseSetting("Gateway:RateLimit:PerSecond", "1");
        });
    }

    [Fact]
    public async Task a_client_that_spends_its_budget_gets_429_with_retry_after_while_another_client_goes_on()
    {
        using var spender = SignedIn(SignIn.Administrator, Roles.Administrator);
        HttpResponseMessage? refused = null;
        var refusedMarker = string.Empty;
        var answered = 0;
        for (var sent = 0; sent < Burst * 3 && refused is null; sent++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Read);
            request.Headers.Add(ServiceReplica.MarkerHeader, $"budget-{sent}");
            var answer = await spender.SendAsync(request);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = answer;
                refusedMarker = $"budget-{sent}";
            }
            else
            {
                answer.StatusCode.Should().Be(HttpStatusCode.OK);
                answer.Dispose();
                answered++;
            }
        }

        refused.Should().NotBeNull("a budget of {0} requests runs out", Burst);
        answered.Should().BeGreaterThanOrEqualTo(Burst, "the whole burst is answered before the budget runs out");
        using (refused)
        {
            refused!.Headers.RetryAfter!.Delta.Should().BePositive();
            await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "too-many-requests");
        }

        service.Seen.Should().HaveCount(answered, "every answered request reached the service")
            .And.NotContainKey(refusedMarker, "a refused one never did");
        using var auditor = SignedIn("bi.auditor", Roles.Auditor);
        (await auditor.GetAsync(Read)).StatusCode.Should().Be(HttpStatusCode.OK, "another subject has a budget of its own");
        using var anonymous = gateway.CreateClient();
        (await anonymous.GetAsync("/health")).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests, "nobody signed in is counted by address");
    }

    private HttpClient SignedIn(string subject, string role)
    {
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(subject, [role]));
        return client;
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await service.DisposeAsync();
    }
}
