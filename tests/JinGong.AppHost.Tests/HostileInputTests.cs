using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JinGong.Simulation;
using JinGong.Testing;
using Xunit.Abstractions;

namespace JinGong.AppHost.Tests;

/// <summary>
/// Every write endpoint of every service, as its OpenAPI document declares it, is sent hostile input (issue 12, item 4;
/// see <see cref="HostileRequests"/> for what is sent). The rules:
/// <list type="bullet">
/// <item>No request gets a 5xx, and every refusal (4xx) is Problem Details (<c>application/problem+json</c> with its status) —
/// save the HTTP server's own bare 400 for a request it will not parse (a NUL in the path), which no application code sees.</item>
/// <item>Input that is never valid — malformed JSON, a wrong content type, a wrong JSON type, a body or a text too big, a NUL,
/// a control character or a lone surrogate, an overflowing number, a name the enum does not have or a number for it, a hostile
/// path id — is refused. Text that only an id or a code cannot be (SQL, script, unusual Unicode) is refused there too.</item>
/// <item>Input that is odd but valid — Unicode, SQL- or script-like text in free text (a reason, a name), an extra field, a
/// negative number, a field left out, an extreme but real date — may be accepted (2xx); then the stream is used up and the
/// next request goes to a fresh one.</item>
/// <item>A refused request changes nothing: no event in any service's database carries its correlation id, and every
/// event appended during the run belongs to an accepted request or to the setup (DESIGN.md, "Who and why").</item>
/// </list>
/// It runs on the system its collection shares: what the other tests set in motion has settled before the run begins.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class HostileInputTests(SharedSystem system, ITestOutputHelper output)
{
    private const int InParallel = 8;
    private const string RequestPrefix = "hostile-";
    private static readonly string[] Services = ["fleet", "orders", "dispatch", "okr", "knowledge"];

    private sealed record Answer(WriteOperation Operation, HostileVariant Variant, string CorrelationId, int Status, string? ContentType, string Body, string? Error)
    {
        public bool Accepted => Status is >= 200 and < 300;

        public bool Refused => Status is >= 400 and < 500;

        public override string ToString() =>
            $"{Operation} [{Variant.Class}] {Variant.What}: {(Error ?? $"{Status} {ContentType}")} {Body[..Math.Min(Body.Length, 300)]}";
    }

    [Fact]
    public async Task every_write_endpoint_answers_hostile_input_with_problem_details_and_a_refusal_changes_nothing()
    {
        var clock = Stopwatch.StartNew();
        var password = SignIn.AdministratorPassword(system.DataDirectory);
        using var gateway = new HttpClient(new BearerTokenHandler(token => SignIn.AccessTokenAsync(system.GatewayAddress, SignIn.Administrator, password, token))
        {
            InnerHandler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) },
        })
        {
            BaseAddress = system.GatewayAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var operations = new List<WriteOperation>();
        foreach (var service in Services)
        {
            var document = await gateway.GetFromJsonAsync<JsonNode>($"/api/{service}/openapi/v1.json");
            var writes = WriteOperation.In(service, document!);
            writes.Should().NotBeEmpty($"{service} has write endpoints");
            operations.AddRange(writes);
        }

        var targets = new ApiTargets(gateway, Site.East, Site.North, "hx.rep");
        await targets.InitializeAsync();
        await system.SettledAsync(Services);
        var before = await EventIdsAsync();

        var answers = new ConcurrentQueue<Answer>();
        var sent = 0;
        await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = InParallel }, async (operation, cancellationToken) =>
        {
            var target = await targets.PrepareAsync(operation);
            foreach (var variant in HostileRequests.For(operation))
            {
                var correlationId = $"{RequestPrefix}{Interlocked.Increment(ref sent).ToString(CultureInfo.InvariantCulture)}";
                var answer = await SendAsync(gateway, operation, variant, target, correlationId, cancellationToken);
                answers.Enqueue(answer);
                if (answer.Accepted)
                {
                    // The stream moved on (or the id is taken now): what follows goes to a fresh one.
                    target = await targets.PrepareAsync(operation);
                }
            }
        });
        var after = await EventsAsync();
        clock.Stop();

        var failures = new List<string>();
        failures.AddRange(answers.Where(answer => answer.Error is not null || answer.Status is < 200 or >= 500 or (>= 300 and < 400))
            .Select(answer => $"not a 2xx or 4xx answer: {answer}"));
        failures.AddRange(answers.Where(answer => answer.Refused && !IsProblemDetails(answer) && !IsServerRefusal(answer)).Select(answer => $"a refusal that is not Problem Details: {answer}"));
        failures.AddRange(answers.Where(answer => answer.Accepted && !answer.Variant.MayBeAccepted).Select(answer => $"accepted, but never valid input: {answer}"));
        failures.AddRange(EventsLeftBehind(answers, before, after));

        // A server error is rare and says nothing of its cause in its answer: what the service logged as failed does.
        foreach (var service in answers.Where(answer => answer.Status >= 500).Select(answer => answer.Operation.Service).Distinct())
        {
            var errors = (await system.LogRecordsAsync(service)).Where(record => record.Level == "fail").TakeLast(3).ToList();
            failures.InsertRange(0, errors.Select(record => $"{service} logged at {record.At:O}: {record.Category}: {record.Text}"));
        }

        Summarize(operations, targets, answers, before, after, clock.Elapsed);
        output.WriteLine($"{failures.Count} failures{(failures.Count > 0 ? ":" : ".")}");
        failures.ForEach(output.WriteLine);
        failures.Should().BeEmpty(string.Join(Environment.NewLine, failures.Take(40)));
    }

    [Fact]
    public async Task every_read_of_every_service_answers_hostile_parameters_through_the_gateway_with_an_answer_or_a_problem()
    {
        // Each service's reads are tried on its own host too; here the gateway's routing, its edge and identity's reads
        // are in the way, as for a BI tool.
        var wrong = new List<string>();
        foreach (var service in Services.Append("identity"))
        {
            wrong.AddRange(await HostileReads.WrongAnswersAsync(system.Gateway, service));
        }

        wrong.Should().BeEmpty("every read answers with a result or a Problem Details through the gateway; these did not:{0}{1}", Environment.NewLine, string.Join(Environment.NewLine, wrong));
    }

    private static async Task<Answer> SendAsync(
        HttpClient gateway, WriteOperation operation, HostileVariant variant, HostileTarget target, string correlationId, CancellationToken cancellationToken)
    {
        using var request = variant.Request(target);
        request.Headers.Add("X-Correlation-Id", correlationId);
        try
        {
            using var response = await gateway.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new Answer(operation, variant, correlationId, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, null);
        }
        catch (HttpRequestException error)
        {
            return new Answer(operation, variant, correlationId, 0, null, string.Empty, $"no answer ({error.Message})");
        }
    }

    // Kestrel answers a request it will not parse (a NUL in the path) with a bare 400 before any application code runs.
    private static bool IsServerRefusal(Answer answer) => answer.Variant.RefusedByTheServer && answer.Status == 400 && answer.Body.Length == 0;

    private static bool IsProblemDetails(Answer answer)
    {
        if (answer.ContentType != "application/problem+json")
        {
            return false;
        }

        try
        {
            var problem = JsonDocument.Parse(answer.Body).RootElement;
            return problem.ValueKind == JsonValueKind.Object
                && problem.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number && status.GetInt32() == answer.Status
                && problem.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // A refused request appended nothing anywhere; whatever was appended carries the correlation id of an accepted request or of the setup.
    private static IEnumerable<string> EventsLeftBehind(IEnumerable<Answer> answers, IReadOnlySet<Guid> before, IReadOnlyList<(string Database, EventStoreQueries.StoredEvent Event)> after)
    {
        var byCorrelation = answers.ToDictionary(answer => answer.CorrelationId);
        foreach (var (database, stored) in after.Where(entry => !before.Contains(entry.Event.Id)))
        {
            var correlationId = stored.CorrelationId ?? string.Empty;
            if (byCorrelation.TryGetValue(correlationId, out var answer) && !answer.Accepted)
            {
                yield return $"a refused request left {stored.Type} on {stored.StreamId} in {database}: {answer}";
            }
            else if (answer is null && !correlationId.StartsWith(ApiTargets.SetupPrefix, StringComparison.Ordinal))
            {
                yield return $"{stored.Type} on {stored.StreamId} in {database} belongs to no request of this run (correlation id '{correlationId}')";
            }
        }
    }

    private async Task<IReadOnlyList<(string Database, EventStoreQueries.StoredEvent Event)>> EventsAsync()
    {
        var events = new List<(string, EventStoreQueries.StoredEvent)>();
        foreach (var service in Services)
        {
            var database = $"{service}db";
            events.AddRange((await new EventStoreQueries(await system.ConnectionStringAsync(database)).EventsAsync()).Select(stored => (database, stored)));
        }

        return events;
    }

    private async Task<IReadOnlySet<Guid>> EventIdsAsync() => (await EventsAsync()).Select(entry => entry.Event.Id).ToHashSet();

    private void Summarize(
        IReadOnlyList<WriteOperation> operations, ApiTargets targets, IReadOnlyCollection<Answer> answers,
        IReadOnlySet<Guid> before, IReadOnlyList<(string Database, EventStoreQueries.StoredEvent Event)> after, TimeSpan elapsed)
    {
        var summary = new StringBuilder();
        summary.AppendLine(CultureInfo.InvariantCulture, $"{answers.Count} hostile requests to {operations.Count} write operations in {elapsed.TotalSeconds:0} s");
        foreach (var service in operations.GroupBy(operation => operation.Service))
        {
            summary.AppendLine(CultureInfo.InvariantCulture, $"{service.Key}: {service.Count()} operations");
            foreach (var operation in service)
            {
                var its = answers.Where(answer => answer.Operation == operation).ToList();
                var target = operation.Resource is null ? "new" : targets.Knows(operation) ? "existing" : "unknown id";
                summary.AppendLine(CultureInfo.InvariantCulture,
                    $"  {operation,-60} {target,-10} {its.Count,4} requests: {string.Join(", ", its.GroupBy(answer => answer.Status).OrderBy(group => group.Key).Select(group => $"{group.Key} x{group.Count()}"))}");
            }
        }

        summary.AppendLine("answers by status: " + string.Join(", ", answers.GroupBy(answer => answer.Status).OrderBy(group => group.Key).Select(group => $"{group.Key} x{group.Count()}")));
        var accepted = answers.Where(answer => answer.Accepted).Select(answer => answer.CorrelationId).ToHashSet();
        foreach (var database in after.GroupBy(entry => entry.Database))
        {
            var appended = database.Where(entry => !before.Contains(entry.Event.Id)).ToList();
            var byAccepted = appended.Count(entry => accepted.Contains(entry.Event.CorrelationId ?? string.Empty));
            summary.AppendLine(CultureInfo.InvariantCulture,
                $"{database.Key}: {database.Count() - appended.Count} events before, {appended.Count} appended: {byAccepted} for accepted requests, {appended.Count - byAccepted} for the setup (refused requests: none, or listed below)");
        }

        summary.AppendLine("accepted, by kind of input: " + string.Join(", ", answers.Where(answer => answer.Accepted).GroupBy(answer => answer.Variant.Class).Select(group => $"{group.Key} x{group.Count()}")));
        output.WriteLine(summary.ToString());
    }
}
