using JinGong.Domain;

namespace JinGong.Dispatch.Catalogue;

/// <summary>What fleet tells dispatch of a vehicle, as a fact to note on dispatch's own record of it.</summary>
public abstract record CatalogueCommand(string VehicleCode);

/// <summary>Fleet registered the vehicle.</summary>
public sealed record EnterCatalogue(VehicleCatalogued Fact) : CatalogueCommand(Fact.VehicleCode);

/// <summary>Fleet changed the vehicle's status.</summary>
public sealed record NoteStatus(VehicleStatusNoted Fact) : CatalogueCommand(Fact.VehicleCode);

/// <summary>
/// The rules of dispatch's catalogue: a vehicle enters it once; a status change counts only once the vehicle is
/// catalogued, and one older than the change already noted arrived late (another queue) and changes nothing.
/// </summary>
public static class CatalogueDecider
{
    public static Decision Decide(CatalogueCommand command, CatalogueVehicle? state) => (command, state) switch
    {
        (EnterCatalogue enter, null) => Decision.Accept(enter.Fact),
        (EnterCatalogue, _) => Decision.Accept(),
        (NoteStatus noted, null) => Decision.Reject(new(
            "vehicle-not-catalogued", $"Vehicle {noted.VehicleCode} changed status before dispatch catalogued it.", ErrorKind.NotFound)),
        (NoteStatus noted, _) when noted.Fact.OccurredAt < state.LastChangedAt => Decision.Accept(),
        (NoteStatus noted, _) => Decision.Accept(noted.Fact),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command on the catalogue."),
    };
}
