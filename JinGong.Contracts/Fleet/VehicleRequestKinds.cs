namespace JinGong.Contracts.Fleet;

/// <summary>
/// What dispatch asked of a vehicle, in one word (<see cref="VehicleRequestRefused.Request"/>), one per request of
/// <c>JinGong.Contracts.Dispatch</c>. Version 1: a word once published keeps its spelling.
/// </summary>
public static class VehicleRequestKinds
{
    public const string Reserve = "reserve";
    public const string Release = "release";
    public const string Transfer = "transfer";
    public const string Arrive = "arrive";
    public const string Lend = "lend";
    public const string Return = "return";
    public const string Deliver = "deliver";

    public static readonly Vocabulary All = new("VehicleRequestRefused.Request", Reserve, Release, Transfer, Arrive, Lend, Return, Deliver);
}
