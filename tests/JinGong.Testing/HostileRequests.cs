using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JinGong.Testing;

/// <summary>Where a hostile request goes: its path parameters, and the body a well-meaning client would send there.</summary>
public sealed record HostileTarget(IReadOnlyDictionary<string, string> PathValues, JsonNode? Body)
{
    /// <summary>No stream made: every route parameter names nothing.</summary>
    public static readonly HostileTarget Nothing = new(new Dictionary<string, string>(), null);

    /// <summary><paramref name="route"/> (<c>/api/fleet/vehicles/{code}</c>) naming this target's streams, and nothing where it has none.</summary>
    public string PathOf(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, "{([^}]+)}", parameter => PathValues.GetValueOrDefault(parameter.Groups[1].Value) ?? "no-such-thing");
}

/// <summary>
/// One hostile request to an operation, made for whatever target the operation has at the time.
/// <paramref name="MayBeAccepted"/>: the input is odd but legitimate (Unicode in a free-text field, an extra field),
/// so a 2xx is a right answer too; otherwise only a 4xx Problem Details is. <paramref name="RefusedByTheServer"/>: the
/// HTTP server itself refuses such a request (a NUL in the path) with a bare 400 before any application code runs.
/// </summary>
public sealed record HostileVariant(string Class, string What, bool MayBeAccepted, Func<HostileTarget, HttpRequestMessage> Request, bool RefusedByTheServer = false);

/// <summary>Picks a property's value for a sample body: true with the value to send (null: leave it out), false to let the schema decide.</summary>
public delegate bool SampleValue(string property, ApiSchema schema, out JsonNode? value);

/// <summary>
/// Hostile requests made from an operation's OpenAPI description alone, so a new endpoint is covered without a new test:
/// malformed JSON, wrong content types, bodies too big, and for every property of the body wrong JSON types, null, huge,
/// control and unusual Unicode text, SQL- and script-like text, negative and overflowing numbers, unknown enum names,
/// missing and extra fields; hostile values of the path parameters; a CSV body made hostile where CSV is accepted.
/// </summary>
public static class HostileRequests
{
    public const int HugeTextLength = 1024 * 1024;
    public const int TooBigBodyLength = 10 * 1024 * 1024;
    public const int FarTooBigBodyLength = 40 * 1024 * 1024;
    private const int MaxDepth = 4;
    private const int LongListLength = 20_000;
    private const string Placeholder = "@@hostile-value@@";
    private const string NulInPath = "a NUL";
    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly Lazy<string> HugeText = new(() => new string('x', HugeTextLength));
    private static readonly Lazy<string> TooBigText = new(() => new string('x', TooBigBodyLength));
    private static readonly Lazy<byte[]> FarTooBigBody = new(() => Encoding.UTF8.GetBytes($"{{\"hostile\":\"{new string('x', FarTooBigBodyLength)}\"}}"));

    /// <summary>What may be done with a text, wherever it is sent.</summary>
    private enum TextRule
    {
        /// <summary>Never valid input: no field holds it.</summary>
        Refused,

        /// <summary>Fine in free text (a reason, a name), refused where the field names something (an id, a code).</summary>
        FreeTextOnly,

        /// <summary>Valid or not depending on the field's own rules (e.g. required).</summary>
        Either,
    }

    /// <param name="Json">The value as JSON text (a lone surrogate can only be written escaped).</param>
    /// <param name="Text">The value itself, for a path or a CSV field; null where it cannot travel there.</param>
    private sealed record HostileText(string Class, string What, string Json, string? Text, TextRule Rule);

