using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Fleet.Tests.Access;

/// <summary>
/// A service reached around the gateway checks the token itself (the gateway runs the same check): only one signed by
/// the identity provider's key, issued by it, for JinGong's API, and valid now gets in. Every other is a 401 on a read
/// and on a write, and the write appends nothing.
/// </summary>
[Collection(FleetService.Collection)]
public sealed class TokenTests(FleetService fleet)
{
    private static readonly Dictionary<string, Func<string>> Forged = new()
    {
        ["expired"] = () => Token(token => (token.NotBefore, token.Expires) = (DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddMinutes(-5))),
        ["not yet valid"] = () => Token(token => (token.NotBefore, token.Expires) = (DateTime.UtcNow.AddMinutes(10), DateTime.UtcNow.AddHours(1))),
        ["for another audience"] = () => Token(token => token.Audience = "another-api"),
        ["from another issuer"] = () => Token(token => token.Issuer = "https://identity.elsewhere/"),
        ["signed with a foreign key"] = () => Token(token => token.SigningCredentials = TestTokens.ForeignKey()),
        ["alg none"] = () => TestTokens.Unsigned(Token(_ => { })),
        ["altered after signing"] = () => TestTokens.Altered(
            TestTokens.Issue("someone", [Roles.SalesRep], "east"), payload => payload.Replace(Roles.SalesRep, Roles.Administrator, StringComparison.Ordinal)),
        ["garbage"] = () => "not-a-token",
    };

    public static TheoryData<string> Forgeries => new(Forged.Keys);

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task a_token_that_is_not_the_identity_provider_s_valid_one_is_refused_and_changes_nothing(string forgery)
    {
        using var client = fleet.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Forged[forgery]());
        var code = FleetApi.NewCode();
        var before = await fleet.VehicleVersionAsync(code);

        using (var read = await client.GetAsync("/api/fleet/inventory"))
        {
            read.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"a token {forgery} reads nothing");
        }

        using (var write = await client.PostAsJsonAsync("/api/fleet/vehicles", FleetApi.Registration(code)))
        {
            write.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"a token {forgery} writes nothing");
        }

        (await fleet.VehicleVersionAsync(code)).Should().Be(before);
    }

    [Fact]
    public async Task the_same_token_made_right_gets_in()
    {
        // The forgeries above differ from this by one thing each: what they are refused for.
        using var client = fleet.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(_ => { }));
        var code = FleetApi.NewCode();

        using (var read = await client.GetAsync("/api/fleet/inventory"))
        {
            read.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var write = await client.PostAsJsonAsync("/api/fleet/vehicles", FleetApi.Registration(code));
        write.StatusCode.Should().Be(HttpStatusCode.Created, await write.Content.ReadAsStringAsync());
    }

    private static string Token(Action<Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor> alter) =>
        TestTokens.Issue("token.tester", [Roles.Administrator], null, alter);
}
