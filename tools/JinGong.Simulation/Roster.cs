namespace JinGong.Simulation;

/// <summary>Someone on the demo company's roster, as OKR imports them.</summary>
public sealed record Person(string Id, string Name, string Team, string Region, string? Manager);

/// <summary>
/// The company's people: executives, a manager per sales region, and staff under them — reps in every region (most of
/// the roster), dispatchers, finance and fleet operations, and the technical, brand and marketing staff who keep the
/// scenario solutions [场景化方案] — with made-up but real-sounding Chinese names.
/// </summary>
public static class Roster
{
    private static readonly string[] Surnames = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo"];
    private static readonly string[] GivenNames = ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Qiang", "Jun", "Yan", "Tao", "Ming", "Chao", "Xia", "Hui", "Peng", "Lan", "Bo", "Hong", "Yu", "Ping", "Gang", "Li", "Hao", "Ting"];

    public const string Management = "management";
    public const string Dispatch = "dispatch";
    public const string Finance = "finance";
    public const string FleetOperations = "fleet-operations";
    public const string Technical = "technical";
    public const string Brand = "brand";
    public const string Marketing = "marketing";

    public static string SalesTeam(string region) => $"sales-{region}";

    /// <summary>
    /// At least sixteen people (ten leads, six staff); beyond the leads one in eight dispatches, one in ten is in finance, one in twelve keeps
    /// the fleet, one in twenty is a technical engineer, one works on the brand and one in marketing, the rest sell. Those
    /// who keep the solutions come last, so that a bigger roster changes nobody drawn before them.
    /// </summary>
    public static IReadOnlyList<Person> Of(CompanyProfile profile)
    {
        var random = new Random(profile.Seed);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var people = new List<Person>();
        var hq = CompanyProfile.Regions[0].Name;

        Person Add(string team, string region, string? manager)
        {
            string id, name;
            do
            {
                var (surname, given) = (Surnames[random.Next(Surnames.Length)], GivenNames[random.Next(GivenNames.Length)]);
                (id, name) = ($"{surname}.{given}".ToLowerInvariant(), $"{surname} {given}");
            }
            while (!taken.Add(id));

            var person = new Person(id, name, team, region, manager);
            people.Add(person);
            return person;
        }

        var ceo = Add(Management, hq, null);
        var salesDirector = Add(Management, hq, ceo.Id);
        var finance = Add(Management, hq, ceo.Id);
        var operations = Add(Management, hq, ceo.Id);
        var managers = CompanyProfile.Regions.Select(region => Add(SalesTeam(region.Name), region.Name, salesDirector.Id)).ToList();

        var staff = Math.Max(6, profile.People - people.Count);
        var dispatchers = Math.Max(1, staff / 8);
        var clerks = Math.Max(1, staff / 10);
        var fleet = Math.Max(1, staff / 12);
        for (var n = 0; n < dispatchers; n++)
        {
            Add(Dispatch, CompanyProfile.Regions[n % CompanyProfile.Regions.Length].Name, operations.Id);
        }

        for (var n = 0; n < clerks; n++)
        {
            Add(Finance, hq, finance.Id);
        }

        for (var n = 0; n < fleet; n++)
        {
            Add(FleetOperations, CompanyProfile.Regions[n % CompanyProfile.Regions.Length].Name, operations.Id);
        }

        var engineers = Math.Max(1, staff / 20);
        for (var n = 0; n < staff - dispatchers - clerks - fleet - engineers - 2; n++)
        {
            var manager = managers[n % managers.Count];
            Add(manager.Team, manager.Region, manager.Id);
        }

        for (var n = 0; n < engineers; n++)
        {
            Add(Technical, hq, operations.Id);
        }

        Add(Brand, hq, salesDirector.Id);
        Add(Marketing, hq, salesDirector.Id);

        return people;
    }
}
