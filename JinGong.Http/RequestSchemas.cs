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
            if (context.JsonTypeInfo.Type.Name.EndsWith("Request", StringComparison.Ordinal) && schema is { Required.Count: > 0 })
            {
                // Nullable as the C# record declares it (string?, decimal?, an enum or a record that may be null): the
                // schema of a nullable reference to another schema does not always say so by the time it is transformed.
                var nullable = context.JsonTypeInfo.Properties
                    .Where(property => property.IsSetNullable || System.Nullable.GetUnderlyingType(property.PropertyType) is not null)
                    .Select(property => property.Name);
                schema.Required.ExceptWith(nullable);
            }

            return Task.CompletedTask;
        });
}
