using JinGong.Dispatch.Catalogue;
using JinGong.Domain;
using JinGong.EventSourcing;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Dispatch.Movements;

/// <summary>
/// The vehicle a loan or a transfer would move, as dispatch sees it when the request comes in: its catalogue entry (if
/// any), whether an order claims it, and the new stream's id.
/// </summary>
public sealed record VehicleToMove(string Id, string Code, CatalogueVehicle? Vehicle, bool ClaimedByOrder, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>
/// A loan and a transfer both ask fleet to move a vehicle no order holds, and start alike: the vehicle is looked up in
/// the catalogue, the new stream is named, and its decider judges the request before the stream is started.
/// </summary>
public static class StartingMovement
{
    /// <param name="idPrefix">The new stream's id prefix (e.g. <c>LOAN</c>); <paramref name="route"/>: where it is read, under <c>/api/dispatch/</c>.</param>
    public static async Task<Results<Created<TView>, ValidationProblem, ProblemHttpResult>> StartMovementAsync<TCommand, TState, TView>(
        this IDocumentSession session, StreamKind<TState, TView> kind, string idPrefix, string route, string vehicleCode, DateTimeOffset? occurredAt,
        HttpContext http, TimeProvider clock, Func<VehicleToMove, TCommand> command, Func<TCommand, TState?, Decision> decide,
        CancellationToken cancellationToken)
        where TState : class
    {
        var code = vehicleCode.Trim();
        var (vehicle, claimed) = await Availability.LookUpAsync(session, code, cancellationToken);
        var now = clock.GetUtcNow();
        return await session.UnderNewIdAsync(http, idPrefix, (attempt, id) =>
        {
            var move = command(new VehicleToMove(id, code, vehicle, claimed, (occurredAt ?? now).ToUniversalTime(), now));
            return attempt.StartAsync(kind, id, $"/api/dispatch/{route}/{id}", http, current => decide(move, current), alreadyThere: null, cancellationToken);
        });
    }
}
