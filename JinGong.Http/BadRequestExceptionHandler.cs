using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using JinGong.Http.Languages;

namespace JinGong.Http;

/// <summary>
/// A body that is not JSON, or a field of the wrong type, gets the same 400 Problem Details as any other
/// invalid input, naming the field, instead of an empty 400; a request the server refuses whole (a body too
/// large) gets Problem Details with the server's status.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        if (badRequest.StatusCode != StatusCodes.Status400BadRequest)
        {
            // Not a field's fault but the request's (a body too large, 413): the server's own answer stands.
            context.Response.StatusCode = badRequest.StatusCode;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = new() { Status = badRequest.StatusCode, Title = ReasonPhrases.GetReasonPhrase(badRequest.StatusCode), Detail = badRequest.Message },
            });
        }

        var (field, message) = badRequest.InnerException is JsonException json
            ? (FieldName(json.Path), json.Path is null or "$" ? Texts.Say($"The body is not valid JSON.") : WrongTypeOrFormat)
            : ParameterName(badRequest.Message) is { } parameter ? (parameter, WrongTypeOrFormat) : ("request", badRequest.Message);

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Type = Problems.ValidationType,
                Title = Problems.ValidationTitle,
                Status = StatusCodes.Status400BadRequest,
            },
        });
    }

    private static string WrongTypeOrFormat => Texts.Say($"The value has the wrong type or format.");

    // 'Failed to bind parameter "int page" from "abc".' → "page"
    private static string? ParameterName(string message) =>
        System.Text.RegularExpressions.Regex.Match(message, "parameter \"[^\" ]+ (?<name>[^\"]+)\"") is { Success: true } match
            ? match.Groups["name"].Value
            : null;

    // "$.vehicle.code" → "vehicle.code"; the whole body → "body".
    private static string FieldName(string? path) =>
        path is null or "$" ? "body" : path.TrimStart('$', '.');
}
