using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using JinGong.Identity;
using JinGong.Testing;
using TestSignIn = JinGong.Simulation.SignIn;

namespace JinGong.Identity.Tests;

/// <summary>
/// The identity provider on its own, over a real PostgreSQL and RabbitMQ: its sign-in page, its token endpoint and its
/// account API in the test's process, issuing real tokens as it does behind the gateway.
/// </summary>
public sealed class IdentityService : ServiceHost<IdentityStore>
{
    public const string Collection = "identity";
    public const string Password = "granite-excavator-at-dawn";

    protected override string Database => "identitydb";

    /// <summary>The secret identity's keys are kept under, the same for every start of this host (a restart reads them again).</summary>
    public string KeyProtectionSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Identity:Issuer"] = "http://localhost/",
        ["Identity:ConsoleRedirectUris:0"] = "http://localhost/signed-in",
        ["Identity:Administrator:Password"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        ["Identity:KeyProtectionSecret"] = KeyProtectionSecret,
    };

    /// <summary>Opens (or changes) a person's account with <see cref="Password"/>, as an administrator does.</summary>
    public async Task OpenAccountAsync(string id, string role = Http.Security.Roles.SalesRep, string? region = "east", string password = Password)
    {
        using var answer = await Api.PutAsJsonAsync($"/api/identity/accounts/{id}", new { name = $"Name of {id}", roles = new[] { role }, region, password });
        ((int)answer.StatusCode).Should().BeOneOf([200, 201], await answer.Content.ReadAsStringAsync());
    }

    /// <summary>Signs in as the console does, asking for a refresh token too: the access and refresh tokens.</summary>
    public async Task<(string Access, string Refresh)> SignInAsync(string user, string password = Password)
    {
        using var browser = Anonymous();
        var tokens = await TestSignIn.TokensAsync(browser, user, password, scope: "openid profile roles api offline_access");
        return (tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()!);
    }

    /// <summary>The console's renewal: a refresh token exchanged for new tokens (200), or refused (400 <c>invalid_grant</c>).</summary>
    public async Task<HttpStatusCode> RefreshAsync(string refreshToken)
    {
        using var browser = Anonymous();
        using var answer = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = TestSignIn.ConsoleClientId,
            ["refresh_token"] = refreshToken,
        }));
        return answer.StatusCode;
    }

    public async Task<JsonElement> AccountAsync(string id) =>
        (await this.GetOkAsync("/api/identity/accounts")).EnumerateArray().Single(account => account.GetProperty("id").GetString() == id);
}

[CollectionDefinition(IdentityService.Collection)]
public sealed class IdentityServiceCollection : ICollectionFixture<IdentityService>;
