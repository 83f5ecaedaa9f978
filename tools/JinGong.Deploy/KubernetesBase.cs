using System.Text.Json;
using System.Text.RegularExpressions;

namespace JinGong.Deploy;

/// <summary>How the base deploys what the manifest describes.</summary>
/// <param name="Replicas">Replicas of every service (the gateway and identity included): two, so one can fail.</param>
/// <param name="Images">Where the services' images are named: <c>{Images}/{service}</c>, tag <c>latest</c> (kustomize's <c>images:</c> changes both).</param>
/// <param name="Secret">The Secret every password and connection string is read from, which the operator creates.</param>
public sealed record DeployOptions(int Replicas = 2, string Images = "registry.example.com/jingong", string Secret = "jingong");

/// <summary>One file of the base: its name and the Kubernetes objects it holds.</summary>
public sealed record KubernetesFile(string Name, IReadOnlyList<Dictionary<string, object>> Objects);

/// <summary>
/// The Kubernetes base of the system, from the AppHost's manifest (<c>aspire-manifest.json</c>, published with
/// <c>--Infra=containers</c>): each service (a <c>project.v0</c>) a Deployment of <see cref="DeployOptions.Replicas"/> with
/// its readiness probe on <c>/health</c>, its liveness probe on <c>/alive</c>, requests and limits, and a Service; each
/// server (PostgreSQL, RabbitMQ: a container with a connection string) a StatefulSet of one with its volumes and a
/// Service; every parameter and connection string a key of one Secret the operator creates, never a value here. What
/// the manifest refers to is translated to the cluster's names (<c>{identity.bindings.http.url}</c> →
/// <c>http://identity:8080</c>); a reference of another kind fails the generation, so nothing is deployed half-wired.
/// Executables (the local backup) are not deployed: the operator backs up the cluster's databases (docs/deploy.md).
/// </summary>
public static partial class KubernetesBase
{
    /// <summary>The port every service listens on in its container (<c>HTTP_PORTS</c>).</summary>
    public const int ServicePort = 8080;

    public static IReadOnlyList<KubernetesFile> From(JsonElement manifest, DeployOptions options)
    {
        var resources = manifest.GetProperty("resources").EnumerateObject().ToDictionary(resource => resource.Name, resource => resource.Value);
        var files = new List<KubernetesFile>();
        foreach (var (name, resource) in resources)
        {
            var type = resource.GetProperty("type").GetString()!;
            if (type == "project.v0")
            {
                files.Add(new($"{name}.yaml", [Service(name, ServicePort), ServiceDeployment(name, resource, resources, options)]));
            }
            else if (type.StartsWith("container.", StringComparison.Ordinal) && resource.TryGetProperty("connectionString", out _))
            {
                var port = resource.GetProperty("bindings").EnumerateObject().First().Value.GetProperty("targetPort").GetInt32();
                files.Add(new($"{name}.yaml", [Service(name, port), Server(name, port, resource, resources, options)]));
            }
        }

        files.Add(new("kustomization.yaml", [Kustomization(files.Select(file => file.Name), resources.Keys.Where(name => resources[name].GetProperty("type").GetString() == "project.v0"), options)]));
        return files;
    }

