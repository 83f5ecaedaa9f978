using Microsoft.EntityFrameworkCore;

namespace JinGong.Identity.Accounts;

/// <summary>What checking a password found: right, wrong, or not checked because the account is locked until a moment.</summary>
public abstract record PasswordVerdict
{
    public sealed record Right : PasswordVerdict;

    public sealed record Wrong : PasswordVerdict;

    public sealed record Locked(DateTimeOffset Until) : PasswordVerdict
    {
        /// <summary>Whole seconds until the lock ends, for <c>Retry-After</c>.</summary>
        public int Seconds(DateTimeOffset now) => Math.Max(1, (int)Math.Ceiling((Until - now).TotalSeconds));

        public string Message(DateTimeOffset now)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((Until - now).TotalMinutes));
            return $"Too many wrong passwords: this account takes none for {minutes} min. 密码错误次数过多，请 {minutes} 分钟后再试。";
        }
    }
}

/// <summary>
/// Every password check — the sign-in page and a password change alike — goes through here: an unknown name, a closed
/// account or one without a password costs what a real check costs (nothing tells them apart by time), and wrong
/// passwords count toward <see cref="Lockout"/>, counted in the database so that concurrent guesses all count.
/// </summary>
public static class PasswordChecks
{
    public static async Task<PasswordVerdict> CheckAsync(IdentityStore store, Account? account, string password, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (account?.LockedUntil > now)
        {
            return new PasswordVerdict.Locked(account.LockedUntil.Value);
        }

        var usable = account is { Active: true, PasswordHash: not null };
        if (PasswordHash.Matches(usable ? account!.PasswordHash : null, password))
        {
            if (account!.FailedSignIns > 0)
            {
                await store.Accounts.Where(a => a.Id == account.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(a => a.FailedSignIns, 0).SetProperty(a => a.LockedUntil, (DateTimeOffset?)null), cancellationToken);
            }

            return new PasswordVerdict.Right();
        }

        if (!usable)
        {
            return new PasswordVerdict.Wrong();
        }

        var failures = await store.Database
            .SqlQuery<int>($"""UPDATE accounts SET "FailedSignIns" = "FailedSignIns" + 1 WHERE "Id" = {account!.Id} RETURNING "FailedSignIns" AS "Value" """)
            .ToListAsync(cancellationToken);
        if (Lockout.Until(failures.Single(), now) is not { } until)
        {
            return new PasswordVerdict.Wrong();
        }

        await store.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.LockedUntil, until), cancellationToken);
        return new PasswordVerdict.Locked(until);
    }
}
