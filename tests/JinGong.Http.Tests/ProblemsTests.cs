using JinGong.Domain;
using Microsoft.AspNetCore.Http;

namespace JinGong.Http.Tests;

/// <summary>One mapping from a broken rule to Problem Details: a status per kind of rule, a stable type per rule.</summary>
public sealed class ProblemsTests
{
    [Theory]
    [InlineData(ErrorKind.NotFound, StatusCodes.Status404NotFound)]
    [InlineData(ErrorKind.Conflict, StatusCodes.Status409Conflict)]
    [InlineData(ErrorKind.Unprocessable, StatusCodes.Status422UnprocessableEntity)]
    [InlineData(ErrorKind.Forbidden, StatusCodes.Status403Forbidden)]
    [InlineData(ErrorKind.PreconditionFailed, StatusCodes.Status412PreconditionFailed)]
    public void each_kind_of_rule_has_one_status(ErrorKind kind, int status)
    {
        var problem = Problems.From(new DomainError("vehicle-already-registered", $"JG-1 is registered already.", kind)).ProblemDetails;

        (problem.Status, problem.Type, problem.Title, problem.Detail).Should()
            .Be((status, "https://jingong.dev/problems/vehicle-already-registered", "Vehicle already registered", "JG-1 is registered already."));
    }

    [Fact]
    public void a_record_of_another_region_and_a_moved_stream_keep_the_types_clients_know()
    {
        Problems.OutsideRegion($"Order ORD-1", "north").ProblemDetails.Should().BeEquivalentTo(new
        {
            Status = StatusCodes.Status403Forbidden, Type = "https://jingong.dev/problems/outside-your-region", Title = "Outside your region",
        });
        Problems.From(Problems.StreamMoved($"ORD-1 is at version 4, not 3.")).ProblemDetails.Should().BeEquivalentTo(new
        {
            Status = StatusCodes.Status412PreconditionFailed, Type = "https://jingong.dev/problems/stream-moved", Title = "Stream moved",
        });
    }
}
