using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JinGong.Identity.Keys;

/// <summary>
/// Identity's keys at rest. ASP.NET Core Data Protection keeps its key ring in identity's own database, so that every
/// replica reads the same one (cookies, antiforgery tokens and the token keys of <see cref="KeyRing"/> outlive a
/// restart and cross replicas), and each key of that ring is encrypted under a key derived from a secret kept beside
/// the data (<see cref="IdentitySettings.KeyProtectionSecret"/>), not in the database: a dump of the database alone
/// reveals neither the ring nor the signing key it protects.
/// </summary>
public static class KeyProtection
{
    public const string ApplicationName = "jingong-identity";

    /// <summary>Data Protection with its key ring in <see cref="IdentityStore"/>, encrypted under <paramref name="secret"/>.</summary>
    public static IServiceCollection AddKeyProtection(this IServiceCollection services, string secret)
    {
        var key = new KeyRingSecret(secret);
        services.AddSingleton(key);
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<IdentityStore>()
            .AddKeyManagementOptions(options => options.XmlEncryptor = new SecretXmlEncryptor(key));
        return services;
    }

    /// <summary>
    /// Data Protection on its own, over <paramref name="dataSource"/>: for reading the keys before the application's
    /// services are built (the signing key must be given to OpenIddict first), and for an operator's tools.
    /// </summary>
    public static ServiceProvider Standalone(NpgsqlDataSource dataSource, string secret) =>
        new ServiceCollection()
            .AddLogging()
            .AddDbContext<IdentityStore>(store => store.UseNpgsql(dataSource).UseOpenIddict())
            .AddKeyProtection(secret)
            .BuildServiceProvider();

    /// <summary>The protector of <see cref="KeyRing"/>'s stored keys.</summary>
    public static IDataProtector KeyRingProtector(this IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(KeyRing.ProtectionPurpose);
}

/// <summary>The AES-256 key the key ring is encrypted under, derived (HKDF-SHA256) from the secret kept beside the data.</summary>
public sealed class KeyRingSecret
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("jingong-identity-key-ring-v1");
    private readonly byte[] key;

    public KeyRingSecret(string secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < 16)
        {
            throw new InvalidOperationException($"Identity:{nameof(IdentitySettings.KeyProtectionSecret)} must be a secret of 16 characters or more, kept beside the data (the AppHost makes one).");
        }

        key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, info: Purpose);
    }

    /// <summary>Nonce, tag and ciphertext of <paramref name="plaintext"/>, in one array.</summary>
    public byte[] Seal(byte[] plaintext)
    {
        var sealedText = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedText.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedText.AsSpan(NonceSize + TagSize), sealedText.AsSpan(NonceSize, TagSize));
        return sealedText;
    }

    /// <summary>What <see cref="Seal"/> sealed; a <see cref="CryptographicException"/> for another secret or an altered text.</summary>
    public byte[] Open(byte[] sealedText)
    {
        if (sealedText.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The key ring's entry is too short to have been sealed.");
        }

        var plaintext = new byte[sealedText.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedText.AsSpan(0, NonceSize), sealedText.AsSpan(NonceSize + TagSize), sealedText.AsSpan(NonceSize, TagSize), plaintext);
        return plaintext;
    }
}

/// <summary>Encrypts each key of the Data Protection key ring before it is stored.</summary>
public sealed class SecretXmlEncryptor(KeyRingSecret secret) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(
            new XElement("sealedKey", Convert.ToBase64String(secret.Seal(Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting))))),
            typeof(SecretXmlDecryptor));
}

/// <summary>Decrypts a key of the ring as it is read (Data Protection makes it by its type, with the application's services).</summary>
public sealed class SecretXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(Encoding.UTF8.GetString(services.GetRequiredService<KeyRingSecret>().Open(Convert.FromBase64String(encryptedElement.Value))));
}
