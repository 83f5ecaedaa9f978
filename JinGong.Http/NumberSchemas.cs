using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JinGong.Http;

/// <summary>
/// Numbers are documented as numbers. ASP.NET Core's web JSON defaults also read a number sent as text ("3"), so its
/// documents give every number as <c>number | string</c> with a pattern; but the services always write numbers, and
/// clients generated from the documents (the console's types) should send and expect them. The text form stays
/// readable, as a courtesy the document does not promise.
/// </summary>
public static class NumberSchemas
{
    public static OpenApiOptions DeclareNumbersAsNumbers(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, _, _) =>
        {
            if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String)
                && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
            {
                schema.Type = type & ~JsonSchemaType.String;
                // The pattern only described the text form.
                schema.Pattern = null;
            }

            return Task.CompletedTask;
        });
}
