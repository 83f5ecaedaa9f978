using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using JinGong.Domain;
using JinGong.Http.Languages;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using JinGong.Testing;

namespace JinGong.Http.Tests;

/// <summary>
/// Every message, rule and field the services' code can put into a Problem Details has its translation in every
/// language's catalogue, and no translation can fail to format. The code is read as the compiler reads it (Roslyn):
/// a new message without its translation fails here, naming it.
/// </summary>
public sealed partial class LanguageCatalogueTests
{
    private static readonly Lazy<CodeSaid> Code = new(CodeSaid.Read);

    public static TheoryData<string> Translations => [.. Texts.Languages.Skip(1)];

    [Theory]
    [MemberData(nameof(Translations))]
    public void every_message_of_the_code_has_its_translation(string language) =>
        Missing(Code.Value.Texts, Texts.Of(language).Texts).Should().BeEmpty($"the {language} catalogue's \"texts\" lacks these (add them)");

    [Theory]
    [MemberData(nameof(Translations))]
    public void every_rule_has_a_title(string language) =>
        Missing(Code.Value.Rules.Concat(Kinds), Texts.Of(language).Titles).Should().BeEmpty($"the {language} catalogue's \"titles\" lacks these rules");

    [Theory]
    [MemberData(nameof(Translations))]
    public void every_field_has_a_name(string language) =>
        Missing(Code.Value.Fields.SelectMany(Texts.FieldNames), Texts.Of(language).Words).Should().BeEmpty($"the {language} catalogue's \"words\" lacks these fields");

    // The titles of the kinds of rule, for a rule whose name is composed (Problems.From).
    private static readonly string[] Kinds = ["not-found", "conflict", "forbidden", "precondition-failed", "unprocessable"];

