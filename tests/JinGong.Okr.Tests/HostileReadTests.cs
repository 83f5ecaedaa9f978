using JinGong.Testing;

namespace JinGong.Okr.Tests;

[Collection(OkrService.Collection)]
public sealed class OkrHostileReadTests(OkrService okr) : HostileReadTests(okr, "okr");
