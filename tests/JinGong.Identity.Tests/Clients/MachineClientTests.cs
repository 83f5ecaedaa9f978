using System.Net;
using JinGong.Testing;

namespace JinGong.Identity.Tests.Clients;

/// <summary>Machine clients are what the settings say at each start: one no longer named can no longer sign in.</summary>
[Collection(IdentityService.Collection)]
public sealed class MachineClientTests(IdentityService identity)
{
    [Fact]
    public async Task a_machine_client_removed_from_the_settings_is_retired_at_the_next_start()
    {
        var client = GatewayRequests.Unique("bi-tool");
        const string secret = "a-secret-only-the-bi-tool-knows";
        await using (var withClient = identity.Restarted(new Dictionary<string, string>
        {
            [$"Identity:ServiceAccounts:{client}:Secret"] = secret,
            [$"Identity:ServiceAccounts:{client}:Roles:0"] = Http.Security.Roles.Auditor,
        }))
        {
            using var browser = withClient.CreateClient();
            (await ClientCredentialsAsync(browser, client, secret)).Should().Be(HttpStatusCode.OK, "a client the settings name signs in");
        }

        await using var without = identity.Restarted(new Dictionary<string, string>());
        using var after = without.CreateClient();
        (await ClientCredentialsAsync(after, client, secret)).Should().NotBe(HttpStatusCode.OK, "a client the settings no longer name signs in no more");
        var account = await identity.AccountAsync(client);
        account.GetProperty("active").GetBoolean().Should().BeFalse("its account is closed, kept for the audit trail");
        account.GetProperty("machine").GetBoolean().Should().BeTrue();
    }

    private static async Task<HttpStatusCode> ClientCredentialsAsync(HttpClient browser, string clientId, string secret)
    {
        using var answer = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = "api",
        }));
        return answer.StatusCode;
    }
}