    private static readonly HostileText[] Texts =
    [
        Text("huge string", "1 MB of text", HugeText.Value, TextRule.Refused),
        Text("control character", "a NUL inside", "a\u0000b", TextRule.Refused),
        Text("control character", "a bell and an ANSI escape", "\u0007\u001b[31mred", TextRule.Refused),
        new("control character", "a lone high surrogate", "\"a\\ud800b\"", null, TextRule.Refused),
        new("control character", "a lone low surrogate", "\"\\udc00\"", null, TextRule.Refused),
        Text("sql", "a statement to drop the events", "'; DROP TABLE mt_events;--", TextRule.FreeTextOnly),
        Text("sql", "an always-true condition", "1' OR '1'='1", TextRule.FreeTextOnly),
        Text("script", "a script element", "<script>alert(1)</script>", TextRule.FreeTextOnly),
        Text("script", "an attribute breaking out", "\"><img src=x onerror=alert(1)>", TextRule.FreeTextOnly),
        Text("path", "a path climbing out", "../../../etc/passwd", TextRule.FreeTextOnly),
        Text("unicode", "a right-to-left override", "invoice\u202Efdp.exe", TextRule.FreeTextOnly),
        Text("unicode", "a zero-width joiner", "\U0001F469\u200D\U0001F692", TextRule.FreeTextOnly),
        Text("unicode", "emoji", "\U0001F69C\U0001F3D7\uFE0F\u26CF", TextRule.FreeTextOnly),
        Text("unicode", "stacked combining marks", "Z\u0351\u0352\u0353\u0354\u0355\u0356a\u0300\u0301\u0302\u0303\u0304", TextRule.FreeTextOnly),
        Text("unicode", "a zero-width space and a byte order mark", "\u200B\uFEFFx", TextRule.FreeTextOnly),
        Text("unicode", "Chinese", "\u91D1\u5DE5\u4E1C\u533A", TextRule.FreeTextOnly),
        Text("empty", "an empty text", string.Empty, TextRule.Either),
        Text("empty", "only spaces", "   ", TextRule.Either),
    ];

    /// <summary>Every hostile request this operation gets, as its OpenAPI description allows to make them.</summary>
    public static IReadOnlyList<HostileVariant> For(WriteOperation operation)
    {
        var variants = new List<HostileVariant>();
        variants.AddRange(PathVariants(operation));
        if (operation.Body is { } body)
        {
            variants.AddRange(MalformedBodies(operation));
            variants.AddRange(WholeBodies(operation, body));
            foreach (var leaf in Leaves(body, [], body.Kind == "object" ? string.Empty : "body", 0))
            {
                variants.AddRange(LeafVariants(operation, leaf));
            }
        }

        if (operation.ContentTypes.Contains("text/csv", StringComparer.OrdinalIgnoreCase) && CsvList(operation.Body) is { } list)
        {
            variants.AddRange(CsvVariants(operation, list.Name, list.Columns));
        }

        return variants;
    }

    /// <summary>A body a well-meaning client would send, with the values <paramref name="pick"/> chooses and plain ones elsewhere.</summary>
    public static JsonNode? Sample(ApiSchema schema, SampleValue pick, string name = "", int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        switch (schema.Kind)
        {
            case "object":
                var sample = new JsonObject();
                foreach (var (property, propertySchema) in schema.Properties)
                {
                    var value = pick(property, propertySchema, out var picked) ? picked : Sample(propertySchema, pick, property, depth + 1);
                    if (value is not null)
                    {
                        sample[property] = value;
                    }
                }

                return sample;
            case "array":
                return schema.Items is { } items && Sample(items, pick, name, depth + 1) is { } item ? new JsonArray(item) : new JsonArray();
            case "integer" or "number":
                return 1;
            case "boolean":
                return false;
            case "string" when schema.Enum.Count > 0:
                return schema.Enum[0];
            case "string" when schema.Format == "date":
                return DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case "string" when schema.Format == "date-time":
                // Business time defaults to now: leaving it out is what a client would do.
                return null;
            case "string":
                return $"probe-{name}";
            default:
                return null;
        }
    }

