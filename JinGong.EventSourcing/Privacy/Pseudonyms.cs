using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace JinGong.EventSourcing.Privacy;

/// <summary>
/// The stable pseudonym an erased subject's personal fields become [去标识化]: <c>erased:</c> and eight hex digits of an
/// HMAC-SHA-256 of the subject's id under a key every service shares (<c>Privacy:PseudonymKey</c>, kept beside the data,
/// never in a database). The same subject gives the same pseudonym in every service, so figures grouped by it still group
/// (and join across services); without the key, no one can tell whose it was from the id.
/// </summary>
public sealed class Pseudonyms(IConfiguration configuration)
{
    public const string Setting = "Privacy:PseudonymKey";
    public const string Prefix = "erased:";

    public string Of(string subjectId)
    {
        var key = configuration[Setting] is { Length: > 0 } set
            ? Encoding.UTF8.GetBytes(set)
            : throw new InvalidOperationException($"{Setting} is not set: the AppHost passes the key every service pseudonymises erased subjects under.");
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(subjectId)))[..8];
    }
}
