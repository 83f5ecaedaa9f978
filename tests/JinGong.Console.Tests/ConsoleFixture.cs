using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using JinGong.Simulation;
using JinGong.Testing;
using Microsoft.Playwright;

namespace JinGong.Console.Tests;

/// <summary>
/// The demo company's system and a headless Debian chromium driven by Playwright (never a browser Playwright
/// downloads). Each test opens its own signed-in page; screenshots and page load times go to <c>artifacts/console/</c>.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Collection = "demo company";

    private static readonly TimeSpan SimulatorDeadline = TimeSpan.FromMinutes(10);
    private readonly List<PageLoad> loads = [];
    private IPlaywright? playwright;
    private AdministratorSession? administrator;

    public DemoCompanySystem System { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public static string ArtifactsDirectory { get; } = RepositoryFolders.Artifacts("console");

    public async Task InitializeAsync()
    {
        await System.InitializeAsync();
        await System.SimulatorFinishedAsync(after: DateTime.MinValue, SimulatorDeadline);

        // What a page shows after a command waits for the services behind it, which on a busy 2-core CI answered a lend in
        // over Playwright's default 5 s (run 20); a page that never shows it still fails, later.
        Assertions.SetDefaultExpectTimeout(20_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Root in a container has no sandbox; the machine's closed network refuses chromium's own background calls.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        // The browser's very first page starts its renderer, network and storage processes from nothing; on a loaded 2-core
        // machine that first navigation has outlasted a test's timeout (the first test of two loaded runs failed at it,
        // every later one took 3 s). It is done once here, with room, so no test pays for it.
        var firstPage = await SignedInPageAsync("/", navigationTimeout: TimeSpan.FromMinutes(4));
        await firstPage.Context.CloseAsync();
    }

    /// <summary>
    /// The page's path once it satisfies <paramref name="arrived"/>, read from its address: the console moves by
    /// same-document navigations, for which a wait on Playwright's navigation events (WaitForURL) missed its event in CI
    /// runs with the page already at its address.
    /// </summary>
    public static Task<string> PathAsync(IPage page, Func<string, bool> arrived, TimeSpan? timeout = null) =>
        Polling.UntilAsync(_ => Task.FromResult(new Uri(page.Url).AbsolutePath), arrived, timeout ?? TimeSpan.FromSeconds(90), $"the page to reach its path (at {page.Url})");

    /// <summary>
    /// A new browser context signed in as the administrator, or as <paramref name="person"/> (an account a test opened with
    /// its password), at <paramref name="path"/>. A person always signs in through the console's own sign-in; the
    /// administrator does once, and later contexts are handed that session while it is young (<see cref="AdministratorSession"/>).
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string path, TimeSpan? navigationTimeout = null, (string User, string Password)? person = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = System.GatewayAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "zh-CN",
        });
        // A navigation on a 2-core CI running two whole systems beside the browser has taken over Playwright's default 30 s
        // to reach its load event; how long pages take is measured and reported by OpenAsync, never asserted here.
        context.SetDefaultNavigationTimeout((float)(navigationTimeout ?? TimeSpan.FromSeconds(90)).TotalMilliseconds);
        if (navigationTimeout is { } room)
        {
            context.SetDefaultTimeout((float)room.TotalMilliseconds);
        }

        if (person is null && administrator?.Young == true)
        {
            await context.AddInitScriptAsync(administrator.Script);
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            return page;
        }

        var signedIn = await SignInAsync(context, path, navigationTimeout, person);
        if (person is null)
        {
            administrator = await AdministratorSession.OfAsync(signedIn);
        }

        return signedIn;
    }

    /// <summary>Opens <paramref name="path"/> in <paramref name="context"/> and signs in there through identity's sign-in page.</summary>
    private async Task<IPage> SignInAsync(IBrowserContext context, string path, TimeSpan? navigationTimeout, (string User, string Password)? person)
    {
        var page = await context.NewPageAsync();
        // What the page still waits for, said when a sign-in never reaches its load event (two CI runs saw it, 90 s).
        var pending = new ConcurrentDictionary<IRequest, byte>();
        page.Request += (_, request) => pending[request] = 0;
        page.RequestFinished += (_, request) => pending.TryRemove(request, out byte _);
        page.RequestFailed += (_, request) => pending.TryRemove(request, out byte _);
        await page.GotoAsync(path);
        // Not signed in: the console sends the browser to identity's sign-in page, and back once signed in.
        var (user, password) = person ?? (SignIn.Administrator, SignIn.AdministratorPassword(System.DataDirectory));
        await page.Locator("#username").FillAsync(user);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        // What matters is that the browser has left identity; the page is then read as its callers wait for it (OpenAsync
        // reloads it). Its address is watched, not a navigation event: the console reaches it from /signed-in by
        // same-document navigations, and CI runs saw the page at its address with nothing in flight while Playwright
        // still waited for the event (a load event for 90 s; a commit for 4 minutes).
        try
        {
            await PathAsync(
                page, at => !at.StartsWith("/account/", StringComparison.Ordinal) && !at.StartsWith("/connect/", StringComparison.Ordinal) && at != "/signed-in",
                navigationTimeout ?? TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"The signed-in page did not load: at {page.Url}, still waiting for [{string.Join(", ", pending.Keys.Select(request => $"{request.Method} {request.Url}"))}].", timeout);
        }
        if (new Uri(page.Url).PathAndQuery != path)
        {
            await page.GotoAsync(path);
        }

        return page;
    }

    /// <summary>
    /// The administrator's session as the console keeps it (its sign-in's entries in <c>sessionStorage</c>), put into a
    /// new context's storage before its first page runs: signing in through identity for each of a run's ~80 pages
    /// took an eighth of this project's time. It is handed on only while its access token has two thirds of its life left,
    /// so no page outlives it; and without its refresh token, which identity rotates: pages sharing one could each redeem
    /// it, and only the first would be answered.
    /// </summary>
    private sealed record AdministratorSession(string Script, DateTimeOffset Expires)
    {
        public bool Young => Expires - DateTimeOffset.UtcNow > TimeSpan.FromMinutes(10);

        public static async Task<AdministratorSession> OfAsync(IPage page)
        {
            var stored = await page.EvaluateAsync<Dictionary<string, string>>(
                "() => Object.fromEntries(Object.entries(sessionStorage).filter(([key]) => key.startsWith('oidc.user:')))");
            var user = stored.Should().ContainSingle("the console keeps its signed-in user in sessionStorage").Subject;
            var session = JsonNode.Parse(user.Value)!.AsObject();
            session.Remove("refresh_token");
            var expires = DateTimeOffset.FromUnixTimeSeconds(session["expires_at"]!.GetValue<long>());
            var entry = JsonSerializer.Serialize(new[] { new Uri(page.Url).GetLeftPart(UriPartial.Authority), user.Key, session.ToJsonString() });
            // Every document of the context runs it before its own scripts: the console's origin gets the session unless it
            // holds one already (a blank page has no storage to put it in).
            var script = $$"""
                (([origin, key, value]) => {
                  if (location.origin === origin && sessionStorage.getItem(key) === null) sessionStorage.setItem(key, value);
                })({{entry}});
                """;
            return new(script, expires);
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> again in a signed-in page and waits until <paramref name="ready"/> is visible:
    /// that time from the navigation's start is the page's load time (reported, never asserted), and the page is saved
    /// as a screenshot.
    /// </summary>
    public async Task<IPage> OpenAsync(string name, string path, Func<IPage, ILocator> ready)
    {
        var page = await SignedInPageAsync(path);
        var watch = Stopwatch.StartNew();
        await page.ReloadAsync();
        // Waited for as the browser draws frames (an assertion's retries would round the time up to its next retry), and
        // timed by the page itself from the start of its navigation.
        await ready(page).WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 30_000 });
        var shown = TimeSpan.FromMilliseconds(await page.EvaluateAsync<double>("() => performance.now()"));
        // Settled: no request for 500 ms (Playwright's network idle), so what loads below the fold has come too.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var settled = watch.Elapsed - TimeSpan.FromMilliseconds(500);
        // Each request of the load as the page timed it, so a slow page says what it waited on.
        var requests = (await page.EvaluateAsync<JsonElement>(
            """
            () => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
                .map(entry => ({ path: new URL(entry.name).pathname + new URL(entry.name).search, start: Math.round(entry.startTime), duration: Math.round(entry.duration) }))
            """)).Deserialize<RequestTime[]>(JsonSerializerOptions.Web)!;
        lock (loads)
        {
            loads.Add(new PageLoad(name, path, Math.Round(shown.TotalMilliseconds), Math.Round(settled.TotalMilliseconds), requests));
        }

        await ScreenshotAsync(page, name);
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (loads.Count > 0)
        {
            await File.WriteAllTextAsync(
                Path.Combine(ArtifactsDirectory, "page-loads.json"),
                JsonSerializer.Serialize(loads.OrderByDescending(load => load.Milliseconds), new JsonSerializerOptions { WriteIndented = true }));
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await System.DisposeAsync();
    }

    /// <summary>
    /// From the navigation's start to the page's data on screen (<paramref name="Milliseconds"/>), and to its last request answered
    /// (<paramref name="SettledMilliseconds"/>: what loads later, below the fold, included), and the requests it made.
    /// </summary>
    private sealed record PageLoad(string Page, string Path, double Milliseconds, double SettledMilliseconds, IReadOnlyList<RequestTime> Requests);

    /// <summary>A request of a page's load: when it started after the navigation's start, and how long until its answer's last byte (ms).</summary>
    private sealed record RequestTime(string Path, double Start, double Duration);
}

/// <summary>The demo company is played once, for the console's tests and for its own.</summary>
[CollectionDefinition(ConsoleFixture.Collection)]
public sealed class DemoCompanyCollection : ICollectionFixture<ConsoleFixture>;
