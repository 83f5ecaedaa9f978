using JinGong.Orders.Customers;
using JinGong.Orders.Orders;
using JinGong.Orders.Tests.Catalogue;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Orders;

/// <summary>The order's rules as a pure function: given its events, when a command, then events or the rule broken.</summary>
public sealed class OrderDeciderTests
{
    private static readonly DateTimeOffset Placed = new(2026, 10, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    // 2 × 1,500,000 = 3,000,000 CNY.
    private static readonly OrderPlaced OrderPlaced =
        new("ORD-1", null, "CUS-BAOTOU0001", "Baotou Steel", "north", "li.wei", "mine", [new OrderLine("MT-90E", 2, 1_500_000m)], "CNY", Placed);

    private static DeciderSpecification<OrderCommand, Order> NoOrder => DeciderSpecification.For<OrderCommand, Order>(OrderDecider.Decide);

    // Invoiced 2,000,000 on 2 Oct (due 1 Nov).
    private static DeciderSpecification<OrderCommand, Order> Invoiced => NoOrder.Given(
        OrderPlaced, new InvoiceIssued("ORD-1", "ORD-1-INV-1", 2_000_000m, new DateOnly(2026, 10, 2), new DateOnly(2026, 11, 1), Placed.AddDays(1)));

    private static DeciderSpecification<OrderCommand, Order> PartlyPaid =>
        Invoiced.Given(new PaymentReceived("ORD-1", "ORD-1-INV-1", "ORD-1-INV-1-PAY-1", 1_500_000m, new DateOnly(2026, 10, 20), Placed.AddDays(19)));

    private static IssueInvoice Invoice(decimal amount, DateOnly issued, DateOnly due) => new("ORD-1", amount, issued, due, Now, Now);

    private static RecordPayment Payment(decimal amount, DateOnly paidOn, string invoiceId = "ORD-1-INV-1") => new("ORD-1", invoiceId, amount, paidOn, Now, Now);

    private static PlaceOrder Place(string model, DateTimeOffset occurredAt) =>
        new("ORD-1", null, new CustomerOfRecord("CUS-BAOTOU0001", "Baotou Steel"), "north", "li.wei", "mine", [new OrderLine(model, 2, 1_500_000m)], CatalogueRecords.Sold, occurredAt, Now);

    [Fact]
    public void an_order_is_placed_once_in_yuan_and_never_in_the_future()
    {
        NoOrder.When(Place("MT-90E", Placed)).Then(OrderPlaced);
        NoOrder.When(Place("MT-90E", Now.AddMinutes(1))).ThenRejects("occurred-in-future");
        Invoiced.When(Place("MT-90E", Now)).ThenRejects("order-already-placed");
        NoOrder.When(new CancelOrder("ORD-1", "changed mind", Now, Now)).ThenRejects("order-not-found");
    }

    [Fact]
    public void an_order_is_placed_for_models_the_catalogue_lists_only()
    {
        NoOrder.When(Place("EX-12E", Placed)).ThenRejects("model-withdrawn");
        NoOrder.When(Place("TANK-1", Placed)).ThenRejects("model-not-in-catalogue");
    }

    [Fact]
    public void the_rest_of_the_order_can_be_invoiced_to_the_fen_but_not_a_fen_more()
    {
        Invoiced.When(Invoice(1_000_000m, new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 2)))
            .Then(new InvoiceIssued("ORD-1", "ORD-1-INV-2", 1_000_000m, new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 2), Now));
        Invoiced.When(Invoice(1_000_000.01m, new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 2))).ThenRejects("invoices-exceed-order-amount");
    }

    [Fact]
    public void an_invoice_is_dated_between_the_order_and_today_and_falls_due_after_it_is_issued()
    {
        Invoiced.When(Invoice(1m, new DateOnly(2026, 9, 30), new DateOnly(2026, 12, 1))).ThenRejects("invoice-before-order");
        Invoiced.When(Invoice(1m, new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 1))).ThenRejects("invoice-dated-in-future");
        Invoiced.When(Invoice(1m, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 1))).ThenRejects("invoice-due-before-issue");
    }

    [Fact]
    public void a_payment_settles_at_most_the_invoices_balance()
    {
        PartlyPaid.State!.Receivable.Should().Be(500_000m);
        PartlyPaid.When(Payment(500_000.01m, new DateOnly(2026, 11, 3))).ThenRejects("payment-exceeds-invoice-balance");
        PartlyPaid.When(Payment(500_000m, new DateOnly(2026, 11, 3)))
            .Then(new PaymentReceived("ORD-1", "ORD-1-INV-1", "ORD-1-INV-1-PAY-2", 500_000m, new DateOnly(2026, 11, 3), Now));
    }

    [Fact]
    public void a_payment_is_for_one_of_the_order_s_invoices_dated_between_its_issue_and_today()
    {
        Invoiced.When(Payment(1m, new DateOnly(2026, 11, 3), invoiceId: "ORD-1-INV-9")).ThenRejects("invoice-not-found");
        Invoiced.When(Payment(1m, new DateOnly(2026, 10, 1))).ThenRejects("payment-before-invoice");
        Invoiced.When(Payment(1m, new DateOnly(2026, 11, 26))).ThenRejects("payment-dated-in-future");
    }

    [Fact]
    public void what_fleet_says_is_recorded_once_and_a_release_of_a_vehicle_never_reserved_records_nothing()
    {
        var reserved = NoOrder.Given(OrderPlaced, new OrderVehicleReserved("ORD-1", "JG-1", "MT-90E", Placed.AddDays(2)));

        reserved.When(new FollowVehicle("ORD-1", "JG-1", "MT-90E", VehicleFact.Reserved, Now, Now)).Then();
        reserved.When(new FollowVehicle("ORD-1", "JG-2", "MT-90E", VehicleFact.Released, Now, Now)).Then();
        reserved.When(new FollowVehicle("ORD-1", "JG-1", "MT-90E", VehicleFact.Released, Now, Now)).Then(new OrderVehicleReleased("ORD-1", "JG-1", Now));
        reserved.When(new FollowVehicle("ORD-1", "JG-1", "MT-90E", VehicleFact.Delivered, Now, Now)).Then(new OrderVehicleDelivered("ORD-1", "JG-1", "MT-90E", Now));
        reserved.When(new FollowVehicle("ORD-1", "JG-2", "MT-90E", VehicleFact.Reserved, Now, Now)).Then(new OrderVehicleReserved("ORD-1", "JG-2", "MT-90E", Now));
    }

    [Fact]
    public void an_order_is_cancelled_only_before_delivery()
    {
        var delivered = NoOrder.Given(OrderPlaced, new OrderVehicleDelivered("ORD-1", "JG-1", "MT-90E", Placed.AddDays(10)));

        delivered.State!.Status.Should().Be(OrderStatus.PartlyDelivered);
        delivered.When(new CancelOrder("ORD-1", "changed mind", Now, Now)).ThenRejects("order-delivered");
        delivered.When(new FollowVehicle("ORD-1", "JG-1", "MT-90E", VehicleFact.Reserved, Now, Now)).Then();
        Invoiced.When(new CancelOrder("ORD-1", "changed mind", Now, Now)).Then(new OrderCancelled("ORD-1", "changed mind", Now));
    }

    [Fact]
    public void a_cancelled_order_takes_no_invoice_payment_or_second_cancellation()
    {
        var cancelled = Invoiced.Given(new OrderCancelled("ORD-1", "changed mind", Placed.AddDays(5)));

        cancelled.When(Invoice(1m, new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 2))).ThenRejects("order-cancelled");
        cancelled.When(Payment(1m, new DateOnly(2026, 11, 3))).ThenRejects("order-cancelled");
        cancelled.When(new CancelOrder("ORD-1", "again", Now, Now)).ThenRejects("order-cancelled");
    }

    [Fact]
    public void what_happens_to_an_order_is_dated_between_its_last_event_and_now()
    {
        Invoiced.When(new CancelOrder("ORD-1", "changed mind", Now.AddMinutes(1), Now)).ThenRejects("occurred-in-future");
        Invoiced.When(new CancelOrder("ORD-1", "changed mind", Placed, Now)).ThenRejects("occurred-before-previous-event");
    }
}