    /// <summary>An id or a code (<c>id</c>, <c>code</c>, <c>orderId</c>, <c>vehicleCode</c>): it names something, it is not free text.</summary>
    public static bool NamesSomething(string property) =>
        property is "id" or "code" || property.EndsWith("Id", StringComparison.Ordinal) || property.EndsWith("Code", StringComparison.Ordinal);

    private static IEnumerable<HostileVariant> PathVariants(WriteOperation operation)
    {
        // Already escaped as they travel: a NUL (Kestrel refuses it in a path before any middleware), bytes that are not UTF-8, text no id has.
        (string What, string Escaped)[] values =
        [
            ("an id nothing has", "HOSTILE-NOTHING-0000"),
            ("SQL", Uri.EscapeDataString("'; DROP TABLE mt_events;--")),
            ("a script", Uri.EscapeDataString("<script>alert(1)</script>")),
            (NulInPath, "a%00b"),
            ("bytes that are not UTF-8", "%ED%A0%80%FF"),
            ("a right-to-left override", Uri.EscapeDataString("abc\u202Edef")),
            ("emoji and a zero-width joiner", Uri.EscapeDataString("\U0001F469\u200D\U0001F692")),
            ("1000 characters", new string('x', 1000)),
            ("an encoded slash", "a%2Fb"),
        ];
        foreach (var parameter in operation.PathParameters)
        {
            foreach (var (what, escaped) in values)
            {
                yield return new("path parameter", $"{{{parameter}}} = {what}", false, target => Message(
                    operation, Path(operation, target, parameter, escaped), JsonBody(target.Body)), RefusedByTheServer: what == NulInPath);
            }
        }
    }

    private static IEnumerable<HostileVariant> MalformedBodies(WriteOperation operation)
    {
        (string What, Func<HostileTarget, byte[]> Body)[] bodies =
        [
            ("an empty body", _ => []),
            ("null", _ => "null"u8.ToArray()),
            ("an array instead of an object", _ => "[]"u8.ToArray()),
            ("a number instead of an object", _ => "42"u8.ToArray()),
            ("a string instead of an object", _ => "\"text\""u8.ToArray()),
            ("only an opening brace", _ => "{"u8.ToArray()),
            ("not JSON at all", _ => "hello, world"u8.ToArray()),
            ("the body cut in half", target => Half(Bytes(target.Body))),
            ("garbage after the body", target => [.. Bytes(target.Body), .. "}}]garbage"u8]),
            ("a trailing comma", target => Encoding.UTF8.GetBytes(Serialize(target.Body).TrimEnd('}') + ",}")),
            ("a comment", target => [.. "/* hostile */"u8, .. Bytes(target.Body)]),
            ("single quotes", _ => "{'hostile': 'x'}"u8.ToArray()),
            ("a bare NaN", _ => "{\"hostile\": NaN}"u8.ToArray()),
            ("nesting 100,000 deep", _ => Encoding.UTF8.GetBytes("{\"hostile\":" + new string('[', 100_000) + new string(']', 100_000) + "}")),
        ];
        foreach (var (what, body) in bodies)
        {
            yield return new("malformed JSON", what, false, target => Message(operation, Path(operation, target), Content(body(target), "application/json")));
        }

        // In a value the endpoint reads: a parser may skip a field it does not know without decoding it.
        if (operation.Body is { } schema && Leaves(schema, [], string.Empty, 0).FirstOrDefault(leaf => leaf.Schema.Kind == "string") is { } text)
        {
            yield return new("malformed JSON", $"bytes that are not UTF-8 in {Display(text.Path)}", false, target =>
                Message(operation, Path(operation, target), Content(Replaced(target.Body, text.Path, [(byte)'"', 0xFF, 0xFE, 0xC0, 0x80, (byte)'"']), "application/json")));
        }

        (string What, string? ContentType)[] types =
        [
            ("text/plain", "text/plain"),
            ("application/xml", "application/xml"),
            ("multipart/form-data", "multipart/form-data; boundary=hostile"),
            ("no content type", null),
            ("an unknown charset", "application/json; charset=klingon"),
            ("UTF-16 declared, UTF-8 sent", "application/json; charset=utf-16"),
        ];
        foreach (var (what, type) in types)
        {
            yield return new("content type", what, false, target => Message(operation, Path(operation, target), Content(Bytes(target.Body), type)));
        }

        yield return new("huge body", $"{FarTooBigBodyLength / 1024 / 1024} MB", false, target =>
        {
            var message = Message(operation, Path(operation, target), Content(FarTooBigBody.Value, "application/json"));
            // The answer may come before the body is sent; the client waits for it instead of writing 40 MB into a closed connection.
            message.Headers.ExpectContinue = true;
            return message;
        });
    }

