using JinGong.Identity.Accounts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace JinGong.Identity;

/// <summary>
/// The identity provider's own database: OpenIddict's applications, authorizations and tokens, the accounts, and Data
/// Protection's key ring (each key encrypted, <see cref="Keys.KeyProtection"/>).
/// </summary>
public sealed class IdentityStore(DbContextOptions<IdentityStore> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
    }
}
