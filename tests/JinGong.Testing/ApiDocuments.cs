using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>Asked for in the environment, the document tests write what the services publish over the console's copies.</summary>
    public const string UpdateVariable = "JINGONG_UPDATE_API_DOCUMENTS";

    private static readonly JsonSerializerOptions StableJson = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        // Descriptions keep their quotes and non-ASCII letters as they are written, so a diff reads as text.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The copy the console's types are generated from (<c>console/src/api/openapi/{service}.json</c>, committed, so
    /// that the console builds without a running service; <c>npm run api-types</c> reads it).
    /// </summary>
    public static string ConsoleCopy(string service) => Path.Combine(RepositoryFolders.Root, "console", "src", "api", "openapi", $"{service}.json");

    /// <summary>
    /// The document in one spelling: indented, <c>\n</c> line ends, the named parts of <c>components</c> by name, a final
    /// line end. The same API gives the same bytes, whatever order the schemas were met in. (Nothing in a document depends
    /// on the machine: its server is "/" and its sign-in addresses are relative.)
    /// </summary>
    public static string Stable(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        if (root["components"] is JsonObject components)
        {
            foreach (var (name, part) in components.ToList())
            {
                if (part is JsonObject named)
                {
                    components[name] = new JsonObject(named.OrderBy(entry => entry.Key, StringComparer.Ordinal)
                        .Select(entry => KeyValuePair.Create(entry.Key, entry.Value?.DeepClone())));
                }
            }
        }

        return root.ToJsonString(StableJson) + "\n";
    }

    /// <summary>Writes <paramref name="document"/> where <c>redocly.yaml</c> names it and lints it.</summary>
    public static async Task<Lint> LintAsync(string service, string document)
    {
        var path = ArtifactPath(service);
        await File.WriteAllTextAsync(path, document);
        var cli = Path.Combine(RepositoryFolders.Root, "console", "node_modules", "@redocly", "cli", "bin", "cli.js");
        File.Exists(cli).Should().BeTrue($"the console's packages hold @redocly/cli ({cli}): the build's npm ci installs them");

        var start = new ProcessStartInfo("node", [cli, "lint", "--config", Path.Combine(RepositoryFolders.Root, "redocly.yaml"), "--format", "stylish", path])
        {
            WorkingDirectory = RepositoryFolders.Root,
        };
        // Nothing leaves the machine, and the output is plain text for the test's message.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        var lint = await Programs.RunAsync(start, LintTimeout);
        return new Lint(lint.ExitCode, $"{lint.Output}{lint.Errors}");
    }

    /// <summary><c>artifacts/openapi/{service}.json</c>: the document the service published in the last test run.</summary>
    public static string ArtifactPath(string service) => Path.Combine(RepositoryFolders.Artifacts("openapi"), $"{service}.json");
}

/// <summary>A service's OpenAPI document, fetched from the service as a client does, passes Redocly's lint with no error.</summary>
public abstract class ApiDocumentTests(IApiUnderTest host, string service)
{
    protected string Service => service;

    /// <summary>The service's document as it publishes it now, spelled <see cref="ApiDocuments.Stable"/>.</summary>
    protected async Task<string> PublishedAsync() => ApiDocuments.Stable(await host.Api.GetStringAsync($"/api/{service}/openapi/v1.json"));

    [Fact]
    public async Task its_openapi_document_passes_the_lint()
    {
        var document = await PublishedAsync();

        var lint = await ApiDocuments.LintAsync(service, document);

        lint.ExitCode.Should().Be(0, $"redocly lint finds no error in {service}'s OpenAPI document:\n{lint.Output}");
    }
}

/// <summary>
/// A document the console is generated from (<see cref="ApiDocuments.ConsoleCopy"/>) is also what the service publishes
/// now: a change to the API shows in the console's types, or this test says how to bring it there.
/// </summary>
public abstract class ConsoleApiDocumentTests(IApiUnderTest host, string service) : ApiDocumentTests(host, service)
{
    [Fact]
    public async Task the_console_is_generated_from_the_document_it_publishes()
    {
        var published = await PublishedAsync();
        var copy = ApiDocuments.ConsoleCopy(Service);
        if (Environment.GetEnvironmentVariable(ApiDocuments.UpdateVariable) is "1" or "true")
        {
            await File.WriteAllTextAsync(copy, published);
        }

        var committed = File.Exists(copy) ? await File.ReadAllTextAsync(copy) : "";

        var project = $"tests/JinGong.{char.ToUpperInvariant(Service[0])}{Service[1..]}.Tests";
        (committed == published).Should().BeTrue($"{Path.GetRelativePath(RepositoryFolders.Root, copy)} should be {Service}'s OpenAPI "
            + $"document as the service publishes it now ({FirstDifference(committed, published)}); refresh it with "
            + $"`{ApiDocuments.UpdateVariable}=1 dotnet test {project} --filter ApiDocument` (or copy "
            + $"{Path.GetRelativePath(RepositoryFolders.Root, ApiDocuments.ArtifactPath(Service))}, which this run wrote), then "
            + "regenerate the console's types with `cd console && npm run api-types`");
    }

    private static string FirstDifference(string committed, string published)
    {
        string[] before = committed.Split('\n'), now = published.Split('\n');
        var line = Enumerable.Range(0, Math.Min(before.Length, now.Length)).FirstOrDefault(at => before[at] != now[at], Math.Min(before.Length, now.Length));
        string At(string[] lines) => line < lines.Length ? $"`{lines[line].Trim()}`" : "its end";
        return committed.Length == 0 ? "it is missing" : $"line {line + 1} is {At(before)}, the service says {At(now)}";
    }
}