    private static IEnumerable<HostileVariant> WholeBodies(WriteOperation operation, ApiSchema body)
    {
        if (body.Kind != "object")
        {
            yield break;
        }

        var properties = body.Properties;
        yield return new("missing fields", "an empty object", true, target => Message(operation, Path(operation, target), JsonBody(new JsonObject())));
        // A field the document requires and that cannot be null must be there; .NET lists every nullable record parameter as required too.
        foreach (var (name, schema) in properties)
        {
            yield return new("missing fields", $"{name} left out", !body.Required.Contains(name) || schema.Nullable, target =>
                Message(operation, Path(operation, target), JsonBody(Without(target.Body, name))));
        }

        (string What, string Name, string Json)[] extras =
        [
            ("an unknown field", "hostileExtra", "{\"nested\":[1,2,3]}"),
            ("a type discriminator", "$type", "\"System.IO.FileInfo, System.IO.FileSystem\""),
            ("a reference", "$ref", "\"#\""),
            ("a prototype", "__proto__", "{\"isAdmin\":true}"),
        ];
        foreach (var (what, name, json) in extras)
        {
            yield return new("extra fields", what, true, target =>
                Message(operation, Path(operation, target), JsonBody(With(target.Body, [name], JsonNode.Parse(json)))));
        }

        if (properties.Count > 0)
        {
            var first = properties[0].Name;
            yield return new("extra fields", $"{first} twice", true, target =>
                Message(operation, Path(operation, target), Content(Encoding.UTF8.GetBytes($"{{\"{first}\":null,{Serialize(target.Body).TrimStart('{')}"), "application/json")));
            yield return new("extra fields", "names in capitals", true, target =>
                Message(operation, Path(operation, target), JsonBody(Capitalized(target.Body))));
        }

        if (FirstText(body, []) is { } text)
        {
            yield return new("huge body", $"{TooBigBodyLength / 1024 / 1024} MB of text in {Display(text)}", false, target =>
                Message(operation, Path(operation, target), JsonBody(With(target.Body, text, JsonValue.Create(TooBigText.Value)))));
        }

        foreach (var (what, value) in new[] { ("not a version", "abc"), ("a negative version", "\"-1\""), ("an overflowing version", "\"99999999999999999999\"") })
        {
            yield return new("header", $"If-Match {what}", true, target =>
            {
                var message = Message(operation, Path(operation, target), JsonBody(target.Body));
                message.Headers.TryAddWithoutValidation("If-Match", value);
                return message;
            });
        }
    }

    private sealed record Leaf(IReadOnlyList<object> Path, string Name, ApiSchema Schema);

    // Every value in the body: an object's properties, an array's first item, and what they hold in turn.
    private static IEnumerable<Leaf> Leaves(ApiSchema schema, IReadOnlyList<object> path, string name, int depth)
    {
        if (depth > MaxDepth)
        {
            yield break;
        }

        if (schema.Kind == "object")
        {
            foreach (var (property, propertySchema) in schema.Properties)
            {
                IReadOnlyList<object> propertyPath = [.. path, property];
                yield return new Leaf(propertyPath, property, propertySchema);
                foreach (var inner in Leaves(propertySchema, propertyPath, property, depth + 1))
                {
                    yield return inner;
                }
            }
        }
        else if (schema.Kind == "array" && schema.Items is { Kind: "object" or "array" } items)
        {
            foreach (var inner in Leaves(items, [.. path, 0], name, depth + 1))
            {
                yield return inner;
            }
        }
    }

