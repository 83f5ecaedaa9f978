using JinGong.Fleet.Integration;
using JinGong.Testing;

namespace JinGong.Fleet.Tests;

/// <summary>Fleet on its own, over a real PostgreSQL and RabbitMQ: started once for every API test class of this project.</summary>
public sealed class FleetService : ServiceHost<FleetIntegrationEvents>
{
    public const string Collection = "fleet";

    protected override string Database => "fleetdb";
}

[CollectionDefinition(FleetService.Collection)]
public sealed class FleetServiceCollection : ICollectionFixture<FleetService>;
