using JinGong.Testing;

namespace JinGong.Fleet.Tests;

[Collection(FleetService.Collection)]
public sealed class FleetApiDocumentTests(FleetService fleet) : ApiDocumentTests(fleet, "fleet");
