using System.Text.Json;

namespace JinGong.Testing;

/// <summary>What identity's API tests do, on its own host or through the gateway: read accounts as they follow the roster.</summary>
public static class IdentityApi
{
    /// <summary>The account <paramref name="id"/> once it meets <paramref name="condition"/> (it follows the roster over the bus).</summary>
    public static Task<JsonElement> AccountWhenAsync(this IApiUnderTest identity, string id, Func<JsonElement, bool> condition) =>
        Eventually.ReturnsAsync(
            async _ => (await identity.GetOkAsync("/api/identity/accounts")).EnumerateArray().FirstOrDefault(account => account.GetProperty("id").GetString() == id),
            account => account.ValueKind == JsonValueKind.Object && condition(account),
            TimeSpan.FromSeconds(30),
            $"the account of {id}");
}
