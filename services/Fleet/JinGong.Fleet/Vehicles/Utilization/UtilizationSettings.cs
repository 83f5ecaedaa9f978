using System.Globalization;

namespace JinGong.Fleet.Vehicles.Utilization;

/// <summary>
/// The hours a day a vehicle is scheduled to work (its shift), per region: what operating hours are measured against.
/// </summary>
public sealed record ShiftSchedule(decimal DefaultHours, IReadOnlyDictionary<string, decimal> HoursByRegion)
{
    public decimal HoursIn(string region) => HoursByRegion.TryGetValue(region, out var hours) ? hours : DefaultHours;
}

/// <summary>
/// The utilization settings (configuration <c>Fleet:Utilization</c>): the definition used when a request names none
/// (<c>Definition</c>), and the shift hours per day (<c>DefaultShiftHours</c>, and <c>ShiftHours:{region}</c> where a
/// region works other hours). A setting that names no known definition or an impossible shift stops the service at
/// start rather than answering wrongly.
/// </summary>
public sealed record UtilizationSettings(UtilizationDefinition Definition, ShiftSchedule Shifts)
{
    public const decimal StandardShiftHours = 8m;

    public static UtilizationSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Fleet:Utilization");
        var name = section["Definition"] ?? UtilizationDefinitions.DefaultName;
        var definition = UtilizationDefinitions.Find(name) ?? throw new InvalidOperationException(
            $"Fleet:Utilization:Definition names '{name}', which is none of {string.Join(", ", UtilizationDefinitions.All.Select(d => d.Name))}.");
        var byRegion = section.GetSection("ShiftHours").GetChildren().ToDictionary(region => region.Key, region => Hours($"ShiftHours:{region.Key}", region.Value));
        var fallback = section["DefaultShiftHours"] is { } text ? Hours("DefaultShiftHours", text) : StandardShiftHours;
        return new UtilizationSettings(definition, new ShiftSchedule(fallback, byRegion));
    }

    private static decimal Hours(string key, string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var hours) && hours is > 0 and <= 24
            ? hours
            : throw new InvalidOperationException($"Fleet:Utilization:{key} is '{text}': shift hours run from more than 0 to 24 a day.");
}
