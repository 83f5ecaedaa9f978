using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace JinGong.Identity.Keys;

/// <summary>
/// The keys tokens are signed (RSA) and encrypted (AES, for codes and refresh tokens) with. They are made on the
/// first start and kept in the identity database, never in the repository, so every replica and every restart
/// signs with the same key and tokens stay valid; wiping the data makes new ones. They are stored protected
/// (<see cref="KeyProtection"/>): the database holds them only encrypted.
/// </summary>
public sealed class KeyRing(RsaSecurityKey signing, SymmetricSecurityKey encryption)
{
    /// <summary>The Data Protection purpose the stored keys are protected for.</summary>
    public const string ProtectionPurpose = "JinGong.Identity.Keys.v1";
    private const string SigningPurpose = "signing";
    private const string EncryptionPurpose = "encryption";

    public RsaSecurityKey Signing { get; } = signing;

    public SymmetricSecurityKey Encryption { get; } = encryption;

    /// <summary>
    /// The stored keys, made first if there are none. Call under the schema's lock: keys stored in plaintext by an earlier
    /// version are protected here, once.
    /// </summary>
    public static async Task<KeyRing> LoadOrCreateAsync(NpgsqlDataSource dataSource, IDataProtector protector, CancellationToken cancellationToken)
    {
        await using (var create = dataSource.CreateCommand(
            """
            CREATE TABLE IF NOT EXISTS identity_keys (purpose text PRIMARY KEY, material bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            ALTER TABLE identity_keys ADD COLUMN IF NOT EXISTS protected boolean NOT NULL DEFAULT false;
            """))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await ProtectPlaintextKeysAsync(dataSource, protector, cancellationToken);
        // Replicas starting together each offer a key; the first one stored is the one all of them use. Keys that exist
        // are only read: with the wrong secret, that fails before anything is written.
        if (!await StoredAsync(dataSource, SigningPurpose, cancellationToken))
        {
            using var rsa = RSA.Create(2048);
            await OfferAsync(dataSource, SigningPurpose, protector.Protect(rsa.ExportPkcs8PrivateKey()), cancellationToken);
        }

        if (!await StoredAsync(dataSource, EncryptionPurpose, cancellationToken))
        {
            await OfferAsync(dataSource, EncryptionPurpose, protector.Protect(RandomNumberGenerator.GetBytes(32)), cancellationToken);
        }

        return await ReadAsync(dataSource, protector, cancellationToken);
    }

    /// <summary>The stored keys, read through <paramref name="protector"/> (for a key ring that exists: an operator's tools, tests).</summary>
    public static async Task<KeyRing> ReadAsync(NpgsqlDataSource dataSource, IDataProtector protector, CancellationToken cancellationToken = default)
    {
        var stored = new Dictionary<string, byte[]>();
        await using (var read = dataSource.CreateCommand("SELECT purpose, material FROM identity_keys WHERE protected"))
        await using (var rows = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                try
                {
                    stored[rows.GetString(0)] = protector.Unprotect((byte[])rows[1]);
                }
                catch (System.Security.Cryptography.CryptographicException unopened)
                {
                    throw new InvalidOperationException(
                        $"Identity's {rows.GetString(0)} key cannot be opened with this Identity:KeyProtectionSecret: give identity the secret its keys were "
                        + "kept under (the AppHost keeps it beside the data, .data/identity-keys-secret), or wipe the data to make new keys.", unopened);
                }
            }
        }

        var signingKey = RSA.Create();
        signingKey.ImportPkcs8PrivateKey(stored[SigningPurpose], out _);
        return new KeyRing(
            new RsaSecurityKey(signingKey) { KeyId = Convert.ToHexString(SHA256.HashData(signingKey.ExportSubjectPublicKeyInfo()))[..16] },
            new SymmetricSecurityKey(stored[EncryptionPurpose]));
    }

    private static async Task<bool> StoredAsync(NpgsqlDataSource dataSource, string purpose, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM identity_keys WHERE purpose = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = purpose });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task OfferAsync(NpgsqlDataSource dataSource, string purpose, byte[] offered, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO identity_keys (purpose, material, protected) VALUES ($1, $2, true) ON CONFLICT (purpose) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = purpose });
        command.Parameters.Add(new NpgsqlParameter { Value = offered });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ProtectPlaintextKeysAsync(NpgsqlDataSource dataSource, IDataProtector protector, CancellationToken cancellationToken)
    {
        var plaintext = new List<(string Purpose, byte[] Material)>();
        await using (var read = dataSource.CreateCommand("SELECT purpose, material FROM identity_keys WHERE NOT protected"))
        await using (var rows = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                plaintext.Add((rows.GetString(0), (byte[])rows[1]));
            }
        }

        foreach (var (purpose, material) in plaintext)
        {
            await using var protect = dataSource.CreateCommand("UPDATE identity_keys SET material = $2, protected = true WHERE purpose = $1 AND NOT protected");
            protect.Parameters.Add(new NpgsqlParameter { Value = purpose });
            protect.Parameters.Add(new NpgsqlParameter { Value = protector.Protect(material) });
            await protect.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
