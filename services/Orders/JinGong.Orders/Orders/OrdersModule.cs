using JinGong.EventSourcing;
using JinGong.Orders.Customers;
using JinGong.Http;
using JinGong.Orders.Orders.Cancelling;
using JinGong.Orders.Orders.FollowingVehicles;
using JinGong.Orders.Orders.Invoicing;
using JinGong.Orders.Orders.Placing;
using JinGong.Orders.Orders.Reading;
using Marten;
using MassTransit;
using Published = JinGong.Contracts.Fleet;

namespace JinGong.Orders.Orders;

public static class OrdersModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Orders",
        "Orders [订单] placed for won opportunities: cancelled, invoiced, and paid [回款].");

    /// <summary>Order streams, as the shared command handling and reads see them.</summary>
    public static readonly StreamKind<Order, OrderView> Orders =
        new("Order", OrderDecider.NotFound, Order.Evolve, OrderView.From, e => ((IOrderEvent)e).OccurredAt, order => order.Region);

    public static void ConfigureOrders(this StoreOptions options)
    {
        // Inline: lists and figures read an order in the same transaction that changed it.
        options.Projections.Add(new EvolvingProjection<Order>(typeof(IOrderEvent)), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        options.Schema.For<Order>()
            .Duplicate(order => order.Region)
            .Duplicate(order => order.Customer)
            .Duplicate(order => order.SalesRep)
            .Duplicate(order => order.CustomerId);
        options.Events.MapEventType<OrderPlaced>("order_placed_v2");
        options.Events.Upcast(new CustomerNamedOnly<OrderPlaced>("order_placed_v1"));
        options.Events.MapEventType<OrderCancelled>("order_cancelled_v1");
        options.Events.MapEventType<OrderVehicleReserved>("order_vehicle_reserved_v1");
        options.Events.MapEventType<OrderVehicleReleased>("order_vehicle_released_v1");
        options.Events.MapEventType<OrderVehicleDelivered>("order_vehicle_delivered_v1");
        options.Events.MapEventType<InvoiceIssued>("invoice_issued_v1");
        options.Events.MapEventType<PaymentReceived>("payment_received_v1");
    }

    public static void AddOrderConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddStreamConsumer<VehicleStatusChangedConsumer, Published.VehicleStatusChanged>(message => message.OrderId ?? message.VehicleCode);
        bus.AddStreamConsumer<VehicleDeliveredConsumer, Published.VehicleDelivered>(message => message.OrderId);
    }

    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTag(Tag);
        orders.MapPlaceOrder();
        orders.MapCancellation();
        orders.MapInvoicing();
        orders.MapStreamReads("/{id}", Orders);
        orders.MapListOrders();
        return api;
    }
}
