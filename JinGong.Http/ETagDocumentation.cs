using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JinGong.Http;

/// <summary>
/// The documents say where a stream's version travels: the <c>ETag</c> of a read or a command's answer, and the
/// <c>If-Match</c> a command honours (<see cref="ETags.HonoursIfMatch"/>; its 412 is among the <see cref="AnswerDocumentation"/>).
/// </summary>
public static class ETagDocumentation
{
    public static OpenApiOptions DeclareETags(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var honoursIfMatch = metadata.OfType<IfMatchHonoured>().Any();
            if (honoursIfMatch)
            {
                (operation.Parameters ??= []).Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "The version of the record the command was decided on, as the ETag of a read gave it (\"3\" or W/\"3\"): "
                        + "the command is refused with 412 if the record has moved on since. Without it, a command that loses a race with "
                        + "another writer is decided again on what the winner left.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^(W/)?\"[0-9]+\"$" },
                });
            }

            if (honoursIfMatch || metadata.OfType<ETagSent>().Any())
            {
                foreach (var answer in (operation.Responses ?? []).Where(response => response.Key.StartsWith('2')).Select(response => response.Value).OfType<OpenApiResponse>())
                {
                    answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    answer.Headers["ETag"] = new OpenApiHeader
                    {
                        Description = "The record's stream version (\"3\"): send it back in If-Match to change the record only as it was read.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                }
            }

            return Task.CompletedTask;
        });
}
