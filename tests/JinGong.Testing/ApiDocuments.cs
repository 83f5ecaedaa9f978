using System.Diagnostics;
using FluentAssertions;
using Xunit;

namespace JinGong.Testing;

/// <summary>
/// A service's OpenAPI document, as clients build on it: kept in <c>artifacts/openapi/{service}.json</c> and linted with
/// Redocly's recommended rules (<c>redocly.yaml</c> at the repository's root, <c>@redocly/cli</c> of the console's
/// packages, which the build installs).
/// </summary>
public static class ApiDocuments
{
    private static readonly TimeSpan LintTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The lint's exit code (0: no error; warnings do not count) and what it printed.</summary>
    public sealed record Lint(int ExitCode, string Output);

    /// <summary>Writes <paramref name="document"/> where <c>redocly.yaml</c> names it and lints it.</summary>
    public static async Task<Lint> LintAsync(string service, string document)
    {
        var path = Path.Combine(RepositoryFolders.Artifacts("openapi"), $"{service}.json");
        await File.WriteAllTextAsync(path, document);
        var cli = Path.Combine(RepositoryFolders.Root, "console", "node_modules", "@redocly", "cli", "bin", "cli.js");
        File.Exists(cli).Should().BeTrue($"the console's packages hold @redocly/cli ({cli}): the build's npm ci installs them");

        var start = new ProcessStartInfo("node", [cli, "lint", "--config", Path.Combine(RepositoryFolders.Root, "redocly.yaml"), "--format", "stylish", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFolders.Root,
        };
        // Nothing leaves the machine, and the output is plain text for the test's message.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        using var lint = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = lint.StandardOutput.ReadToEndAsync();
        var errors = lint.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(LintTimeout);
        try
        {
            await lint.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            lint.Kill(entireProcessTree: true);
            throw new TimeoutException($"redocly lint of {service} did not finish in {LintTimeout}.");
        }

        return new Lint(lint.ExitCode, $"{await output}{await errors}");
    }
}

/// <summary>A service's OpenAPI document, fetched from the service as a client does, passes Redocly's lint with no error.</summary>
public abstract class ApiDocumentTests(IApiUnderTest host, string service)
{
    [Fact]
    public async Task its_openapi_document_passes_the_lint()
    {
        var document = await host.Api.GetStringAsync($"/api/{service}/openapi/v1.json");

        var lint = await ApiDocuments.LintAsync(service, document);

        lint.ExitCode.Should().Be(0, $"redocly lint finds no error in {service}'s OpenAPI document:\n{lint.Output}");
    }
}
