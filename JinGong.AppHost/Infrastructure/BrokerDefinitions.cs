using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace JinGong.AppHost.Infrastructure;

/// <summary>
/// What a user may do on the broker: RabbitMQ's three permissions, each a pattern over exchange and queue names
/// (configure: declare and delete; write: publish to, bind to; read: consume from, bind from).
/// </summary>
public sealed record BrokerPermissions(string Configure, string Write, string Read)
{
    public static readonly BrokerPermissions Everything = new(".*", ".*", ".*");

    /// <summary>
    /// A service's: its own endpoints (MassTransit names their queues and exchanges <c>{service}-…</c>, with their
    /// <c>_error</c> and <c>_skipped</c>), its bus's temporary endpoint and MassTransit's fault exchanges; the exchanges of
    /// the contracts it publishes (<c>JinGong.Contracts.{area}:{Message}</c>) to declare, publish to and bind; and of those
    /// it consumes to declare and bind its queues from, never to publish to. So a service cannot forge another's event.
    /// </summary>
    /// <param name="publishes">The contract areas it publishes (<c>Fleet</c> for <c>JinGong.Contracts.Fleet</c>).</param>
    /// <param name="consumes">The contract areas it consumes.</param>
    public static BrokerPermissions For(string service, IReadOnlyCollection<string> publishes, IReadOnlyCollection<string> consumes)
    {
        var own = $"{Regex.Escape(service)}-.*|.*_bus_.*|MassTransit:Fault.*";
        var published = Contracts(publishes);
        var consumed = Contracts(consumes);
        return new(Anchored(own, published, consumed), Anchored(own, published), Anchored(own, published, consumed));
    }

    private static string? Contracts(IReadOnlyCollection<string> areas) =>
        areas.Count == 0 ? null : $@"JinGong\.Contracts\.({string.Join('|', areas.Select(Regex.Escape))}):.*";

    private static string Anchored(params string?[] alternatives) => $"^({string.Join('|', alternatives.OfType<string>())})$";
}

/// <summary>
/// The broker's users and their permissions as a RabbitMQ definitions file, loaded at every boot (<c>load_definitions</c>):
/// the administrator and each service's user, with salted SHA-256 password hashes as RabbitMQ stores them. A broker whose
/// definitions name users is not given a <c>guest</c>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class BrokerDefinitions
{
    public static async Task WriteAsync(string path, LocalRabbitMqResource broker, IEnumerable<ServiceBrokerUserResource> serviceUsers, CancellationToken cancellationToken)
    {
        var users = new List<(string Name, string Password, string Tags, BrokerPermissions Permissions)>
        {
            (LocalRabbitMqResource.Administrator, await broker.AdministratorPassword.GetValueAsync(cancellationToken) ?? string.Empty, "administrator", BrokerPermissions.Everything),
        };
        foreach (var user in serviceUsers)
        {
            users.Add((user.User, await user.Password.GetValueAsync(cancellationToken) ?? string.Empty, string.Empty, user.Permissions));
        }

        var definitions = new
        {
            users = users.Select(user => new { name = user.Name, password_hash = Hash(user.Password), hashing_algorithm = "rabbit_password_hashing_sha256", tags = user.Tags }),
            vhosts = new[] { new { name = "/" } },
            permissions = users.Select(user => new { user = user.Name, vhost = "/", configure = user.Permissions.Configure, write = user.Permissions.Write, read = user.Permissions.Read }),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        await JsonSerializer.SerializeAsync(file, definitions, cancellationToken: cancellationToken);
    }

    /// <summary>RabbitMQ's <c>rabbit_password_hashing_sha256</c>: base64 of a 4-byte salt followed by SHA-256(salt ‖ password).</summary>
    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return Convert.ToBase64String([.. salt, .. hash]);
    }
}
