using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JinGong.Http;

/// <summary>
/// A request body's nullable fields may be left out: System.Text.Json reads a missing one as null (constructor parameters
/// are not enforced), and the endpoint's validation names it if it is needed. ASP.NET lists every constructor parameter
/// as required, which would oblige clients generated from the documents to send <c>occurredAt: null</c> for "now".
/// Requests are the records named <c>…Request</c>, each service's convention.
/// </summary>
public static class RequestSchemas
{
    public static OpenApiOptions DeclareNullableRequestFieldsOptional(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type.Name.EndsWith("Request", StringComparison.Ordinal) && schema is { Required.Count: > 0, Properties: { } properties })
            {
                schema.Required.ExceptWith([.. schema.Required.Where(name => properties.TryGetValue(name, out var property) && Nullable(property))]);
            }

            return Task.CompletedTask;
        });

    private static bool Nullable(IOpenApiSchema property) =>
        property.Type?.HasFlag(JsonSchemaType.Null) == true
        || property.OneOf?.Any(choice => choice.Type == JsonSchemaType.Null) == true;
}
