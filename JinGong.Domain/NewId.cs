using System.Security.Cryptography;

namespace JinGong.Domain;

/// <summary>Ids people can read out on the phone: a prefix and 10 random hex digits (e.g. ORD-3F9A0C12B7).</summary>
public static class NewId
{
    public static string For(string prefix) => $"{prefix}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}";
}
