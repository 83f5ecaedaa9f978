using JinGong.Domain;
using JinGong.Orders.Orders;

namespace JinGong.Orders.Tests.Orders;

/// <summary>The order's rules as a pure function: given its events, when a command, then events or the rule broken.</summary>
public sealed class OrderDeciderTests
{
    private static readonly DateTimeOffset Placed = new(2026, 10, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    // 2 × 1,500,000 = 3,000,000 CNY, invoiced 2,000,000 on 2 Oct (due 1 Nov).
    private static Order Invoiced() => Given(
        new OrderPlaced("ORD-1", null, "Baotou Steel", "north", "li.wei", "mine", [new OrderLine("MT-90E", 2, 1_500_000m)], "CNY", Placed),
        new InvoiceIssued("ORD-1", "ORD-1-INV-1", 2_000_000m, new DateOnly(2026, 10, 2), new DateOnly(2026, 11, 1), Placed.AddDays(1)));

    private static Order Given(params object[] events) => events.Aggregate((Order?)null, Order.Evolve)!;

    private static IReadOnlyList<object> Accepted(Decision decision) => decision.Should().BeOfType<Decision.Accepted>().Subject.Events;

    private static string Rejected(Decision decision) => decision.Should().BeOfType<Decision.Rejected>().Subject.Error.Rule;

    [Fact]
    public void the_rest_of_the_order_can_be_invoiced_to_the_fen_but_not_a_fen_more()
    {
        Accepted(OrderDecider.Decide(new IssueInvoice("ORD-1", 1_000_000m, new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 2), Now, Now), Invoiced()))
            .Should().ContainSingle().Which.Should().BeOfType<InvoiceIssued>().Which.InvoiceId.Should().Be("ORD-1-INV-2");
        Rejected(OrderDecider.Decide(new IssueInvoice("ORD-1", 1_000_000.01m, new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 2), Now, Now), Invoiced()))
            .Should().Be("invoices-exceed-order-amount");
    }

    [Fact]
    public void an_invoice_is_dated_between_the_order_and_today()
    {
        Rejected(OrderDecider.Decide(new IssueInvoice("ORD-1", 1m, new DateOnly(2026, 9, 30), new DateOnly(2026, 12, 1), Now, Now), Invoiced()))
            .Should().Be("invoice-before-order");
        Rejected(OrderDecider.Decide(new IssueInvoice("ORD-1", 1m, new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 1), Now, Now), Invoiced()))
            .Should().Be("invoice-dated-in-future");
    }

    [Fact]
    public void a_payment_settles_at_most_the_invoices_balance()
    {
        var partly = Given(
            new OrderPlaced("ORD-1", null, "Baotou Steel", "north", "li.wei", "mine", [new OrderLine("MT-90E", 2, 1_500_000m)], "CNY", Placed),
            new InvoiceIssued("ORD-1", "ORD-1-INV-1", 2_000_000m, new DateOnly(2026, 10, 2), new DateOnly(2026, 11, 1), Placed.AddDays(1)),
            new PaymentReceived("ORD-1", "ORD-1-INV-1", "ORD-1-INV-1-PAY-1", 1_500_000m, new DateOnly(2026, 10, 20), Placed.AddDays(19)));

        partly.Receivable.Should().Be(500_000m);
        Rejected(OrderDecider.Decide(new RecordPayment("ORD-1", "ORD-1-INV-1", 500_000.01m, new DateOnly(2026, 11, 3), Now, Now), partly))
            .Should().Be("payment-exceeds-invoice-balance");
        Accepted(OrderDecider.Decide(new RecordPayment("ORD-1", "ORD-1-INV-1", 500_000m, new DateOnly(2026, 11, 3), Now, Now), partly))
            .Should().ContainSingle().Which.Should().BeOfType<PaymentReceived>().Which.PaymentId.Should().Be("ORD-1-INV-1-PAY-2");
    }

    [Fact]
    public void what_fleet_says_is_recorded_once_and_a_release_of_a_vehicle_never_reserved_records_nothing()
    {
        var reserved = Given(
            new OrderPlaced("ORD-1", null, "Baotou Steel", "north", "li.wei", "mine", [new OrderLine("MT-90E", 2, 1_500_000m)], "CNY", Placed),
            new OrderVehicleReserved("ORD-1", "JG-1", "MT-90E", Placed.AddDays(2)));

        Accepted(OrderDecider.Decide(new FollowVehicle("ORD-1", "JG-1", "MT-90E", VehicleFact.Reserved, Now, Now), reserved)).Should().BeEmpty();
        Accepted(OrderDecider.Decide(new FollowVehicle("ORD-1", "JG-2", "MT-90E", VehicleFact.Released, Now, Now), reserved)).Should().BeEmpty();
        Accepted(OrderDecider.Decide(new FollowVehicle("ORD-1", "JG-1", "MT-90E", VehicleFact.Delivered, Now, Now), reserved))
            .Should().ContainSingle().Which.Should().BeOfType<OrderVehicleDelivered>();
    }

    [Fact]
    public void an_order_is_cancelled_only_before_delivery()
    {
        var delivered = Given(
            new OrderPlaced("ORD-1", null, "Baotou Steel", "north", "li.wei", "mine", [new OrderLine("MT-90E", 2, 1_500_000m)], "CNY", Placed),
            new OrderVehicleDelivered("ORD-1", "JG-1", "MT-90E", Placed.AddDays(10)));

        delivered.Status.Should().Be(OrderStatus.PartlyDelivered);
        Rejected(OrderDecider.Decide(new CancelOrder("ORD-1", "changed mind", Now, Now), delivered)).Should().Be("order-delivered");
        Accepted(OrderDecider.Decide(new CancelOrder("ORD-1", "changed mind", Now, Now), Invoiced())).Should().ContainSingle().Which.Should().BeOfType<OrderCancelled>();
    }
}
