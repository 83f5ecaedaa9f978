using System.Security.Cryptography;
using System.Text;

namespace JinGong.Http.Idempotency;

/// <summary>
/// The answer a write with an <c>Idempotency-Key</c> got, kept so that the same request sent again gets it again
/// without doing anything: its status, the headers that matter (<c>Location</c>, <c>ETag</c>) and its body, with
/// whose key it was and a fingerprint of the request it answered.
/// </summary>
public sealed record IdempotentAnswer(
    string Id,
    string Caller,
    string Key,
    string Fingerprint,
    int Status,
    string? ContentType,
    string? Location,
    string? ETag,
    byte[] Body,
    DateTimeOffset RecordedAt)
{
    /// <summary>One caller's key: another caller's same key is another key.</summary>
    public static string IdOf(string caller, string key) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{caller}\n{key}")));
}

/// <summary>Where a service keeps its idempotent answers: in its own database, beside what the answered writes stored.</summary>
public interface IIdempotentAnswers
{
    Task<IdempotentAnswer?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps an answer in a transaction of its own, unless one is kept already: a write that stored something kept its
    /// own with it; a refusal, which stored nothing, is kept here.
    /// </summary>
    Task KeepAsync(IdempotentAnswer answer, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the key while its request runs, across every replica of the service (a PostgreSQL advisory lock on a
    /// connection of its own, released with it, also when the process dies); null when another request holds it.
    /// </summary>
    Task<IAsyncDisposable?> TryHoldAsync(string id, CancellationToken cancellationToken);

    /// <summary>Forgets the answers recorded before <paramref name="before"/>.</summary>
    Task ForgetAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
