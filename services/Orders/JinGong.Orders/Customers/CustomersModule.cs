using JasperFx.Events.Projections;
using JinGong.Contracts.Orders;
using JinGong.EventSourcing;
using JinGong.Http;
using JinGong.Orders.Customers.Adopting;
using JinGong.Orders.Customers.Changing;
using JinGong.Orders.Customers.Erasing;
using JinGong.Orders.Customers.Reading;
using JinGong.Orders.Customers.Registering;
using Marten;

namespace JinGong.Orders.Customers;

/// <summary>
/// The customer registry [客户档案]: each customer a stream under an id its registered name gives
/// (<see cref="CustomerIds.ForName"/>), with its region and the people the company deals with there. Opportunities and
/// orders name their customer by that id.
/// </summary>
public static class CustomersModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Customers",
        "The customer registry [客户档案]: customers by name and region, and their contacts (personal information).");

    /// <summary>Customer streams, as the shared command handling and reads see them: a rep reaches their region's.</summary>
    public static readonly StreamKind<Customer, CustomerView> Customers =
        new("Customer", CustomerDecider.NotFound, Customer.Evolve, CustomerView.From, e => ((ICustomerEvent)e).OccurredAt, customer => customer.Region);

    public static void ConfigureCustomers(this StoreOptions options)
    {
        // Inline: a name registered or changed is what the next registration or filing is checked against.
        options.Projections.Add(new EvolvingProjection<Customer>(typeof(ICustomerEvent)), ProjectionLifecycle.Inline);
        options.Schema.For<Customer>()
            .Duplicate(customer => customer.Region)
            .Duplicate(customer => customer.NameKey);
        options.Events.MapEventType<CustomerRegistered>("customer_registered_v1");
        options.Events.MapEventType<CustomerDetailsChanged>("customer_details_changed_v1");
        options.Events.MapEventType<CustomerContactAdded>("customer_contact_added_v1");
        options.Events.MapEventType<CustomerContactChanged>("customer_contact_changed_v1");
        options.Events.MapEventType<CustomerContactRemoved>("customer_contact_removed_v1");
    }

    /// <summary>The registry's upgrade of earlier releases' records. Call it after <c>AddEventStore</c>, whose start makes the tables.</summary>
    public static IHostApplicationBuilder AddCustomersFromHistory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<CustomersFromHistory>();
        return builder;
    }

    public static RouteGroupBuilder MapCustomers(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTag(Tag);
        customers.MapRegisterCustomer();
        customers.MapCustomerChanges();
        customers.MapEraseContact();
        customers.MapStreamReads("/{id}", Customers);
        customers.MapListCustomers();
        return api;
    }

    /// <summary>The customer now named <paramref name="name"/> (as names are compared), if any.</summary>
    public static Task<Customer?> NamedAsync(this IQuerySession session, string name, CancellationToken cancellationToken)
    {
        var key = CustomerIds.KeyOf(name);
        return session.Query<Customer>().Where(customer => customer.NameKey == key).FirstOrDefaultAsync(cancellationToken);
    }
}