    [Theory]
    [MemberData(nameof(Translations))]
    public void a_translation_places_every_argument_of_its_text_and_no_other(string language)
    {
        var broken = Texts.Of(language).Texts
            .Where(entry => !Placeholders(entry.Key).SetEquals(Placeholders(entry.Value)) || !Formats(entry.Value, Placeholders(entry.Key).Count))
            .Select(entry => $"{entry.Key} → {entry.Value}");
        broken.Should().BeEmpty("a translation that drops an argument loses what the message says, and one that names another fails to format");
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void the_catalogue_holds_nothing_the_code_no_longer_says(string language) =>
        Texts.Of(language).Texts.Keys.Except(Code.Value.Texts).Except(FrameworkPhrases).Should().BeEmpty("stale entries are dead weight that hides the live ones");

    [Fact]
    public void a_message_is_said_in_the_request_language_with_its_arguments_and_words_translated()
    {
        var error = new DomainError("vehicle-retired", $"Vehicle {"JG-EX-0004"} is retired and accepts nothing more.", ErrorKind.Conflict);
        UiCulture.With("en", () => Problems.From(error).ProblemDetails).Should().BeEquivalentTo(new
        {
            Title = "Vehicle retired", Detail = "Vehicle JG-EX-0004 is retired and accepts nothing more.",
        });
        var chinese = UiCulture.With("zh-CN", () => Problems.From(error).ProblemDetails);
        (chinese.Title, chinese.Detail).Should().Be((Texts.Of("zh").Titles["vehicle-retired"], string.Format(CultureInfo.InvariantCulture, Texts.Of("zh").Texts["Vehicle {0} is retired and accepts nothing more."], "JG-EX-0004")));
        chinese.Detail.Should().Contain("JG-EX-0004").And.MatchRegex(@"\p{IsCJKUnifiedIdeographs}");

        var outside = UiCulture.With("zh", () => Problems.OutsideRegion($"{new Word("Order")} {"ORD-1"}", "north").ProblemDetails.Detail);
        outside.Should().StartWith($"{Texts.Of("zh").Words["Order"]} ORD-1", "a word of the domain inside a message is translated too");
        UiCulture.With("zh", () => new FieldErrors().Required("expectedCloseDate", (string?)null).Errors["expectedCloseDate"].Single())
            .Should().Contain(Texts.Of("zh").Words["expectedCloseDate"], "a field's name is said in the reader's words");
    }

    // The titles ASP.NET Core gives a bare status: not in our code, translated all the same (Texts.Phrase).
    private static readonly string[] FrameworkPhrases = ["Unauthorized", "Forbidden", "Not Found", "Method Not Allowed", "Request Entity Too Large", "Payload Too Large", "An error occurred while processing your request.", "Conflict", "Unsupported Media Type"];

    // What is missing, one JSON string a line, ready to be translated into the catalogue.
    private static string Missing(IEnumerable<string> said, IReadOnlyDictionary<string, string> catalogue) =>
        string.Join(Environment.NewLine, said.Where(text => !catalogue.ContainsKey(text)).Order(StringComparer.Ordinal)
            .Select(text => JsonSerializer.Serialize(text, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));

    private static HashSet<string> Placeholders(string format) => [.. Placeholder().Matches(format.Replace("{{", "", StringComparison.Ordinal)).Select(match => match.Groups["index"].Value)];

    private static bool Formats(string format, int arguments)
    {
        try
        {
            _ = string.Format(CultureInfo.InvariantCulture, format, Enumerable.Range(0, arguments).Select(_ => (object)new AnyValue()).ToArray());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // Takes any format (a date's "O", an amount's "0.00"), as the real argument would.
    private sealed class AnyValue : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => "·";
    }

    [GeneratedRegex(@"\{(?<index>\d+)[,:}]")]
    private static partial Regex Placeholder();

    /// <summary>What the production code says: messages (as composite formats), rules and field names.</summary>
    private sealed record CodeSaid(HashSet<string> Texts, HashSet<string> Rules, HashSet<string> Fields)
    {
        // Calls that say a message to a client, and which of their arguments it is (-1: the last); and calls whose first argument names a field.
        private static readonly Dictionary<string, int> Saying = new()
        {
            ["Say"] = 0, ["Check"] = -1, ["StreamMoved"] = 0, ["OutsideRegion"] = 0, ["OutsideRegionError"] = 0, ["NotYoursError"] = 0,
        };
        private static readonly HashSet<string> NamingFields = ["Required", "Id", "Money", "Count", "Check", "BusinessDate", "ParsePeriod", "ParseChoice", "Printable"];
        private static readonly string[] Folders = ["services", "gateway", "JinGong.Http", "JinGong.EventSourcing", "JinGong.Domain"];

        public static CodeSaid Read()
        {
            var said = new CodeSaid([], [], []);
            var root = RepositoryFolders.Root;
            var files = Folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
            foreach (var file in files)
            {
                said.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot());
            }

            return said;
        }

        private void Add(SyntaxNode root)
        {
            foreach (var text in root.DescendantNodes().OfType<InterpolatedStringExpressionSyntax>().Where(IsSaid))
            {
                Texts.Add(Format(text));
            }

            foreach (var creation in root.DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>())
            {
                if (IsDomainError(creation) && creation.ArgumentList!.Arguments[0].Expression is LiteralExpressionSyntax rule)
                {
                    Rules.Add(rule.Token.ValueText);
                }
            }

            foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var name = Name(call);
                if (name == "Title" && call.ArgumentList.Arguments is [{ Expression: LiteralExpressionSyntax title }])
                {
                    Rules.Add(title.Token.ValueText);
                }

                if (name is not null && NamingFields.Contains(name) && call.ArgumentList.Arguments.Count >= 2 && FieldName(call.ArgumentList.Arguments[0].Expression) is { } field)
                {
                    Fields.Add(field);
                }
            }

            foreach (var key in root.DescendantNodes().OfType<ElementAccessExpressionSyntax>()
                .Where(access => access.Expression is IdentifierNameSyntax { Identifier.Text: "errors" } && access.Parent is AssignmentExpressionSyntax))
            {
                if (key.ArgumentList.Arguments is [{ Expression: LiteralExpressionSyntax literal }] && literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    Fields.Add(literal.Token.ValueText);
                }
            }
        }

        // A message said to a client: an argument of a call that says it or of a DomainError, or what a FormattableString member returns.
        private static bool IsSaid(InterpolatedStringExpressionSyntax text)
        {
            SyntaxNode node = text;
            while (node.Parent is ConditionalExpressionSyntax or ParenthesizedExpressionSyntax or CastExpressionSyntax)
            {
                node = node.Parent;
            }

            return node.Parent switch
            {
                ArgumentSyntax { Parent: ArgumentListSyntax arguments, Parent.Parent: InvocationExpressionSyntax call } argument =>
                    Name(call) is { } name && Saying.TryGetValue(name, out var position)
                    && arguments.Arguments.IndexOf(argument) == (position < 0 ? arguments.Arguments.Count + position : position),
                ArgumentSyntax { Parent.Parent: BaseObjectCreationExpressionSyntax creation } => IsDomainError(creation),
                ArrowExpressionClauseSyntax or ReturnStatementSyntax => node.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault() switch
                {
                    MethodDeclarationSyntax method => IsFormattable(method.ReturnType),
                    PropertyDeclarationSyntax property => IsFormattable(property.Type),
                    _ => false,
                },
                _ => false,
            };
        }

        private static bool IsFormattable(TypeSyntax type) => type.ToString().TrimEnd('?') == nameof(FormattableString);

        private static bool IsDomainError(BaseObjectCreationExpressionSyntax creation) =>
            creation.ArgumentList is { Arguments.Count: 3 } arguments && arguments.Arguments[2].Expression.ToString().StartsWith($"{nameof(ErrorKind)}.", StringComparison.Ordinal);

        private static string? Name(InvocationExpressionSyntax call) => call.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.Text,
            IdentifierNameSyntax identifier => identifier.Identifier.Text,
            _ => null,
        };

        private static string? FieldName(ExpressionSyntax expression) => expression switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } } nameOf => nameOf.ArgumentList.Arguments[0].Expression.ToString().Split('.')[^1] is var name
                ? string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..])
                : null,
            _ => null,
        };

        // The composite format the compiler gives the FormattableString: text with its braces doubled, holes numbered in order.
        private static string Format(InterpolatedStringExpressionSyntax text)
        {
            var hole = 0;
            return string.Concat(text.Contents.Select(part => part switch
            {
                InterpolatedStringTextSyntax literal => literal.TextToken.ValueText.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal),
                InterpolationSyntax interpolation => $"{{{hole++}{interpolation.AlignmentClause?.ToString()}{interpolation.FormatClause?.ToString()}}}",
                _ => throw new InvalidOperationException(part.ToString()),
            }));
        }
    }
}
