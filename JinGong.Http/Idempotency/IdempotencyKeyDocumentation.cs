using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JinGong.Http.Idempotency;

/// <summary>Every write in the OpenAPI documents (and so in the API reference) names the <c>Idempotency-Key</c> it honours.</summary>
public static class IdempotencyKeyDocumentation
{
    public static OpenApiOptions DeclareIdempotencyKeys(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            var method = context.Description.HttpMethod ?? string.Empty;
            if (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
            {
                (operation.Parameters ??= []).Add(new OpenApiParameter
                {
                    Name = IdempotencyKeys.Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "A unique key (a UUID, 1–255 visible ASCII characters) that makes this write safe to send again: a repeat "
                        + "with the same key and request gets the first answer again (Idempotent-Replayed: true) and changes nothing; the same "
                        + "key with another request is a 422; a repeat while the first still runs a 409 with Retry-After. Kept 24 hours.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKeys.MaxKeyLength },
                });
            }

            return Task.CompletedTask;
        });
}
