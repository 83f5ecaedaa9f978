using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace JinGong.Deploy;

/// <summary>
/// What <c>kubectl kustomize</c> rendered of the base, read back and checked: every Deployment runs at least two
/// replicas, and every container of every workload has a readiness and a liveness probe, and resource requests and limits.
/// </summary>
public static partial class RenderedBase
{
    /// <summary>Each object rendered: its kind and name, and the whole of it.</summary>
    public static IReadOnlyList<(string Kind, string Name, YamlMappingNode Object)> Read(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents
            .Select(document => (YamlMappingNode)document.RootNode)
            .Select(node => (Text(node, "kind"), Text((YamlMappingNode)node["metadata"], "name"), node))];
    }

    /// <summary>What is wrong with the rendered objects, one line each; none when all is well.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<(string Kind, string Name, YamlMappingNode Object)> objects)
    {
        var problems = new List<string>();
        foreach (var (kind, name, node) in objects.Where(o => o.Kind is "Deployment" or "StatefulSet"))
        {
            var spec = (YamlMappingNode)node["spec"];
            if (kind == "Deployment" && (!spec.Children.TryGetValue("replicas", out var replicas) || int.Parse(((YamlScalarNode)replicas).Value!, System.Globalization.CultureInfo.InvariantCulture) < 2))
            {
                problems.Add($"{kind} {name} runs fewer than 2 replicas");
            }

            var containers = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)spec["template"])["spec"])["containers"];
            foreach (var container in containers.Cast<YamlMappingNode>())
            {
                foreach (var needed in new[] { "readinessProbe", "livenessProbe", "resources" })
                {
                    if (!container.Children.ContainsKey(needed))
                    {
                        problems.Add($"{kind} {name}: container {Text(container, "name")} has no {needed}");
                    }
                }

                if (container.Children.TryGetValue("env", out var env))
                {
                    problems.AddRange(((YamlSequenceNode)env).Cast<YamlMappingNode>()
                        .Where(variable => variable.Children.TryGetValue("value", out var value) && value is YamlScalarNode { Style: ScalarStyle.Plain } scalar
                            && NotAString().IsMatch(scalar.Value ?? string.Empty))
                        .Select(variable => $"{kind} {name}: environment variable {Text(variable, "name")} is not a string"));
                }

                if (container.Children.TryGetValue("resources", out var resources)
                    && !(((YamlMappingNode)resources).Children.ContainsKey("requests") && ((YamlMappingNode)resources).Children.ContainsKey("limits")))
                {
                    problems.Add($"{kind} {name}: container {Text(container, "name")} lacks requests or limits");
                }
            }
        }

        return problems;
    }

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    /// <summary>What a plain YAML scalar is read as when it is not a string: a boolean, a number, null.</summary>
    [GeneratedRegex(@"^(true|false|True|False|TRUE|FALSE|yes|no|on|off|null|~|[-+]?[0-9][0-9_]*(\.[0-9]*)?([eE][-+]?[0-9]+)?)$")]
    private static partial Regex NotAString();
}