    private static IEnumerable<HostileVariant> LeafVariants(WriteOperation operation, Leaf leaf)
    {
        var where = Display(leaf.Path);
        HostileVariant Set(string @class, string what, string json, bool mayBeAccepted) =>
            new(@class, $"{where} = {what}", mayBeAccepted, target =>
                Message(operation, Path(operation, target), Content(Replaced(target.Body, leaf.Path, Encoding.UTF8.GetBytes(json)), "application/json")));

        yield return Set("null", "null", "null", true);
        switch (leaf.Schema.Kind)
        {
            case "string":
                foreach (var (json, what) in new[] { ("12345", "a number"), ("true", "a boolean"), ("{}", "an object"), ("[\"x\"]", "an array") })
                {
                    yield return Set("wrong type", what, json, false);
                }

                var namesSomething = NamesSomething(leaf.Name);
                foreach (var text in Texts)
                {
                    yield return Set(text.Class, text.What, text.Json, text.Rule switch
                    {
                        TextRule.Refused => false,
                        TextRule.FreeTextOnly => !namesSomething && leaf.Schema.Enum.Count == 0,
                        _ => true,
                    });
                }

                if (leaf.Schema.Enum.Count > 0)
                {
                    yield return Set("unknown enum value", "a name the enum does not have", "\"NotAKnownValue\"", false);
                    // Enums travel as their names (DESIGN.md); a number would name a member by its position, or none.
                    yield return Set("unknown enum value", "a member's number", "1", false);
                    yield return Set("unknown enum value", "a number no member has", "-99", false);
                    yield return Set("unknown enum value", "a known name in capitals", JsonSerializer.Serialize(leaf.Schema.Enum[0].ToUpperInvariant()), true);
                }

                if (leaf.Schema.Format == "date")
                {
                    yield return Set("wrong format", "a day that does not exist", "\"2026-02-30\"", false);
                    yield return Set("wrong format", "a day written the other way round", "\"31/12/2026\"", false);
                    yield return Set("extreme date", "the first day there is", "\"0001-01-01\"", true);
                    yield return Set("extreme date", "the last day there is", "\"9999-12-31\"", true);
                }

                if (leaf.Schema.Format == "date-time")
                {
                    yield return Set("wrong format", "a thirteenth month", "\"2026-13-01T00:00:00Z\"", false);
                    yield return Set("wrong format", "a word", "\"yesterday\"", false);
                    yield return Set("extreme date", "the first moment there is, east of UTC", "\"0001-01-01T00:00:00+14:00\"", true);
                    yield return Set("extreme date", "the last moment there is", "\"9999-12-31T23:59:59.9999999Z\"", true);
                }

                break;
            case "integer" or "number":
                var integer = leaf.Schema.Kind == "integer";
                foreach (var (json, what) in new[] { ("\"abc\"", "a word"), ("true", "a boolean"), ("{}", "an object"), ("\"NaN\"", "NaN"), ("\"Infinity\"", "infinity") })
                {
                    yield return Set("wrong type", what, json, false);
                }

                yield return Set("negative number", "-1", "-1", true);
                yield return Set("negative number", "a large negative number", "-1000000000000000", true);
                yield return Set("number", "zero", "0", true);
                yield return Set("number", "a number in a string", "\"12\"", true);
                yield return Set("overflowing number", "1e309", "1e309", false);
                yield return Set("overflowing number", "-1e309", "-1e309", false);
                yield return Set("overflowing number", "99999999999999999999999", "99999999999999999999999", false);
                yield return Set("overflowing number", "just above decimal's range", "79228162514264337593543950336", false);
                yield return Set("overflowing number", "decimal's smallest", "-79228162514264337593543950335", false);
                if (integer)
                {
                    yield return Set("wrong type", "a fraction", "1.5", false);
                    yield return Set("overflowing number", "just below int's range", "-2147483649", false);
                }
                else
                {
                    yield return Set("number", "a tiny fraction", "1e-30", true);
                    yield return Set("number", "many decimals", "1.123456789012345678901234567", true);
                }

                break;
            case "boolean":
                yield return Set("wrong type", "a word", "\"yes\"", false);
                yield return Set("wrong type", "a number", "1", false);
                break;
            case "array":
                foreach (var (json, what) in new[] { ("{}", "an object"), ("\"x\"", "a string"), ("7", "a number") })
                {
                    yield return Set("wrong type", what, json, false);
                }

                yield return Set("empty list", "an empty list", "[]", true);
                if (leaf.Schema.Items is { Kind: "object" })
                {
                    yield return Set("wrong type", "a list holding null", "[null]", false);
                    yield return Set("wrong type", "a list holding a list", "[[]]", false);
                    yield return Set("long list", $"{LongListLength} items", "[" + string.Join(',', Enumerable.Repeat("{}", LongListLength)) + "]", false);
                }

                break;
            case "object":
                foreach (var (json, what) in new[] { ("[]", "an array"), ("\"x\"", "a string"), ("7", "a number") })
                {
                    yield return Set("wrong type", what, json, false);
                }

                yield return Set("missing fields", "an empty object", "{}", true);
                break;
        }
    }

