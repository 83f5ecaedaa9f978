using JinGong.Testing;

namespace JinGong.AppHost.Tests;

/// <summary>
/// The whole system as it ships, started once for the gateway's, the access matrix's and the hostile input's tests (the
/// last waits for the others' business to settle: every event appended during its run must be its own).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
