using JinGong.Http.Idempotency;
using JinGong.Identity.Accounts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace JinGong.Identity;

/// <summary>
/// The identity provider's own database: OpenIddict's applications, authorizations and tokens, the accounts, Data
/// Protection's key ring (each key encrypted, <see cref="Keys.KeyProtection"/>) and the answers of keyed writes.
/// </summary>
public sealed class IdentityStore(DbContextOptions<IdentityStore> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<IdempotentAnswer> IdempotentAnswers => Set<IdempotentAnswer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Id).HasMaxLength(Account.MaxIdLength);
            account.Property(a => a.Name).HasMaxLength(200);
            account.Property(a => a.Region).HasMaxLength(64);
        });
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.Entity<IdempotentAnswer>(answer =>
        {
            answer.ToTable(Idempotency.StoredAnswers.Table);
            answer.HasKey(a => a.Id);
            answer.HasIndex(a => a.RecordedAt);
        });
    }
}
