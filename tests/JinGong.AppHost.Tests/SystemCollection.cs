using JinGong.Testing;

namespace JinGong.AppHost.Tests;

/// <summary>
/// The whole system as it ships, started once for the gateway's and the access matrix's tests. The hostile input test
/// starts one of its own: every event appended during its run must be its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
