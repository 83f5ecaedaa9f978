using System.Text.Json.Nodes;

namespace JinGong.Testing;

/// <summary>
/// A request-body schema of an OpenAPI document (3.0 or 3.1), its <c>$ref</c>s followed and its nullability set aside:
/// what a client may send, as far as the document says.
/// </summary>
public sealed class ApiSchema
{
    private const int MaxRefs = 32;
    private readonly JsonObject node;
    private readonly JsonNode document;

    private ApiSchema(JsonObject node, JsonNode document)
    {
        this.node = Resolve(node, document);
        this.document = document;
        Kind = KindOf(this.node);
        Nullable = IsNullable(node) || IsNullable(this.node);
    }

    /// <summary><c>object</c>, <c>array</c>, <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c> or <c>any</c>.</summary>
    public string Kind { get; }

    /// <summary>Whether <c>null</c> is a value the schema allows (a 3.1 type list naming it, or a null alternative).</summary>
    public bool Nullable { get; }

    public string? Format => node["format"]?.GetValue<string>();

    /// <summary>The names an enumeration takes (its <c>null</c> left out).</summary>
    public IReadOnlyList<string> Enum =>
        node["enum"] is JsonArray values ? [.. values.OfType<JsonValue>().Select(value => value.ToString())] : [];

    public IReadOnlyList<(string Name, ApiSchema Schema)> Properties =>
        node["properties"] is JsonObject properties
            ? [.. properties.Where(property => property.Value is JsonObject).Select(property => (property.Key, new ApiSchema((JsonObject)property.Value!, document)))]
            : [];

    public ApiSchema? Items => node["items"] is JsonObject items ? new ApiSchema(items, document) : null;

    public IReadOnlySet<string> Required =>
        node["required"] is JsonArray required ? required.OfType<JsonValue>().Select(name => name.ToString()).ToHashSet() : new HashSet<string>();

    public static ApiSchema From(JsonObject schema, JsonNode document) => new(schema, document);

    // A $ref is looked up in the document; of "oneOf"/"anyOf" alternatives the first that is not just null stands.
    private static JsonObject Resolve(JsonObject schema, JsonNode document)
    {
        for (var step = 0; step < MaxRefs; step++)
        {
            if (schema["$ref"] is JsonValue reference)
            {
                schema = Lookup(document, reference.GetValue<string>());
            }
            else if ((schema["oneOf"] ?? schema["anyOf"] ?? schema["allOf"]) is JsonArray alternatives
                && alternatives.OfType<JsonObject>().Select(alternative => Resolve(alternative, document)).FirstOrDefault(alternative => KindOf(alternative) != "null") is { } chosen)
            {
                return chosen;
            }
            else
            {
                return schema;
            }
        }

        throw new InvalidOperationException("The document's $refs go round in a circle.");
    }

    private static JsonObject Lookup(JsonNode document, string reference)
    {
        JsonNode? found = document;
        foreach (var segment in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            found = found?[segment.Replace("~1", "/").Replace("~0", "~")];
        }

        return found as JsonObject ?? throw new InvalidOperationException($"The document has no schema at {reference}.");
    }

    private static bool IsNullable(JsonObject schema) =>
        schema["nullable"]?.GetValue<bool>() == true
        || (schema["type"] is JsonArray types && types.OfType<JsonValue>().Any(type => type.ToString() == "null"))
        || ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray alternatives && alternatives.OfType<JsonObject>().Any(alternative => KindOf(alternative) == "null"));

    // "type" is a name (3.0) or a list of names with "null" among them (3.1); a number may also be read from a string.
    private static string KindOf(JsonObject schema)
    {
        var types = schema["type"] switch
        {
            JsonArray names => names.OfType<JsonValue>().Select(name => name.ToString()).ToList(),
            JsonValue name => [name.ToString()],
            _ => [],
        };
        string[] byPrecedence = ["object", "array", "integer", "number", "boolean", "string"];
        return byPrecedence.FirstOrDefault(types.Contains)
            ?? (types.Count == 1 && types[0] == "null" ? "null"
            : schema["properties"] is not null ? "object"
            : schema["items"] is not null ? "array"
            : schema["enum"] is not null ? "string"
            : "any");
    }
}

/// <summary>A write (POST, PUT, PATCH, DELETE) a service's OpenAPI document declares, with what its body may be.</summary>
public sealed record WriteOperation(
    string Service, HttpMethod Method, string Path, string Name, IReadOnlyList<string> PathParameters, ApiSchema? Body, IReadOnlyList<string> ContentTypes)
{
    private static readonly string[] WriteMethods = ["post", "put", "patch", "delete"];

    /// <summary>Every write operation of <paramref name="document"/>, in the order the document lists them.</summary>
    public static IReadOnlyList<WriteOperation> In(string service, JsonNode document)
    {
        var operations = new List<WriteOperation>();
        foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
        {
            foreach (var method in WriteMethods)
            {
                if (item?[method] is not JsonObject operation)
                {
                    continue;
                }

                var content = operation["requestBody"]?["content"] as JsonObject;
                var json = content?.FirstOrDefault(type => type.Key.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)).Value?["schema"] as JsonObject;
                // The path's own {parameters}: a document may leave out one its endpoint reads from the route itself.
                var parameters = System.Text.RegularExpressions.Regex.Matches(path, "{([^}]+)}").Select(match => match.Groups[1].Value)
                    .Concat((item["parameters"] as JsonArray ?? []).Concat(operation["parameters"] as JsonArray ?? [])
                        .Where(parameter => parameter?["in"]?.GetValue<string>() == "path")
                        .Select(parameter => parameter!["name"]!.GetValue<string>()))
                    .Distinct()
                    .ToList();
                operations.Add(new WriteOperation(
                    service,
                    new HttpMethod(method.ToUpperInvariant()),
                    path,
                    operation["operationId"]?.GetValue<string>() ?? $"{method.ToUpperInvariant()} {path}",
                    parameters,
                    json is null ? null : ApiSchema.From(json, document),
                    [.. content?.Select(type => type.Key) ?? []]));
            }
        }

        return operations;
    }

    /// <summary>The path as far as its first parameter, e.g. <c>/api/fleet/vehicles/{code}</c>: the kind of resource written to.</summary>
    public string? Resource => PathParameters.Count == 0 ? null : Path[..(Path.IndexOf('}', StringComparison.Ordinal) + 1)];

    public override string ToString() => $"{Method} {Path}";
}
