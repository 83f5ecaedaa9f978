using JinGong.Testing;

namespace JinGong.Dispatch.Tests;

[Collection(DispatchService.Collection)]
public sealed class DispatchHostileReadTests(DispatchService dispatch) : HostileReadTests(dispatch, "dispatch");
