using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace JinGong.Identity.Keys;

/// <summary>
/// The keys tokens are signed (RSA) and encrypted (AES, for codes and refresh tokens) with. They are made on the
/// first start and kept in the identity database, never in the repository, so every replica and every restart
/// signs with the same key and tokens stay valid; wiping the data makes new ones.
/// </summary>
public sealed class KeyRing(RsaSecurityKey signing, SymmetricSecurityKey encryption)
{
    private const string SigningPurpose = "signing";
    private const string EncryptionPurpose = "encryption";

    public RsaSecurityKey Signing { get; } = signing;

    public SymmetricSecurityKey Encryption { get; } = encryption;

    public static async Task<KeyRing> LoadOrCreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using (var create = dataSource.CreateCommand(
            "CREATE TABLE IF NOT EXISTS identity_keys (purpose text PRIMARY KEY, material bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        using var rsa = RSA.Create(2048);
        // Replicas starting together each offer a key; the first one stored is the one all of them use.
        var signing = await StoredOrAsync(dataSource, SigningPurpose, rsa.ExportPkcs8PrivateKey(), cancellationToken);
        var encryption = await StoredOrAsync(dataSource, EncryptionPurpose, RandomNumberGenerator.GetBytes(32), cancellationToken);

        var signingKey = RSA.Create();
        signingKey.ImportPkcs8PrivateKey(signing, out _);
        return new KeyRing(
            new RsaSecurityKey(signingKey) { KeyId = Convert.ToHexString(SHA256.HashData(signingKey.ExportSubjectPublicKeyInfo()))[..16] },
            new SymmetricSecurityKey(encryption));
    }

    private static async Task<byte[]> StoredOrAsync(NpgsqlDataSource dataSource, string purpose, byte[] offered, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO identity_keys (purpose, material) VALUES ($1, $2) ON CONFLICT (purpose) DO NOTHING;
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = purpose });
        command.Parameters.Add(new NpgsqlParameter { Value = offered });
        await command.ExecuteNonQueryAsync(cancellationToken);

        await using var read = dataSource.CreateCommand("SELECT material FROM identity_keys WHERE purpose = $1");
        read.Parameters.Add(new NpgsqlParameter { Value = purpose });
        return (byte[])(await read.ExecuteScalarAsync(cancellationToken))!;
    }
}
