using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using JinGong.Domain;

namespace JinGong.Http.Languages;

/// <summary>
/// The words the API answers in: English as the code writes it, or the language the request asks for
/// (<c>Accept-Language</c>, through the request's UI culture) where a catalogue has it. A catalogue is keyed the gettext
/// way, by the English text itself: a message's composite format (<c>"Vehicle {0} is retired."</c>) maps to its
/// translation, which places the same arguments where its grammar wants them.
/// </summary>
public static partial class Texts
{
    /// <summary>The languages the API answers in, English first (the default).</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "zh"];

    private static readonly FrozenDictionary<string, Catalogue> Catalogues =
        Languages.Skip(1).ToFrozenDictionary(language => language, Catalogue.Read);

    /// <summary>
    /// A message in the request's language. Its arguments are formatted the invariant way, as the API writes numbers and
    /// dates; an argument that is itself a message ("Vehicle {0}") or a word of the domain (an enum's value) is translated
    /// too.
    /// </summary>
    public static string Say(FormattableString text)
    {
        if (Current is not { } catalogue || catalogue.Texts.GetValueOrDefault(text.Format) is not { } translated)
        {
            return text.ToString(CultureInfo.InvariantCulture);
        }

        var arguments = text.GetArguments().Select(argument => argument switch
        {
            FormattableString inner => Say(inner),
            Enum or Word => catalogue.Words.GetValueOrDefault(argument.ToString()!) ?? argument.ToString(),
            _ => argument,
        });
        return string.Format(CultureInfo.InvariantCulture, translated, arguments.ToArray());
    }

    /// <summary>
    /// A name configured per language (reference data, such as a model's name: <paramref name="english"/> and
    /// <paramref name="names"/> by language, <c>{"zh": "…"}</c>) in the request's language, or in English where it has none.
    /// </summary>
    public static string Named(string english, IReadOnlyDictionary<string, string>? names) =>
        names?.GetValueOrDefault(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) is { Length: > 0 } name ? name : english;

    /// <summary>A fixed English phrase (a status's title, as ASP.NET Core writes it) in the request's language, where the catalogue has it.</summary>
    public static string Phrase(string english) => Current?.Texts.GetValueOrDefault(english) ?? english;

    /// <summary>
    /// The title of a broken rule (<c>vehicle-already-registered</c> → "Vehicle already registered"); a rule whose name is
    /// composed (<c>cannot-lend-when-in-maintenance</c>) and so has no title of its own in a catalogue takes its kind's
    /// (<paramref name="kind"/>: <c>conflict</c>).
    /// </summary>
    public static string Title(string rule, string? kind = null) =>
        Current is { } catalogue
            ? catalogue.Titles.GetValueOrDefault(rule) ?? (kind is null ? null : catalogue.Titles.GetValueOrDefault(kind)) ?? English(rule)
            : English(rule);

    private static string English(string rule) => string.Concat(char.ToUpperInvariant(rule[0]).ToString(), rule[1..].Replace('-', ' '));

    /// <summary>A field's name as a message names it: <c>lines[0].unitPrice</c> keeps its shape, each name in the reader's words.</summary>
    public static string Field(string path) =>
        Current is { } catalogue ? FieldNamePart().Replace(path, name => catalogue.Words.GetValueOrDefault(name.Value) ?? name.Value) : path;

    /// <summary>The names in a field's path (<c>lines[0].unitPrice</c>: lines, unitPrice), each of which a catalogue translates.</summary>
    internal static IEnumerable<string> FieldNames(string path) => FieldNamePart().Matches(path).Select(name => name.Value);

    /// <summary>The catalogue of the request's language, or none for English.</summary>
    private static Catalogue? Current => Catalogues.GetValueOrDefault(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>
    /// What a language's file says (<c>Languages/{language}.json</c>, embedded): texts, rule titles, and words (fields'
    /// names, values of the domain's choices).
    /// </summary>
    internal sealed record Catalogue(FrozenDictionary<string, string> Texts, FrozenDictionary<string, string> Titles, FrozenDictionary<string, string> Words)
    {
        public static Catalogue Read(string language)
        {
            using var file = typeof(Texts).Assembly.GetManifestResourceStream($"JinGong.Http.Languages.{language}.json")
                ?? throw new InvalidOperationException($"The {language} catalogue is not embedded in {typeof(Texts).Assembly.GetName().Name}.");
            var read = JsonSerializer.Deserialize<CatalogueFile>(file, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })!;
            return new(read.Texts.ToFrozenDictionary(), read.Titles.ToFrozenDictionary(), read.Words.ToFrozenDictionary());
        }
    }

    /// <summary>The catalogue of one language, for a test that checks it covers what the code says.</summary>
    internal static Catalogue Of(string language) => Catalogues[language];

    private sealed record CatalogueFile(Dictionary<string, string> Texts, Dictionary<string, string> Titles, Dictionary<string, string> Words);

    [GeneratedRegex("[A-Za-z][A-Za-z0-9-]*")]
    private static partial Regex FieldNamePart();
}
