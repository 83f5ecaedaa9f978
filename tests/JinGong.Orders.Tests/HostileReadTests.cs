using JinGong.Testing;

namespace JinGong.Orders.Tests;

[Collection(OrdersService.Collection)]
public sealed class OrdersHostileReadTests(OrdersService orders) : HostileReadTests(orders, "orders");
