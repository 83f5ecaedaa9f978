using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
namespace JinGong.Simulation;

/// <summary>
/// Signs in as the console does, through the gateway: authorization code with PKCE, the person typing their name and
/// password on the identity provider's page, the code exchanged for tokens. The demo company's people sign in so to
/// act as themselves (a reviewer's approval is a person's), and the tests so to act as anyone.
/// </summary>
public static partial class SignIn
{
    public const string ConsoleClientId = "jingong-console";
    public const string Administrator = "administrator";

    /// <summary>The administrator's password, which the AppHost generated into the system's data folder.</summary>
    public static string AdministratorPassword(string dataDirectory) =>
        File.ReadAllText(Path.Combine(dataDirectory, "identity-administrator.password")).Trim();

    public static async Task<string> AccessTokenAsync(Uri gateway, string user, string password, CancellationToken cancellationToken = default)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = gateway,
        };
        return (await TokensAsync(browser, user, password, cancellationToken)).GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// Signs in on <paramref name="browser"/> (a client that keeps cookies and follows no redirects) and returns the
    /// token answer: the access token, and with <c>offline_access</c> a refresh token.
    /// </summary>
    public static async Task<JsonElement> TokensAsync(
        HttpClient browser, string user, string password, CancellationToken cancellationToken = default, string scope = "openid profile roles api")
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirect = new Uri(browser.BaseAddress!, "/signed-in").ToString();
        var state = Base64Url(RandomNumberGenerator.GetBytes(8));
        var authorize = $"/connect/authorize?client_id={ConsoleClientId}&response_type=code&scope={Uri.EscapeDataString(scope)}" +
            $"&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={challenge}&code_challenge_method=S256&state={state}";

        // Not signed in yet: sent to the sign-in page, which carries the way back.
        using var toLogin = await browser.GetAsync(authorize, cancellationToken);
        await ExpectAsync(toLogin, HttpStatusCode.Redirect, "the authorization request sends to the sign-in page", cancellationToken);
        var loginAddress = toLogin.Headers.Location!;
        using var signedIn = await SignInFormAsync(browser, loginAddress, user, password, cancellationToken);
        await ExpectAsync(signedIn, HttpStatusCode.Redirect, $"{user} signs in", cancellationToken);

        using var withCode = await browser.GetAsync(signedIn.Headers.Location, cancellationToken);
        await ExpectAsync(withCode, HttpStatusCode.Redirect, "the signed-in authorization request answers with a code", cancellationToken);
        var answer = System.Web.HttpUtility.ParseQueryString(withCode.Headers.Location!.Query);
        if (answer["state"] != state)
        {
            throw new UnexpectedAnswerException($"The authorization answer's state is {answer["state"]}, not the {state} sent.");
        }

        using var tokens = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ConsoleClientId,
            ["code"] = answer["code"]!,
            ["redirect_uri"] = redirect,
            ["code_verifier"] = verifier,
        }), cancellationToken);
        await ExpectAsync(tokens, HttpStatusCode.OK, "the code is exchanged for tokens", cancellationToken);
        return await tokens.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary>
    /// Fills in and sends the sign-in page at <paramref name="login"/> (read first, for its anti-forgery token and its
    /// way back); the answer is the page's: a redirect when signed in, the page again with a message when not.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInFormAsync(HttpClient browser, Uri login, string user, string password, CancellationToken cancellationToken = default)
    {
        using var page = await browser.GetAsync(login, cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new UnexpectedAnswerException($"The sign-in page answered {(int)page.StatusCode}: {html}");
        }

        return await browser.PostAsync(new Uri(browser.BaseAddress!, login).AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [HiddenField().Match(html).Groups["name"].Value] = WebUtility.HtmlDecode(HiddenField().Match(html).Groups["value"].Value),
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrl().Match(html).Groups["value"].Value),
            ["username"] = user,
            ["password"] = password,
        }), cancellationToken);
    }

    /// <summary>A client of the gateway that signs in as <paramref name="user"/> and signs in again before the token runs out.</summary>
    public static HttpClient Client(Uri gateway, string user, string password) =>
        new(new BearerTokenHandler(token => AccessTokenAsync(gateway, user, password, token)) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromMinutes(5),
        };

    private static async Task ExpectAsync(HttpResponseMessage answer, HttpStatusCode expected, string step, CancellationToken cancellationToken)
    {
        if (answer.StatusCode != expected)
        {
            throw new UnexpectedAnswerException(
                $"Signing in stopped where {step}: {(int)answer.StatusCode} instead of {(int)expected}: {await answer.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken|[^"]*Antiforgery[^"]*|[^"]*RequestVerification[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();

    [GeneratedRegex("""<input type="hidden" name="returnUrl" value="(?<value>[^"]*)">""")]
    private static partial Regex ReturnUrl();
}
