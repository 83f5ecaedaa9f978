using JinGong.Domain;
using JinGong.Http.Languages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Http;

/// <summary>The one mapping from what went wrong to Problem Details, with a stable <c>type</c> per rule.</summary>
public static class Problems
{
    public const string TypeBase = "https://jingong.dev/problems/";
    public const string ValidationType = TypeBase + "validation";
    public const string ServiceUnavailableType = TypeBase + "service-unavailable";

    public static ProblemHttpResult From(DomainError error)
    {
        var (status, kind) = error.Kind switch
        {
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, "not-found"),
            ErrorKind.Conflict => (StatusCodes.Status409Conflict, "conflict"),
            ErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "forbidden"),
            ErrorKind.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, "precondition-failed"),
            _ => (StatusCodes.Status422UnprocessableEntity, "unprocessable"),
        };
        return TypedResults.Problem(type: TypeBase + error.Rule, title: Texts.Title(error.Rule, kind), detail: Texts.Say(error.Text), statusCode: status);
    }

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: ValidationTitle, type: ValidationType);

    /// <summary>The title of every 400 that names the fields at fault.</summary>
    public static string ValidationTitle => Texts.Say($"The request is not valid");

    /// <summary>A rep or regional manager asked for a record of another region than theirs (403).</summary>
    public static ProblemHttpResult OutsideRegion(FormattableString what, string? region) => From(OutsideRegionError(what, region));

    public static DomainError OutsideRegionError(FormattableString what, string? region) =>
        string.IsNullOrEmpty(region)
            ? new("outside-your-region", $"{what} is in no region; your account acts in another region only.", ErrorKind.Forbidden)
            : new("outside-your-region", $"{what} is in {region}; your account acts in another region only.", ErrorKind.Forbidden);

    /// <summary>A rep asked to act on or for another person's record (403).</summary>
    public static DomainError NotYoursError(FormattableString what) =>
        new("not-yours", $"{what} is another person's; your account acts for you only.", ErrorKind.Forbidden);

    /// <summary>The client's <c>If-Match</c> names a version the stream has moved on from (412).</summary>
    public static DomainError StreamMoved(FormattableString detail) => new("stream-moved", detail, ErrorKind.PreconditionFailed);
}
