namespace JinGong.Contracts.Fleet;

/// <summary>
/// How fleet names the rule a refused request would break (<see cref="VehicleRequestRefused.Rule"/>), for the rules
/// another service also checks before asking. Version 1: a rule's name never changes spelling.
/// </summary>
public static class VehicleRules
{
    /// <summary>"cannot-lend-when-in-transit": what was asked, and the status (one of <see cref="VehicleStatuses"/>) that forbids it.</summary>
    public static string CannotWhen(string action, string status) => $"cannot-{action}-when-{Kebab(VehicleStatuses.All.Require(status))}";

    // "InMaintenance" → "in-maintenance"
    private static string Kebab(string word) =>
        string.Concat(word.Select((letter, i) => char.IsUpper(letter) && i > 0 ? $"-{char.ToLowerInvariant(letter)}" : $"{char.ToLowerInvariant(letter)}"));
}
