using JinGong.Testing;

namespace JinGong.Flows.Tests;

/// <summary>The whole system, started once for every flow across services (the fault tests start one of their own).</summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
