using JinGong.EventSourcing;
using JinGong.Http;
using Marten;

namespace JinGong.Fleet.Vehicles;

/// <summary>Every command on an existing vehicle goes through the one load → decide → append path (<see cref="StreamCommands"/>).</summary>
public static class VehicleCommandHandler
{
    /// <summary>Maps <c>POST /{code}/<paramref name="pattern"/></c> to a command on the vehicle.</summary>
    public static RouteHandlerBuilder MapVehicleCommand<TRequest>(
        this RouteGroupBuilder vehicles,
        string pattern,
        string name,
        Func<TRequest, FieldErrors> validate,
        Func<string, TRequest, DateTimeOffset, DateTimeOffset, VehicleCommand> command)
        where TRequest : ICommandRequest =>
        vehicles.MapStreamCommand<TRequest, Vehicle, VehicleView>($"/{{code}}/{pattern}", name, Vehicles, validate,
            (code, request, occurredAt, now) => vehicle => VehicleDecider.Decide(command(code, request, occurredAt, now), vehicle));

    /// <summary>As above, for a command decided with a record read beside the vehicle (<paramref name="lookUp"/>).</summary>
    public static RouteHandlerBuilder MapVehicleCommand<TRequest, TFound>(
        this RouteGroupBuilder vehicles,
        string pattern,
        string name,
        Func<TRequest, FieldErrors> validate,
        Func<TRequest, IQuerySession, CancellationToken, Task<TFound>> lookUp,
        Func<string, TRequest, TFound, DateTimeOffset, DateTimeOffset, VehicleCommand> command)
        where TRequest : ICommandRequest =>
        vehicles.MapStreamCommand<TRequest, TFound, Vehicle, VehicleView>($"/{{code}}/{pattern}", name, Vehicles, validate, lookUp,
            (code, request, found, occurredAt, now) => vehicle => VehicleDecider.Decide(command(code, request, found, occurredAt, now), vehicle));

    /// <summary>Vehicle streams, as the shared command handling sees them.</summary>
    // A vehicle's own record (its holder, order, history) is its region's; the inventory shows every vehicle's stock facts.
    public static readonly StreamKind<Vehicle, VehicleView> Vehicles =
        new("Vehicle", VehicleDecider.NotFound, Vehicle.Evolve, VehicleView.From, e => ((IVehicleEvent)e).OccurredAt, vehicle => vehicle.Region,
            Spelled: CodeSpelledAsync);

    /// <summary>The code of the vehicle <paramref name="typed"/> names in another case (people type codes as they come).</summary>
    private static async Task<string?> CodeSpelledAsync(IQuerySession session, string typed, CancellationToken cancellationToken) =>
        await session.Query<Vehicle>().Where(vehicle => vehicle.Code.Equals(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(vehicle => vehicle.Code).Select(vehicle => vehicle.Code).FirstOrDefaultAsync(cancellationToken);
}
