using System.Security.Cryptography;

namespace JinGong.Identity.Accounts;

/// <summary>
/// Someone or something that may sign in: a person (subject = their roster id, signs in with a password) or a
/// machine client (subject = its client id, signs in with client credentials). The roles and region it holds
/// become its tokens' claims.
/// </summary>
public sealed class Account
{
    public const int MaxIdLength = 64;

    public required string Id { get; init; }

    public required string Name { get; set; }

    public required string[] Roles { get; set; }

    public string? Region { get; set; }

    /// <summary>People only; machine clients prove themselves with their OpenIddict client secret.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>A closed account signs in no more and its tokens are not refreshed.</summary>
    public bool Active { get; set; } = true;

    /// <summary>A machine client's account: its settings define it, not an administrator or the roster.</summary>
    public bool Machine { get; init; }

    /// <summary>When the last roster fact applied to this account occurred; an older one arriving late is ignored.</summary>
    public DateTimeOffset? RosterAsOf { get; set; }

    /// <summary>Wrong passwords in a row since the last right one (<see cref="Lockout"/>).</summary>
    public int FailedSignIns { get; set; }

    /// <summary>Until when no password is taken for this account after too many wrong ones.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>
    /// Renewed whenever the password or the account's standing changes: a sign-in session made under an older stamp is
    /// over (the identity provider's own cookie carries the stamp it was made under).
    /// </summary>
    public string SecurityStamp { get; set; } = NewStamp();

    /// <summary>Ends every sign-in session made so far and clears any lock: after a new password, a closing or a reopening.</summary>
    public void Restamp()
    {
        SecurityStamp = NewStamp();
        (FailedSignIns, LockedUntil) = (0, null);
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}

/// <summary>PBKDF2-SHA256 password hashes, self-describing (<c>pbkdf2-sha256$iterations$salt$hash</c>).</summary>
public static class PasswordHash
{
    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 100_000;
    private const int SaltSize = 16;
    private const int HashSize = 32;

    public static string Of(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, HashSize);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    // What an unknown name or an account without a password is checked against, so that it costs what a real check costs.
    private static readonly string Nobody = Of(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    public static bool Matches(string? stored, string password)
    {
        var parts = (stored ?? Nobody).Split('$');
        if (parts is not [Scheme, var iterations, var salt, var hash] || !int.TryParse(iterations, out var count))
        {
            return false;
        }

        var expected = Convert.FromBase64String(hash);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(salt), count, HashAlgorithmName.SHA256, expected.Length);
        return stored is not null && CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
