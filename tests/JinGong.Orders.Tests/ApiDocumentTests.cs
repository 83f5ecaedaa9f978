using JinGong.Testing;

namespace JinGong.Orders.Tests;

[Collection(OrdersService.Collection)]
public sealed class OrdersApiDocumentTests(OrdersService orders) : ConsoleApiDocumentTests(orders, "orders");
