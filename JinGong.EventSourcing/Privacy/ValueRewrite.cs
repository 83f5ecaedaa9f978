using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace JinGong.EventSourcing.Privacy;

/// <summary>What erasure makes of one stored JSON text, value by value.</summary>
internal sealed class ValueRewrite
{
    /// <summary>
    /// The SQL test that a row may hold a value (its JSON text contains one as jsonb writes it: only '\' and '"'
    /// escaped, Chinese as it is), before the rewrite reads it: a superset, as a value within a longer word is not one.
    /// </summary>
    public const string Candidate = "exists (select 1 from unnest($2::text[]) value where strpos(data::text, value) > 0)";

    /// <summary>The SQL test that an id may be or hold a value, before <see cref="Id"/> says.</summary>
    public const string CandidateId = "exists (select 1 from unnest($1::text[]) value where strpos(id, value) > 0)";

    private readonly IReadOnlyList<PersonalValue> values;
    private readonly string pseudonym;
    private readonly Regex inText;

    /// <summary>What erasing <paramref name="subject"/> makes of a text (a value shorter than two characters is no one's).</summary>
    public static ValueRewrite Of(ErasureSubject subject) => new([.. subject.Values.Where(value => value.Value.Length > 1)], subject.Pseudonym);

    private ValueRewrite(IReadOnlyList<PersonalValue> values, string pseudonym)
    {
        this.values = values;
        this.pseudonym = pseudonym;
        WholeValues = [.. values.Select(value => value.Value)];
        Written = [.. WholeValues.Select(value => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal))];
        Renamed = values.Where(value => value.Replacement is not null).ToDictionary(value => value.Value, value => value.Replacement!, StringComparer.Ordinal);
        // Within text, a value stands as a word of its own: "li.na" is not in "li.nan", nor "rep-1" in "rep-12". Between
        // Chinese characters there is no such border, and a name is replaced wherever it stands.
        inText = new Regex(
            $"(?<![A-Za-z0-9_@.-])(?:{string.Join('|', WholeValues.OrderByDescending(value => value.Length).Select(Regex.Escape))})(?![A-Za-z0-9_@-]|\\.[A-Za-z0-9])",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string[] WholeValues { get; }

    public string[] Written { get; }

    /// <summary>The ids that become the pseudonym: a stream or document kept under one is renamed.</summary>
    public IReadOnlyDictionary<string, string> Renamed { get; }

    public bool Mentions(string text) => WholeValues.Length > 0 && inText.IsMatch(text);

    /// <summary>
    /// What an id (a user, a stream's or a document's) becomes when it is the subject's or named after it, or null when
    /// it is neither.
    /// </summary>
    public string? Id(string text) =>
        Renamed.TryGetValue(text, out var renamed) ? renamed
        : Renamed.Count > 0 && inText.IsMatch(text) ? inText.Replace(text, pseudonym)
        : null;

    /// <summary>
    /// A text rewritten: as JSON when it is (a message's body), else as words; null when nothing in it was the subject's.
    /// </summary>
    public string? Text(string text)
    {
        try
        {
            return Json(text);
        }
        catch (JsonException)
        {
            return Mentions(text) ? inText.Replace(text, pseudonym) : null;
        }
    }

    /// <summary>The JSON rewritten, or null when nothing in it was the subject's.</summary>
    public string? Json(string text)
    {
        var node = JsonNode.Parse(text);
        var changed = false;
        node = Rewrite(node, ref changed);
        return changed ? node?.ToJsonString() ?? "null" : null;
    }

    private JsonNode? Rewrite(JsonNode? node, ref bool changed)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (name, value) in json.ToList())
                {
                    var rewritten = Rewrite(value, ref changed);
                    var newName = Renamed.TryGetValue(name, out var renamed) ? renamed : name;
                    if (newName != name)
                    {
                        json.Remove(name);
                        json[newName] = rewritten;
                        changed = true;
                    }
                    else if (!ReferenceEquals(rewritten, value))
                    {
                        json[name] = rewritten;
                    }
                }

                return json;
            case JsonArray array:
                for (var index = 0; index < array.Count; index++)
                {
                    var item = array[index];
                    var rewritten = Rewrite(item, ref changed);
                    if (!ReferenceEquals(rewritten, item))
                    {
                        array[index] = rewritten;
                    }
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (values.FirstOrDefault(each => each.Value == text) is { } whole)
                {
                    changed = true;
                    return whole.Replacement is null ? null : JsonValue.Create(whole.Replacement);
                }

                if (Mentions(text))
                {
                    changed = true;
                    return JsonValue.Create(inText.Replace(text, pseudonym));
                }

                return value;
            default:
                return node;
        }
    }
}
