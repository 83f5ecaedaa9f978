using System.Globalization;
using System.Reflection;
using JinGong.Http.Idempotency;
using JinGong.Http.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JinGong.Http;

/// <summary>
/// Every answer an operation can give is in its OpenAPI document, errors as Problem Details (application/problem+json),
/// derived from what its endpoint is rather than written beside each one:
/// <list type="bullet">
/// <item>400 for every endpoint of a service's API, whose text inputs <see cref="PrintableTextFilter"/> checks (and whose
/// parameters and bodies are bound with a 400 naming the field);</item>
/// <item>401 and 403 where an authorization policy stands (<see cref="SecurityDocumentation.RequiresToken"/>);</item>
/// <item>404 where the route names a record (a route parameter) and the handler can answer a problem;</item>
/// <item>409 and 422 for writes: a rule of the record's state, and the <c>Idempotency-Key</c> still being answered or reused;</item>
/// <item>412 where the command honours <c>If-Match</c> (<see cref="ETags.HonoursIfMatch"/>);</item>
/// <item>and what no endpoint's shape says, by hand: <see cref="AnswersProblem"/>.</item>
/// </list>
/// The handler's own signature says whether it answers problems at all (<c>Results&lt;…, ProblemHttpResult&gt;</c>): one that
/// answers only <c>Ok</c> is given no 404 or rule-broken answer it cannot give.
/// </summary>
public static class AnswerDocumentation
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>An answer the endpoint gives that its shape does not say (a read refusing an unknown name with 422, say).</summary>
    public static TBuilder AnswersProblem<TBuilder>(this TBuilder endpoint, int status, string reason) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new ProblemAnswer(status, reason));

    public static OpenApiOptions DeclareAnswers(this OpenApiOptions options) =>
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            operation.Responses ??= [];
            foreach (var reasons in AnswersOf(context).GroupBy(answer => answer.Status, answer => answer.Reason))
            {
                var status = reasons.Key;
                var description = string.Join(" ", reasons.Distinct());
                var key = status.ToString(CultureInfo.InvariantCulture);
                if (operation.Responses.TryGetValue(key, out var declared) && declared is OpenApiResponse response && response.Content?.ContainsKey(ProblemJson) == true)
                {
                    // The endpoint's signature declared it already (a ValidationProblem's 400), with its schema: it is explained.
                    response.Description = description;
                    continue;
                }

                var schema = await SchemaAsync(context, status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), cancellationToken);
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new OpenApiMediaType { Schema = schema } },
                };
            }

            // In the order of their statuses, as a reader looks them up.
            var ordered = operation.Responses.OrderBy(response => response.Key, StringComparer.Ordinal).ToList();
            operation.Responses.Clear();
            foreach (var (key, response) in ordered)
            {
                operation.Responses[key] = response;
            }
        });

    private static IEnumerable<ProblemAnswer> AnswersOf(OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var problems = AnswersProblems(metadata);
        var write = IdempotencyKeys.IsWrite(context.Description.HttpMethod ?? string.Empty);
        var ifMatch = metadata.OfType<IfMatchHonoured>().Any();
        var keys = context.HonoursIdempotencyKeys();

        if (metadata.OfType<PrintableTextChecked>().Any())
        {
            yield return new(StatusCodes.Status400BadRequest,
                "The request is not valid: a parameter, header or field is missing, malformed, out of range or holds a control character; errors names each one.");
        }

        if (context.RequiresToken())
        {
            yield return new(StatusCodes.Status401Unauthorized, "No bearer token, or one that is expired, altered, signed with another key or issued for another audience.");
            yield return new(StatusCodes.Status403Forbidden, problems
                ? "The token's roles do not allow this, or (where docs/access.md narrows it) what was asked for is outside the caller's region or another person's."
                : "The token's roles do not allow this.");
        }

        if (problems && (context.Description.RelativePath ?? string.Empty).Contains('{', StringComparison.Ordinal))
        {
            yield return new(StatusCodes.Status404NotFound, "Nothing is found under this route's id (or, for a read, at the version or moment asked for).");
        }

        if (write && problems)
        {
            yield return new(StatusCodes.Status409Conflict, "The record's state refuses the command (it is already there, or in a state that does not allow it).");
            yield return new(StatusCodes.Status422UnprocessableEntity, "The command breaks a business rule (each has its own problem type), e.g. an occurredAt in the future.");
        }

        if (ifMatch)
        {
            yield return new(StatusCodes.Status409Conflict, "Another writer kept changing the record while the command was decided (concurrent-change): read it again and retry.");
            yield return new(StatusCodes.Status412PreconditionFailed, "If-Match names a version the record has moved on from (stream-moved): read it again.");
        }

        if (keys)
        {
            yield return new(StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being answered (idempotency-key-in-use): send it again after Retry-After.");
            yield return new(StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was sent before with another request (idempotency-key-reused).");
        }

        foreach (var answer in metadata.OfType<ProblemAnswer>())
        {
            yield return answer;
        }
    }

    /// <summary>Whether the handler can answer a problem: its result is untyped, or a <c>Results&lt;…&gt;</c> with a <see cref="ProblemHttpResult"/> among them.</summary>
    private static bool AnswersProblems(IList<object> metadata)
    {
        if (metadata.OfType<MethodInfo>().FirstOrDefault() is not { } handler)
        {
            return false;
        }

        var result = handler.ReturnType;
        if (result.IsGenericType && (result.GetGenericTypeDefinition() == typeof(Task<>) || result.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            result = result.GetGenericArguments()[0];
        }

        return result == typeof(IResult) || result == typeof(ProblemHttpResult)
            || (typeof(INestedHttpResult).IsAssignableFrom(result) && result.GetGenericArguments().Any(answer => answer == typeof(ProblemHttpResult)));
    }

    // The document's one schema of a type, among its components: made the first time an operation needs it.
    private static async Task<IOpenApiSchema> SchemaAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("An operation is transformed within its document.");
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
        {
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        }

        return new OpenApiSchemaReference(type.Name, document);
    }

    /// <summary>A status an endpoint answers with Problem Details, and why.</summary>
    public sealed record ProblemAnswer(int Status, string Reason);
}
