using System.Diagnostics;
using System.Text.Json;
using JinGong.Deploy;
using JinGong.Testing;
using YamlDotNet.RepresentationModel;

namespace JinGong.AppHost.Tests;

/// <summary>
/// The deployable artifact (issue 28): the AppHost's manifest, published without a container engine, becomes a
/// Kubernetes base that <c>kubectl kustomize</c> renders, with two replicas, probes and resources for every service, the
/// servers as StatefulSets, and no secret written out.
/// </summary>
public sealed class DeployArtifactsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task the_manifest_renders_as_a_kubernetes_base_with_probes_resources_and_two_replicas_of_every_service()
    {
        var folder = Directory.CreateTempSubdirectory("jingong-deploy-").FullName;
        try
        {
            var manifest = Path.Combine(folder, "aspire-manifest.json");
            await RunAsync("dotnet", [AppHostProgram, "--publisher", "manifest", "--output-path", manifest, "--Infra=containers", "--Simulator:Enabled=false", "--Backup:Enabled=false"]);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(manifest));
            var k8s = Path.Combine(folder, "k8s");
            KubernetesBase.Write(KubernetesBase.From(document.RootElement, new DeployOptions()), k8s);

            var objects = RenderedBase.Read(await RunAsync("kubectl", ["kustomize", k8s]));

            RenderedBase.Problems(objects).Should().BeEmpty();
            objects.Where(o => o.Kind == "Deployment").Select(o => o.Name).Should().BeEquivalentTo(["fleet", "orders", "dispatch", "okr", "knowledge", "identity", "gateway"]);
            objects.Where(o => o.Kind == "StatefulSet").Select(o => o.Name).Should().BeEquivalentTo(["postgres", "messaging"]);
            objects.Where(o => o.Kind == "Service").Should().HaveCount(9);
            var variables = objects.Where(o => o.Kind is "Deployment" or "StatefulSet").SelectMany(o => Variables(o.Object)).ToList();
            variables.Where(v => v.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || v.Name.Contains("PASS", StringComparison.Ordinal))
                .Should().NotBeEmpty().And.OnlyContain(v => v.FromSecret, "every password and connection string is read from the Secret");
            variables.Should().Contain(("Identity__MetadataAddress", false, "http://identity:8080/.well-known/openid-configuration"));
            variables.Should().Contain(("services__fleet__http__0", false, "http://fleet:8080"), "the gateway reaches each service by its Service's name");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void the_check_names_a_deployment_of_one_replica_a_container_without_probes_or_limits_and_a_value_that_is_no_string()
    {
        var objects = RenderedBase.Read(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: lonely }
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                  - name: lonely
                    image: x
                    resources: { requests: { cpu: 1 } }
                    env:
                    - { name: ENABLED, value: true }
                    - { name: PORT, value: "8080" }
            """);

        RenderedBase.Problems(objects).Should().BeEquivalentTo(
            "Deployment lonely runs fewer than 2 replicas",
            "Deployment lonely: container lonely has no readinessProbe",
            "Deployment lonely: container lonely has no livenessProbe",
            "Deployment lonely: container lonely lacks requests or limits",
            "Deployment lonely: environment variable ENABLED is not a string");
    }

    /// <summary>The AppHost as built for these tests, run as its own program (its settings are beside it).</summary>
    private static string AppHostProgram
    {
        get
        {
            // The AppHost's metadata names its folder, not its project file.
            var program = Path.Combine(Projects.JinGong_AppHost.ProjectPath, "bin", Configuration, $"net{Environment.Version.Major}.{Environment.Version.Minor}", "JinGong.AppHost.dll");
            File.Exists(program).Should().BeTrue($"the AppHost is built beside the tests ({program})");
            return program;
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static IEnumerable<(string Name, bool FromSecret, string? Value)> Variables(YamlMappingNode workload)
    {
        var containers = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)workload["spec"])["template"])["spec"])["containers"];
        return containers.Cast<YamlMappingNode>()
            .Where(container => container.Children.ContainsKey("env"))
            .SelectMany(container => ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>())
            .Select(variable => (
                ((YamlScalarNode)variable["name"]).Value!,
                variable.Children.ContainsKey("valueFrom"),
                variable.Children.TryGetValue("value", out var value) ? ((YamlScalarNode)value).Value : null));
    }

    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var run = await Programs.RunAsync(new ProcessStartInfo(program, arguments) { WorkingDirectory = RepositoryFolders.Root }, Deadline);
        run.ExitCode.Should().Be(0, $"{program} {string.Join(' ', arguments)} succeeds: {run.Errors}{run.Output}");
        return run.Output;
    }
}
