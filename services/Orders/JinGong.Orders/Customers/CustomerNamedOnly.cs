using System.Text.Json;
using System.Text.Json.Nodes;
using JinGong.Contracts.Orders;
using Marten.Services.Json.Transformations.SystemTextJson;

namespace JinGong.Orders.Customers;

/// <summary>
/// Reads an event stored before the customer registry (<paramref name="eventTypeName"/>: a customer's <c>Customer</c>
/// name and no id) as today's <typeparamref name="T"/>, each time it is read, its <c>CustomerId</c> the one that name
/// gives (<see cref="CustomerIds.ForName"/>), the customer registered under it. The stored JSON is never rewritten.
/// </summary>
public sealed class CustomerNamedOnly<T>(string eventTypeName) : EventUpcaster<T>
    where T : class
{
    public override string EventTypeName => eventTypeName;

    protected override T Upcast(JsonDocument oldEvent)
    {
        var named = JsonObject.Create(oldEvent.RootElement)!;
        named["CustomerId"] = CustomerIds.ForName(named["Customer"]!.GetValue<string>());
        return named.Deserialize<T>()!;
    }
}
