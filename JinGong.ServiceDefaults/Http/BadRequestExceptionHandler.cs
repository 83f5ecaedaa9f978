using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace JinGong.ServiceDefaults.Http;

/// <summary>
/// A body that is not JSON, or a field of the wrong type, gets the same 400 Problem Details as any other
/// invalid input, naming the field, instead of an empty 400.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var (field, message) = badRequest.InnerException is JsonException json
            ? (FieldName(json.Path), json.Path is null or "$" ? "The body is not valid JSON." : "The value has the wrong type or format.")
            : (ParameterName(badRequest.Message) ?? "request", badRequest.Message);

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Type = Problems.ValidationType,
                Title = "The request is not valid",
                Status = StatusCodes.Status400BadRequest,
            },
        });
    }

    // 'Failed to bind parameter "int page" from "abc".' → "page"
    private static string? ParameterName(string message) =>
        System.Text.RegularExpressions.Regex.Match(message, "parameter \"[^\" ]+ (?<name>[^\"]+)\"") is { Success: true } match
            ? match.Groups["name"].Value
            : null;

    // "$.vehicle.code" → "vehicle.code"; the whole body → "body".
    private static string FieldName(string? path) =>
        path is null or "$" ? "body" : path.TrimStart('$', '.');
}
