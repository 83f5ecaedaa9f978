using JinGong.Testing;

namespace JinGong.AppHost.Tests;

/// <summary>
/// The whole system as it ships, started once for the gateway's, the edge's, the access matrix's and the hostile input's
/// tests (the last waits for the others' business to settle: every event appended during its run must be its own).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SharedSystem>
{
    public const string Name = "system";
}

/// <summary>
/// The system as it ships, with one machine client set up as its users would set up a BI tool: one that reads as an
/// auditor (README "Signing in").
/// </summary>
public sealed class SharedSystem : SystemFixture
{
    public const string BiTool = "bi-tool";
    public const string BiToolSecret = "a-secret-of-the-bi-tool";

    protected override string[] Settings =>
    [
        $"--Identity:ServiceAccounts:{BiTool}:Name=BI tool", $"--Identity:ServiceAccounts:{BiTool}:Secret={BiToolSecret}",
        $"--Identity:ServiceAccounts:{BiTool}:Roles:0={JinGong.Http.Security.Roles.Auditor}",
    ];
}
