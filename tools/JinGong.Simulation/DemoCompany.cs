namespace JinGong.Simulation;

/// <summary>How much of a company's year the system holds already.</summary>
public enum CompanyState
{
    /// <summary>Nothing of it: the year can be played.</summary>
    Absent,

    /// <summary>Its roster or first units, but not its last unit: a play was stopped half-way.</summary>
    Partial,

    /// <summary>Its last unit, registered by the last command of the play.</summary>
    Complete,
}

public static class DemoCompany
{
    /// <summary>
    /// Asks the system (never a file of our own) whether the company is there, so a second start plays nothing twice:
    /// opportunity and order ids are the server's, so a replay could not recognise what it had already sent.
    /// </summary>
    public static async Task<CompanyState> StateAsync(HttpClient client, CompanyProfile profile, CancellationToken cancellationToken)
    {
        var gateway = new GatewayCommands(client);
        if (await gateway.FindAsync($"/api/fleet/vehicles/{profile.VehicleCode(profile.Vehicles - 1)}", cancellationToken) is not null)
        {
            return CompanyState.Complete;
        }

        var started = await gateway.FindAsync($"/api/okr/people/{Roster.Of(profile)[0].Id}", cancellationToken) is not null
            || await gateway.FindAsync($"/api/fleet/vehicles/{profile.VehicleCode(0)}", cancellationToken) is not null;
        return started ? CompanyState.Partial : CompanyState.Absent;
    }
}
