using System.Collections.Frozen;

namespace JinGong.Contracts;

/// <summary>
/// The words one field of a contract may carry, spelt exactly as they travel. A consumer that meets a word it has
/// not learnt throws (<see cref="Unknown"/>): the bus retries the message, then parks it in its _error queue for
/// someone to look at, instead of dropping it as if it did not matter.
/// </summary>
public sealed class Vocabulary(string field, params string[] words)
{
    public IReadOnlySet<string> Words { get; } = words.ToFrozenSet(StringComparer.Ordinal);

    /// <summary><paramref name="word"/> itself, or the failure of a consumer that does not know it.</summary>
    public string Require(string word) => Words.Contains(word) ? word : throw Unknown(word);

    public InvalidOperationException Unknown(string? word) =>
        new($"{field} \"{word}\" is not a word this consumer knows ({string.Join(", ", Words)}).");
}
