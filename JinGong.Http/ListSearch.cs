using JinGong.Http.Languages;

namespace JinGong.Http;

/// <summary>
/// A list's <c>?search=</c>: the start of a code, a name or a place, whatever its case (<c>jg-ex-00</c> finds
/// <c>JG-EX-0004</c>). Marten escapes the LIKE wildcards, so a <c>%</c> or <c>_</c> is searched for as itself.
/// </summary>
public static class ListSearch
{
    /// <summary>What a search names at most: a code, a customer, a model or a warehouse, not a document.</summary>
    public const int MaxLength = 100;

    public const StringComparison AnyCase = StringComparison.OrdinalIgnoreCase;

    public static void Check(string? search, IDictionary<string, string[]> errors)
    {
        if (search?.Trim().Length > MaxLength)
        {
            errors["search"] = [Texts.Say($"A search has at most {MaxLength} characters.")];
        }
    }

    /// <summary>What was searched for, trimmed; null when nothing was.</summary>
    public static string? Of(string? search) => FieldErrors.Trimmed(search);
}
