using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using JinGong.Simulation;

namespace JinGong.Testing;

/// <summary>A read (GET) a service's OpenAPI document declares, with its query and path parameters.</summary>
public sealed record ReadOperation(string Path, string Name, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters)
{
    /// <summary>Every read of <paramref name="document"/> but the document itself.</summary>
    public static IReadOnlyList<ReadOperation> In(JsonNode document) =>
    [
        .. (document["paths"]?.AsObject() ?? []).Where(path => path.Value?["get"] is JsonObject && !path.Key.Contains("/openapi/", StringComparison.Ordinal))
            .Select(path =>
            {
                var parameters = (path.Value!["parameters"] as JsonArray ?? []).Concat(path.Value["get"]!["parameters"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                string[] Named(string where) => [.. parameters.Where(p => p["in"]?.GetValue<string>() == where).Select(p => p["name"]!.GetValue<string>())];
                return new ReadOperation(
                    path.Key, path.Value["get"]!["operationId"]?.GetValue<string>() ?? path.Key,
                    [.. System.Text.RegularExpressions.Regex.Matches(path.Key, "{([^}]+)}").Select(match => match.Groups[1].Value).Union(Named("path"))],
                    Named("query"));
            }),
    ];
}

/// <summary>
/// Hostile values for every query and path parameter of every read a service declares (issue 20, "hostile input on
/// reads"): dates and periods at the calendar's edges and beyond, huge and negative numbers, overflow, control
/// characters, invalid UTF-8, very long and unusual text. Every answer must be a 2xx or a 4xx Problem Details, never a
/// 5xx, whichever parameter carries it.
/// </summary>
public static class HostileReads
{
    /// <summary>Each value as it travels in a URL (already escaped where it must be).</summary>
    public static readonly IReadOnlyList<(string What, string Escaped)> Values =
    [
        ("empty", string.Empty),
        ("a space", "%20"),
        ("zero", "0"),
        ("minus one", "-1"),
        ("the largest int", "2147483647"),
        ("beyond a long", "99999999999999999999999"),
        ("a fraction", "1.5"),
        ("not a number", "NaN"),
        ("the first day", "0001-01-01"),
        ("the last day", "9999-12-31"),
        ("beyond the last day", "10000-01-01"),
        ("the first moment", "0001-01-01T00:00:00Z"),
        ("the last moment", "9999-12-31T23:59:59.9999999Z"),
        ("a moment beyond offsets", "9999-12-31T23:59:59-14:00"),
        ("the first quarter of year 1", "0001-Q1"),
        ("the last month", "9999-12"),
        ("a thirteenth month", "2026-13"),
        ("a fifth quarter", "2026-Q5"),
        ("a NUL", "%00"),
        ("a control character", "a%07%1Bb"),
        ("invalid UTF-8", "%C3%28"),
        ("a lone surrogate", "%ED%A0%80"),
        ("SQL", Uri.EscapeDataString("1' OR '1'='1")),
        ("a path climbing out", Uri.EscapeDataString("../../etc/passwd")),
        ("Unicode", Uri.EscapeDataString("\u91D1\u5DE5\U0001F69C\u202E")),
        ("10,000 characters", new string('x', 10_000)),
    ];

    private static readonly string[] RefusedInAPathByTheServer = ["a NUL", "invalid UTF-8", "a lone surrogate"];

    /// <summary>
    /// Sends every hostile value in every parameter of every read of <paramref name="service"/>'s document, one at a
    /// time; the wrong answers, described (none when every read holds).
    /// </summary>
    public static async Task<IReadOnlyList<string>> WrongAnswersAsync(HttpClient api, string service, int inParallel = 4)
    {
        JsonNode? document;
        using (var answer = await GetWithinBudgetAsync(api, $"/api/{service}/openapi/v1.json", CancellationToken.None))
        {
            document = await answer.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonNode>();
        }

        var reads = ReadOperation.In(document!);
        reads.Should().NotBeEmpty($"{service} declares its reads");
        var requests = reads.SelectMany(read =>
            read.PathParameters.Concat(read.QueryParameters).SelectMany(parameter => Values
                // The HTTP server refuses a path with a NUL or bytes that are not UTF-8 before any application code runs
                // (the whole system's hostile input test sends those through Kestrel); a test host cannot even carry them.
                .Where(value => !read.PathParameters.Contains(parameter) || !RefusedInAPathByTheServer.Contains(value.What))
                .Select(value => (Read: read, Parameter: parameter, Value: value))))
            .ToList();
        var wrong = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = inParallel }, async (request, cancellationToken) =>
        {
            var uri = UriFor(request.Read, request.Parameter, request.Value.Escaped);
            using var answer = await GetWithinBudgetAsync(api, uri, cancellationToken);
            var status = (int)answer.StatusCode;
            var type = answer.Content.Headers.ContentType?.MediaType;
            var body = await answer.Content.ReadAsStringAsync(cancellationToken);
            // Kestrel itself answers a request line longer than it takes (8 KB) with a bare 414, before any application
            // code runs, as it answers a NUL in a path with a bare 400 (a test host has no such limit).
            var refusedByTheServer = status == 414 && body.Length == 0;
            if (status >= 500 || status is >= 300 and < 400 || (status is >= 400 and < 500 && type != "application/problem+json" && !refusedByTheServer))
            {
                wrong.Add($"{request.Read.Name} {request.Parameter} = {request.Value.What}: {status} {type} {body[..Math.Min(body.Length, 200)]}");
            }
        });
        return [.. wrong.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// A GET answered by what it asked: through the gateway, a client that sends faster than its budget of requests
    /// (Gateway:RateLimit) is refused by the gateway with 429 before the service sees the request, as a warm system on a
    /// quiet machine lets this test do. That is no answer to the hostile value: come back when the gateway says. A 503 is
    /// the read's own answer, and wrong.
    /// </summary>
    private static Task<HttpResponseMessage> GetWithinBudgetAsync(HttpClient api, string uri, CancellationToken cancellationToken) =>
        ComeBack.WhenAllowedAsync(token => api.GetAsync(uri, token), status => status == HttpStatusCode.TooManyRequests, cancellationToken);

    private static string UriFor(ReadOperation read, string parameter, string value)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(read.Path, "{([^}]+)}", match => match.Groups[1].Value == parameter ? value : "JG-NO-SUCH-THING");
        return read.QueryParameters.Contains(parameter) ? $"{path}?{parameter}={value}" : path;
    }
}

/// <summary>
/// The hostile-reads test of one service on its own host: every read of its document, every parameter, every hostile
/// value. Each service's test project derives it, naming its host and its collection.
/// </summary>
public abstract class HostileReadTests(IApiUnderTest host, string service)
{
    [Xunit.Fact]
    public async Task every_read_answers_hostile_parameters_with_an_answer_or_a_problem_never_a_server_error()
    {
        var wrong = await HostileReads.WrongAnswersAsync(host.Api, service);

        wrong.Should().BeEmpty("every read answers with a result or a Problem Details; these did not:{0}{1}", Environment.NewLine, string.Join(Environment.NewLine, wrong));
    }
}
