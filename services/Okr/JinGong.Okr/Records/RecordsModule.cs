using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using Marten;

namespace JinGong.Okr.Records;

public static class RecordsModule
{
    public static void ConfigureRecords(this StoreOptions options)
    {
        // Inline: a record is read back whole when the next fact about it arrives, and when key results are counted.
        options.Projections.Add(
            new EvolvingProjection<SaleRecord>(typeof(OrderNoted), typeof(OrderCancellationNoted), typeof(InvoiceNoted), typeof(PaymentNoted), typeof(DeliveryNoted)),
            ProjectionLifecycle.Inline);
        options.Projections.Add(new EvolvingProjection<OpportunityRecord>(typeof(OpportunityClosingNoted)), ProjectionLifecycle.Inline);
        options.Events.MapEventType<OrderNoted>("order_noted_v1");
        options.Events.MapEventType<OrderCancellationNoted>("order_cancellation_noted_v1");
        options.Events.MapEventType<InvoiceNoted>("invoice_noted_v1");
        options.Events.MapEventType<PaymentNoted>("payment_noted_v1");
        options.Events.MapEventType<DeliveryNoted>("delivery_noted_v1");
        options.Events.MapEventType<OpportunityClosingNoted>("opportunity_closing_noted_v1");
    }

    /// <summary>Bound key results move as records change, run by the async daemon (see <see cref="BoundKeyResults"/>).</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression MoveBoundKeyResults(this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.AddSubscriptionWithServices<BoundKeyResults>(ServiceLifetime.Singleton);
}
