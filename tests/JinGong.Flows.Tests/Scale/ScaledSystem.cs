using JinGong.Testing;

namespace JinGong.Flows.Tests.Scale;

/// <summary>
/// The whole shape of README "Running several replicas": two replicas of every service, a three-node broker cluster and
/// a streaming standby of PostgreSQL. One system for the failover and the standby tests: a whole system's start is the
/// costliest minute of the suite, and the standby replays the primary without being in the way of its writes.
/// </summary>
public sealed class ScaledSystem : SystemFixture
{
    public const string Collection = "scaled system";

    protected override string[] Settings => ["--Scale:Replicas=2", "--Scale:BrokerNodes=3", "--Scale:PostgresStandby=true"];
}

[CollectionDefinition(ScaledSystem.Collection)]
public sealed class ScaledSystemCollection : ICollectionFixture<ScaledSystem>;
