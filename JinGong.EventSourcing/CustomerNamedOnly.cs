using System.Text.Json;
using System.Text.Json.Nodes;
using JinGong.Contracts.Orders;
using Marten.Services.Json.Transformations.SystemTextJson;
using Npgsql;

namespace JinGong.EventSourcing;

/// <summary>
/// Reads an event stored before the customer registry (<paramref name="eventTypeName"/>: a customer's name in
/// <paramref name="nameField"/> and no id) as today's <typeparamref name="T"/>, each time it is read, its
/// <paramref name="idField"/> the id that name gives (<see cref="CustomerIds.ForName"/>), the customer registered under
/// it. The stored JSON is never rewritten.
/// </summary>
public sealed class CustomerNamedOnly<T>(string eventTypeName, string nameField = "Customer", string idField = "CustomerId") : EventUpcaster<T>
    where T : class
{
    public override string EventTypeName => eventTypeName;

    protected override T Upcast(JsonDocument oldEvent)
    {
        var named = JsonObject.Create(oldEvent.RootElement)!;
        named[idField] = CustomerIds.ForName(named[nameField]!.GetValue<string>());
        return named.Deserialize<T>()!;
    }
}

/// <summary>Documents kept before the customer registry, given the id their customer's name gives, where they stand.</summary>
public static class CustomerNamedOnly
{
    /// <summary>
    /// Gives every document of <paramref name="table"/> without <paramref name="idField"/> the id its
    /// <paramref name="nameField"/> gives, in the JSON and in the <paramref name="duplicatedColumn"/> if there is one: what
    /// a rebuild from events read by <see cref="CustomerNamedOnly{T}"/> would store.
    /// </summary>
    public static async Task IdentifyDocumentsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string nameField, string idField, string? duplicatedColumn,
        CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using (var unnamed = new NpgsqlCommand($"select distinct data->>'{nameField}' from {table} where data->>'{idField}' is null", connection, transaction))
        await using (var reader = await unnamed.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add(reader.GetString(0));
            }
        }

        var column = duplicatedColumn is null ? "" : $", {duplicatedColumn} = $1";
        foreach (var name in names)
        {
            await using var identify = new NpgsqlCommand(
                $"update {table} set data = jsonb_set(data, '{{{idField}}}', to_jsonb($1::text)){column} where data->>'{nameField}' = $2 and data->>'{idField}' is null",
                connection, transaction);
            identify.Parameters.AddWithValue(CustomerIds.ForName(name));
            identify.Parameters.AddWithValue(name);
            await identify.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
