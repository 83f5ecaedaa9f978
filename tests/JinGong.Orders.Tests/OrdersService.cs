using JinGong.Orders.Integration;
using JinGong.Testing;

namespace JinGong.Orders.Tests;

/// <summary>Orders on its own, over a real PostgreSQL and RabbitMQ: started once for every API test class of this project.</summary>
public sealed class OrdersService : ServiceHost<OrdersIntegrationEvents>
{
    public const string Collection = "orders";

    protected override string Database => "ordersdb";
}

[CollectionDefinition(OrdersService.Collection)]
public sealed class OrdersServiceCollection : ICollectionFixture<OrdersService>;