    /// <summary>Writes the base into <paramref name="folder"/>, one file per service and server, and its kustomization.</summary>
    public static void Write(IReadOnlyList<KubernetesFile> files, string folder)
    {
        Directory.CreateDirectory(folder);
        // Plain YAML a person reads (no anchors), and every string a string: an environment value "true" or "8080" written
        // bare would be read back as a boolean or a number, which Kubernetes refuses for an environment variable.
        var yaml = new YamlDotNet.Serialization.SerializerBuilder().DisableAliases().WithQuotingNecessaryStrings().Build();
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(folder, file.Name), string.Join("---\n", file.Objects.Select(yaml.Serialize)));
        }
    }

    private static Dictionary<string, object> ServiceDeployment(
        string name, JsonElement resource, IReadOnlyDictionary<string, JsonElement> resources, DeployOptions options)
    {
        var probe = (string path) => new Dictionary<string, object> { ["httpGet"] = new Dictionary<string, object> { ["path"] = path, ["port"] = "http" }, ["periodSeconds"] = 10 };
        var container = new Dictionary<string, object>
        {
            ["name"] = name,
            ["image"] = $"{options.Images}/{name}:latest",
            ["ports"] = new[] { new Dictionary<string, object> { ["name"] = "http", ["containerPort"] = ServicePort } },
            ["env"] = Environment(name, resource, resources, options),
            ["readinessProbe"] = probe("/health"),
            ["livenessProbe"] = probe("/alive"),
            ["resources"] = new Dictionary<string, object>
            {
                ["requests"] = new Dictionary<string, object> { ["cpu"] = "250m", ["memory"] = "256Mi" },
                ["limits"] = new Dictionary<string, object> { ["memory"] = "1Gi" },
            },
        };
        return Workload("Deployment", name, options.Replicas, container, extra: []);
    }

    private static Dictionary<string, object> Server(
        string name, int port, JsonElement resource, IReadOnlyDictionary<string, JsonElement> resources, DeployOptions options)
    {
        var volumes = resource.TryGetProperty("volumes", out var declared) ? declared.EnumerateArray().ToList() : [];
        var container = new Dictionary<string, object>
        {
            ["name"] = name,
            // An image the AppHost builds (PostgreSQL with pgBackRest) is pushed beside the services' under its name.
            ["image"] = resource.TryGetProperty("image", out var image) ? image.GetString()! : $"{options.Images}/{name}:latest",
            ["ports"] = new[] { new Dictionary<string, object> { ["name"] = "server", ["containerPort"] = port } },
            ["env"] = Environment(name, resource, resources, options),
            ["readinessProbe"] = new Dictionary<string, object> { ["tcpSocket"] = new Dictionary<string, object> { ["port"] = port }, ["periodSeconds"] = 10 },
            ["livenessProbe"] = new Dictionary<string, object> { ["tcpSocket"] = new Dictionary<string, object> { ["port"] = port }, ["periodSeconds"] = 20 },
            ["resources"] = new Dictionary<string, object>
            {
                ["requests"] = new Dictionary<string, object> { ["cpu"] = "500m", ["memory"] = "1Gi" },
                ["limits"] = new Dictionary<string, object> { ["memory"] = "4Gi" },
            },
            ["volumeMounts"] = volumes.Select(volume => new Dictionary<string, object>
            {
                ["name"] = volume.GetProperty("name").GetString()!, ["mountPath"] = volume.GetProperty("target").GetString()!,
            }).ToList(),
        };
        if (resource.TryGetProperty("args", out var args))
        {
            container["args"] = args.EnumerateArray().Select(arg => arg.GetString()!).ToList();
        }

        var claims = volumes.Select(volume => new Dictionary<string, object>
        {
            ["metadata"] = new Dictionary<string, object> { ["name"] = volume.GetProperty("name").GetString()! },
            ["spec"] = new Dictionary<string, object>
            {
                ["accessModes"] = new[] { "ReadWriteOnce" },
                ["resources"] = new Dictionary<string, object> { ["requests"] = new Dictionary<string, object> { ["storage"] = "20Gi" } },
            },
        }).ToList();
        return Workload("StatefulSet", name, 1, container, extra: new() { ["serviceName"] = name, ["volumeClaimTemplates"] = claims });
    }

    private static Dictionary<string, object> Workload(string kind, string name, int replicas, Dictionary<string, object> container, Dictionary<string, object> extra)
    {
        var labels = new Dictionary<string, object> { ["app"] = name };
        var spec = new Dictionary<string, object>
        {
            ["replicas"] = replicas,
            ["selector"] = new Dictionary<string, object> { ["matchLabels"] = labels },
            ["template"] = new Dictionary<string, object>
            {
                ["metadata"] = new Dictionary<string, object> { ["labels"] = labels },
                ["spec"] = new Dictionary<string, object> { ["containers"] = new[] { container } },
            },
        };
        foreach (var (key, value) in extra)
        {
            spec[key] = value;
        }

        return new() { ["apiVersion"] = "apps/v1", ["kind"] = kind, ["metadata"] = new Dictionary<string, object> { ["name"] = name, ["labels"] = labels }, ["spec"] = spec };
    }

    private static Dictionary<string, object> Service(string name, int port) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new Dictionary<string, object> { ["name"] = name },
        ["spec"] = new Dictionary<string, object>
        {
            ["selector"] = new Dictionary<string, object> { ["app"] = name },
            ["ports"] = new[] { new Dictionary<string, object> { ["name"] = "main", ["port"] = port, ["targetPort"] = port } },
        },
    };

    private static Dictionary<string, object> Kustomization(IEnumerable<string> files, IEnumerable<string> services, DeployOptions options) => new()
    {
        ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
        ["kind"] = "Kustomization",
        ["resources"] = files.ToList(),
        // An overlay sets the registry and tag of each service here (kustomize edit set image).
        ["images"] = services.Select(service => new Dictionary<string, object> { ["name"] = $"{options.Images}/{service}", ["newTag"] = "latest" }).ToList(),
    };

    /// <summary>The container's environment: plain values as they are, secrets by reference, other resources by their cluster names.</summary>
    private static List<Dictionary<string, object>> Environment(
        string name, JsonElement resource, IReadOnlyDictionary<string, JsonElement> resources, DeployOptions options)
    {
        if (!resource.TryGetProperty("env", out var env))
        {
            return [];
        }

        // Services listen on HTTP only in the cluster (TLS ends at the ingress): references to their HTTPS endpoints are left out.
        return [.. env.EnumerateObject()
            .Where(variable => !variable.Value.GetString()!.Contains(".bindings.https.", StringComparison.Ordinal))
            .Select(variable => Variable(name, variable.Name, variable.Value.GetString()!, resources, options))];
    }

    private static Dictionary<string, object> Variable(string owner, string variable, string value, IReadOnlyDictionary<string, JsonElement> resources, DeployOptions options)
    {
        var secret = (string key) => new Dictionary<string, object>
        {
            ["name"] = variable,
            ["valueFrom"] = new Dictionary<string, object> { ["secretKeyRef"] = new Dictionary<string, object> { ["name"] = options.Secret, ["key"] = key } },
        };
        if (WholeReference().Match(value) is { Success: true } whole && whole.Groups["property"].Value is "value" or "connectionString")
        {
            var resource = whole.Groups["resource"].Value;
            return secret(whole.Groups["property"].Value == "value" ? resource : $"{resource}-connection-string");
        }

        // A value with a secret inside it (a connection string written out) is a secret of its own.
        if (Reference().Matches(value).Any(reference => reference.Groups["property"].Value is "value" or "connectionString"))
        {
            return secret($"{owner}-{variable.ToLowerInvariant().Replace("__", "-", StringComparison.Ordinal).Replace('_', '-')}");
        }

        var translated = Reference().Replace(value, reference => Translate(reference, resources));
        return new() { ["name"] = variable, ["value"] = translated };
    }

    private static string Translate(Match reference, IReadOnlyDictionary<string, JsonElement> resources)
    {
        var (resource, property) = (reference.Groups["resource"].Value, reference.Groups["property"].Value);
        var port = resources.TryGetValue(resource, out var found) && found.GetProperty("type").GetString() == "project.v0"
            ? ServicePort
            : resources.TryGetValue(resource, out var server) && server.TryGetProperty("bindings", out var bindings)
                ? bindings.EnumerateObject().First().Value.GetProperty("targetPort").GetInt32()
                : throw new InvalidOperationException($"The manifest refers to {reference.Value}, which names no resource it holds.");
        return property switch
        {
            var p when p.EndsWith(".url", StringComparison.Ordinal) => $"http://{resource}:{port}",
            var p when p.EndsWith(".host", StringComparison.Ordinal) => resource,
            var p when p.EndsWith(".port", StringComparison.Ordinal) || p.EndsWith(".targetPort", StringComparison.Ordinal) => port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"The manifest refers to {reference.Value}, which the Kubernetes base does not know how to write."),
        };
    }

    [GeneratedRegex(@"\{(?<resource>[a-z0-9-]+)\.(?<property>[A-Za-z0-9.]+)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\{(?<resource>[a-z0-9-]+)\.(?<property>[A-Za-z0-9.]+)\}$")]
    private static partial Regex WholeReference();
}
