namespace JinGong.Identity.Accounts;

/// <summary>
/// Wrong passwords in a row lock an account for a while, longer each time: a few mistakes cost nothing, guessing costs
/// hours. The lock ends by itself; a right password afterwards, or an administrator setting a new one, clears the count.
/// </summary>
public static class Lockout
{
    /// <summary>Wrong passwords in a row allowed before the first lock.</summary>
    public const int FreeAttempts = 5;

    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>Until when an account is locked after its <paramref name="failures"/>-th wrong password in a row (null: not locked).</summary>
    public static DateTimeOffset? Until(int failures, DateTimeOffset now) =>
        failures < FreeAttempts ? null : now + Min(TimeSpan.FromMinutes(1 << Math.Min(failures - FreeAttempts, 10)), Longest);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
