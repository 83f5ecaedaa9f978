using JinGong.Testing;

namespace JinGong.Fleet.Tests;

[Collection(FleetService.Collection)]
public sealed class FleetHostileReadTests(FleetService fleet) : HostileReadTests(fleet, "fleet");
