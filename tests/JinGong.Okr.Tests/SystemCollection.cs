using JinGong.Testing;

namespace JinGong.Okr.Tests;

/// <summary>The whole system, started once for every test class of this project that needs it.</summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
