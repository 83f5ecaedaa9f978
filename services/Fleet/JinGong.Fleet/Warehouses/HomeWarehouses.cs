using JinGong.Domain;
using JinGong.Domain.Regions;
using Marten;
using Marten.Exceptions;

namespace JinGong.Fleet.Warehouses;

/// <summary>
/// Opens each region's home warehouse (the company's regions, <see cref="Region.SettingsFile"/>) that is not open yet,
/// before fleet answers its first request: dispatch delivers from them, so they always exist. Started after Marten's own
/// start, which makes the tables.
/// </summary>
public sealed partial class HomeWarehouses(IDocumentStore store, IReadOnlyList<Region> regions, TimeProvider clock, ILogger<HomeWarehouses> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var region in regions)
        {
            await using var session = store.LightweightSession();
            var streamId = Warehouse.StreamId(region.Warehouse);
            var now = clock.GetUtcNow();
            var decision = WarehouseDecider.Decide(
                new OpenWarehouse(region.Warehouse, region.Name, region.Latitude, region.Longitude, now, now),
                await session.LoadAsync<Warehouse>(streamId, cancellationToken));
            if (decision is not Decision.Accepted accepted)
            {
                continue;
            }

            session.Events.StartStream<Warehouse>(streamId, accepted.Events);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                LogOpened(region.Warehouse, region.Name);
            }
            catch (ExistingStreamIdCollisionException)
            {
                // Another fleet process starting beside this one opened it first.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened home warehouse {Warehouse} of region {Region}")]
    private partial void LogOpened(string warehouse, string region);
}
