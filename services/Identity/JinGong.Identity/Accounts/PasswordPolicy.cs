namespace JinGong.Identity.Accounts;

/// <summary>
/// What a password must be (NIST SP 800-63B's advice: length over composition rules): long enough, not too long to hash
/// cheaply, not the person's own id or name, not made of a few repeated characters, and not one of the passwords
/// everybody tries first.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    // Lists of leaked passwords, as far as they reach the minimum length, and what people here are known to choose.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "123456789abc", "1234567890qwerty", "1234567890abc",
        "password1234", "password12345", "password123456", "passw0rd1234", "p@ssw0rd1234", "p@ssword1234", "password!234",
        "qwertyuiop12", "qwertyuiop123", "qwerty123456", "qwertyuiopasdf", "qwer1234asdf", "1q2w3e4r5t6y", "1qaz2wsx3edc",
        "1qaz2wsx3edc4rfv", "zaq12wsxcde3", "asdfghjkl123", "zxcvbnm12345", "abc123456789", "abcd12345678", "abcdefghijkl",
        "iloveyou1234", "letmein12345", "welcome12345", "welcome123456", "changeme1234", "administrator", "administrator1",
        "admin1234567", "admin123456789", "woaini1314520", "woaini520520", "woaini1314", "5201314520", "520131452013",
        "a123456789012", "aa123456789012", "1314520woaini", "qq123456789012", "password2024", "password2025",
        "password2026", "welcome2026!", "jingong12345", "jingong123456", "jingong2026!",
    };

    /// <summary>Why <paramref name="password"/> may not be this account's, or null when it may.</summary>
    public static FormattableString? Refusal(string password, string accountId, string? name)
    {
        if (password.Length < MinLength)
        {
            return $"A password has at least {MinLength} characters.";
        }

        if (password.Length > MaxLength)
        {
            return $"A password has at most {MaxLength} characters.";
        }

        if (password.Distinct().Count() < 5)
        {
            return $"A password of so few different characters is guessed at once.";
        }

        if (Common.Contains(password))
        {
            return $"This is one of the passwords tried first: choose another.";
        }

        var own = new[] { accountId, name }.Concat(name?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [])
            .Where(part => part is { Length: >= 3 });
        if (own.Any(part => password.Contains(part!, StringComparison.OrdinalIgnoreCase)))
        {
            return $"A password does not contain your user name or your name.";
        }

        return null;
    }
}