    private static (string Name, IReadOnlyList<string> Columns)? CsvList(ApiSchema? body) =>
        body?.Properties.Where(property => property.Schema is { Kind: "array", Items.Kind: "object" })
            .Select(property => ((string Name, IReadOnlyList<string> Columns)?)(property.Name, [.. property.Schema.Items!.Properties.Select(column => column.Name)]))
            .FirstOrDefault();

    // A CSV body is the JSON body's one list: a header naming the item's properties, then one row per item.
    private static IEnumerable<HostileVariant> CsvVariants(WriteOperation operation, string list, IReadOnlyList<string> columns)
    {
        string Row(HostileTarget target, string? column, string? value) =>
            string.Join(',', columns.Select(name => Quote(name == column ? value : target.Body?[list]?[0]?[name]?.ToString())));
        string Header() => string.Join(',', columns);
        HostileVariant Csv(string @class, string what, bool mayBeAccepted, Func<HostileTarget, byte[]> body) =>
            new(@class, $"CSV: {what}", mayBeAccepted, target => Message(operation, Path(operation, target), Content(body(target), "text/csv")));

        yield return Csv("malformed CSV", "an empty file", false, _ => []);
        yield return Csv("malformed CSV", "a header and nothing else", false, _ => Encoding.UTF8.GetBytes(Header() + "\n"));
        yield return Csv("malformed CSV", "a quote never closed", false, target => Encoding.UTF8.GetBytes($"{Header()}\n\"{Row(target, null, null)}"));
        yield return Csv("malformed CSV", "NUL bytes", false, _ => [0, 0, 0, (byte)'\n', 0]);
        yield return Csv("malformed CSV", "bytes that are not UTF-8", false, _ => [0xFF, 0xFE, 0xC0, 0x80, (byte)'\n', 0xFF]);
        yield return Csv("malformed CSV", "a spreadsheet formula", true, target => Encoding.UTF8.GetBytes($"{Header()}\n{Row(target, columns[^1], "=cmd|' /C calc'!A0")}\n"));
        foreach (var column in columns)
        {
            foreach (var text in Texts.Where(text => text.Text is not null))
            {
                var mayBeAccepted = text.Rule switch
                {
                    TextRule.Refused => false,
                    TextRule.FreeTextOnly => !NamesSomething(column),
                    _ => true,
                };
                yield return Csv(text.Class, $"{column} = {text.What}", mayBeAccepted, target => Encoding.UTF8.GetBytes($"{Header()}\n{Row(target, column, text.Text)}\n"));
            }
        }
    }

