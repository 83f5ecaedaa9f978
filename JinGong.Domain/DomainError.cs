using System.Globalization;

namespace JinGong.Domain;

/// <summary>What kind of rule a command broke; each kind has one HTTP answer (see <c>Problems</c>).</summary>
public enum ErrorKind
{
    /// <summary>The thing the command is about does not exist (404).</summary>
    NotFound,

    /// <summary>The command clashes with the current state, e.g. an illegal transition (409).</summary>
    Conflict,

    /// <summary>The command is well-formed but breaks a business rule, e.g. a time in the future (422).</summary>
    Unprocessable,

    /// <summary>The caller may not act on this record, e.g. one of another region (403).</summary>
    Forbidden,

    /// <summary>The stream moved on from the version the caller named in <c>If-Match</c> (412).</summary>
    PreconditionFailed,
}

/// <summary>
/// A business rule a command broke. <paramref name="Rule"/> is a stable kebab-case name (it becomes the
/// Problem Details <c>type</c>), <paramref name="Text"/> says what happened in the domain's words: kept as its format
/// and arguments, so that an API can say it in the reader's language.
/// </summary>
public sealed record DomainError(string Rule, FormattableString Text, ErrorKind Kind)
{
    /// <summary>What happened, in English (logs, events, messages on the bus).</summary>
    public string Detail => Text.ToString(CultureInfo.InvariantCulture);
}
