using System.Security.Cryptography;
using System.Text;

namespace JinGong.Contracts.Orders;

/// <summary>
/// A customer's id [客户编号], derived from the name it was registered under: the same name always gives the same id, so a
/// customer named in an event older than the registry (a name, no id) is the customer registered under that name, in
/// every service that reads such an event. The name is compared as people write it: width, case and runs of spaces
/// aside ("Baotou  steel" and "ＢＡＯＴＯＵ Steel" are one customer). A renamed customer keeps its id.
/// </summary>
public static class CustomerIds
{
    public const string Prefix = "CUS-";

    public static string ForName(string name) =>
        Prefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(KeyOf(name))))[..10];

    /// <summary>Whether <paramref name="id"/> has the shape of a customer's id (a contact's has more).</summary>
    public static bool IsCustomer(string id) =>
        id.Length == Prefix.Length + 10 && id.StartsWith(Prefix, StringComparison.Ordinal) && id[Prefix.Length..].All(char.IsAsciiHexDigitUpper);

    /// <summary>A customer's contact is numbered within it, for good: <c>CUS-…-C1</c>, <c>-C2</c>...</summary>
    public static string ContactOf(string customerId, int number) => $"{customerId}-C{number}";

    /// <summary>The customer a contact id is numbered within, or null when it is no contact's id.</summary>
    public static string? CustomerOfContact(string contactId) =>
        contactId.StartsWith(Prefix, StringComparison.Ordinal) && contactId.LastIndexOf("-C", StringComparison.Ordinal) is var at and > 0
        && at + 2 < contactId.Length && contactId[(at + 2)..].All(char.IsAsciiDigit)
            ? contactId[..at]
            : null;

    /// <summary>A name as it is compared: NFKC, upper case, single spaces, trimmed.</summary>
    public static string KeyOf(string name) =>
        string.Join(' ', name.Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
