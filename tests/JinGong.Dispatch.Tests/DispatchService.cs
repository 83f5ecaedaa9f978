using JinGong.Dispatch.Integration;
using JinGong.Testing;

namespace JinGong.Dispatch.Tests;

/// <summary>Dispatch on its own, over a real PostgreSQL and RabbitMQ: started once for every API test class of this project.</summary>
public sealed class DispatchService : ServiceHost<DispatchIntegrationEvents>
{
    public const string Collection = "dispatch";

    protected override string Database => "dispatchdb";
}

[CollectionDefinition(DispatchService.Collection)]
public sealed class DispatchServiceCollection : ICollectionFixture<DispatchService>;
