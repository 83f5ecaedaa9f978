using JinGong.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Http;

/// <summary>The one mapping from what went wrong to Problem Details, with a stable <c>type</c> per rule.</summary>
public static class Problems
{
    public const string TypeBase = "https://jingong.dev/problems/";
    public const string ValidationType = TypeBase + "validation";
    public const string ServiceUnavailableType = TypeBase + "service-unavailable";

    public static ProblemHttpResult From(DomainError error) =>
        TypedResults.Problem(
            type: TypeBase + error.Rule,
            title: Title(error.Rule),
            detail: error.Detail,
            statusCode: error.Kind switch
            {
                ErrorKind.NotFound => StatusCodes.Status404NotFound,
                ErrorKind.Conflict => StatusCodes.Status409Conflict,
                ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
                _ => StatusCodes.Status422UnprocessableEntity,
            });

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid", type: ValidationType);

    /// <summary>A rep or regional manager asked for a record of another region than theirs (403).</summary>
    public static ProblemHttpResult OutsideRegion(string what, string? region) => From(OutsideRegionError(what, region));

    public static DomainError OutsideRegionError(string what, string? region) =>
        new("outside-your-region", $"{what} is in {(string.IsNullOrEmpty(region) ? "no region" : region)}; your account acts in another region only.", ErrorKind.Forbidden);

    /// <summary>A rep asked to act on or for another person's record (403).</summary>
    public static DomainError NotYoursError(string what) =>
        new("not-yours", $"{what} is another person's; your account acts for you only.", ErrorKind.Forbidden);

    /// <summary>The client's <c>If-Match</c> names a version the stream has moved on from (412).</summary>
    public static DomainError StreamMoved(string detail) => new("stream-moved", detail, ErrorKind.PreconditionFailed);

    // "vehicle-already-registered" → "Vehicle already registered"
    private static string Title(string rule) => string.Concat(char.ToUpperInvariant(rule[0]).ToString(), rule[1..].Replace('-', ' '));
}
