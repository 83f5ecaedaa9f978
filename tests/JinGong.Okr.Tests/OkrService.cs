using JinGong.Okr.Integration;
using JinGong.Testing;

namespace JinGong.Okr.Tests;

/// <summary>OKR on its own, over a real PostgreSQL and RabbitMQ: started once for every test class of this project.</summary>
public sealed class OkrService : ServiceHost<OkrIntegrationEvents>
{
    public const string Collection = "okr";

    protected override string Database => "okrdb";
}

[CollectionDefinition(OkrService.Collection)]
public sealed class OkrServiceCollection : ICollectionFixture<OkrService>;
