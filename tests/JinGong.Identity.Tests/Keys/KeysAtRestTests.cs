using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using JinGong.Identity.Keys;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace JinGong.Identity.Tests.Keys;

/// <summary>
/// Identity's keys at rest: what its database holds reveals neither the token keys nor Data Protection's key ring
/// without the secret kept beside the data, and with that secret every start reads the same keys.
/// </summary>
[Collection(IdentityService.Collection)]
public sealed class KeysAtRestTests(IdentityService identity)
{
    [Fact]
    public async Task the_database_holds_the_signing_key_and_the_key_ring_only_encrypted_and_the_secret_opens_them()
    {
        var published = await PublishedModulusAsync(identity.Anonymous());
        await using var dataSource = NpgsqlDataSource.Create(await identity.ConnectionStringAsync("identitydb"));

        var stored = await StoredKeysAsync(dataSource);
        stored.Should().ContainKeys("signing", "encryption");
        stored.Values.Should().OnlyContain(key => key.Protected, "no key is stored in plaintext");
        var importing = () => RSA.Create().ImportPkcs8PrivateKey(stored["signing"].Material, out _);
        importing.Should().Throw<CryptographicException>("what is stored is no private key anyone can read");
        stored["signing"].Material.AsSpan().IndexOf(published).Should().Be(-1, "not even the public part shows");

        var ring = await KeyRingXmlAsync(dataSource);
        ring.Should().NotBeEmpty("Data Protection keeps its key ring in identity's database, for every replica");
        ring.Should().OnlyContain(xml => xml.Contains("<sealedKey", StringComparison.Ordinal) && !xml.Contains("<masterKey", StringComparison.Ordinal),
            "each key of the ring is encrypted under the secret");

        await using var protection = KeyProtection.Standalone(dataSource, identity.KeyProtectionSecret);
        var keys = await KeyRing.ReadAsync(dataSource, protection.KeyRingProtector());
        keys.Signing.Rsa.ExportParameters(false).Modulus.Should().Equal(published, "the secret opens the key identity signs with");
    }

    [Fact]
    public async Task without_its_secret_identity_cannot_read_its_keys_and_does_not_start()
    {
        await using var withAnotherSecret = identity.Restarted(new Dictionary<string, string>
        {
            ["Identity:KeyProtectionSecret"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        });
        var starting = () => withAnotherSecret.CreateClient();
        starting.Should().Throw<InvalidOperationException>().WithMessage("*cannot be opened with this Identity:KeyProtectionSecret*")
            .WithInnerException<CryptographicException>();
    }

    [Fact]
    public async Task keys_an_earlier_version_stored_in_plaintext_are_encrypted_at_the_next_start_and_stay_the_same_keys()
    {
        var published = await PublishedModulusAsync(identity.Anonymous());
        await using var dataSource = NpgsqlDataSource.Create(await identity.ConnectionStringAsync("identitydb"));
        KeyRing before;
        await using (var protection = KeyProtection.Standalone(dataSource, identity.KeyProtectionSecret))
        {
            before = await KeyRing.ReadAsync(dataSource, protection.KeyRingProtector());
        }

        // As the version before keys were protected left them.
        await using (var plaintext = dataSource.CreateCommand("UPDATE identity_keys SET material = $1, protected = false WHERE purpose = 'signing'"))
        {
            plaintext.Parameters.Add(new NpgsqlParameter { Value = before.Signing.Rsa.ExportPkcs8PrivateKey() });
            await plaintext.ExecuteNonQueryAsync();
        }

        await using var upgraded = identity.Restarted(new Dictionary<string, string>());
        (await PublishedModulusAsync(upgraded.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })))
            .Should().Equal(published, "the upgraded identity signs with the key it had");
        var stored = await StoredKeysAsync(dataSource);
        stored["signing"].Protected.Should().BeTrue();
        var importing = () => RSA.Create().ImportPkcs8PrivateKey(stored["signing"].Material, out _);
        importing.Should().Throw<CryptographicException>("the plaintext key is gone from the database");
    }

    // The modulus of the signing key identity publishes for token validation.
    private static async Task<byte[]> PublishedModulusAsync(HttpClient client)
    {
        using (client)
        {
            var keys = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks");
            var modulus = keys.GetProperty("keys").EnumerateArray().Single().GetProperty("n").GetString()!;
            return Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(modulus);
        }
    }

    private static async Task<Dictionary<string, (byte[] Material, bool Protected)>> StoredKeysAsync(NpgsqlDataSource dataSource)
    {
        var stored = new Dictionary<string, (byte[], bool)>();
        await using var read = dataSource.CreateCommand("SELECT purpose, material, protected FROM identity_keys");
        await using var rows = await read.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            stored[rows.GetString(0)] = ((byte[])rows[1], rows.GetBoolean(2));
        }

        return stored;
    }

    private static async Task<List<string>> KeyRingXmlAsync(NpgsqlDataSource dataSource)
    {
        var ring = new List<string>();
        await using var read = dataSource.CreateCommand("""SELECT "Xml" FROM data_protection_keys""");
        await using var rows = await read.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            ring.Add(rows.GetString(0));
        }

        return ring;
    }
}