    private static string Quote(string? field) => field is null ? string.Empty : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static HostileText Text(string @class, string what, string value, TextRule rule) => new(@class, what, JsonSerializer.Serialize(value, Plain), value, rule);

    private static IReadOnlyList<object>? FirstText(ApiSchema schema, IReadOnlyList<object> path) =>
        Leaves(schema, path, string.Empty, 0).FirstOrDefault(leaf => leaf.Schema is { Kind: "string", Enum.Count: 0, Format: null })?.Path;

    private static string Display(IReadOnlyList<object> path) =>
        string.Concat(path.Select((segment, index) => segment is int position ? $"[{position}]" : index == 0 ? $"{segment}" : $".{segment}"));

    private static string Path(WriteOperation operation, HostileTarget target, string? hostileParameter = null, string? escaped = null)
    {
        var path = operation.Path;
        foreach (var parameter in operation.PathParameters)
        {
            var value = parameter == hostileParameter ? escaped! : Uri.EscapeDataString(target.PathValues.GetValueOrDefault(parameter, "HOSTILE-NOTHING-0000"));
            path = path.Replace($"{{{parameter}}}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private static HttpRequestMessage Message(WriteOperation operation, string path, HttpContent? content) =>
        new(operation.Method, path) { Content = content };

    private static HttpContent JsonBody(JsonNode? body) => Content(Bytes(body), "application/json");

    private static HttpContent Content(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    // The body with the value at path written as raw bytes: what a JSON writer would refuse to write (1e309, a lone surrogate, bytes that are not UTF-8).
    private static byte[] Replaced(JsonNode? body, IReadOnlyList<object> path, byte[] raw)
    {
        var text = Serialize(With(body, path, JsonValue.Create(Placeholder)));
        var at = text.IndexOf($"\"{Placeholder}\"", StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(text[..at]), .. raw, .. Encoding.UTF8.GetBytes(text[(at + Placeholder.Length + 2)..])];
    }

    private static byte[] Half(byte[] bytes) => bytes[..(bytes.Length / 2)];

    private static string Serialize(JsonNode? body) => body?.ToJsonString(Plain) ?? "{}";

    private static byte[] Bytes(JsonNode? body) => Encoding.UTF8.GetBytes(Serialize(body));

    private static JsonNode With(JsonNode? body, IReadOnlyList<object> path, JsonNode? value)
    {
        var root = body?.DeepClone() ?? new JsonObject();
        var current = root;
        for (var i = 0; i < path.Count; i++)
        {
            var last = i == path.Count - 1;
            JsonNode? Make() => last ? value : path[i + 1] is int ? new JsonArray() : new JsonObject();
            switch (path[i], current)
            {
                case (string name, JsonObject container):
                    if (last || container[name] is null)
                    {
                        container[name] = Make();
                    }

                    current = container[name]!;
                    break;
                case (int index, JsonArray container):
                    while (container.Count <= index)
                    {
                        container.Add(new JsonObject());
                    }

                    if (last)
                    {
                        container[index] = Make();
                    }

                    current = container[index]!;
                    break;
                default:
                    return root;
            }
        }

        return root;
    }

    private static JsonNode Without(JsonNode? body, string property)
    {
        var root = body?.DeepClone() ?? new JsonObject();
        (root as JsonObject)?.Remove(property);
        return root;
    }

    private static JsonNode Capitalized(JsonNode? body) =>
        body is JsonObject properties
            ? new JsonObject(properties.Select(property => KeyValuePair.Create(property.Key.ToUpperInvariant(), property.Value?.DeepClone())))
            : new JsonObject();
}
