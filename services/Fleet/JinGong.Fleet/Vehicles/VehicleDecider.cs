using JinGong.ServiceDefaults;

namespace JinGong.Fleet.Vehicles;

/// <summary>Register a vehicle at production completion; <paramref name="Now"/> is the clock's reading.</summary>
public sealed record RegisterVehicle(
    string Code, string Model, string Category, string Region, string Warehouse, DateTimeOffset OccurredAt, DateTimeOffset Now);

/// <summary>Every rule of a vehicle's life, as a pure function of a command and the current state.</summary>
public static class VehicleDecider
{
    public static Decision Decide(RegisterVehicle command, Vehicle? state) => state switch
    {
        not null => new Decision.Rejected(AlreadyRegistered(command.Code)),
        _ when command.OccurredAt > command.Now => OccurredInFuture(command.OccurredAt, command.Now),
        _ => Accept(new VehicleRegistered(command.Code, command.Model, command.Category, command.Region, command.Warehouse, command.OccurredAt)),
    };

    public static DomainError AlreadyRegistered(string code) =>
        new("vehicle-already-registered", $"Vehicle {code} is already registered.", ErrorKind.Conflict);

    private static Decision Accept(params object[] events) => new Decision.Accepted(events);

    private static Decision Reject(string rule, string detail, ErrorKind kind) => new Decision.Rejected(new DomainError(rule, detail, kind));

    private static Decision OccurredInFuture(DateTimeOffset occurredAt, DateTimeOffset now) =>
        Reject("occurred-in-future", $"occurredAt {occurredAt:O} is later than now ({now:O}).", ErrorKind.Unprocessable);
}

/// <summary>What a command decided: the events to append, or the rule it broke.</summary>
public abstract record Decision
{
    public sealed record Accepted(IReadOnlyList<object> Events) : Decision;

    public sealed record Rejected(DomainError Error) : Decision;
}
