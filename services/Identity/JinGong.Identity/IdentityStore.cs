using JinGong.Identity.Accounts;
using Microsoft.EntityFrameworkCore;

namespace JinGong.Identity;

/// <summary>The identity provider's own database: OpenIddict's applications, authorizations and tokens, and the accounts.</summary>
public sealed class IdentityStore(DbContextOptions<IdentityStore> options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

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
    }
}
