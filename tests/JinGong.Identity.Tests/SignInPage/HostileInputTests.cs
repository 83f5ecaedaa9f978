using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JinGong.Testing;
using TestSignIn = JinGong.Simulation.SignIn;

namespace JinGong.Identity.Tests.SignInPage;

[Collection(IdentityService.Collection)]
public sealed class IdentityHostileReadTests(IdentityService identity) : HostileReadTests(identity, "identity");

/// <summary>
/// Identity's forms and endpoints get what every API gets: hostile values in every field and parameter are answered
/// with a page or a refusal (4xx), never a server error, and a refused sign-in signs nobody in.
/// </summary>
[Collection(IdentityService.Collection)]
public sealed class HostileInputTests(IdentityService identity)
{
    // Each value as a form or a query carries it once decoded.
    private static readonly IReadOnlyList<(string What, string Value)> Values =
        [.. HostileReads.Values.Select(value => (value.What, Uri.UnescapeDataString(value.Escaped))), ("a line break", "a\r\nSet-Cookie: x=1"), ("a far address", "https://evil.example/")];

    [Fact]
    public async Task the_sign_in_page_answers_hostile_fields_with_a_page_never_a_server_error_and_signs_nobody_in()
    {
        var wrong = new ConcurrentBag<string>();
        using var browser = identity.Anonymous();
        foreach (var (what, value) in Values)
        {
            using (var page = await browser.GetAsync($"/account/login?returnUrl={Uri.EscapeDataString(value)}"))
            {
                Check(page, $"GET login, returnUrl = {what}", wrong);
            }

            foreach (var field in new[] { "username", "password", "returnUrl" })
            {
                var fields = new Dictionary<string, string> { ["username"] = "nobody.here", ["password"] = "not-a-password-at-all", ["returnUrl"] = "/" };
                fields[field] = value;
                using var answer = await PostLoginAsync(browser, fields);
                Check(answer, $"POST login, {field} = {what}", wrong);
                if (answer.StatusCode == HttpStatusCode.Redirect)
                {
                    wrong.Add($"POST login, {field} = {what}: signed in");
                }
            }
        }

        using (var forged = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "administrator", ["password"] = "x" })))
        {
            forged.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a form without its anti-forgery token is refused");
        }

        wrong.Should().BeEmpty(string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task the_authorization_and_token_endpoints_answer_hostile_parameters_with_an_error_never_a_server_error()
    {
        var wrong = new ConcurrentBag<string>();
        using var browser = identity.Anonymous();
        var authorize = new Dictionary<string, string>
        {
            ["client_id"] = TestSignIn.ConsoleClientId, ["response_type"] = "code", ["scope"] = "openid api", ["redirect_uri"] = "http://localhost/signed-in",
            ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", ["code_challenge_method"] = "S256", ["state"] = "s",
        };
        var token = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = TestSignIn.ConsoleClientId, ["refresh_token"] = "r", ["code"] = "c", ["code_verifier"] = "v",
            ["redirect_uri"] = "http://localhost/signed-in",
        };
        foreach (var (what, value) in Values)
        {
            foreach (var parameter in authorize.Keys)
            {
                var query = new Dictionary<string, string>(authorize) { [parameter] = value };
                using var answer = await browser.GetAsync($"/connect/authorize?{string.Join('&', query.Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}"))}");
                Check(answer, $"authorize, {parameter} = {what}", wrong);
            }

            foreach (var parameter in token.Keys)
            {
                using var answer = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>(token) { [parameter] = value }));
                Check(answer, $"token, {parameter} = {what}", wrong);
                if (answer.IsSuccessStatusCode)
                {
                    wrong.Add($"token, {parameter} = {what}: a token given");
                }
            }
        }

        wrong.Should().BeEmpty(string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task every_write_of_the_account_api_answers_hostile_input_with_problem_details()
    {
        var document = await identity.Api.GetFromJsonAsync<JsonNode>("/api/identity/openapi/v1.json");
        var writes = WriteOperation.In("identity", document!);
        writes.Select(write => write.Name).Should().Contain(["SetPersonAccount", "DeactivateAccount", "ReactivateAccount", "ChangeOwnPassword"]);
        var target = GatewayRequests.Unique("hx.account");
        await identity.OpenAccountAsync(target);

        var wrong = new ConcurrentBag<string>();
        foreach (var write in writes)
        {
            var body = write.Body is null ? null : HostileRequests.Sample(write.Body, (string property, ApiSchema _, out JsonNode? value) =>
            {
                value = property switch
                {
                    "name" => "Hostile Person",
                    "roles" => new JsonArray(Http.Security.Roles.Finance),
                    "region" => null,
                    "password" or "newPassword" => "granite-excavator-at-dusk",
                    "currentPassword" => "not-the-current-one-at-all",
                    _ => null,
                };
                return value is not null || property is "region";
            });
            var pathValues = write.PathParameters.ToDictionary(parameter => parameter, _ => target);
            // A path the HTTP server refuses before any application code (a NUL) cannot even be carried by a test host.
            // Nor is "an id nothing has" wrong here: putting an account opens it, after which it may be closed and reopened.
            foreach (var variant in HostileRequests.For(write).Where(variant => !variant.RefusedByTheServer && !variant.What.EndsWith("an id nothing has", StringComparison.Ordinal)))
            {
                using var request = variant.Request(new HostileTarget(pathValues, body));
                using var answer = await identity.Api.SendAsync(request);
                var status = (int)answer.StatusCode;
                var type = answer.Content.Headers.ContentType?.MediaType;
                if (status >= 500 || status is >= 300 and < 400 || (status >= 400 && type != "application/problem+json")
                    || (answer.IsSuccessStatusCode && !variant.MayBeAccepted))
                {
                    wrong.Add($"{write.Name} [{variant.Class}] {variant.What}: {status} {type}");
                }
            }
        }

        wrong.Should().BeEmpty(string.Join(Environment.NewLine, wrong));
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, Dictionary<string, string> fields)
    {
        using var page = await browser.GetAsync("/account/login");
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, """<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""");
        fields[token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value);
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields));
    }

    // A page, a redirect back to the client with an error, or a refusal: anything but a server error.
    private static void Check(HttpResponseMessage answer, string what, ConcurrentBag<string> wrong)
    {
        if ((int)answer.StatusCode >= 500)
        {
            var body = answer.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            wrong.Add($"{what}: {(int)answer.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }
    }
}
