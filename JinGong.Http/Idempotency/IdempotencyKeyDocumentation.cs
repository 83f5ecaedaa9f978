using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace JinGong.Http.Idempotency;

/// <summary>
/// Every write in the OpenAPI documents (and so in the API reference) names the <c>Idempotency-Key</c> it honours, and
/// says that a replayed answer carries <c>Idempotent-Replayed</c>.
/// </summary>
public static class IdempotencyKeyDocumentation
{
    public static OpenApiOptions DeclareIdempotencyKeys(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.HonoursIdempotencyKeys())
            {
                (operation.Parameters ??= []).Add(new OpenApiParameter
                {
                    Name = IdempotencyKeys.Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "A unique key (a UUID, 1–255 visible ASCII characters) that makes this write safe to send again: a repeat "
                        + "with the same key and request gets the first answer again (Idempotent-Replayed: true) and changes nothing; the same "
                        + "key with another request is a 422; a repeat while the first still runs a 409 with Retry-After. Kept 24 hours.",
                    // A key may come quoted ("k1"), as a structured-header string; the quotes are visible ASCII too.
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeys.MaxKeyLength + 2, Pattern = "^[!-~]+$" },
                });
                foreach (var answer in (operation.Responses ?? []).Where(response => response.Key.StartsWith('2')).Select(response => response.Value).OfType<OpenApiResponse>())
                {
                    answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    answer.Headers[IdempotencyKeys.ReplayedHeader] = new OpenApiHeader
                    {
                        Description = "true when this is the answer kept for an earlier request with the same Idempotency-Key, sent again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["true"] },
                    };
                }
            }

            return Task.CompletedTask;
        });

    /// <summary>Whether the operation is a write under the API that this service answers once per key (it keeps answers).</summary>
    public static bool HonoursIdempotencyKeys(this OpenApiOperationTransformerContext context) =>
        IdempotencyKeys.IsWrite(context.Description.HttpMethod ?? string.Empty)
        && ("/" + context.Description.RelativePath).StartsWith(IdempotencyKeys.Under + "/", StringComparison.Ordinal)
        && context.ApplicationServices.GetService<IServiceProviderIsService>()?.IsService(typeof(IIdempotentAnswers)) == true;
}
