using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace JinGong.Simulation;

/// <summary>An answer that was not the one a command expects: the play stops, saying what the system answered.</summary>
public sealed class UnexpectedAnswerException(string message) : Exception(message);

/// <summary>Commands and reads through the gateway as a well-behaved client sends them, counted.</summary>
public sealed class GatewayCommands
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxAttempts = 5;
    // Generous: on a loaded machine the bus can lag well behind the commands.
    private static readonly TimeSpan Settling = TimeSpan.FromMinutes(3);
    private readonly HttpClient gateway;
    private readonly Tally tally;

    public GatewayCommands(HttpClient gateway)
        : this(gateway, new Tally())
    {
    }

    private GatewayCommands(HttpClient gateway, Tally tally) => (this.gateway, this.tally) = (gateway, tally);

    public int Commands => Volatile.Read(ref tally.Commands);

    /// <summary>Commands recorded as of now rather than back-dated, because their stream had already recorded something later.</summary>
    public int RecordedLate => Volatile.Read(ref tally.RecordedLate);

    /// <summary>The same commands sent by someone else (<paramref name="client"/> signs in as them), counted with these.</summary>
    public GatewayCommands As(HttpClient client) => new(client, tally);

    public async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var answer = await ComeBack.WhenAllowedAsync(token => gateway.GetAsync(path, token), ComeBack.OnBudgetOrOutage, cancellationToken);
        return await JsonAsync(answer, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>A read that may find nothing (404): null then.</summary>
    public async Task<JsonElement?> FindAsync(string path, CancellationToken cancellationToken)
    {
        using var answer = await ComeBack.WhenAllowedAsync(token => gateway.GetAsync(path, token), ComeBack.OnBudgetOrOutage, cancellationToken);
        return answer.StatusCode == HttpStatusCode.NotFound ? null : await JsonAsync(answer, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>Reads until what the bus carries has arrived (a minute at most).</summary>
    public Task<JsonElement> WhenAsync(string path, Func<JsonElement, bool> condition, CancellationToken cancellationToken) =>
        Polling.UntilAsync(
            async token =>
            {
                using var answer = await gateway.GetAsync(path, token);
                return answer.IsSuccessStatusCode ? JsonDocument.Parse(await answer.Content.ReadAsStringAsync(token)).RootElement : default;
            },
            found => found.ValueKind == JsonValueKind.Object && condition(found), Settling, path, cancellationToken);

    public async Task<JsonElement> PostAsync(string path, object body, CancellationToken cancellationToken, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Interlocked.Increment(ref tally.Commands);
        using var answer = await SendAsync(path, body, cancellationToken);
        return await JsonAsync(answer, expected, cancellationToken);
    }

    /// <summary>
    /// A command naming a record another service keeps a copy of (a loan's working condition, the knowledge base's): sent
    /// again while the answer is the 422 <paramref name="notKnownYet"/>, which says that copy has not heard of it yet.
    /// </summary>
    public async Task<JsonElement> PostOnceKnownAsync(string path, object body, string notKnownYet, CancellationToken cancellationToken, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Interlocked.Increment(ref tally.Commands);
        var deadline = DateTimeOffset.UtcNow + Settling;
        while (true)
        {
            using var answer = await SendAsync(path, body, cancellationToken);
            if (answer.StatusCode != HttpStatusCode.UnprocessableEntity || DateTimeOffset.UtcNow > deadline
                || !(await answer.Content.ReadAsStringAsync(cancellationToken)).Contains($"problems/{notKnownYet}", StringComparison.Ordinal))
            {
                return await JsonAsync(answer, expected, cancellationToken);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>A record set whole at its address: created (201) or changed (200), either being what was asked.</summary>
    public async Task<JsonElement> PutAsync(string path, object body, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref tally.Commands);
        using var answer = await SendAsync(HttpMethod.Put, path, () => JsonContent.Create(body), cancellationToken);
        return await JsonAsync(answer, answer.StatusCode == HttpStatusCode.Created ? HttpStatusCode.Created : HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>A file sent as its own bytes (an attachment, named in the path's query), as a command: counted, keyed and sent again like the others.</summary>
    public async Task<JsonElement> UploadAsync(string path, byte[] content, CancellationToken cancellationToken, HttpStatusCode expected = HttpStatusCode.Created)
    {
        Interlocked.Increment(ref tally.Commands);
        using var answer = await SendAsync(HttpMethod.Post, path, () => new ByteArrayContent(content), cancellationToken);
        return await JsonAsync(answer, expected, cancellationToken);
    }

    /// <summary>
    /// A command back-dated to when it was planned; when the records already say something later happened (a fact learnt
    /// over the bus is recorded no earlier than the stream's previous event), it is recorded as of now instead.
    /// </summary>
    public async Task<JsonElement> PostBackDatedAsync<T>(string path, T body, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref tally.Commands);
        using var answer = await SendAsync(path, body, cancellationToken);
        if (answer.StatusCode == HttpStatusCode.UnprocessableEntity
            && (await answer.Content.ReadAsStringAsync(cancellationToken)).Contains("occurred-before-previous-event", StringComparison.Ordinal))
        {
            var now = JsonSerializer.SerializeToNode(body, JsonSerializerOptions.Web)!.AsObject();
            now.Remove("occurredAt");
            Interlocked.Increment(ref tally.RecordedLate);
            return await PostAsync(path, now, cancellationToken);
        }

        return await JsonAsync(answer, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>
    /// Sends a command as a client should: with an <c>Idempotency-Key</c> of its own, kept across every resend, so that a
    /// command whose answer was lost (a 503 from a commit that went through, say) is done once; and again on a 409
    /// concurrent-change, which means the stream moved while the command was decided (a consumer of the bus wrote to it
    /// meanwhile), and on a 409 idempotency-key-in-use (its first send is still being answered): both ask for it again.
    /// </summary>
    private Task<HttpResponseMessage> SendAsync<T>(string path, T body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, () => JsonContent.Create(body), cancellationToken);

    /// <param name="content">Makes the body, once for each send.</param>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Func<HttpContent> content, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            var answer = await ComeBack.WhenAllowedAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(method, path) { Content = content() };
                    request.Headers.Add(IdempotencyKeyHeader, key);
                    return await gateway.SendAsync(request, token);
                },
                ComeBack.OnBudgetOrOutage,
                cancellationToken);
            var problem = answer.StatusCode == HttpStatusCode.Conflict ? await answer.Content.ReadAsStringAsync(cancellationToken) : string.Empty;
            var again = problem.Contains("problems/concurrent-change", StringComparison.Ordinal)
                || problem.Contains("problems/idempotency-key-in-use", StringComparison.Ordinal);
            if (attempt >= MaxAttempts || !again)
            {
                return answer;
            }

            // The same command still being answered (its first send's answer was lost) says when to come back.
            var after = answer.Headers.RetryAfter?.Delta;
            answer.Dispose();
            if (after is { } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage answer, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var body = await answer.Content.ReadAsStringAsync(cancellationToken);
        if (answer.StatusCode != expected)
        {
            throw new UnexpectedAnswerException(
                $"{answer.RequestMessage?.Method} {answer.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)answer.StatusCode} instead of {(int)expected}: {body}");
        }

        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>What every client of one play has sent, counted together.</summary>
    private sealed class Tally
    {
        public int Commands;
        public int RecordedLate;
    }
}
