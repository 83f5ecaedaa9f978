using JinGong.Contracts.Orders;
using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Orders.Opportunities;
using JinGong.Orders.Orders;
using Marten;
using Npgsql;

namespace JinGong.Orders.Customers.Adopting;

/// <summary>
/// Brings what releases before the customer registry stored into it, once, before orders answers its first request.
/// Their opportunities and orders named a customer by name alone: the documents their inline projections kept are given
/// the id that name gives (what <see cref="CustomerNamedOnly{T}"/> reads their events as, so a rebuild agrees), and every
/// customer so named is registered, from history, in the region and at the time it was first named. Replicas starting
/// together take turns on an advisory lock, and the second finds nothing to do.
/// </summary>
public sealed partial class CustomersFromHistory(
    IDocumentStore store, NpgsqlDataSource dataSource, ServiceIdentity service, TimeProvider clock, ILogger<CustomersFromHistory> logger) : IHostedService
{
    public const string Cause = "customer-registry";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "select pg_advisory_xact_lock(hashtext('jingong-orders-customers-from-history'))", cancellationToken);
        foreach (var kept in new[] { typeof(Opportunity), typeof(Order) })
        {
            await CustomerNamedOnly.IdentifyDocumentsAsync(
                connection, transaction, store.Options.Schema.For(kept), "Customer", "CustomerId", "customer_id", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var registered = await RegisterNamedAsync(cancellationToken);
        if (registered > 0)
        {
            LogRegistered(registered);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registers every customer an opportunity or order names that the registry does not hold.</summary>
    private async Task<int> RegisterNamedAsync(CancellationToken cancellationToken)
    {
        await using var reading = store.QuerySession();
        var named = (await reading.Query<Opportunity>().Select(opportunity => new Named(opportunity.CustomerId, opportunity.Customer, opportunity.Region, opportunity.FiledAt))
                .ToListAsync(cancellationToken))
            .Concat(await reading.Query<Order>().Select(order => new Named(order.CustomerId, order.Customer, order.Region, order.PlacedAt)).ToListAsync(cancellationToken))
            .GroupBy(customer => customer.CustomerId)
            .Select(customer => customer.MinBy(first => first.At)!)
            .ToList();
        var held = (await reading.Query<Customer>().Select(customer => customer.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var registered = 0;
        foreach (var customer in named.Where(customer => !held.Contains(customer.CustomerId)))
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = service.Name;
            session.CausationId = Cause;
            var decision = CustomerDecider.Decide(
                new RegisterCustomer(customer.CustomerId, customer.Name, customer.Region, [], null, customer.At, clock.GetUtcNow(), FromHistory: true), null);
            if (decision is not Decision.Accepted accepted)
            {
                throw new InvalidOperationException($"Customer {customer.Name} of earlier opportunities and orders cannot be registered: {((Decision.Rejected)decision).Error.Detail}");
            }

            session.Events.StartStream<Customer>(customer.CustomerId, accepted.Events);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                registered++;
            }
            catch (Exception race) when (StreamCommands.IsRace(race))
            {
                // A form naming it registered it first.
            }
        }

        return registered;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Named(string CustomerId, string Name, string Region, DateTimeOffset At);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} customers that opportunities and orders of earlier releases named")]
    private partial void LogRegistered(int count);
}
