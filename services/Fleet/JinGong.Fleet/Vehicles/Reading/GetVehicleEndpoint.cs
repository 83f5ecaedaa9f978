using JinGong.ServiceDefaults;
using JinGong.ServiceDefaults.Http;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JinGong.Fleet.Vehicles.Reading;

public static class GetVehicleEndpoint
{
    public static RouteGroupBuilder MapGetVehicle(this RouteGroupBuilder vehicles)
    {
        vehicles.MapGet("/{code}", GetAsync)
            .WithName("GetVehicle")
            .WithSummary("A vehicle's current state, with its stream version as ETag");
        return vehicles;
    }

    private static async Task<Results<Ok<VehicleView>, ProblemHttpResult>> GetAsync(
        string code, IQuerySession session, HttpResponse response, CancellationToken cancellationToken)
    {
        var state = await session.Events.FetchStreamStateAsync(code, cancellationToken);
        var vehicle = state is null ? null : await session.Events.AggregateStreamAsync<Vehicle>(code, token: cancellationToken);
        if (state is null || vehicle is null)
        {
            return Problems.From(new DomainError("vehicle-not-found", $"No vehicle has the code {code}.", ErrorKind.NotFound));
        }

        response.SetStreamVersion(state.Version);
        return TypedResults.Ok(VehicleView.From(vehicle, state.Version));
    }
}
