using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JinGong.Testing;
using Xunit.Abstractions;

namespace JinGong.AppHost.Tests;

/// <summary>
/// Every write of every service (read from their OpenAPI documents, so a new one is covered without a new test), sent
/// twice through the gateway with one <c>Idempotency-Key</c> as a client that lost the first answer does: the second
/// gets the first's answer again and appends nothing anywhere.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class IdempotencyTests(SharedSystem system, ITestOutputHelper output)
{
    private static readonly string[] Services = ["fleet", "orders", "dispatch", "okr", "knowledge", "identity"];

    [Fact]
    public async Task every_write_sent_again_with_its_key_is_answered_the_same_and_appends_nothing()
    {
        var operations = new List<WriteOperation>();
        var undocumented = new List<string>();
        foreach (var service in Services)
        {
            var document = (await system.Gateway.GetFromJsonAsync<JsonNode>($"/api/{service}/openapi/v1.json"))!;
            operations.AddRange(WriteOperation.In(service, document));
            undocumented.AddRange(
                from path in document["paths"]!.AsObject()
                from operation in path.Value!.AsObject()
                where operation.Key is "post" or "put" or "patch" or "delete"
                    && (operation.Value!["parameters"] as JsonArray ?? []).All(parameter => parameter?["name"]?.GetValue<string>() != "Idempotency-Key" || parameter["in"]?.GetValue<string>() != "header")
                select $"{operation.Key.ToUpperInvariant()} {path.Key}");
        }

        undocumented.Should().BeEmpty("the API reference names the key every write honours");

        var targets = new ApiTargets(system.Gateway, Site.East, Site.North, "idem.rep");
        await targets.InitializeAsync();
        var repeats = new ConcurrentBag<string>();
        var wrong = new ConcurrentBag<string>();
        var notKept = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (operation, cancellationToken) =>
        {
            var target = await targets.PrepareAsync(operation);
            var path = target.PathOf(operation.Path);
            var key = Guid.NewGuid().ToString();
            using var first = await SendAsync(operation.Method, path, target.Body, key, Guid.NewGuid().ToString("N"), cancellationToken);
            var repeat = Guid.NewGuid().ToString("N");
            using var second = await SendAsync(operation.Method, path, target.Body, key, repeat, cancellationToken);
            var (firstBody, secondBody) = (await first.Content.ReadAsStringAsync(cancellationToken), await second.Content.ReadAsStringAsync(cancellationToken));
            if ((int)first.StatusCode is 429 or >= 500 || firstBody.Contains("concurrent-change", StringComparison.Ordinal))
            {
                // "Try again" is not kept: the repeat is a new attempt.
                notKept.Add($"{operation}: {(int)first.StatusCode}");
                return;
            }

            repeats.Add(repeat);
            if (second.StatusCode != first.StatusCode || secondBody != firstBody || second.Headers.Location != first.Headers.Location
                || !second.Headers.TryGetValues("Idempotent-Replayed", out var replayed) || !replayed.Contains("true"))
            {
                wrong.Add($"{operation}: {(int)first.StatusCode} then {(int)second.StatusCode} {secondBody[..Math.Min(secondBody.Length, 200)]}");
            }
        });

        output.WriteLine($"{operations.Count} writes sent twice with one key: {repeats.Count} answered again; not kept (try again): {string.Join("; ", notKept)}");
        wrong.Should().BeEmpty();
        repeats.Count.Should().BeGreaterThan(operations.Count * 3 / 4, "most writes' first answers are kept");
        foreach (var service in Services.Where(service => service != "identity"))
        {
            var stored = await new EventStoreQueries(await system.ConnectionStringAsync($"{service}db")).EventsAsync();
            stored.Where(entry => repeats.Contains(entry.CorrelationId ?? string.Empty)).Should().BeEmpty($"no repeat appended to {service}");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body, string key, string correlationId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        request.Headers.Add("X-Correlation-Id", correlationId);
        return await system.Gateway.SendAsync(request, cancellationToken);
    }
}
