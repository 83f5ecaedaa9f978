using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using JinGong.Http.Languages;

namespace JinGong.Http;

/// <summary>
/// Text a request carries is what a person types or a system prints: a NUL or another control character (tab and
/// line breaks aside) is refused in any field, path segment or query value. PostgreSQL cannot store a NUL at all
/// (the append failed with a 500 after the command was decided), and the others are terminal escapes, not data.
/// </summary>
public static class PrintableText
{
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(code => (char)code).Where(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'))]);

    public static FormattableString Rule => $"Text holds no NUL or other control characters (tab and line breaks aside).";

    public static bool IsPrintable(string? text) => text is null || !text.AsSpan().ContainsAny(ControlCharacters);

    /// <summary>A text field, if given, that holds no control character.</summary>
    public static FieldErrors Printable(this FieldErrors errors, string field, string? text) => errors.Check(field, IsPrintable(text), Rule);
}

/// <summary>
/// Applies <see cref="PrintableText"/> to every endpoint of a service before it runs: its route and query values, and
/// every text in the requests it binds (records of the service's own, their lists and nested records), with one 400
/// naming each field (<c>lines[0].model</c>) as the endpoint's own validation would.
/// </summary>
public sealed class PrintableTextFilter : IEndpointFilter
{
    private const int MaxDepth = 8;
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesByType = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new FieldErrors();
        var request = context.HttpContext.Request;
        foreach (var (name, value) in request.RouteValues)
        {
            errors.Printable(name, value as string);
        }

        foreach (var (name, values) in request.Query)
        {
            foreach (var value in values)
            {
                errors.Printable(name, value);
            }
        }

        // The body, as the endpoint declares it; what else it is given (a session, the clock) is not the client's.
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } bodyType)
        {
            foreach (var body in context.Arguments.Where(bodyType.IsInstanceOfType))
            {
                Check(body, string.Empty, errors, 0);
            }
        }

        return errors.Any ? Problems.Validation(errors.Errors) : await next(context);
    }

    private static void Check(object? value, string field, FieldErrors errors, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                errors.Printable(field, text);
                return;
            case IEnumerable items when depth < MaxDepth:
                var index = 0;
                foreach (var item in items)
                {
                    Check(item, $"{field}[{index++.ToString(CultureInfo.InvariantCulture)}]", errors, depth + 1);
                }

                return;
            case var request when depth < MaxDepth && request.GetType().Namespace?.StartsWith("JinGong", StringComparison.Ordinal) == true:
                foreach (var property in PropertiesByType.GetOrAdd(request.GetType(), Readable))
                {
                    var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                    Check(property.GetValue(request), field.Length == 0 ? name : $"{field}.{name}", errors, depth + 1);
                }

                return;
        }
    }

    private static PropertyInfo[] Readable(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanRead && property.GetIndexParameters().Length == 0)];
}

/// <summary>Marks the endpoints <see cref="PrintableTextFilter"/> guards, whose OpenAPI documents name their 400 (<see cref="AnswerDocumentation"/>).</summary>
public sealed class PrintableTextChecked
{
    public static readonly PrintableTextChecked Instance = new();

    private PrintableTextChecked()
    {
    }
}
